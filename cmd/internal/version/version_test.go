package version

import (
	"runtime/debug"
	"slices"
	"testing"
)

func TestDescribe(t *testing.T) {
	vcs := func(kv ...string) []debug.BuildSetting {
		s := []debug.BuildSetting{{Key: "-compiler", Value: "gc"}}
		for i := 0; i < len(kv); i += 2 {
			s = append(s, debug.BuildSetting{Key: kv[i], Value: kv[i+1]})
		}
		return s
	}
	const rev = "75af63bae21f8604a3089886c8a48934c3860bc7"
	for _, tc := range []struct {
		name string
		info *debug.BuildInfo
		want string
	}{
		{"no build info", nil, Number},
		{"go test", &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "(devel)"}, Settings: vcs()}, Number + " (go1.26.8)"},
		{"go install @version", &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "v0.1.0"}, Settings: vcs()},
			Number + " (module v0.1.0, go1.26.8)"},
		{"go build in a clean checkout", &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "v0.0.0-20261206202636-75af63bae21f"},
			Settings: vcs("vcs", "git", "vcs.revision", rev, "vcs.time", "2026-12-06T20:26:36Z", "vcs.modified", "false")},
			Number + " (git 75af63bae21f, 2026-12-06T20:26:36Z, go1.26.8)"},
		{"go build in a modified checkout", &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "v0.0.0-20261206202636-75af63bae21f+dirty"},
			Settings: vcs("vcs", "git", "vcs.revision", rev, "vcs.time", "2026-12-06T20:26:36Z", "vcs.modified", "true")},
			Number + " (git 75af63bae21f, 2026-12-06T20:26:36Z, modified, go1.26.8)"},
		{"a revision without time or modified flag", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: vcs("vcs.revision", "abc")},
			Number + " (revision abc)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := describe(tc.info); got != tc.want {
				t.Errorf("describe = %q, want %q", got, tc.want)
			}
		})
	}
}

// Under go test the build info has no VCS data (unless -buildvcs=true):
// String is the number and the Go release, nothing made up.
func TestStringUnderGoTest(t *testing.T) {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		t.Fatal("a test binary has build info")
	}
	want := describe(info)
	if !slices.ContainsFunc(info.Settings, func(s debug.BuildSetting) bool { return s.Key == "vcs.revision" }) {
		want = Number + " (" + info.GoVersion + ")"
	}
	if got := String(); got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
}
