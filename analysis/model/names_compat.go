package model

import (
	"bytes"
	"strings"
)

// A project's compatibility shims for CPython's own API are not the
// project's names: numpy's `#if PY_VERSION_HEX < 0x03050200` then `#define
// Py_SETREF ...`, its Python 2 branch `#define PyBytes_Check
// PyString_Check`, a fallback `#ifndef Py_RETURN_NONE` then `#define
// Py_RETURN_NONE ...`. Whatever such a definition says, the name stays
// CPython's: on the Python the extension is built for it is CPython's.

// shimRegion is a span of a file compiled only on some Python versions,
// or only when name is not already defined.
type shimRegion struct {
	start, end int
	// ifndef is the macro a `#ifndef X` / `#if !defined(X)` tests, "" for
	// a region on the Python version.
	ifndef string
}

// shimRegions reads the preprocessor conditionals of src.
func shimRegions(src []byte) []shimRegion {
	type open struct {
		start   int
		version bool
		ifndef  string
	}
	var stack []open
	var out []shimRegion
	for off := 0; off < len(src); {
		lineEnd := bytes.IndexByte(src[off:], '\n')
		if lineEnd < 0 {
			lineEnd = len(src)
		} else {
			lineEnd += off
		}
		line := bytes.TrimLeft(src[off:lineEnd], " \t")
		// A directive continued with backslashes ends at its last line.
		for lineEnd < len(src) && bytes.HasSuffix(bytes.TrimRight(src[off:lineEnd], "\r"), []byte("\\")) {
			next := bytes.IndexByte(src[lineEnd+1:], '\n')
			if next < 0 {
				lineEnd = len(src)
			} else {
				lineEnd += 1 + next
			}
			line = bytes.TrimLeft(src[off:lineEnd], " \t")
		}
		if len(line) > 0 && line[0] == '#' {
			word, rest := directiveWord(line[1:])
			switch word {
			case "if", "ifdef", "ifndef":
				o := open{start: lineEnd, version: mentionsPythonVersion(rest)}
				if word == "ifndef" {
					o.ifndef = firstWord(rest)
				} else if r := strings.TrimSpace(rest); word == "if" && strings.HasPrefix(r, "!defined") {
					o.ifndef = strings.Trim(firstWord(strings.TrimPrefix(r, "!defined")), "() ")
				}
				stack = append(stack, o)
			case "elif":
				if n := len(stack); n > 0 && mentionsPythonVersion(rest) {
					stack[n-1].version = true
				}
			case "endif":
				if n := len(stack); n > 0 {
					o := stack[n-1]
					stack = stack[:n-1]
					if o.version {
						out = append(out, shimRegion{start: o.start, end: off})
					}
					if o.ifndef != "" {
						out = append(out, shimRegion{start: o.start, end: off, ifndef: o.ifndef})
					}
				}
			}
		}
		off = lineEnd + 1
	}
	return out
}

// isShim reports whether the definition of name at off is a shim.
func isShim(regions []shimRegion, name string, off int) bool {
	for _, r := range regions {
		if off >= r.start && off < r.end && (r.ifndef == "" || r.ifndef == name) {
			return true
		}
	}
	return false
}

func directiveWord(b []byte) (string, string) {
	s := strings.TrimLeft(string(b), " \t")
	i := 0
	for i < len(s) && (s[i] == '_' || s[i] >= 'a' && s[i] <= 'z') {
		i++
	}
	return s[:i], s[i:]
}

func firstWord(s string) string {
	s = strings.TrimLeft(s, " \t(")
	i := 0
	for i < len(s) && (s[i] == '_' || s[i] >= 'a' && s[i] <= 'z' || s[i] >= 'A' && s[i] <= 'Z' || s[i] >= '0' && s[i] <= '9') {
		i++
	}
	return s[:i]
}

// mentionsPythonVersion reports a condition on the Python version:
// PY_VERSION_HEX, PY_MAJOR_VERSION, PY_MINOR_VERSION, or a project macro
// saying Python 3 or 2 (NPY_PY3K, IS_PY3K, PY3).
func mentionsPythonVersion(cond string) bool {
	return strings.Contains(cond, "PY_VERSION_HEX") || strings.Contains(cond, "PY_MAJOR_VERSION") ||
		strings.Contains(cond, "PY_MINOR_VERSION") || strings.Contains(cond, "PY3K") || strings.Contains(cond, "PY2K")
}
