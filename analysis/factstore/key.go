package factstore

import (
	"crypto/sha256"
	"encoding/hex"
	"io"
	"os"
	"runtime/debug"
	"strings"
	"sync"
)

// BuildKey names what made the running program's facts: any change to
// hpylint's extraction (its code, its queries, the grammars, the Go
// toolchain, build flags) must change it, or a run would use facts an
// older hpylint made.
//
// The build information Go stamps in the binary says it when it pins
// every input: a build from a clean checkout (vcs.modified=false with its
// revision), or a module installed at a released version, with no
// dependency replaced by a directory. Any other build (a checkout with
// changes, `go run`, a test binary, -buildvcs=false) is named by a hash
// of its executable instead, read once per process (about 10 ms for
// hpylint's 14 MB), so that developers get a cache that is right, rather
// than none or a wrong one.
func BuildKey() (string, error) {
	buildKeyOnce.Do(func() { buildKey, buildKeyErr = computeBuildKey() })
	return buildKey, buildKeyErr
}

var (
	buildKeyOnce sync.Once
	buildKey     string
	buildKeyErr  error
)

func computeBuildKey() (string, error) {
	if info, ok := debug.ReadBuildInfo(); ok && pinned(info) {
		return "build\n" + info.String(), nil
	}
	exe, err := os.Executable()
	if err != nil {
		return "", err
	}
	f, err := os.Open(exe)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return "executable " + hex.EncodeToString(h.Sum(nil)), nil
}

// pinned reports whether the build information identifies every source
// the program was built from.
func pinned(info *debug.BuildInfo) bool {
	for _, dep := range info.Deps {
		if dep.Version == "" || dep.Version == "(devel)" || dep.Replace != nil && (dep.Replace.Version == "" || dep.Replace.Version == "(devel)") {
			return false // a directory, or a go.work module: not pinned
		}
	}
	vcs := map[string]string{}
	for _, s := range info.Settings {
		vcs[s.Key] = s.Value
	}
	if rev, ok := vcs["vcs.revision"]; ok {
		return rev != "" && vcs["vcs.modified"] == "false"
	}
	// No checkout: installed from a module version, immutable once
	// published (`go install …/cmd/hpylint@v1.2.3`).
	v := info.Main.Version
	return info.Main.Path != "" && v != "" && v != "(devel)" && !strings.HasSuffix(v, "+dirty")
}
