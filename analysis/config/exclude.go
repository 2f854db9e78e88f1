package config

import (
	"errors"
	"path"
	"strings"
)

// checkPattern validates an exclude pattern: path.Match syntax per path
// segment, plus "**" segments.
func checkPattern(p string) error {
	if strings.Trim(p, "/") == "" {
		return errors.New("empty pattern")
	}
	for _, seg := range strings.Split(p, "/") {
		if seg == "**" {
			continue
		}
		if _, err := path.Match(seg, ""); err != nil {
			return err
		}
	}
	return nil
}

// Excluded reports whether a slash-separated path, relative to the
// directory of the configuration, matches an exclude pattern. Patterns
// follow gitignore's shape:
//   - a pattern without a slash matches a file or directory name at any
//     depth ("build", "*_pb.c");
//   - a pattern with a slash is anchored at the configuration's directory
//     ("src/gen/*.c", "/vendor"), and "**" stands for any number of
//     directories ("**/tests", "third_party/**/*.h");
//   - a trailing slash matches directories only, and "dir/**" is what
//     is inside dir;
//   - matching a directory excludes everything below it.
func (c *Config) Excluded(relPath string) bool {
	if c == nil {
		return false
	}
	segs := splitPath(relPath)
	if len(segs) == 0 {
		return false
	}
	for _, p := range c.Exclude {
		if matchPattern(p, segs) {
			return true
		}
	}
	return false
}

func splitPath(p string) []string {
	var out []string
	for _, s := range strings.Split(p, "/") {
		if s != "" && s != "." {
			out = append(out, s)
		}
	}
	return out
}

func matchPattern(pattern string, segs []string) bool {
	// "dir/**" is everything inside dir: the same as "dir/".
	if p, ok := strings.CutSuffix(pattern, "/**"); ok {
		pattern = p + "/"
	}
	dirOnly := strings.HasSuffix(pattern, "/")
	pattern = strings.TrimSuffix(pattern, "/")
	// A slash anywhere else, including a leading "/" or "./", anchors.
	anchored := strings.Contains(pattern, "/")
	pattern = strings.TrimPrefix(pattern, "./")
	pat := splitPath(pattern)
	if len(pat) == 0 {
		return false
	}
	// A directory match covers the path when it is a proper prefix; a
	// file match only when it is the whole path.
	last := len(segs)
	if dirOnly {
		last--
	}
	if !anchored {
		for i := 0; i < last; i++ {
			if ok, _ := path.Match(pat[0], segs[i]); ok {
				return true
			}
		}
		return false
	}
	for n := 1; n <= last; n++ {
		if matchSegs(pat, segs[:n]) {
			return true
		}
	}
	return false
}

// matchSegs matches whole path segments, "**" matching zero or more. It
// fills a table instead of backtracking so that patterns with many "**"
// stay linear in the path length.
func matchSegs(pat, segs []string) bool {
	// ok[j] reports whether pat[i:] matches segs[j:], for the current i.
	ok := make([]bool, len(segs)+1)
	ok[len(segs)] = true
	for i := len(pat) - 1; i >= 0; i-- {
		next := make([]bool, len(segs)+1)
		for j := len(segs); j >= 0; j-- {
			switch {
			case pat[i] == "**":
				next[j] = ok[j] || (j < len(segs) && next[j+1])
			case j < len(segs):
				m, _ := path.Match(pat[i], segs[j])
				next[j] = m && ok[j+1]
			}
		}
		ok = next
	}
	return ok[0]
}
