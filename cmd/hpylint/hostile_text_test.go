package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/hpyproject/hpylint/analysis/report"
)

// A source named with an ANSI escape sequence: every text format shows
// the name escaped, the data formats keep it exactly, and no control
// character reaches the terminal or the Actions log, standard error
// included.
func TestFileNamedWithAnEscapeSequence(t *testing.T) {
	dir := t.TempDir()
	name := "\x1b[2J\x1b[31mevil.c"
	write(t, dir, "pyproject.toml", "[build-system]\nrequires = [\"setuptools>=64\", \"hpy>=0.9\"]\nbuild-backend = \"setuptools.build_meta\"\n")
	write(t, dir, "setup.py", "from setuptools import setup, Extension\n\nsetup(name=\"evil\", hpy_ext_modules=[Extension(\"evil\", [\""+name+"\", \"gone\x1b[5m.c\"])])\n")
	if err := os.WriteFile(filepath.Join(dir, name), []byte("#include \"hpy.h\"\nstatic HPyModuleDef moduledef = { .doc = \"\x1b[31m\" };\nHPy_MODINIT(wrong, moduledef)\n"), 0o644); err != nil {
		t.Skipf("this file system refuses the name: %v", err)
	}
	for _, args := range [][]string{{}, {"--format", "github"}, {"--statistics"}, {"--format", "json"}, {"--format", "json-lines"}, {"--format", "sarif"}, {"missing\x1b[31m.c"}} {
		stdout, stderr, code := hpylint(t, dir, args...)
		if code == 0 && len(args) == 0 {
			t.Errorf("no finding: %s", stdout)
		}
		for where, out := range map[string]string{"stdout": stdout, "stderr": stderr} {
			if i := strings.IndexFunc(out, func(r rune) bool { return r != '\n' && r != '\t' && (r < 0x20 || r >= 0x7f && r < 0xa0) }); i >= 0 {
				t.Errorf("%v: control character in %s: %q", args, where, out)
			}
		}
		switch {
		case len(args) == 0:
			if !strings.Contains(stdout, `\x1b[2J\x1b[31mevil.c:3:13: HPY102`) || !strings.Contains(stdout, `\x1b[5m.c`) {
				t.Errorf("text report:\n%s", stdout)
			}
		case args[0] == "missing\x1b[31m.c":
			if !strings.Contains(stderr, `missing\x1b[31m.c`) {
				t.Errorf("stderr: %q", stderr)
			}
		case len(args) > 1 && args[1] == "json":
			doc := decode(t, stdout)
			found := false
			for _, d := range doc.Diagnostics {
				found = found || d.Path == name && d.Code == "HPY102"
			}
			if !found {
				t.Errorf("json lost the name: %s", stdout)
			}
		}
	}
}

// A source with Latin-1 bytes in comments is analysed; JSON and SARIF
// count each such byte as one column, and every output is UTF-8.
func TestLatin1SourceInJSONAndSARIF(t *testing.T) {
	dir := testdata("rules", "HPY201", "latin1_comment")
	stdout, stderr, _ := hpylint(t, dir, "--format", "json")
	doc := decode(t, stdout)
	var got []string
	for _, d := range doc.Diagnostics {
		if d.Path == "legacy.c" && d.Code == "HPY201" {
			got = append(got, strings.Join([]string{d.Code, itoa(d.Line), itoa(d.Column), itoa(d.EndColumn)}, ":"))
		}
		if d.Code == "HPY003" {
			t.Errorf("HPY003: %s", d.Message)
		}
	}
	// `    /* été */ return HPy_FromPyObject(ctx, Py_None);`: Py_None at 44.
	if strings.Join(got, " ") != "HPY201:14:44:51" {
		t.Errorf("json HPY201 at %v, want 14:44-51 (stderr %s)", got, stderr)
	}
	stdout, _, _ = hpylint(t, dir, "--format", "sarif")
	if !utf8.ValidString(stdout) {
		t.Error("sarif output is not UTF-8")
	}
	var log report.SARIFLog
	if err := json.Unmarshal([]byte(stdout), &log); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, r := range log.Runs[0].Results {
		loc := r.Locations[0].PhysicalLocation
		if r.RuleID == "HPY201" && strings.HasSuffix(loc.ArtifactLocation.URI, "/legacy.c") {
			found = true
			if loc.Region != (report.SARIFRegion{StartLine: 14, StartColumn: 44, EndLine: 14, EndColumn: 51}) {
				t.Errorf("sarif region %+v", loc.Region)
			}
		}
	}
	if !found {
		t.Errorf("no HPY201 in sarif:\n%s", short(stdout))
	}
	stdout, _, _ = hpylint(t, dir)
	if !utf8.ValidString(stdout) || !strings.Contains(stdout, "14 |     /* \uFFFDt\uFFFD */ return HPy_FromPyObject(ctx, Py_None);") {
		t.Errorf("text report:\n%s", stdout)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }
