package config

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/hpyproject/hpylint/analysis/buildcfg"
	"github.com/hpyproject/hpylint/analysis/diag"
	"github.com/hpyproject/hpylint/analysis/source"
)

const fixtures = "../../testdata/config"

// known stands in for the rule registry the caller passes.
func known(s string) bool {
	switch s {
	case "HPY", "HPY1", "HPY102", "HPY108", "modinit-name-mismatch":
		return true
	}
	return false
}

func load(t testing.TB, dir, file string) (string, []byte) {
	t.Helper()
	p := filepath.Join(fixtures, dir, file)
	c, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return p, c
}

func text(c []byte, s source.Span) string {
	if s.Start < 0 || s.End > len(c) || s.Start > s.End {
		return "<bad span>"
	}
	return string(c[s.Start:s.End])
}

// errorLines returns the messages of err with the fixture directory cut,
// and the text each error's span covers.
func errorLines(t *testing.T, err error, content []byte) (msgs, spans []string) {
	t.Helper()
	if err == nil {
		return nil, nil
	}
	var es Errors
	if !errors.As(err, &es) {
		t.Fatalf("error %v is a %T, want Errors", err, err)
	}
	for _, e := range es {
		msgs = append(msgs, strings.TrimPrefix(e.Error(), fixtures+"/"))
		spans = append(spans, text(content, e.Span))
	}
	if strings.Join(msgs, "\n") != strings.ReplaceAll(err.Error(), fixtures+"/", "") {
		t.Errorf("Errors.Error() does not join the messages: %q", err.Error())
	}
	return msgs, spans
}

func TestFromPyprojectValid(t *testing.T) {
	p, c := load(t, "pyproject-valid", "pyproject.toml")
	cfg, has, err := FromPyproject(p, c, known)
	if err != nil || !has {
		t.Fatalf("has = %v, err = %v", has, err)
	}
	want := &Config{
		Select:   []string{"HPY1", "modinit-name-mismatch"},
		Ignore:   []string{"HPY108"},
		Severity: map[string]diag.Severity{"HPY102": diag.Error, "modinit-name-mismatch": diag.Info},
		Exclude:  []string{"build", "src/gen/**/*.c", "**/tests/", "/vendor"},
		ABI:      buildcfg.ABIHybrid,
		Path:     p,
	}
	spans := cfg.Spans
	cfg.Spans = nil
	if !reflect.DeepEqual(cfg, want) {
		t.Errorf("got  %+v\nwant %+v", cfg, want)
	}
	wantSpans := map[string]string{
		"select":   `["HPY1", "modinit-name-mismatch"]`,
		"ignore":   `["HPY108"]`,
		"severity": `{ HPY102 = "error", modinit-name-mismatch = "Info" }`,
		"exclude":  `["build", "src/gen/**/*.c", "**/tests/", "/vendor"]`,
		"abi":      `"hybrid"`,
	}
	for k, w := range wantSpans {
		if got := text(c, spans[k]); got != w {
			t.Errorf("Spans[%s] = %q, want %q", k, got, w)
		}
	}
}

func TestFromPyprojectAbsent(t *testing.T) {
	p, c := load(t, "pyproject-none", "pyproject.toml")
	cfg, has, err := FromPyproject(p, c, known)
	if cfg != nil || has || err != nil {
		t.Errorf("got %+v, %v, %v", cfg, has, err)
	}
	// A syntax error elsewhere is the pyproject reader's business.
	p, c = load(t, "pyproject-syntax-elsewhere", "pyproject.toml")
	cfg, has, err = FromPyproject(p, c, known)
	if err != nil || !has || cfg.ABI != buildcfg.ABIUniversal {
		t.Errorf("got %+v, %v, %v", cfg, has, err)
	}
}

