package meson

import (
	"github.com/hpyproject/hpylint/analysis/buildcfg"
	"github.com/hpyproject/hpylint/analysis/source"
)

// vkind is the kind of a meson value as far as the reader follows it.
type vkind int

const (
	vUnknown vkind = iota
	vString
	vBool
	vNumber
	vArray
	vFiles   // files(...)
	vIncDirs // include_directories(...)
	vDep     // dependency(), declare_dependency(), py.dependency()
	vPyModule
	vPython // a python installation
	vMeson  // the meson object
	vTarget // a build target or custom target: not a source we read
	vOther  // a known value of no interest (dict, number result...)
)

type value struct {
	kind  vkind
	str   buildcfg.StringValue   // vString, vBool, vNumber
	elems []value                // vArray
	paths []buildcfg.StringValue // vFiles, vIncDirs
	dep   *dep
	// span is the expression the value came from; why says, for vUnknown,
	// what could not be followed.
	span source.Span
	why  string
	// size counts the strings inside, so values that double on every
	// line (x = [x, x]) are cut off before they exhaust memory.
	size int
}

// maxValueSize bounds the strings one value may hold.
const maxValueSize = 10000

// bounded turns a value that grew too large into an unknown one.
func bounded(v value) value {
	if v.size > maxValueSize {
		return unknown(v.span, "a value with more than 10000 elements")
	}
	return v
}

func sizeOf(vs []value) int {
	n := 0
	for _, v := range vs {
		n += max(v.size, 1)
	}
	return n
}

// dep is what a dependency brings to a target.
type dep struct {
	libs     []buildcfg.StringValue // Libraries entries
	defines  []define
	includes []buildcfg.StringValue
	sources  []buildcfg.StringValue
}

// define is a macro definition with the call that made it, for the
// ABISetting text.
type define struct {
	name buildcfg.StringValue
	call string
}

func unknown(span source.Span, why string) value {
	return value{kind: vUnknown, span: span, why: why}
}

func str(v string, span source.Span) value {
	return value{kind: vString, str: buildcfg.StringValue{Value: v, Span: span}, span: span}
}
