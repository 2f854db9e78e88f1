package fix

import (
	"bytes"
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/hpyproject/hpylint/analysis/testenv"
)

func TestUnifiedExactOutput(t *testing.T) {
	cases := []struct {
		name     string
		old, new string
		created  bool
		want     string
	}{
		{
			name: "one line changed in the middle",
			old:  "1\n2\n3\n4\n5\n6\n7\n8\n9\n",
			new:  "1\n2\n3\n4\nfive\n6\n7\n8\n9\n",
			want: "--- a/f.c\n+++ b/f.c\n@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n",
		},
		{
			name: "insertion after the first line",
			old:  "a\nb\n",
			new:  "a\n#include \"x.h\"\nX(a)\nb\n",
			want: "--- a/f.c\n+++ b/f.c\n@@ -1,2 +1,4 @@\n a\n+#include \"x.h\"\n+X(a)\n b\n",
		},
		{
			name: "appended at the end of a file without a final newline",
			old:  "a\nb",
			new:  "a\nb\nc\n",
			want: "--- a/f.c\n+++ b/f.c\n@@ -1,2 +1,3 @@\n a\n-b\n\\ No newline at end of file\n+b\n+c\n",
		},
		{
			name:    "new file",
			old:     "",
			new:     "x\ny\n",
			created: true,
			want:    "--- /dev/null\n+++ b/f.c\n@@ -0,0 +1,2 @@\n+x\n+y\n",
		},
		{
			name: "deleted single line",
			old:  "only\n",
			new:  "",
			want: "--- a/f.c\n+++ b/f.c\n@@ -1 +0,0 @@\n-only\n",
		},
		{
			name: "two distant changes make two hunks",
			old:  "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n",
			new:  "one\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\ntwelve\n",
			want: "--- a/f.c\n+++ b/f.c\n@@ -1,4 +1,4 @@\n-1\n+one\n 2\n 3\n 4\n@@ -9,4 +9,4 @@\n 9\n 10\n 11\n-12\n+twelve\n",
		},
		{
			name: "changes six lines apart share a hunk",
			old:  "1\n2\n3\n4\n5\n6\n7\n8\n",
			new:  "x\n2\n3\n4\n5\n6\n7\ny\n",
			want: "--- a/f.c\n+++ b/f.c\n@@ -1,8 +1,8 @@\n-1\n+x\n 2\n 3\n 4\n 5\n 6\n 7\n-8\n+y\n",
		},
		{name: "no change", old: "same\n", new: "same\n", want: ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ch := Change{Path: "f.c", New: []byte(c.new), Created: c.created}
			if !c.created {
				ch.Old = []byte(c.old)
			}
			if got := Unified(ch); got != c.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, c.want)
			}
		})
	}
}

// Random edits of random files: the diff must turn the old text into the
// new one (checked with our own strict applier, and with patch(1) when it
// is installed), and be no longer than GNU diff's, which is minimal.
func TestUnifiedRoundTrip(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	patch := testenv.OptionalTool(t, "patch")
	gnuDiff, _ := exec.LookPath("diff")
	for n := range 300 {
		old := randomText(rng, rng.Intn(40))
		new := mutate(rng, old)
		ch := Change{Path: "src/f.c", Old: []byte(old), New: []byte(new)}
		d := Unified(ch)
		if old == new {
			if d != "" {
				t.Fatalf("case %d: diff of equal texts: %q", n, d)
			}
			continue
		}
		got, err := applyUnified(old, d)
		if err != nil || got != new {
			t.Fatalf("case %d: applying the diff: %v\nold %q\nnew %q\ngot %q\ndiff:\n%s", n, err, old, new, got, d)
		}
		if n%10 == 0 && patch != "" {
			checkWithPatch(t, patch, old, new, d)
		}
		if gnuDiff != "" && n%5 == 0 {
			if ours, theirs := changedLines(d), changedLines(runGNUDiff(t, gnuDiff, old, new)); ours > theirs {
				t.Fatalf("case %d: %d changed lines, GNU diff needs %d:\n%s", n, ours, theirs, d)
			}
		}
	}
}

// Past maxEditDistance the diff falls back to one hunk; it must still apply.
func TestUnifiedLargeRewriteStillCorrect(t *testing.T) {
	var a, b strings.Builder
	for i := range 5000 {
		fmt.Fprintf(&a, "old %d\n", i)
		fmt.Fprintf(&b, "new %d\n", i)
	}
	d := Unified(Change{Path: "big.c", Old: []byte(a.String()), New: []byte(b.String())})
	got, err := applyUnified(a.String(), d)
	if err != nil || got != b.String() {
		t.Fatalf("large rewrite does not round-trip: %v", err)
	}
}

func randomText(rng *rand.Rand, lines int) string {
	var b strings.Builder
	for range lines {
		b.WriteString([]string{"a", "b", "c", "{", "}", "", "x = 1;"}[rng.Intn(7)])
		b.WriteByte('\n')
	}
	s := b.String()
	if len(s) > 0 && rng.Intn(5) == 0 {
		s = s[:len(s)-1] // no final newline
	}
	return s
}

func mutate(rng *rand.Rand, s string) string {
	lines := splitLines([]byte(s))
	for range rng.Intn(5) {
		switch i := rng.Intn(len(lines) + 1); rng.Intn(3) {
		case 0:
			lines = append(lines[:i], append([]string{"ins " + strconv.Itoa(rng.Intn(3)) + "\n"}, lines[i:]...)...)
		case 1:
			if i < len(lines) {
				lines = append(lines[:i], lines[i+1:]...)
			}
		case 2:
			if i < len(lines) {
				lines[i] = "chg\n"
			}
		}
	}
	out := strings.Join(lines, "")
	if len(out) > 0 && rng.Intn(6) == 0 {
		out = strings.TrimSuffix(out, "\n")
	}
	return out
}

