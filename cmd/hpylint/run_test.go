package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hpyproject/hpylint/analysis/report"
	"github.com/hpyproject/hpylint/analysis/rules"
)

// hpylint runs the command in dir, as a user would in a terminal.
func hpylint(t *testing.T, dir string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	t.Chdir(dir)
	var out, errOut bytes.Buffer
	code = run(args, &out, &errOut)
	return out.String(), errOut.String(), code
}

// testdataRoot is resolved once, before any test changes directory.
var testdataRoot, _ = filepath.Abs(filepath.Join("..", "..", "testdata"))

func testdata(parts ...string) string {
	return filepath.Join(append([]string{testdataRoot}, parts...)...)
}

func decode(t *testing.T, s string) report.JSONDocument {
	t.Helper()
	var doc report.JSONDocument
	if err := json.Unmarshal([]byte(s), &doc); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, s)
	}
	return doc
}

func codesAt(doc report.JSONDocument) []string {
	var out []string
	for _, d := range doc.Diagnostics {
		out = append(out, fmt.Sprintf("%s:%d:%d %s", d.Path, d.Line, d.Column, d.Code))
	}
	return out
}

// The project a new user tries first: two HPy extensions, one with a
// mismatched HPy_MODINIT, one with a missing source, and a pyproject.toml
// without hpy in its build requirements. Nothing pins the ABI, so hpy.devel
// builds them cpython on CPython and HPY105 (the CPython entrypoint of a
// universal binary) does not apply.
func TestNewUserProject(t *testing.T) {
	stdout, stderr, code := hpylint(t, testdata("cli", "newuser"), "--format", "json")
	if code != 1 {
		t.Errorf("exit code %d, want 1 (stderr: %s)", code, stderr)
	}
	doc := decode(t, stdout)
	want := []string{
		"pyproject.toml:2:12 HPY401",
		"setup.py:9:40 HPY403",
		"src/vectors.c:16:13 HPY102",
	}
	if got := codesAt(doc); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if doc.Version != 1 || doc.Summary.Diagnostics != 3 || doc.Summary.Files != 4 {
		t.Errorf("version/summary = %d %+v", doc.Version, doc.Summary)
	}
	if len(doc.Diagnostics) != 3 {
		t.FailNow()
	}
	d := doc.Diagnostics[2]
	if d.Name != "modinit-name-mismatch" || d.Severity != "error" || d.EndLine != 16 || d.EndColumn != 20 {
		t.Errorf("HPY102 = %+v", d)
	}
	if len(d.Fixes) != 1 || d.Fixes[0].Edits[0].NewText != "_vectors" || d.Fixes[0].Edits[0].Path != "src/vectors.c" {
		t.Errorf("HPY102 fix = %+v", d.Fixes)
	}
	fix := doc.Diagnostics[0].Fixes[0].Edits[0]
	if fix.Path != "pyproject.toml" || fix.NewText != `, "hpy"` || fix.Line != 2 || fix.Column != 38 {
		t.Errorf("HPY401 fix = %+v", fix)
	}
}

// The JSON keys are a public contract: check them by name, not through the
// Go struct that produces them.
func TestJSONContractKeys(t *testing.T) {
	stdout, _, _ := hpylint(t, testdata("cli", "newuser"), "--format=json")
	var raw map[string]any
	if err := json.Unmarshal([]byte(stdout), &raw); err != nil {
		t.Fatal(err)
	}
	d := raw["diagnostics"].([]any)[2].(map[string]any)
	for _, k := range []string{"code", "name", "severity", "path", "line", "column", "end_line", "end_column", "message", "fixes"} {
		if _, ok := d[k]; !ok {
			t.Errorf("diagnostic lacks %q", k)
		}
	}
	edit := d["fixes"].([]any)[0].(map[string]any)["edits"].([]any)[0].(map[string]any)
	for _, k := range []string{"path", "line", "column", "end_line", "end_column", "new_text"} {
		if _, ok := edit[k]; !ok {
			t.Errorf("edit lacks %q", k)
		}
	}
	summary := raw["summary"].(map[string]any)
	if summary["files"] == nil || summary["diagnostics"] == nil || raw["version"].(float64) != 1 {
		t.Errorf("summary/version = %v %v", summary, raw["version"])
	}
}

