package shim

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func TestHeaderIsDeterministic(t *testing.T) {
	a := Header()
	b := Header()
	if !bytes.Equal(a, b) {
		t.Fatal("two calls of Header() differ")
	}
	a[0] = 'X'
	if c := Header(); c[0] != '/' {
		t.Fatal("Header() returned its internal buffer: a caller's edit leaked into the next call")
	}
}

func TestHeaderContent(t *testing.T) {
	h := string(Header())
	if first, _, _ := strings.Cut(h, "\n"); first != "/* "+GeneratedMarker {
		t.Errorf("first line %q, want the marker comment opening with %q", first, GeneratedMarker)
	}
	if strings.Contains(h, "@{") || strings.Contains(h, "}@") {
		t.Error("template delimiters left in the header")
	}
	if want := fmt.Sprintf("#define HPY_CPYTHON_ENTRYPOINT_VERSION %d\n", Version); !strings.Contains(h, want) {
		t.Errorf("header lacks %q: the C version macro and the Go Version disagree", strings.TrimSpace(want))
	}
	if regexp.MustCompile(`(?m)^\s*#\s*include\s*[<"]Python\.h`).MatchString(h) {
		t.Error("header includes Python.h: a universal binary must not depend on CPython's headers")
	}
	if !strings.Contains(h, `HPYSHIM_ABI_TAG ".`+abiTag+`"`) {
		t.Errorf("header lacks the fallback ABI tag .%s", abiTag)
	}
}

func TestUseLines(t *testing.T) {
	got := UseLines("pof")
	want := "#include \"hpy_cpython_entrypoint.h\"\nHPY_CPYTHON_ENTRYPOINT(pof)\n"
	if got != want {
		t.Errorf("UseLines(pof) = %q, want %q", got, want)
	}
}

func TestReadMarkerOnGeneratedHeader(t *testing.T) {
	m, ok := ReadMarker(Header())
	if !ok {
		t.Fatal("no marker found in the generated header")
	}
	if m.Version != Version || !m.HashOK || len(m.Hash) != 64 || !m.Current() {
		t.Errorf("marker %+v: want version %d, a 64-digit hash that matches, Current", m, Version)
	}
}

func TestReadMarkerDetectsEdits(t *testing.T) {
	h := Header()
	body := bytes.Index(h, []byte("#define HPY_CPYTHON_ENTRYPOINT_VERSION"))
	if body < 0 {
		t.Fatal("version macro not found")
	}
	cases := map[string][]byte{
		"body edited":                      replaceOnce(h, "#define HPYSHIM_MOD_CREATE 1", "#define HPYSHIM_MOD_CREATE 2"),
		"line appended":                    append(bytes.Clone(h), "int extra;\n"...),
		"hash line removed":                regexp.MustCompile(`(?m)^ \* sha256: [0-9a-f]+\n`).ReplaceAll(bytes.Clone(h), nil),
		"hash line changed":                regexp.MustCompile(`sha256: [0-9a-f]`).ReplaceAll(bytes.Clone(h), []byte("sha256: x")),
		"comment line added in the middle": replaceOnce(h, "#define HPYSHIM_MOD_CREATE 1", "/* mine */\n#define HPYSHIM_MOD_CREATE 1"),
		"blank line added in the middle":   replaceOnce(h, "#define HPYSHIM_MOD_CREATE 1", "\n#define HPYSHIM_MOD_CREATE 1"),
		"last line changed":                replaceOnce(h, "#endif /* HPY_CPYTHON_ENTRYPOINT_H */", "#endif"),
		"last line changed, no newline":    bytes.TrimSuffix(replaceOnce(h, "#endif /* HPY_CPYTHON_ENTRYPOINT_H */", "#endif"), []byte("\n")),
		"comment appended after blanks":    append(bytes.Clone(h), "\n\n/* mine */\n"...),
	}
	for name, content := range cases {
		t.Run(name, func(t *testing.T) {
			if bytes.Equal(content, h) {
				t.Fatal("the edit did not change anything")
			}
			m, ok := ReadMarker(content)
			if !ok {
				t.Fatal("marker not found")
			}
			if m.HashOK || m.Current() {
				t.Errorf("edited copy reported unedited: %+v", m)
			}
			if m.Version != Version {
				t.Errorf("version %d, want %d", m.Version, Version)
			}
		})
	}
}

func TestReadMarkerToleratesWhatIsNotAnEdit(t *testing.T) {
	h := Header()
	cases := map[string][]byte{
		"CRLF line endings":      bytes.ReplaceAll(h, []byte("\n"), []byte("\r\n")),
		"marker prose reworded":  replaceOnce(h, "Generated: do not edit.", "Generated; please do not edit."),
		"blank line before file": append([]byte("\n\n"), h...),
	}
	for name, content := range withEndings(h) {
		cases[name] = content
	}
	for name, content := range cases {
		t.Run(name, func(t *testing.T) {
			m, ok := ReadMarker(content)
			if !ok || !m.Current() {
				t.Errorf("ReadMarker = %+v, %v; want the current, unedited marker", m, ok)
			}
		})
	}
}

