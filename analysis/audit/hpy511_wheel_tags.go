package audit

import (
	"fmt"
	"slices"
	"strings"

	"github.com/hpyproject/hpylint/analysis/rules"
)

// checkWheelTags is HPY511: the tags of a wheel whose HPy binaries are
// all universal.
func checkWheelTags(r *auditRun, w *wheel) {
	if len(w.tags) == 0 {
		return
	}
	universal, tied := 0, false
	var formats []string
	plats := map[string]bool{}
	for _, a := range w.arts {
		if a.img == nil {
			tied = true // unknown: say nothing about the tags
			continue
		}
		n := a.name
		switch {
		case n.Kind == Universal && isHPy(a.img):
			universal++
		case n.Kind == Hybrid:
			tied = true // tied to its interpreter by its name
		case n.Kind == CPython && !isHPy(a.img) && exports(a.img, "PyInit_"+n.Module):
			tied = true // a CPython extension
		}
		if n.Kind == Universal || n.Kind == Hybrid {
			formats = append(formats, string(a.img.Format))
		}
	}
	for _, t := range w.tags {
		plats[t[2]] = true
	}
	tagText := strings.Join(tagStrings(w.tags), ".")
	slices.Sort(formats)
	formats = slices.Compact(formats)
	if plats["any"] && len(plats) == 1 && len(formats) == 1 {
		r.report(rules.WheelTags, w.path,
			"tagged %s, for any platform, but it holds HPy binaries in %s format, which load on one OS only: tag it with that platform (pip installs an any wheel everywhere)",
			tagText, formats[0])
		return
	}
	if universal == 0 || tied || plats["any"] {
		return
	}
	for _, t := range w.tags {
		if strings.HasPrefix(t[0], "py") && t[1] == "none" {
			return // installable on every Python of its platforms
		}
	}
	var want []string
	for _, p := range sortedKeys(plats) {
		want = append(want, "py3-none-"+p)
	}
	r.report(rules.WheelTags, w.path,
		"tagged %s, so pip installs it only on %s, but every HPy binary in it is universal: tag it %s so PyPy and GraalPy install it too",
		tagText, interpreters(w.tags), strings.Join(want, " or "))
}

func tagStrings(tags [][3]string) []string {
	var out []string
	for _, t := range tags {
		out = append(out, fmt.Sprintf("%s-%s-%s", t[0], t[1], t[2]))
	}
	return out
}

// interpreters says in words which interpreters the tags accept.
func interpreters(tags [][3]string) string {
	var names []string
	for _, t := range tags {
		name := t[0]
		switch {
		case t[1] == "abi3":
			name = "CPython (stable ABI, " + strings.TrimPrefix(t[0], "cp") + " and later)"
		case strings.HasPrefix(t[0], "cp"):
			name = "CPython " + pyVersion(strings.TrimPrefix(t[0], "cp"))
		case strings.HasPrefix(t[0], "pp"):
			name = "PyPy (" + t[1] + ")"
		case strings.HasPrefix(t[0], "graalpy"):
			name = "GraalPy (" + t[1] + ")"
		default:
			name = t[0] + " with ABI " + t[1]
		}
		if !slices.Contains(names, name) {
			names = append(names, name)
		}
	}
	return strings.Join(names, ", ")
}

// pyVersion writes 311 as 3.11.
func pyVersion(digits string) string {
	if len(digits) >= 2 {
		return digits[:1] + "." + digits[1:]
	}
	return digits
}