// "related" is an optional key of a diagnostic (version 1 still): a list of
// places, each with the range keys of a diagnostic and a message. A finding
// without related locations has no such key.
func TestJSONContractRelated(t *testing.T) {
	stdout, _, _ := hpylint(t, testdata("rules", "HPY209", "interpreter_dependent"), "--format=json")
	var raw map[string]any
	if err := json.Unmarshal([]byte(stdout), &raw); err != nil {
		t.Fatal(err)
	}
	if raw["version"].(float64) != 1 {
		t.Errorf("version = %v", raw["version"])
	}
	withRelated, without := 0, 0
	for _, v := range raw["diagnostics"].([]any) {
		d := v.(map[string]any)
		if d["code"] == "HPY201" || d["code"] == "HPY202" || d["code"] == "HPY203" {
			t.Errorf("%v at %v:%v: the places HPY209 counts are not findings of their own in a report", d["code"], d["path"], d["line"])
		}
		rel, ok := d["related"]
		if !ok {
			without++
			continue
		}
		withRelated++
		if d["code"] != "HPY209" {
			continue
		}
		list := rel.([]any)
		if len(list) != 5 {
			t.Errorf("HPY209 has %d related locations, want 5", len(list))
		}
		for _, r := range list {
			for _, k := range []string{"path", "line", "column", "end_line", "end_column", "message"} {
				if _, ok := r.(map[string]any)[k]; !ok {
					t.Errorf("related location lacks %q: %v", k, r)
				}
			}
		}
	}
	if withRelated != 1 {
		t.Errorf("%d diagnostics with related, want exactly the HPY209", withRelated)
	}
	// Findings without related locations have no key at all.
	stdout, _, _ = hpylint(t, testdata("cli", "newuser"), "--format=json")
	raw = nil
	if err := json.Unmarshal([]byte(stdout), &raw); err != nil {
		t.Fatal(err)
	}
	for _, v := range raw["diagnostics"].([]any) {
		if _, ok := v.(map[string]any)["related"]; !ok {
			without++
		}
	}
	if without == 0 {
		t.Errorf("no diagnostic without the related key in the newuser project")
	}
}

func TestTextFormat(t *testing.T) {
	stdout, _, code := hpylint(t, testdata("cli", "newuser"), "src/vectors.c")
	if code != 1 {
		t.Errorf("exit %d", code)
	}
	want := "src/vectors.c:16:13: HPY102 [error] [*] HPy_MODINIT name \"vectors\" does not match extension \"geometry._vectors\""
	if !strings.Contains(stdout, want) {
		t.Errorf("text output lacks %q:\n%s", want, stdout)
	}
	if !strings.Contains(stdout, "16 | HPy_MODINIT(vectors, moduledef)\n   |             ^^^^^^^\n") {
		t.Errorf("no excerpt with caret:\n%s", stdout)
	}
	if !strings.Contains(stdout, "Found ") || !strings.Contains(stdout, "analysed.") {
		t.Errorf("no summary line:\n%s", stdout)
	}
}

func TestSelectAndIgnore(t *testing.T) {
	dir := testdata("cli", "newuser")
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"--select", "HPY102"}, "HPY102"},
		{[]string{"--select", "HPY4"}, "HPY401 HPY403"},
		{[]string{"--select=missing-source,HPY102"}, "HPY403 HPY102"},
		{[]string{"--ignore", "HPY4"}, "HPY102"},
		{[]string{"--ignore", "modinit-name-mismatch", "--ignore", "HPY401,HPY105"}, "HPY403"},
		{[]string{"--select", "HPY1", "--ignore", "HPY102"}, ""},
		{[]string{"--select", "HPY1", "--ignore", "HPY102,missing-cpython-entrypoint"}, ""},
	}
	for _, c := range cases {
		stdout, stderr, _ := hpylint(t, dir, append(c.args, "--format", "json")...)
		var codes []string
		for _, d := range decode(t, stdout).Diagnostics {
			codes = append(codes, d.Code)
		}
		if got := strings.Join(codes, " "); got != c.want {
			t.Errorf("%v: got %q, want %q (stderr %s)", c.args, got, c.want, stderr)
		}
	}
	if _, stderr, code := hpylint(t, dir, "--select", "HPY999"); code != 2 || !strings.Contains(stderr, `"HPY999"`) {
		t.Errorf("unknown selector: exit %d, %s", code, stderr)
	}
}

