// Package version is hpylint's one version number and what Go's build info adds to it.
package version

import (
	"runtime/debug"
	"strings"
)

// Number is the version of hpylint and hpyls, and of the VS Code extension
// and the wheels, which carry the same number (a test checks the
// extension's package.json; the release script reads this line).
const Number = "0.1.0"

// String is what --version prints after the program's name: Number, then
// what the binary's build info says about how it was built.
func String() string {
	info, _ := debug.ReadBuildInfo()
	return describe(info)
}

// describe is Number followed, in parentheses, by the source the binary
// was built from and the Go release that built it, from info; a field the
// build info lacks is left out, never guessed.
//
// The VCS revision, its time and whether the tree was modified come first
// when the build recorded them (go build in a checkout). Only without them
// is the module version shown: it is what `go install …@v0.1.0` sets, while
// a build in a checkout sets a pseudo-version made from the same revision.
func describe(info *debug.BuildInfo) string {
	if info == nil {
		return Number
	}
	var parts []string
	vcs := map[string]string{}
	for _, s := range info.Settings {
		vcs[s.Key] = s.Value
	}
	if rev := vcs["vcs.revision"]; rev != "" {
		name := vcs["vcs"]
		if name == "" {
			name = "revision"
		}
		parts = append(parts, name+" "+short(rev))
		if t := vcs["vcs.time"]; t != "" {
			parts = append(parts, t)
		}
		if vcs["vcs.modified"] == "true" {
			parts = append(parts, "modified")
		}
	} else if v := info.Main.Version; v != "" && v != "(devel)" {
		parts = append(parts, "module "+v)
	}
	if info.GoVersion != "" {
		parts = append(parts, info.GoVersion)
	}
	if len(parts) == 0 {
		return Number
	}
	return Number + " (" + strings.Join(parts, ", ") + ")"
}

// short is a revision cut to the 12 characters Go's pseudo-versions use.
func short(rev string) string {
	if len(rev) > 12 {
		return rev[:12]
	}
	return rev
}
