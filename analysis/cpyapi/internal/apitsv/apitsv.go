// Package apitsv reads the tab-separated tables cpyapi keeps as data and
// derives the generated ones from hpy-api.tsv. The generator and the
// staleness test both call Generate, so a committed file that differs from
// its output is stale by definition.
package apitsv

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
)

// ReadRows parses a table: lines starting with '#' and blank lines are
// comments, the first other line must be exactly header, and every row after
// it has len(header) tab-separated cells. Cells may be empty; a missing or
// extra tab is an error rather than a silently shifted column.
func ReadRows(data []byte, header ...string) ([][]string, error) {
	var rows [][]string
	sawHeader := false
	for i, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSuffix(line, "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		cells := strings.Split(line, "\t")
		if !sawHeader {
			if !slices.Equal(cells, header) {
				return nil, fmt.Errorf("line %d: header %q, want %q", i+1, cells, header)
			}
			sawHeader = true
			continue
		}
		if len(cells) != len(header) {
			return nil, fmt.Errorf("line %d: %d cells, want %d (%s)", i+1, len(cells), len(header), strings.Join(header, ", "))
		}
		rows = append(rows, cells)
	}
	if !sawHeader {
		return nil, fmt.Errorf("no header line %q", header)
	}
	return rows, nil
}

// API is one row of hpy-api.tsv, reduced to what cpyapi needs.
type API struct {
	Name, Kind, CPythonCall string
}

// ParseAPI reads hpy-api.tsv.
func ParseAPI(data []byte) ([]API, error) {
	rows, err := ReadRows(data, "name", "kind", "ctx_index", "cpython_call", "defined_in")
	if err != nil {
		return nil, fmt.Errorf("hpy-api.tsv: %w", err)
	}
	apis := make([]API, len(rows))
	for i, r := range rows {
		apis[i] = API{Name: r[0], Kind: r[1], CPythonCall: r[3]}
	}
	return apis, nil
}

// Equivalence says that CPython name CPython corresponds to HPy name HPy
// (kind Kind in hpy-api.tsv), and by which rule (Via).
type Equivalence struct {
	CPython, HPy, Kind, Via string
}

// How an Equivalence was derived; written to the generated file so a reader
// can tell a backend call from a naming correspondence.
const (
	ViaCall   = "call"   // HPy's CPython backend implements HPy with a call to CPython
	ViaSlot   = "slot"   // slot HPy_X is CPython's slot id Py_X
	ViaHandle = "handle" // context handle ctx->h_X stands for CPython's global X
)

// EquivalentsHeader and NamesHeader are the column names of the generated files.
var (
	EquivalentsHeader = []string{"cpython", "hpy", "hpy_kind", "via"}
	NamesHeader       = []string{"name", "kind"}
)

// renamedSlots are HPy slots whose CPython counterpart has another name. HPy's
// porting guide: "Py_tp_dealloc essentially becomes HPy_tp_destroy".
var renamedSlots = map[string]string{"HPy_tp_destroy": "Py_tp_dealloc"}

// singletonHandles are the context handles for CPython's Py_<X> singletons,
// which are macros rather than PyExc_/Py*_Type globals.
var singletonHandles = []string{"None", "True", "False", "NotImplemented", "Ellipsis"}

// exceptionSuffixes recognise exception handles by their CPython class names
// (BaseException, StopIteration, GeneratorExit, KeyboardInterrupt, ...), so a
// future non-exception handle is left unmapped rather than mapped to a PyExc_
// name that does not exist.
var exceptionSuffixes = []string{"Error", "Exception", "Warning", "Exit", "Iteration", "Interrupt"}

// Equivalents derives every CPython→HPy correspondence that hpy-api.tsv
// implies, sorted by CPython name and then HPy name. Lookups take the first
// row of a CPython name as the default pick, so the sort is the tie-break.
func Equivalents(apis []API) []Equivalence {
	var eqs []Equivalence
	for _, a := range apis {
		// The cpython_call column also holds "-" and the backend's own
		// ctx_* helpers; only CPython API names invert.
		if strings.HasPrefix(a.CPythonCall, "Py") || strings.HasPrefix(a.CPythonCall, "_Py") {
			eqs = append(eqs, Equivalence{a.CPythonCall, a.Name, a.Kind, ViaCall})
		}
		switch a.Kind {
		case "slot":
			if cp, ok := slotTwin(a.Name); ok {
				eqs = append(eqs, Equivalence{cp, a.Name, a.Kind, ViaSlot})
			}
		case "ctx_handle":
			if cp, ok := handleTwin(a.Name); ok {
				eqs = append(eqs, Equivalence{cp, "ctx->" + a.Name, a.Kind, ViaHandle})
			}
		}
	}
	slices.SortFunc(eqs, func(x, y Equivalence) int {
		if c := strings.Compare(x.CPython, y.CPython); c != 0 {
			return c
		}
		return strings.Compare(x.HPy, y.HPy)
	})
	return slices.CompactFunc(eqs, func(x, y Equivalence) bool {
		return x.CPython == y.CPython && x.HPy == y.HPy
	})
}

func slotTwin(name string) (string, bool) {
	if cp, ok := renamedSlots[name]; ok {
		return cp, true
	}
	rest, ok := strings.CutPrefix(name, "HPy_")
	return "Py_" + rest, ok
}

func handleTwin(name string) (string, bool) {
	x, ok := strings.CutPrefix(name, "h_")
	if !ok || x == "" {
		return "", false
	}
	if slices.Contains(singletonHandles, x) {
		return "Py_" + x, true
	}
	if base, ok := strings.CutSuffix(x, "Type"); ok && base != "" {
		return "Py" + base + "_Type", true // h_BaseObjectType → PyBaseObject_Type
	}
	for _, s := range exceptionSuffixes {
		if strings.HasSuffix(x, s) {
			return "PyExc_" + x, true
		}
	}
	return "", false
}

// generatedNote heads both generated files.
const generatedNote = "# Code generated by analysis/cpyapi/internal/gen from hpy-api.tsv; DO NOT EDIT.\n" +
	"# Regenerate with: go generate ./analysis/cpyapi\n"

// Generate renders the two generated tables: the CPython→HPy equivalences
// and every HPy API name with its kind (what IsHPyName knows by name).
func Generate(apis []API) (equivalents, names []byte) {
	var eb, nb bytes.Buffer
	eb.WriteString(generatedNote)
	eb.WriteString(strings.Join(EquivalentsHeader, "\t") + "\n")
	for _, e := range Equivalents(apis) {
		fmt.Fprintf(&eb, "%s\t%s\t%s\t%s\n", e.CPython, e.HPy, e.Kind, e.Via)
	}
	nb.WriteString(generatedNote)
	nb.WriteString(strings.Join(NamesHeader, "\t") + "\n")
	sorted := slices.Clone(apis)
	slices.SortFunc(sorted, func(x, y API) int { return strings.Compare(x.Name, y.Name) })
	for _, a := range sorted {
		fmt.Fprintf(&nb, "%s\t%s\n", a.Name, a.Kind)
	}
	return eb.Bytes(), nb.Bytes()
}