func TestErrors(t *testing.T) {
	tests := []struct {
		dir, file string
		want      []string
		spans     []string
	}{
		{"pyproject-errors", "pyproject.toml", []string{
			`pyproject-errors/pyproject.toml:5: [tool.hpylint] unknown key "selct" (known: abi, exclude, ignore, select, severity)`,
			`pyproject-errors/pyproject.toml:6: [tool.hpylint] select: unknown rule code or name "HPY999"`,
			`pyproject-errors/pyproject.toml:6: [tool.hpylint] select[2]: expected a string, got an integer`,
			`pyproject-errors/pyproject.toml:7: [tool.hpylint] ignore: expected an array of strings, got a string`,
			`pyproject-errors/pyproject.toml:8: [tool.hpylint] severity.HPY102: unknown severity "fatal" (want error, warning or info)`,
			`pyproject-errors/pyproject.toml:8: [tool.hpylint] severity: unknown rule code or name "HPY777"`,
			`pyproject-errors/pyproject.toml:8: [tool.hpylint] severity.HPY108: expected a string, got an integer`,
			`pyproject-errors/pyproject.toml:9: [tool.hpylint] exclude: bad glob pattern "[unclosed": syntax error in pattern`,
			`pyproject-errors/pyproject.toml:9: [tool.hpylint] exclude: bad glob pattern "": empty pattern`,
			`pyproject-errors/pyproject.toml:10: [tool.hpylint] abi: unknown ABI "universl" (want universal, hybrid or cpython)`,
		}, []string{"selct", `"HPY999"`, "3", `"HPY108"`, `"fatal"`, "HPY777", "2", `"[unclosed"`, `""`, `"universl"`}},
		{"pyproject-syntax", "pyproject.toml", []string{
			`pyproject-syntax/pyproject.toml: invalid TOML at line 2: syntax error at "select = [\"HPY1\""`,
			`pyproject-syntax/pyproject.toml:3: [tool.hpylint] ignore: unknown rule code or name "HPY10"`,
		}, nil},
		{"pyproject-not-table", "pyproject.toml", []string{
			`pyproject-not-table/pyproject.toml:1: tool.hpylint: expected a table, got a string`,
		}, []string{`"all"`}},
		{"pyproject-subtables", "pyproject.toml", []string{
			`pyproject-subtables/pyproject.toml: invalid TOML at line 3: duplicate key "tool.hpylint.severity.HPY102" (first defined at line 2)`,
		}, []string{"HPY102"}},
		{"hpylint-both", "hpylint.toml", []string{
			`hpylint-both/hpylint.toml:4: [tool.hpylint] abi is also set at the top level (line 1)`,
			`hpylint-both/hpylint.toml:7: unknown key "tool.black" (known: abi, exclude, ignore, select, severity, tool.hpylint)`,
		}, []string{"abi", "black"}},
		{"hpylint-errors", "hpylint.toml", []string{
			`hpylint-errors/hpylint.toml:1: select: expected an array of strings, got a string`,
			`hpylint-errors/hpylint.toml:2: severity: expected a table, got an array`,
			`hpylint-errors/hpylint.toml:3: exclude[0]: expected a string, got an integer`,
			`hpylint-errors/hpylint.toml:4: abi: expected a string, got an integer`,
			`hpylint-errors/hpylint.toml:5: tool: expected a table, got an integer`,
		}, []string{`"HPY1"`, `["HPY102"]`, "1", "3", "5"}},
		{"hpylint-syntax", "hpylint.toml", []string{
			`hpylint-syntax/hpylint.toml: invalid TOML at line 2: duplicate key "select" (first defined at line 1)`,
			`hpylint-syntax/hpylint.toml: invalid TOML at line 3: syntax error at "abi ="`,
		}, []string{"select", "abi ="}},
	}
	for _, tt := range tests {
		t.Run(tt.dir, func(t *testing.T) {
			p, c := load(t, tt.dir, tt.file)
			var err error
			if tt.file == "pyproject.toml" {
				var has bool
				_, has, err = FromPyproject(p, c, known)
				if !has {
					t.Error("has = false")
				}
			} else {
				_, err = FromFile(p, c, known)
			}
			msgs, spans := errorLines(t, err, c)
			if !reflect.DeepEqual(msgs, tt.want) {
				t.Errorf("errors:\n got  %q\n want %q", msgs, tt.want)
			}
			if tt.spans != nil && !reflect.DeepEqual(spans, tt.spans) {
				t.Errorf("spans = %q, want %q", spans, tt.spans)
			}
		})
	}
}