func TestExitCodes(t *testing.T) {
	dir := testdata("rules", "HPY108", "legacy") // one warning, nothing else
	cases := []struct {
		args []string
		code int
	}{
		{nil, 1},
		{[]string{"--fail-on", "error"}, 0},
		{[]string{"--fail-on", "info"}, 1},
		{[]string{"--exit-zero"}, 0},
		{[]string{"--fail-on", "fatal"}, 2},
		{[]string{"--format", "xml"}, 2},
		{[]string{"--no-such-flag"}, 2},
		{[]string{"--config", "x.toml", "--no-config"}, 2},
	}
	for _, c := range cases {
		if _, stderr, code := hpylint(t, dir, c.args...); code != c.code {
			t.Errorf("%v: exit %d, want %d (stderr %s)", c.args, code, c.code, stderr)
		}
	}
	if _, _, code := hpylint(t, testdata("rules", "HPY102", "ok_dashed_name")); code != 0 {
		t.Errorf("clean project: exit %d", code)
	}
}

func TestExplainAndListRules(t *testing.T) {
	for _, arg := range []string{"HPY102", "hpy102", "modinit-name-mismatch"} {
		stdout, _, code := hpylint(t, ".", "--explain", arg)
		if code != 0 || !strings.HasPrefix(stdout, "HPY102 modinit-name-mismatch (error by default)") ||
			!strings.Contains(stdout, "## Why it matters") || !strings.Contains(stdout, "## How to fix it") {
			t.Errorf("--explain %s: exit %d\n%s", arg, code, stdout)
		}
	}
	if _, stderr, code := hpylint(t, ".", "--explain", "HPY999"); code != 2 || !strings.Contains(stderr, "unknown rule") {
		t.Errorf("--explain HPY999: exit %d, %s", code, stderr)
	}
	for _, arg := range []string{"", " "} {
		// Empty, it must not read as no --explain at all and lint ".".
		if stdout, stderr, code := hpylint(t, t.TempDir(), "--explain", arg); code != 2 || !strings.Contains(stderr, "--explain needs a rule") || stdout != "" {
			t.Errorf("--explain %q: exit %d, stdout %q, stderr %q", arg, code, stdout, stderr)
		}
	}
	if _, stderr, code := hpylint(t, t.TempDir(), "--explain="); code != 2 {
		t.Errorf("--explain=: exit %d, %s", code, stderr)
	}
	stdout, _, code := hpylint(t, ".", "--list-rules")
	if code != 0 {
		t.Errorf("--list-rules exit %d", code)
	}
	for _, r := range rules.All() {
		if !strings.Contains(stdout, r.Code) || !strings.Contains(stdout, r.Name) {
			t.Errorf("--list-rules lacks %s %s", r.Code, r.Name)
		}
	}
}

