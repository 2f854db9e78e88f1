package audit

import (
	"regexp"
	"strings"
)

// Kind is what a file name says about who loads the binary.
type Kind int

const (
	// Other: no interpreter loads it by this name (libfoo.dylib, a PyPy
	// or GraalPy name, a tag hpylint does not know).
	Other Kind = iota
	// Universal: X.hpy0.so (and HPy 0.0.x's untagged X.hpy.so), loaded
	// by hpy.universal on every interpreter.
	Universal
	// Hybrid: X.hpy0-cp311.so, loaded by hpy.universal on one interpreter.
	Hybrid
	// CPython: a name with one of CPython's own extension suffixes (X.so,
	// X.abi3.so, X.cpython-311-x86_64-linux-gnu.so, X.pyd,
	// X.cp311-win_amd64.pyd), which CPython's import system finds.
	CPython
)

// Name is a binary's file name, read the way the import systems read it.
type Name struct {
	Base string // the file name
	// Module is the name up to the first dot: the module CPython and
	// hpy.universal import from the file (hpy.devel's stub passes the
	// same).
	Module string
	Kind   Kind
	// Ext is the platform suffix without its dot: so, pyd or dylib.
	Ext string
	// ABITag is the HPy tag of universal and hybrid names ("hpy0"; "hpy"
	// for HPy 0.0.x).
	ABITag string
	// Interp is the interpreter tag of hybrid names ("cp311",
	// "pypy39-pp73") and of version-specific CPython names ("cp311").
	Interp string
}

var (
	hpyTag     = regexp.MustCompile(`^(hpy[0-9]*)$`)
	hybridTag  = regexp.MustCompile(`^(hpy[0-9]+)-(.+)$`)
	cpythonTag = regexp.MustCompile(`^cpython-([0-9]+)[a-z]*(-.+)?$`) // .cpython-311-x86_64-linux-gnu.so, .cpython-311-darwin.so
	windowsTag = regexp.MustCompile(`^cp([0-9]+)[a-z]*-.+$`)          // .cp311-win_amd64.pyd
)

// libraryExts are the suffixes of the shared libraries audit reads.
var libraryExts = []string{"so", "pyd", "dylib"}

// IsLibraryName reports whether a file name ends like a shared library
// the audit reads.
func IsLibraryName(base string) bool {
	for _, ext := range libraryExts {
		if strings.HasSuffix(base, "."+ext) && len(base) > len(ext)+1 {
			return true
		}
	}
	return false
}

// ParseName reads a binary's file name. A name that does not end in .so,
// .pyd or .dylib is Other, with Module still set.
func ParseName(base string) Name {
	n := Name{Base: base, Kind: Other}
	rest := base
	for _, ext := range libraryExts {
		if r, ok := strings.CutSuffix(base, "."+ext); ok && r != "" {
			n.Ext, rest = ext, r
			break
		}
	}
	module, middle, tagged := strings.Cut(rest, ".")
	n.Module = module
	if n.Ext == "" || module == "" {
		return n
	}
	switch {
	case !tagged:
		// CPython finds X.so and X.pyd; X.dylib is not among its suffixes.
		if n.Ext != "dylib" {
			n.Kind = CPython
		}
	case hpyTag.MatchString(middle):
		n.Kind, n.ABITag = Universal, middle
	case hybridTag.MatchString(middle):
		m := hybridTag.FindStringSubmatch(middle)
		n.Kind, n.ABITag, n.Interp = Hybrid, m[1], m[2]
	case n.Ext == "so" && middle == "abi3":
		n.Kind = CPython
	case n.Ext == "so" && cpythonTag.MatchString(middle):
		n.Kind, n.Interp = CPython, "cp"+cpythonTag.FindStringSubmatch(middle)[1]
	case n.Ext == "pyd" && windowsTag.MatchString(middle):
		n.Kind, n.Interp = CPython, "cp"+windowsTag.FindStringSubmatch(middle)[1]
	}
	return n
}

// ForCPython reports whether a hybrid name is tagged for CPython (cp311),
// not for PyPy or GraalPy.
func (n Name) ForCPython() bool {
	return strings.HasPrefix(n.Interp, "cp")
}

// Legacy reports whether the name is HPy 0.0.x's untagged X.hpy.so.
func (n Name) Legacy() bool { return n.Kind == Universal && n.ABITag == "hpy" }

// ShimTarget is the file hpylint's CPython entrypoint hands to
// hpy.universal when CPython loads it from a file of this (CPython) name:
// the stem, the ABI tag, and the name's last suffix (as the shim's
// hpyshim_binary_path builds it).
func (n Name) ShimTarget(abiTag string) string {
	return n.Module + "." + abiTag + "." + n.Ext
}

// CPythonName is the name to give a copy of a universal binary so that
// CPython finds it: X.abi3.so, or X.pyd on Windows.
func (n Name) CPythonName() string {
	if n.Ext == "pyd" {
		return n.Module + ".pyd"
	}
	return n.Module + ".abi3.so"
}