func TestPartialConfigOnError(t *testing.T) {
	p, c := load(t, "pyproject-errors", "pyproject.toml")
	cfg, _, err := FromPyproject(p, c, known)
	if err == nil {
		t.Fatal("want an error")
	}
	if !reflect.DeepEqual(cfg.Select, []string{"HPY1"}) || !reflect.DeepEqual(cfg.Exclude, []string{"ok/*.c"}) || len(cfg.Severity) != 0 {
		t.Errorf("valid part = %+v", cfg)
	}
	var one *Error
	if !errors.As(err, &one) || one.Line != 5 || one.Path != p {
		t.Errorf("errors.As(*Error) = %+v", one)
	}
}

func TestFromFile(t *testing.T) {
	p, c := load(t, "hpylint-toplevel", "hpylint.toml")
	cfg, err := FromFile(p, c, known)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(cfg.Select, []string{"HPY"}) || cfg.Severity["HPY108"] != diag.Warning || cfg.ABI != buildcfg.ABICPython || cfg.Path != p {
		t.Errorf("got %+v", cfg)
	}
	if text(c, cfg.Spans["severity"]) != "severity" {
		t.Errorf("severity span = %q", text(c, cfg.Spans["severity"]))
	}

	p, c = load(t, "hpylint-tool-table", "hpylint.toml")
	cfg, err = FromFile(p, c, known)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(cfg.Ignore, []string{"modinit-name-mismatch"}) || !reflect.DeepEqual(cfg.Exclude, []string{"third_party/"}) {
		t.Errorf("got %+v", cfg)
	}

	cfg, err = FromFile("hpylint.toml", nil, known)
	if err != nil || len(cfg.Select) != 0 || cfg.ABI != buildcfg.ABIUnknown {
		t.Errorf("empty file: %+v, %v", cfg, err)
	}
}

func TestFromMap(t *testing.T) {
	cfg, err := FromMap(map[string]any{
		"select":   []any{"HPY1"},
		"ignore":   []string{"HPY108"},
		"severity": map[string]any{"HPY102": "warning"},
		"exclude":  []any{"build/"},
		"abi":      "universal",
		"unset":    nil,
	}, known)
	if err != nil {
		t.Fatal(err)
	}
	want := &Config{Select: []string{"HPY1"}, Ignore: []string{"HPY108"},
		Severity: map[string]diag.Severity{"HPY102": diag.Warning}, Exclude: []string{"build/"}, ABI: buildcfg.ABIUniversal}
	cfg.Spans = nil
	if !reflect.DeepEqual(cfg, want) {
		t.Errorf("got  %+v\nwant %+v", cfg, want)
	}

	cfg, err = FromMap(map[string]any{"hpylint": map[string]any{"abi": "hybrid"}}, known)
	if err != nil || cfg.ABI != buildcfg.ABIHybrid {
		t.Errorf("nested: %+v, %v", cfg, err)
	}

	_, err = FromMap(map[string]any{
		"selct":    []any{"HPY1"},
		"select":   []any{"HPY1", 2.0, "nope"},
		"severity": map[string]any{"HPY102": true, "HPY108": "loud"},
		"exclude":  "build",
		"abi":      []any{},
	}, known)
	msgs, _ := errorLines(t, err, nil)
	wantMsgs := []string{
		`hpylint settings: abi: expected a string, got an array`,
		`hpylint settings: exclude: expected an array of strings, got a string`,
		`hpylint settings: unknown key "selct" (known: abi, exclude, ignore, select, severity)`,
		`hpylint settings: select[1]: expected a string, got a number`,
		`hpylint settings: select: unknown rule code or name "nope"`,
		`hpylint settings: severity.HPY102: expected a string, got a boolean`,
		`hpylint settings: severity.HPY108: unknown severity "loud" (want error, warning or info)`,
	}
	if !reflect.DeepEqual(msgs, wantMsgs) {
		t.Errorf("errors:\n got  %q\n want %q", msgs, wantMsgs)
	}

	// Without a registry every code is accepted.
	if _, err := FromMap(map[string]any{"select": []any{"ANY"}}, nil); err != nil {
		t.Error(err)
	}
	if cfg, err := FromMap(nil, known); err != nil || cfg == nil {
		t.Errorf("nil map: %+v, %v", cfg, err)
	}
}
