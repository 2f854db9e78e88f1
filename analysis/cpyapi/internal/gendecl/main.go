// Command gendecl writes data/cpython_declared.tsv from CPython header trees.
//
// Usage, from analysis/cpyapi:
//
//	go run ./internal/gendecl -out data/cpython_declared.tsv 3.8=DIR 3.9=DIR ...
//
// Each DIR is a CPython include directory: an installed one
// (PREFIX/include/python3.X) or a checkout's Include/. A label given more
// than once merges the trees (two patch releases of one minor version). Only
// the table is committed, never a header.
//
// The committed table was generated from these trees:
//
//	3.8  CPython 3.8.18   pyenv install, include/python3.8
//	3.9  CPython 3.9.18   pyenv install, include/python3.9
//	3.10 CPython 3.10.13  pyenv install, include/python3.10
//	3.11 CPython 3.11.2   Debian 12's libpython3.11-dev, /usr/include/python3.11
//	     CPython 3.11.7   pyenv install, include/python3.11 (the local python3)
//	3.12 CPython 3.12.1   pyenv install, include/python3.12
//	3.13 CPython 3.13.0   pyenv install, include/python3.13
//	3.14 CPython 3.14.7   Include/ of the source release, imported whole in
//	                      github.com/tcchen2026/cpython-3.14 at commit
//	                      0edaa75d86fbd8907f132ae567e4df8d31691849
//
// The number of headers read from each is in the table's comment. Names a
// header only builds by token pasting (3.12+'s PyFunction_EVENT_CREATE, ...
// from PY_FOREACH_FUNC_EVENT) are not listed: no header spells them out.
package main

import (
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/hpyproject/hpylint/analysis/cpyapi/internal/declgen"
)

func main() {
	out := flag.String("out", "data/cpython_declared.tsv", "the table to write")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: gendecl [-out FILE] MAJOR.MINOR=INCLUDE_DIR ...")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() == 0 {
		flag.Usage()
		os.Exit(2)
	}
	if err := run(*out, flag.Args()); err != nil {
		fmt.Fprintln(os.Stderr, "gendecl:", err)
		os.Exit(1)
	}
}

func run(out string, args []string) error {
	var vs []declgen.Version
	index := map[string]int{}
	for _, a := range args {
		label, dir, ok := strings.Cut(a, "=")
		if !ok {
			return fmt.Errorf("%q: want MAJOR.MINOR=INCLUDE_DIR", a)
		}
		tree, err := declgen.ScanTree(dir)
		if err != nil {
			return err
		}
		if !strings.HasPrefix(tree.Release, label+".") {
			return fmt.Errorf("%s holds CPython %s, not %s", dir, tree.Release, label)
		}
		if i, ok := index[label]; ok {
			vs[i].Trees = append(vs[i].Trees, tree)
			continue
		}
		index[label] = len(vs)
		vs = append(vs, declgen.Version{Label: label, Trees: []*declgen.Tree{tree}})
	}
	data, err := declgen.Table(vs)
	if err != nil {
		return err
	}
	return os.WriteFile(out, data, 0o644)
}
