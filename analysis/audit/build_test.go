package audit

import (
	"archive/zip"
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hpyproject/hpylint/analysis/diag"
	"github.com/hpyproject/hpylint/analysis/shim"
	"github.com/hpyproject/hpylint/analysis/testenv"
)

// The binaries of these tests are real shared libraries built by gcc from
// tiny C files that define the symbols HPy's macros would: no HPy headers
// are needed to make the symbol tables the audit reads.

// hpyModule defines what HPy_MODINIT(m, def) defines in universal mode,
// exported as HPy_EXPORTED_SYMBOL does (visible under -fvisibility=hidden).
func hpyModule(m string) string {
	return fmt.Sprintf(`
#define EXPORTED __attribute__((visibility("default")))
typedef struct { int size; } HPyModuleDef_%[1]s;
static HPyModuleDef_%[1]s moduledef_%[1]s;
static void *ctx_%[1]s;
EXPORTED unsigned int get_required_hpy_major_version_%[1]s(void) { return 0; }
EXPORTED unsigned int get_required_hpy_minor_version_%[1]s(void) { return 0; }
EXPORTED void HPyInitGlobalContext_%[1]s(void *ctx) { ctx_%[1]s = ctx; }
EXPORTED HPyModuleDef_%[1]s *HPyInit_%[1]s(void) { return &moduledef_%[1]s; }
#undef EXPORTED
`, m)
}

// pyRef references CPython's PyLong_FromLong, as a universal build that
// slipped Python.h in does.
const pyRef = `
extern void *PyLong_FromLong(long);
void *hpy_helper_long(void) { return PyLong_FromLong(42); }
`

// withShim expands hpylint's CPython entrypoint for m (the header is
// written beside the source by build).
func withShim(m string) string {
	return fmt.Sprintf("#include %q\nHPY_CPYTHON_ENTRYPOINT(%s)\n", shim.HeaderName, m)
}

// marker is the string hpylint's shim leaves in a binary, written by
// hand: the tests of the marker's handling do not depend on the header's
// version.
func marker(version int, m string) string {
	return fmt.Sprintf("static const char hpylint_marker_%s[] __attribute__((used)) = \"hpylint-cpython-entrypoint:version=%d module=%s\";\n", m, version, m)
}

// pyInit is a PyInit_ with no CPython reference, as hpylint's shim
// exports.
func pyInit(m string) string {
	return fmt.Sprintf("void *PyInit_%s(void) { return 0; }\n", m)
}

// build compiles src into dir/name with gcc -shared -fPIC and returns the
// path.
func build(t *testing.T, dir, name, src string, flags ...string) string {
	t.Helper()
	return buildSources(t, dir, name, []string{src}, flags...)
}

// buildSources is build with one translation unit per source.
func buildSources(t *testing.T, dir, name string, srcs []string, flags ...string) string {
	t.Helper()
	gcc := testenv.Tool(t, "gcc")
	work := t.TempDir()
	if err := os.WriteFile(filepath.Join(work, shim.HeaderName), shim.Header(), 0o644); err != nil {
		t.Fatal(err)
	}
	var cs []string
	for i, src := range srcs {
		c := filepath.Join(work, fmt.Sprintf("m%d.c", i))
		if err := os.WriteFile(c, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		cs = append(cs, c)
	}
	out := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		t.Fatal(err)
	}
	args := append(append([]string{"-shared", "-fPIC", "-DHPY_ABI_UNIVERSAL", "-I", work, "-o", out}, cs...), flags...)
	if b, err := exec.Command(gcc, args...).CombinedOutput(); err != nil {
		t.Fatalf("gcc %s: %v\n%s", strings.Join(args, " "), err, b)
	}
	return out
}

func writeFile(t testing.TB, p string, data []byte) string {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func readAll(t *testing.T, p string) []byte {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// audit runs the audit on paths relative to dir.
func audit(t *testing.T, dir string, paths ...string) *Result {
	t.Helper()
	res, errs := Run(paths, Options{Cwd: dir})
	for _, e := range errs {
		t.Errorf("error: %v", e)
	}
	for _, d := range res.Diagnostics {
		t.Logf("%s: %s [%s] %s", d.Location.Path, d.Code, d.Severity, d.Message)
	}
	return res
}

// codes lists the findings as "path CODE".
func codes(ds []diag.Diagnostic) []string {
	out := []string{}
	for _, d := range ds {
		out = append(out, d.Location.Path+" "+d.Code)
	}
	return out
}

func find(ds []diag.Diagnostic, code string) []diag.Diagnostic {
	var out []diag.Diagnostic
	for _, d := range ds {
		if d.Code == code {
			out = append(out, d)
		}
	}
	return out
}

// wheelMember is one file of a test wheel.
type wheelMember struct {
	name string
	data []byte
}

// makeWheel writes a wheel as pip expects it: the members, a
// <dist>-<version>.dist-info with METADATA, WHEEL (its Tag lines from the
// file name) and a RECORD listing every file with its hash.
func makeWheel(t testing.TB, path string, members ...wheelMember) string {
	t.Helper()
	base := strings.TrimSuffix(filepath.Base(path), ".whl")
	parts := strings.Split(base, "-")
	info := parts[0] + "-" + parts[1] + ".dist-info/"
	var tags strings.Builder
	for _, tag := range wheelTags(filepath.Base(path)) {
		fmt.Fprintf(&tags, "Tag: %s-%s-%s\n", tag[0], tag[1], tag[2])
	}
	members = append(members,
		wheelMember{info + "METADATA", []byte("Metadata-Version: 2.1\nName: " + parts[0] + "\nVersion: " + parts[1] + "\n")},
		wheelMember{info + "WHEEL", []byte("Wheel-Version: 1.0\nGenerator: hpylint-test\nRoot-Is-Purelib: false\n" + tags.String())})
	var record bytes.Buffer
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, m := range members {
		w, err := zw.Create(m.name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(m.data)
		fmt.Fprintf(&record, "%s,sha256=%s,%d\n", m.name, recordHash(m.data), len(m.data))
	}
	fmt.Fprintf(&record, "%sRECORD,,\n", info)
	w, _ := zw.Create(info + "RECORD")
	w.Write(record.Bytes())
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return writeFile(t, path, buf.Bytes())
}

func fmtInt(n int) string { return fmt.Sprint(n) }