// applyUnified applies a single-file unified diff to old, checking every
// context and removed line: a test oracle independent of the generator.
func applyUnified(old, diff string) (string, error) {
	src := splitLines([]byte(old))
	lines := strings.SplitAfter(diff, "\n")
	if len(lines) < 2 || !strings.HasPrefix(lines[0], "--- ") || !strings.HasPrefix(lines[1], "+++ ") {
		return "", fmt.Errorf("bad header")
	}
	var out []string
	pos := 0
	for i := 2; i < len(lines) && lines[i] != ""; {
		var aStart, aCount, bStart, bCount int
		if _, err := fmt.Sscanf(normalizeRange(lines[i]), "@@ -%d,%d +%d,%d @@", &aStart, &aCount, &bStart, &bCount); err != nil {
			return "", fmt.Errorf("bad hunk header %q: %v", lines[i], err)
		}
		first := aStart - 1
		if aCount == 0 {
			first = aStart
		}
		if first < pos || first > len(src) {
			return "", fmt.Errorf("hunk at %d out of order", aStart)
		}
		out = append(out, src[pos:first]...)
		pos = first
		type entry struct {
			kind byte
			text string
		}
		var body []entry
		for i++; i < len(lines) && lines[i] != "" && !strings.HasPrefix(lines[i], "@@"); i++ {
			if strings.HasPrefix(lines[i], `\`) {
				if len(body) == 0 {
					return "", fmt.Errorf("no-newline marker opens a hunk")
				}
				body[len(body)-1].text = strings.TrimSuffix(body[len(body)-1].text, "\n")
				continue
			}
			body = append(body, entry{lines[i][0], lines[i][1:]})
		}
		seenA, seenB := 0, 0
		for _, e := range body {
			switch e.kind {
			case ' ', '-':
				if pos >= len(src) || src[pos] != e.text {
					return "", fmt.Errorf("line %d: want %q, file has %q", pos+1, e.text, at(src, pos))
				}
				if e.kind == ' ' {
					out = append(out, e.text)
					seenB++
				}
				seenA++
				pos++
			case '+':
				out = append(out, e.text)
				seenB++
			default:
				return "", fmt.Errorf("bad hunk line %q", e.kind)
			}
		}
		if seenA != aCount || seenB != bCount {
			return "", fmt.Errorf("hunk counts -%d +%d, body has -%d +%d", aCount, bCount, seenA, seenB)
		}
	}
	out = append(out, src[pos:]...)
	return strings.Join(out, ""), nil
}

func normalizeRange(h string) string {
	// "@@ -3 +3,0 @@" → "@@ -3,1 +3,0 @@": counts of 1 are left out.
	fields := strings.Fields(h)
	for i := 1; i <= 2 && i < len(fields); i++ {
		if !strings.Contains(fields[i], ",") {
			fields[i] += ",1"
		}
	}
	return strings.Join(fields, " ")
}

func at(src []string, i int) string {
	if i < len(src) {
		return src[i]
	}
	return "<end of file>"
}

func changedLines(diff string) int {
	n := 0
	for _, l := range strings.Split(diff, "\n") {
		if (strings.HasPrefix(l, "+") || strings.HasPrefix(l, "-")) && !strings.HasPrefix(l, "+++") && !strings.HasPrefix(l, "---") {
			n++
		}
	}
	return n
}

func checkWithPatch(t *testing.T, patch, old, new, diff string) {
	t.Helper()
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "src"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "src", "f.c"), []byte(old), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(patch, "-p1", "--quiet", "--batch", "--no-backup-if-mismatch")
	cmd.Dir = dir
	cmd.Stdin = strings.NewReader(diff)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("patch -p1 rejects the diff: %v\n%s\ndiff:\n%s", err, out, diff)
	}
	got, _ := os.ReadFile(filepath.Join(dir, "src", "f.c"))
	if !bytes.Equal(got, []byte(new)) {
		t.Fatalf("patch -p1 produced %q, want %q\ndiff:\n%s", got, new, diff)
	}
}

func runGNUDiff(t *testing.T, gnuDiff, old, new string) string {
	t.Helper()
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a"), filepath.Join(dir, "b")
	os.WriteFile(a, []byte(old), 0o644)
	os.WriteFile(b, []byte(new), 0o644)
	out, _ := exec.Command(gnuDiff, "-d", "-u", a, b).Output() // -d: minimal
	return string(out)
}

// A file named with an escape sequence is quoted in the headers as git
// quotes it, so the sequence never reaches the terminal, and patch and
// git apply still find the file.
func TestUnifiedQuotesControlCharactersInNames(t *testing.T) {
	got := Unified(Change{Path: "src/\x1b[31mé\".c", Old: []byte("a\n"), New: []byte("b\n")})
	want := "--- \"a/src/\\033[31m\\303\\251\\\".c\"\n+++ \"b/src/\\033[31m\\303\\251\\\".c\"\n"
	if !strings.HasPrefix(got, want) {
		t.Errorf("headers:\n%s\nwant\n%s", got, want)
	}
	if strings.ContainsRune(got, 0x1b) {
		t.Error("an ESC reached the diff")
	}
	if got := Unified(Change{Path: "src/plain é.c", Old: []byte("a\n"), New: []byte("b\n")}); !strings.HasPrefix(got, "--- a/src/plain é.c\n+++ b/src/plain é.c\n") {
		t.Errorf("a plain name is not quoted:\n%s", got)
	}
}