// withEndings are copies of a header as editors and formatters leave it
// without touching the C: the final newline stripped, blank lines added at
// the end (Neovim writes a file created by a code action with one more),
// in LF and CRLF.
func withEndings(h []byte) map[string][]byte {
	crlf := bytes.ReplaceAll(h, []byte("\n"), []byte("\r\n"))
	return map[string][]byte{
		"final newline stripped":         bytes.TrimSuffix(h, []byte("\n")),
		"newline added at the end":       append(bytes.Clone(h), '\n'),
		"blank lines added at the end":   append(bytes.Clone(h), "\n \n\t\n\n"...),
		"blank line without newline":     append(bytes.Clone(h), "\n  "...),
		"CRLF, final newline stripped":   bytes.TrimSuffix(crlf, []byte("\r\n")),
		"CRLF, newline added at the end": append(bytes.Clone(crlf), "\r\n"...),
	}
}

func TestIsCurrent(t *testing.T) {
	h := Header()
	if !IsCurrent(h) {
		t.Fatal("the generated header is not current")
	}
	for name, content := range withEndings(h) {
		if !IsCurrent(content) {
			t.Errorf("%s: not recognised as the current header", name)
		}
	}
	old, err := os.ReadFile(filepath.Join(fixtures, "hpy_cpython_entrypoint_v0.h"))
	if err != nil {
		t.Fatal(err)
	}
	for name, content := range map[string][]byte{
		"empty":                  nil,
		"older version":          old,
		"comment line added":     replaceOnce(h, "#define HPYSHIM_MOD_CREATE 1", "/* mine */\n#define HPYSHIM_MOD_CREATE 1"),
		"last line changed":      replaceOnce(h, "#endif /* HPY_CPYTHON_ENTRYPOINT_H */", "#endif"),
		"line appended":          append(bytes.Clone(h), "int extra;\n"...),
		"blank line before file": append([]byte("\n"), h...), // current, but ReadMarker's to judge
	} {
		if IsCurrent(content) {
			t.Errorf("%s: taken for the current header byte for byte", name)
		}
	}
}

// An older header keeps its version whatever its end of file looks like:
// stale, not edited, so that --fix still regenerates it.
func TestReadMarkerOlderVersionWithOtherEndings(t *testing.T) {
	old, err := os.ReadFile(filepath.Join(fixtures, "hpy_cpython_entrypoint_v0.h"))
	if err != nil {
		t.Fatal(err)
	}
	for name, content := range withEndings(old) {
		if m, ok := ReadMarker(content); !ok || m.Version != 0 || !m.HashOK {
			t.Errorf("%s: ReadMarker = %+v, %v; want version 0 with its hash matching", name, m, ok)
		}
	}
}

func TestReadMarkerOlderAndNewerVersions(t *testing.T) {
	old, err := os.ReadFile(filepath.Join(fixtures, "hpy_cpython_entrypoint_v0.h"))
	if err != nil {
		t.Fatal(err)
	}
	m, ok := ReadMarker(old)
	if !ok || m.Version != 0 || !m.HashOK || m.Current() {
		t.Errorf("older header: ReadMarker = %+v, %v; want version 0, hash OK, not current", m, ok)
	}

	newer := regexp.MustCompile(`(?m)^ \* version: \d+$`).ReplaceAll(Header(), []byte(" * version: 42"))
	m, ok = ReadMarker(newer)
	if !ok || m.Version != 42 || !m.HashOK || m.Current() {
		t.Errorf("newer header: ReadMarker = %+v, %v; want version 42, hash OK, not current", m, ok)
	}
}

func TestReadMarkerIgnoresOtherFiles(t *testing.T) {
	cases := map[string]string{
		"empty":                  "",
		"plain C":                "int x;\n",
		"other first comment":    "/* my own shim */\n/* " + GeneratedMarker + " */\nint x;\n",
		"marker in a string":     "const char *s = \"/* " + GeneratedMarker + " */\";\n",
		"code before the marker": "int x;\n/* " + GeneratedMarker + "\n * version: 1\n */\n",
		"line comment":           "// hpylint is great\n",
	}
	for name, content := range cases {
		t.Run(name, func(t *testing.T) {
			if m, ok := ReadMarker([]byte(content)); ok {
				t.Errorf("ReadMarker found a marker %+v in a file hpylint did not generate", m)
			}
		})
	}
}

func replaceOnce(b []byte, old, new string) []byte {
	return bytes.Replace(bytes.Clone(b), []byte(old), []byte(new), 1)
}
