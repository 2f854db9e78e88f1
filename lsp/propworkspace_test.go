package lsp

import (
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"go.lsp.dev/protocol"
)

// The property test's workspace and edit model: a generated project of a
// few HPy extensions, and random edits aimed at what each kind of rule
// reads (function bodies, CPython references, init functions, includes,
// calls across files, the build config), plus plain typing noise.

// propWorkspace is the text of every file as the client knows it: disk
// holds what is saved, buf the open buffers (which may differ from disk).
type propWorkspace struct {
	root    string
	exts    int
	disk    map[string]string // relative path -> content
	buf     map[string]string // open buffers, relative path -> content
	version map[string]int32  // open buffers' versions
	serial  int               // makes inserted names unique
}

// text is what the file is for the analysis: the buffer when open.
func (w *propWorkspace) text(rel string) string {
	if b, ok := w.buf[rel]; ok {
		return b
	}
	return w.disk[rel]
}

func (w *propWorkspace) paths() []string {
	out := make([]string, 0, len(w.disk))
	for p := range w.disk {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}

func (w *propWorkspace) sources() []string {
	var out []string
	for _, p := range w.paths() {
		if strings.HasSuffix(p, ".c") {
			out = append(out, p)
		}
	}
	return out
}

func (w *propWorkspace) cFiles() []string {
	var out []string
	for _, p := range w.paths() {
		if strings.HasSuffix(p, ".c") || strings.HasSuffix(p, ".h") {
			out = append(out, p)
		}
	}
	return out
}

// genWorkspace writes a project to root, deterministic from rng: 2-3
// extensions, each of 2-4 sources with a header of its own and, for some
// sources, a header shared by all extensions.
func genWorkspace(rng *rand.Rand, root string) (*propWorkspace, error) {
	w := &propWorkspace{root: root, exts: 2 + rng.Intn(2), disk: map[string]string{}, buf: map[string]string{}, version: map[string]int32{}}
	nsrc := make([]int, w.exts)
	for e := range nsrc {
		nsrc[e] = 2 + rng.Intn(3)
	}
	var setup strings.Builder
	setup.WriteString("from setuptools import setup, Extension\n\nsetup(\n    name=\"propws\",\n    hpy_ext_modules=[\n")
	for e := 0; e < w.exts; e++ {
		var srcs []string
		for j := 0; j < nsrc[e]; j++ {
			srcs = append(srcs, fmt.Sprintf("%q", fmt.Sprintf("ext%d/src%d.c", e, j)))
		}
		fmt.Fprintf(&setup, "        Extension(\"propws._ext%d\", sources=[%s]),\n", e, strings.Join(srcs, ", "))
	}
	setup.WriteString("    ],\n")
	if rng.Intn(2) == 0 {
		setup.WriteString("    hpy_abi=\"universal\",\n")
	}
	setup.WriteString(")\n")
	w.disk["setup.py"] = setup.String()
	w.disk["pyproject.toml"] = "[build-system]\nrequires = [\"setuptools>=64\", \"hpy>=0.9\"]\nbuild-backend = \"setuptools.build_meta\"\n"

	shared := "#ifndef SHARED_H\n#define SHARED_H\n#define SHARED_LIMIT 10\nint shared_count(int x);\n"
	if rng.Intn(2) == 0 {
		shared += "#include <Python.h>\nstatic inline void shared_keep(PyObject *o) { Py_INCREF(o); }\n"
	}
	w.disk["include/shared.h"] = shared + "#endif\n"

	for e := 0; e < w.exts; e++ {
		funcs := make([][]string, nsrc[e])
		for j := range funcs {
			for k := 0; k < 1+rng.Intn(3); k++ {
				funcs[j] = append(funcs[j], fmt.Sprintf("f_%d_%d_%d", e, j, k))
			}
		}
		var hdr strings.Builder
		fmt.Fprintf(&hdr, "#ifndef EXT%d_H\n#define EXT%d_H\n#include \"hpy.h\"\n", e, e)
		for j := range funcs {
			fmt.Fprintf(&hdr, "int helper_%d_%d(int x);\n", e, j)
			for _, fn := range funcs[j] {
				fmt.Fprintf(&hdr, "extern HPyDef %s;\n", fn)
			}
		}
		hdr.WriteString("#endif\n")
		w.disk[fmt.Sprintf("ext%d/ext%d.h", e, e)] = hdr.String()

		for j := range funcs {
			var src strings.Builder
			fmt.Fprintf(&src, "#include \"hpy.h\"\n#include \"ext%d.h\"\n", e)
			if rng.Intn(2) == 0 {
				src.WriteString("#include \"../include/shared.h\"\n")
			}
			fmt.Fprintf(&src, "\nint helper_%d_%d(int x)\n{\n    return x + %d;\n}\n", e, j, j+1)
			for _, fn := range funcs[j] {
				fmt.Fprintf(&src, "\nHPyDef_METH(%s, %q, HPyFunc_NOARGS)\nstatic HPy %s_impl(HPyContext *ctx, HPy self)\n{\n", fn, fn, fn)
				fmt.Fprintf(&src, "    int v = helper_%d_%d(1);\n", e, rng.Intn(nsrc[e]))
				if rng.Intn(4) == 0 {
					src.WriteString("    PyObject *o = PyLong_FromLong(v);\n    Py_INCREF(o);\n")
				}
				src.WriteString("    return HPyLong_FromLong(ctx, v);\n}\n")
			}
			if j == 0 {
				var defs []string
				for _, fs := range funcs {
					for _, fn := range fs {
						defs = append(defs, "&"+fn)
					}
				}
				fmt.Fprintf(&src, "\nstatic HPyDef *module_defines[] = { %s, NULL };\n", strings.Join(defs, ", "))
				fmt.Fprintf(&src, "static HPyModuleDef moduledef = { .defines = module_defines };\nHPy_MODINIT(_ext%d, moduledef)\n", e)
			}
			w.disk[fmt.Sprintf("ext%d/src%d.c", e, j)] = src.String()
		}
	}
	for rel, content := range w.disk {
		abs := filepath.Join(root, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(abs), 0o755); err != nil {
			return nil, err
		}
		if err := os.WriteFile(abs, []byte(content), 0o644); err != nil {
			return nil, err
		}
	}
	return w, nil
}

// propEdit is one step of the client: a text replacement in a file (sent
// as a ranged didChange when open, else written to disk and reported as a
// watched-file change), or opening or closing a buffer.
type propEdit struct {
	kind       string // "edit", "open", "close"
	path       string
	start, end int // byte offsets of the replaced range
	text       string
	what       string // the edit model's name for it, for failure reports

	// What the client sends, fixed when the model applies the edit (a
	// burst applies several before sending any).
	sent     string         // the text opened, or the file's new content on disk
	buffer   bool           // an edit of an open buffer: a ranged didChange
	lspRange protocol.Range // the replaced range in the buffer before the edit
	version  int32          // the buffer's version after the edit
}

func (e propEdit) String() string {
	if e.kind != "edit" {
		return fmt.Sprintf("%s %s", e.kind, e.path)
	}
	return fmt.Sprintf("%s: %s [%d,%d) <- %q", e.what, e.path, e.start, e.end, e.text)
}

// nextEdit draws an edit that applies to the current texts.
func (w *propWorkspace) nextEdit(rng *rand.Rand) propEdit {
	for {
		kinds := []func(*rand.Rand) (propEdit, bool){
			w.editEnter, w.editEnter, w.editType, w.editDeleteRange,
			w.editBodyLine, w.editBodyLine, w.editDeleteLine, w.editCPythonRef, w.editCPythonRef,
			w.editModinit, w.editInclude, w.editCall, w.editNewMethod, w.editHeader, w.editSetup,
			w.editConfig, w.editOpenClose,
		}
		if e, ok := kinds[rng.Intn(len(kinds))](rng); ok {
			return e
		}
	}
}

func (w *propWorkspace) name() int { w.serial++; return w.serial }

func pick(rng *rand.Rand, xs []string) string { return xs[rng.Intn(len(xs))] }

func insertAt(path string, at int, text, what string) propEdit {
	return propEdit{kind: "edit", path: path, start: at, end: at, text: text, what: what}
}

// lineStarts are the offsets where the lines of s begin.
func lineStarts(s string) []int {
	out := []int{0}
	for i := 0; i < len(s); i++ {
		if s[i] == '\n' {
			out = append(out, i+1)
		}
	}
	return out
}

// bodyStarts are the offsets just after the opening brace line of each
// function body.
func bodyStarts(s string) []int {
	var out []int
	for i := 0; ; {
		j := strings.Index(s[i:], "\n{\n")
		if j < 0 {
			return out
		}
		i += j + 3
		out = append(out, i)
	}
}

func (w *propWorkspace) editEnter(rng *rand.Rand) (propEdit, bool) {
	p := pick(rng, w.paths())
	ls := lineStarts(w.text(p))
	return insertAt(p, ls[rng.Intn(len(ls))], "\n", "enter"), true
}

func (w *propWorkspace) editType(rng *rand.Rand) (propEdit, bool) {
	p := pick(rng, w.cFiles())
	s := w.text(p)
	return insertAt(p, rng.Intn(len(s)+1), pick(rng, []string{"x", ";", "}", "{", "(", ")", "Py", "HPy", " ", "#", "/*", "\""}), "type"), true
}

func (w *propWorkspace) editDeleteRange(rng *rand.Rand) (propEdit, bool) {
	p := pick(rng, w.cFiles())
	s := w.text(p)
	if len(s) == 0 {
		return propEdit{}, false
	}
	start := rng.Intn(len(s))
	end := min(len(s), start+1+rng.Intn(40))
	return propEdit{kind: "edit", path: p, start: start, end: end, what: "delete range"}, true
}

func (w *propWorkspace) editBodyLine(rng *rand.Rand) (propEdit, bool) {
	p := pick(rng, w.sources())
	bs := bodyStarts(w.text(p))
	if len(bs) == 0 {
		return propEdit{}, false
	}
	n := w.name()
	return insertAt(p, bs[rng.Intn(len(bs))], fmt.Sprintf("    int tmp_%d = %d;\n", n, n), "body line"), true
}

// editDeleteLine deletes an indented line: a statement of a body, as a
// rule's evidence often is.
func (w *propWorkspace) editDeleteLine(rng *rand.Rand) (propEdit, bool) {
	p := pick(rng, w.sources())
	s := w.text(p)
	var cands []int
	for _, at := range lineStarts(s) {
		if strings.HasPrefix(s[at:], "    ") {
			cands = append(cands, at)
		}
	}
	if len(cands) == 0 {
		return propEdit{}, false
	}
	at := cands[rng.Intn(len(cands))]
	end := strings.IndexByte(s[at:], '\n')
	if end < 0 {
		end = len(s) - at
	} else {
		end++
	}
	return propEdit{kind: "edit", path: p, start: at, end: at + end, what: "delete body line"}, true
}

func (w *propWorkspace) editCPythonRef(rng *rand.Rand) (propEdit, bool) {
	p := pick(rng, w.sources())
	bs := bodyStarts(w.text(p))
	if len(bs) == 0 {
		return propEdit{}, false
	}
	n := w.name()
	line := pick(rng, []string{
		fmt.Sprintf("    PyObject *ref_%d = NULL;\n", n),
		"    Py_INCREF(Py_None);\n",
		"    PyErr_SetString(PyExc_ValueError, \"x\");\n",
		"    Py_DECREF(Py_None);\n",
	})
	return insertAt(p, bs[rng.Intn(len(bs))], line, "CPython reference"), true
}

// editModinit deletes or renames an init function, or adds one (in a
// source that has none: a duplicate when its extension has one).
func (w *propWorkspace) editModinit(rng *rand.Rand) (propEdit, bool) {
	p := pick(rng, w.sources())
	s := w.text(p)
	ext := strings.SplitN(p, "/", 2)[0]
	i := strings.Index(s, "HPy_MODINIT(")
	if i < 0 {
		return insertAt(p, len(s), fmt.Sprintf("HPy_MODINIT(_%s, moduledef)\n", ext), "add HPy_MODINIT"), true
	}
	if rng.Intn(2) == 0 {
		end := strings.IndexByte(s[i:], '\n')
		if end < 0 {
			end = len(s) - i
		} else {
			end++
		}
		return propEdit{kind: "edit", path: p, start: i, end: i + end, what: "delete HPy_MODINIT"}, true
	}
	arg := i + len("HPy_MODINIT(")
	comma := strings.IndexByte(s[arg:], ',')
	if comma < 0 {
		return propEdit{}, false
	}
	name := pick(rng, []string{"_" + ext, fmt.Sprintf("_renamed%d", w.name())})
	return propEdit{kind: "edit", path: p, start: arg, end: arg + comma, text: name, what: "rename HPy_MODINIT"}, true
}

func (w *propWorkspace) editInclude(rng *rand.Rand) (propEdit, bool) {
	p := pick(rng, w.cFiles())
	s := w.text(p)
	if rng.Intn(2) == 0 {
		inc := pick(rng, []string{"#include <Python.h>\n", "#include \"../include/shared.h\"\n", "#include \"hpy.h\"\n", "#include \"ext0.h\"\n"})
		return insertAt(p, 0, inc, "add #include"), true
	}
	var cands []int
	for _, at := range lineStarts(s) {
		if strings.HasPrefix(s[at:], "#include") {
			cands = append(cands, at)
		}
	}
	if len(cands) == 0 {
		return propEdit{}, false
	}
	at := cands[rng.Intn(len(cands))]
	end := strings.IndexByte(s[at:], '\n') + 1
	if end == 0 {
		end = len(s) - at
	}
	return propEdit{kind: "edit", path: p, start: at, end: at + end, what: "remove #include"}, true
}

// editCall adds a call to a helper of another source, of any extension.
func (w *propWorkspace) editCall(rng *rand.Rand) (propEdit, bool) {
	srcs := w.sources()
	p, q := pick(rng, srcs), pick(rng, srcs)
	bs := bodyStarts(w.text(p))
	if len(bs) == 0 {
		return propEdit{}, false
	}
	var e, j int
	if _, err := fmt.Sscanf(q, "ext%d/src%d.c", &e, &j); err != nil {
		return propEdit{}, false
	}
	return insertAt(p, bs[rng.Intn(len(bs))], fmt.Sprintf("    helper_%d_%d(2);\n", e, j), "add call"), true
}

// editNewMethod appends a method definition, sometimes reusing a name
// (a duplicate HPyDef).
func (w *propWorkspace) editNewMethod(rng *rand.Rand) (propEdit, bool) {
	p := pick(rng, w.sources())
	s := w.text(p)
	fn := fmt.Sprintf("g_%d", w.name())
	if rng.Intn(3) == 0 {
		fn = "f_0_0_0"
	}
	body := fmt.Sprintf("\nHPyDef_METH(%s, %q, HPyFunc_NOARGS)\nstatic HPy %s_impl(HPyContext *ctx, HPy self)\n{\n    return HPy_Dup(ctx, ctx->h_None);\n}\n", fn, fn, fn)
	return insertAt(p, len(s), body, "new method"), true
}

func (w *propWorkspace) editHeader(rng *rand.Rand) (propEdit, bool) {
	var hs []string
	for _, p := range w.cFiles() {
		if strings.HasSuffix(p, ".h") {
			hs = append(hs, p)
		}
	}
	p := pick(rng, hs)
	s := w.text(p)
	at := strings.LastIndex(s, "#endif")
	if at < 0 {
		at = len(s)
	}
	n := w.name()
	line := pick(rng, []string{
		fmt.Sprintf("void decl_%d(PyObject *o);\n", n),
		fmt.Sprintf("int decl_%d(int x);\n", n),
		"#include <Python.h>\n",
		fmt.Sprintf("#define HDR_%d(o) Py_INCREF(o)\n", n),
	})
	return insertAt(p, at, line, "header line"), true
}

// editSetup drops a source from an extension, or toggles the ABI.
func (w *propWorkspace) editSetup(rng *rand.Rand) (propEdit, bool) {
	s := w.text("setup.py")
	if rng.Intn(2) == 0 {
		if i := strings.Index(s, "    hpy_abi=\"universal\",\n"); i >= 0 {
			return propEdit{kind: "edit", path: "setup.py", start: i, end: i + len("    hpy_abi=\"universal\",\n"), what: "drop hpy_abi"}, true
		}
		if i := strings.Index(s, "    ],\n"); i >= 0 {
			return insertAt("setup.py", i+len("    ],\n"), "    hpy_abi=\"universal\",\n", "set hpy_abi"), true
		}
		return propEdit{}, false
	}
	var cands []int
	for i := 0; ; {
		j := strings.Index(s[i:], ", \"ext")
		if j < 0 {
			break
		}
		cands = append(cands, i+j)
		i += j + 1
	}
	if len(cands) == 0 {
		return propEdit{}, false
	}
	at := cands[rng.Intn(len(cands))]
	end := strings.IndexByte(s[at+3:], '"')
	if end < 0 {
		return propEdit{}, false
	}
	return propEdit{kind: "edit", path: "setup.py", start: at, end: at + 3 + end + 1, what: "drop a source"}, true
}

// editConfig sets or drops a [tool.hpylint] setting in pyproject.toml:
// the ABI, or rules turned off, which change every file's findings.
func (w *propWorkspace) editConfig(rng *rand.Rand) (propEdit, bool) {
	const path = "pyproject.toml"
	s := w.text(path)
	if i := strings.Index(s, "[tool.hpylint]\n"); i >= 0 {
		return propEdit{kind: "edit", path: path, start: i, end: len(s), what: "drop [tool.hpylint]"}, true
	}
	setting := pick(rng, []string{"abi = \"cpython\"\n", "abi = \"universal\"\n", "ignore = [\"HPY201\"]\n", "select = [\"HPY1\"]\n"})
	return insertAt(path, len(s), "[tool.hpylint]\n"+setting, "set [tool.hpylint]"), true
}

func (w *propWorkspace) editOpenClose(rng *rand.Rand) (propEdit, bool) {
	p := pick(rng, append(w.cFiles(), "setup.py", "pyproject.toml"))
	if _, open := w.buf[p]; open {
		return propEdit{kind: "close", path: p}, true
	}
	return propEdit{kind: "open", path: p}, true
}
