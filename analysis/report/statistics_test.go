package report

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/hpyproject/hpylint/analysis/diag"
)

func TestStatistics(t *testing.T) {
	f := newFixture()
	diags := f.diagnostics()
	extra := diags[0]
	extra.Fixes = nil
	diags = append(diags, diags[0], diags[2], extra) // HPY102 ×3 (2 fixable), HPY405 ×2

	stats := Statistics(diags)
	want := []Statistic{
		{Code: "HPY102", Name: "modinit-name-mismatch", Count: 3, Fixable: 2},
		{Code: "HPY405", Name: "unresolved-extension", Count: 2},
		{Code: "HPY108", Name: "legacy-modinit-form", Count: 1},
		{Code: "HPY201", Name: "cpython-symbol-in-universal", Count: 1},
	}
	if len(stats) != len(want) {
		t.Fatalf("stats = %+v", stats)
	}
	for i := range want {
		if stats[i] != want[i] {
			t.Errorf("stats[%d] = %+v, want %+v", i, stats[i], want[i])
		}
	}

	var buf bytes.Buffer
	StatisticsText(&buf, diags, 3, 3)
	wantText := "3  HPY102  [-] modinit-name-mismatch\n" +
		"2  HPY405      unresolved-extension\n" +
		"1  HPY108      legacy-modinit-form\n" +
		"1  HPY201      cpython-symbol-in-universal\n" +
		Summary(diags, 3, 3) + "\n"
	if buf.String() != wantText {
		t.Errorf("text:\n%s\nwant:\n%s", buf.String(), wantText)
	}

	buf.Reset()
	StatisticsText(&buf, []diag.Diagnostic{diags[0]}, 1, 1)
	if want := "1  HPY102  [*] modinit-name-mismatch\n" + Summary(diags[:1], 1, 1) + "\n"; buf.String() != want {
		t.Errorf("fixable: %q, want %q", buf.String(), want)
	}

	buf.Reset()
	if err := StatisticsJSON(&buf, diags); err != nil {
		t.Fatal(err)
	}
	var back []map[string]any
	if err := json.Unmarshal(buf.Bytes(), &back); err != nil || len(back) != 4 || back[0]["code"] != "HPY102" || back[0]["count"] != 3.0 || back[0]["fixable"] != 2.0 {
		t.Errorf("json: %v %s", err, buf.String())
	}

	buf.Reset()
	StatisticsText(&buf, nil, 2, 2)
	if buf.String() != "All checks passed (2 files analysed).\n" {
		t.Errorf("empty: %q", buf.String())
	}
	buf.Reset()
	StatisticsJSON(&buf, nil)
	if buf.String() != "[]\n" {
		t.Errorf("empty json: %q", buf.String())
	}
}
