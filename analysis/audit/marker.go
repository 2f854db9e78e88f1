package audit

import (
	"strconv"
	"strings"

	"github.com/hpyproject/hpylint/analysis/binary"
)

// shimMark is one marker string of hpylint's CPython entrypoint:
// "hpylint-cpython-entrypoint:version=N module=NAME".
type shimMark struct {
	version int
	module  string
}

// shimMarks reads the markers of a binary; malformed ones are skipped.
func shimMarks(markers []string) []shimMark {
	var out []shimMark
	for _, m := range markers {
		rest, ok := strings.CutPrefix(m, binary.MarkerPrefix)
		if !ok {
			continue
		}
		var mark shimMark
		valid := true
		for _, field := range strings.Fields(rest) {
			key, value, _ := strings.Cut(field, "=")
			switch key {
			case "version":
				n, err := strconv.Atoi(value)
				valid = valid && err == nil && n > 0
				mark.version = n
			case "module":
				mark.module = value
			}
		}
		if valid && mark.version > 0 && mark.module != "" {
			out = append(out, mark)
		}
	}
	return out
}

// shimFor returns the marker of module m, if the binary carries one.
func shimFor(a *artifact, m string) (shimMark, bool) {
	for _, mark := range shimMarks(a.img.Markers) {
		if mark.module == m {
			return mark, true
		}
	}
	return shimMark{}, false
}
