package report

import (
	"bufio"
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

func TestJSONLines(t *testing.T) {
	f := newFixture()
	diags := f.diagnostics()
	var buf bytes.Buffer
	if err := JSONLines(&buf, diags, f.lines); err != nil {
		t.Fatal(err)
	}
	want := ToJSON(diags, 0, f.lines).Diagnostics
	sc := bufio.NewScanner(&buf)
	var got []JSONDiagnostic
	for sc.Scan() {
		line := sc.Text()
		var d JSONDiagnostic
		if err := json.Unmarshal([]byte(line), &d); err != nil {
			t.Fatalf("line %d is not a JSON object: %v\n%s", len(got)+1, err, line)
		}
		// The same keys as the JSON contract, nothing else.
		var raw map[string]any
		json.Unmarshal([]byte(line), &raw)
		var keys []string
		for k := range raw {
			keys = append(keys, k)
		}
		want := 10 // and "related", optional, when there are related locations
		if _, ok := raw["related"]; ok {
			want++
		}
		if len(keys) != want {
			t.Errorf("line %d has keys %v", len(got)+1, keys)
		}
		got = append(got, d)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("json-lines:\n%+v\nwant\n%+v", got, want)
	}
	if got[1].Message != "100% legacy\r\nsecond line, with: punctuation" || got[0].Column != 23 {
		t.Errorf("values: %+v", got[:2])
	}

	buf.Reset()
	if err := JSONLines(&buf, nil, f.lines); err != nil || buf.Len() != 0 {
		t.Errorf("no diagnostics: %q, %v", buf.String(), err)
	}
	if strings.Count(buf.String(), "\n") != 0 {
		t.Error("blank line for no diagnostics")
	}
}
