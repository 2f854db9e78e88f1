package config

import (
	"strings"
	"testing"
)

func TestExcluded(t *testing.T) {
	tests := []struct {
		pattern string
		yes, no []string
	}{
		{"build", []string{"build", "build/x.c", "a/build/x.c", "a/b/build"}, []string{"builds/x.c", "src/x.c", "a/rebuild/x.c"}},
		{"*.gen.c", []string{"x.gen.c", "src/deep/y.gen.c"}, []string{"x.c", "gen.c/", "x.gen.h"}},
		{"build/", []string{"build/x.c", "a/build/x.c"}, []string{"build", "a/build"}},
		{"src/gen/*.c", []string{"src/gen/a.c"}, []string{"src/gen/sub/a.c", "x/src/gen/a.c", "src/gen/a.h"}},
		{"src/gen", []string{"src/gen", "src/gen/a.c", "src/gen/sub/b.h"}, []string{"src/generated/a.c", "a/src/gen/b.c"}},
		{"/vendor", []string{"vendor/lib.c"}, []string{"a/vendor/lib.c"}},
		{"./third_party/", []string{"third_party/x/y.c"}, []string{"third_party", "x/third_party/y.c"}},
		{"**/tests", []string{"tests/a.c", "x/tests/a.c", "x/y/tests"}, []string{"x/testsuite/a.c"}},
		{"**/tests/", []string{"x/tests/a.c"}, []string{"x/tests"}},
		{"src/**/*.h", []string{"src/a.h", "src/x/a.h", "src/x/y/z/a.h"}, []string{"src/a.c", "lib/src/a.h"}},
		{"src/**", []string{"src/a.c", "src/x/y.c"}, []string{"srcx/a.c", "src"}},
		{"a/**/b/**/c", []string{"a/b/c", "a/x/b/y/z/c"}, []string{"a/c", "a/b/x"}},
		{"[ab]*/*.c", []string{"alpha/x.c", "beta/y.c"}, []string{"gamma/x.c"}},
	}
	for _, tt := range tests {
		c := &Config{Exclude: []string{tt.pattern}}
		if err := checkPattern(tt.pattern); err != nil {
			t.Errorf("checkPattern(%q) = %v", tt.pattern, err)
		}
		for _, p := range tt.yes {
			if !c.Excluded(p) {
				t.Errorf("%q should exclude %q", tt.pattern, p)
			}
			if !c.Excluded("./" + p) {
				t.Errorf("%q should exclude %q", tt.pattern, "./"+p)
			}
		}
		for _, p := range tt.no {
			if c.Excluded(p) {
				t.Errorf("%q should not exclude %q", tt.pattern, p)
			}
		}
	}
	var none *Config
	if none.Excluded("x") || (&Config{Exclude: []string{"*"}}).Excluded("") {
		t.Error("nil config or empty path excluded")
	}
}

func TestCheckPattern(t *testing.T) {
	for p, want := range map[string]string{
		"[":       "syntax error in pattern",
		"a/[b/c":  "syntax error in pattern",
		"x\\":     "syntax error in pattern",
		"":        "empty pattern",
		"/":       "empty pattern",
		"ok/**/x": "",
	} {
		err := checkPattern(p)
		if got := ""; err != nil {
			got = err.Error()
			if got != want {
				t.Errorf("checkPattern(%q) = %q, want %q", p, got, want)
			}
		} else if want != "" {
			t.Errorf("checkPattern(%q) = nil, want %q", p, want)
		}
	}
}

// Many "**" must not make matching exponential.
func TestExcludedManyStars(t *testing.T) {
	c := &Config{Exclude: []string{strings.Repeat("**/", 30) + "nomatch"}}
	if c.Excluded(strings.Repeat("d/", 200) + "x.c") {
		t.Error("matched")
	}
}

func FuzzFromFile(f *testing.F) {
	f.Add([]byte("select = [\"HPY1\"]\nexclude = [\"**/x\", \"[\"]\n[tool.hpylint]\nabi = 1\n"))
	f.Add([]byte("severity = {HPY102 = \"info\", bad = 1}\ntool = 3\n"))
	f.Fuzz(func(t *testing.T, content []byte) {
		cfg, err := FromFile("hpylint.toml", content, known)
		if cfg == nil {
			t.Fatal("nil config")
		}
		_ = err
		cfg.Excluded("a/b/c.c")
		FromPyproject("pyproject.toml", content, known)
	})
}
