package report

import (
	"bytes"
	"encoding/json"
	"testing"
)

// Related locations are in the JSON contract as the optional "related" key,
// with a diagnostic's range keys and a message; absent when there are none.
func TestJSONRelated(t *testing.T) {
	f := newFixture()
	var buf bytes.Buffer
	if err := JSON(&buf, f.diagnostics(), 3, f.lines); err != nil {
		t.Fatal(err)
	}
	var raw struct {
		Version     int              `json:"version"`
		Diagnostics []map[string]any `json:"diagnostics"`
	}
	if err := json.Unmarshal(buf.Bytes(), &raw); err != nil {
		t.Fatal(err)
	}
	if raw.Version != 1 {
		t.Errorf("version %d", raw.Version)
	}
	rel, ok := raw.Diagnostics[0]["related"].([]any)
	if !ok || len(rel) != 1 {
		t.Fatalf("related of the first diagnostic: %v", raw.Diagnostics[0]["related"])
	}
	want := map[string]any{"path": "setup.py", "line": 2.0, "column": 34.0, "end_line": 2.0, "end_column": 44.0, "message": "the extension is declared here"}
	got := rel[0].(map[string]any)
	if len(got) != len(want) {
		t.Errorf("related keys: %v", got)
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("related %s = %v, want %v", k, got[k], v)
		}
	}
	if _, ok := raw.Diagnostics[1]["related"]; ok {
		t.Errorf("a diagnostic without related locations has the key: %v", raw.Diagnostics[1])
	}
}
