package cpyapi

import (
	"embed"
	"fmt"
	"strings"
	"sync"

	"github.com/hpyproject/hpylint/analysis/cpyapi/internal/apitsv"
)

//go:embed data/*.tsv
var dataFS embed.FS

type suggestion struct{ hpy, note string }

type tables struct {
	curated    map[string]suggestion
	generated  map[string][]string // CPython name → HPy names, in file order (the default pick first)
	hpyNames   map[string]bool     // hpy_names.tsv and hpy_extra_names.tsv
	handles    map[string]bool     // ctx handle fields (h_None, ...)
	unprefixed map[string]bool
	pythonH    map[string]bool // python_h_macros.tsv
	macros     map[string]bool
	headers    map[string]string // lower-cased header name → scope
	declared   map[string]string // name → versions whose headers declare it ("3.8-3.14")
	numpy      numpyPatterns
}

// The embedded data cannot change at run time, and the tests load every table,
// so a malformed table is a build mistake: panicking on first use is enough.
var loaded = sync.OnceValue(func() *tables {
	t, err := load()
	if err != nil {
		panic("cpyapi: " + err.Error())
	}
	return t
})

func read(file string, header ...string) ([][]string, error) {
	data, err := dataFS.ReadFile("data/" + file)
	if err != nil {
		return nil, err
	}
	rows, err := apitsv.ReadRows(data, header...)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	return rows, nil
}

func load() (*tables, error) {
	t := &tables{
		curated:    map[string]suggestion{},
		generated:  map[string][]string{},
		hpyNames:   map[string]bool{},
		handles:    map[string]bool{},
		unprefixed: map[string]bool{},
		pythonH:    map[string]bool{},
		macros:     map[string]bool{},
		headers:    map[string]string{},
		declared:   map[string]string{},
	}
	rows, err := read("hpy_names.tsv", apitsv.NamesHeader...)
	if err != nil {
		return nil, err
	}
	for _, r := range rows {
		t.hpyNames[r[0]] = true
		if r[1] == "ctx_handle" {
			t.handles[r[0]] = true
		}
	}
	if rows, err = read("hpy_extra_names.tsv", "name", "defined_in"); err != nil {
		return nil, err
	}
	for _, r := range rows {
		t.hpyNames[r[0]] = true
	}
	if rows, err = read("hpy_equivalents.tsv", apitsv.EquivalentsHeader...); err != nil {
		return nil, err
	}
	for _, r := range rows {
		t.generated[r[0]] = append(t.generated[r[0]], r[1])
	}
	if rows, err = read("curated.tsv", "cpython", "hpy", "note"); err != nil {
		return nil, err
	}
	for _, r := range rows {
		if _, dup := t.curated[r[0]]; dup {
			return nil, fmt.Errorf("curated.tsv: %s listed twice", r[0])
		}
		t.curated[r[0]] = suggestion{hpy: r[1], note: r[2]}
	}
	if err := readSet(t.pythonH, "python_h_macros.tsv"); err != nil {
		return nil, err
	}
	if err := readSet(t.unprefixed, "cpython_unprefixed.tsv"); err != nil {
		return nil, err
	}
	if err := readSet(t.macros, "cpython_macros.tsv"); err != nil {
		return nil, err
	}
	if rows, err = read("cpython_headers.tsv", "header", "scope"); err != nil {
		return nil, err
	}
	for _, r := range rows {
		if r[1] != scopeAny && r[1] != scopeCPythonDir {
			return nil, fmt.Errorf("cpython_headers.tsv: %s: unknown scope %q", r[0], r[1])
		}
		t.headers[strings.ToLower(r[0])] = r[1]
	}
	if rows, err = read("cpython_declared.tsv", "name", "kinds", "versions"); err != nil {
		return nil, err
	}
	for _, r := range rows {
		if r[2] == "" {
			return nil, fmt.Errorf("cpython_declared.tsv: %s: no versions", r[0])
		}
		t.declared[r[0]] = r[2]
	}
	if rows, err = read("numpy_api.tsv", "pattern", "what"); err != nil {
		return nil, err
	}
	if t.numpy, err = parseNumPyPatterns(rows); err != nil {
		return nil, fmt.Errorf("numpy_api.tsv: %w", err)
	}
	return t, nil
}

func readSet(set map[string]bool, file string) error {
	rows, err := read(file, "name")
	if err != nil {
		return err
	}
	for _, r := range rows {
		set[r[0]] = true
	}
	return nil
}