// Configuration: discovery from pyproject.toml, an explicit --config,
// --no-config, and errors that name the key and the file.
func TestConfiguration(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "setup.py", "from setuptools import setup, Extension\nsetup(setup_requires=['hpy'], hpy_ext_modules=[Extension('pkg.m', ['m.c'])])\n")
	write(t, dir, "m.c", "#include \"hpy.h\"\nstatic HPyModuleDef d = {0};\nHPy_MODINIT(m)\n") // HPY108 (warning)
	write(t, dir, "pyproject.toml", "[tool.hpylint]\nseverity = {HPY108 = \"info\"}\n")
	stdout, _, code := hpylint(t, dir, "--format", "json")
	if doc := decode(t, stdout); code != 0 || len(doc.Diagnostics) != 1 || doc.Diagnostics[0].Severity != "info" {
		t.Errorf("severity override: exit %d, %s", code, stdout)
	}
	if _, _, code := hpylint(t, dir, "--no-config"); code != 1 {
		t.Errorf("--no-config should restore the warning: exit %d", code)
	}
	write(t, dir, "strict.toml", "ignore = [\"HPY108\"]\n")
	if stdout, _, code := hpylint(t, dir, "--config", "strict.toml", "--format", "json"); code != 0 || len(decode(t, stdout).Diagnostics) != 0 {
		t.Errorf("--config strict.toml: exit %d, %s", code, stdout)
	}
	write(t, dir, "pyproject.toml", "[tool.hpylint]\nselct = [\"HPY1\"]\n")
	_, stderr, code := hpylint(t, dir)
	if code != 2 || !strings.Contains(stderr, "pyproject.toml:2") || !strings.Contains(stderr, `"selct"`) {
		t.Errorf("bad key: exit %d, stderr %q", code, stderr)
	}
	write(t, dir, "pyproject.toml", "[tool.hpylint]\nselect = [\"HPY777\"]\n")
	if _, stderr, code := hpylint(t, dir); code != 2 || !strings.Contains(stderr, "HPY777") {
		t.Errorf("unknown code: exit %d, stderr %q", code, stderr)
	}
	write(t, dir, "pyproject.toml", "[tool.hpylint]\nexclude = [\"m.c\"]\n")
	if stdout, _, code := hpylint(t, dir, "--format", "json"); code != 0 || len(decode(t, stdout).Diagnostics) != 0 {
		t.Errorf("exclude: exit %d, %s", code, stdout)
	}
}

// Broken input never stops the run: each problem gets a message and the
// rest is analysed (here: the HPY102 in good.c is still found).
func TestBrokenInputDoesNotStopTheRun(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "pyproject.toml", "[build-system\nrequires = [\"hpy\"\n")
	write(t, dir, "setup.py", "from setuptools import setup, Extension\nsetup(hpy_ext_modules=[Extension('pkg.good', ['good.c', 'cut.c'])])\nif True\n    print('a syntax error')\n")
	write(t, dir, "good.c", "#include \"hpy.h\"\nstatic HPyModuleDef d = {0};\nHPy_MODINIT(bad_name, d)\n")
	write(t, dir, "cut.c", "#include \"hpy.h\"\nstatic HPy f(HPyContext *ctx, HPy")
	write(t, dir, "blob.c", "\x7fELF\x00\x01\x02")
	noise := filepath.Join(dir, "docs", "generated")
	if err := os.MkdirAll(noise, 0o755); err != nil {
		t.Fatal(err)
	}
	for i := range 10000 {
		write(t, noise, fmt.Sprintf("page%05d.txt", i), "irrelevant\n")
	}
	stdout, stderr, code := hpylint(t, dir, "--format", "json", "--", ".", "missing-dir")
	if code != 2 || !strings.Contains(stderr, "missing-dir: no such file or directory") {
		t.Errorf("a missing path is a usage error: exit %d, %s", code, stderr)
	}
	got := strings.Join(codesAt(decode(t, stdout)), "\n")
	for _, want := range []string{"blob.c:1:1 HPY003", "cut.c:2:", "good.c:3:13 HPY102", "pyproject.toml:1:", "setup.py:3:"} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in:\n%s", want, got)
		}
	}
}

func TestOutputIsDeterministic(t *testing.T) {
	first, _, _ := hpylint(t, testdata("rules"), "--format", "json")
	for range 3 {
		if again, _, _ := hpylint(t, testdata("rules"), "--format", "json"); again != first {
			t.Fatal("output differs between runs")
		}
	}
}

func write(t *testing.T, dir, name, content string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}
