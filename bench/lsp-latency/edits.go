package main

import (
	"bytes"
	"fmt"
	"math/rand"
	"slices"
	"sort"
)

// keyText is what each key inserts.
var keyText = map[string]string{"enter": "\n", "char": "x"}

// codeText is what -key code types, a character a key, after the
// indentation of a line with a finding: a call and a block, each left
// open for a few keys, as a programmer types them without an editor that
// closes brackets. A blank typed first keeps the letters from joining the
// line's first word, so that every key moves the line's findings.
const codeText = "g(x); if (x) { y(); }"

// keyEdit is one key: text inserted at a line and column (bytes).
type keyEdit struct {
	line, char int
	text       string
}

// planKeys turns planned lines into keys: for enter and char one key at
// the start of each line; for code, a blank then codeText's characters one
// by one after the line's indentation in text (each before the blank), the
// lines taken in turn until n keys (the indented ones, where there are).
func planKeys(lines []int, key string, text []byte, n int) []keyEdit {
	if key != "code" {
		out := make([]keyEdit, len(lines))
		for i, l := range lines {
			out[i] = keyEdit{line: l, text: keyText[key]}
		}
		return out
	}
	// Code is typed in function bodies: a line at file scope is left out,
	// unless every line is.
	inBodies := slices.DeleteFunc(slices.Clone(lines), func(l int) bool { return indentation(text, l) == 0 })
	if len(inBodies) > 0 {
		lines = inBodies
	}
	out := make([]keyEdit, 0, n)
	for i := 0; len(out) < n && len(lines) > 0; i++ {
		line := lines[i%len(lines)]
		indent := indentation(text, line)
		out = append(out, keyEdit{line: line, char: indent, text: " "})
		for j := 0; j < len(codeText) && len(out) < n; j++ {
			out = append(out, keyEdit{line: line, char: indent + j, text: codeText[j : j+1]})
		}
	}
	return out
}

// indentation is how many blanks line (0-based) of text starts with.
func indentation(text []byte, line int) int {
	at := lineStart(text, line)
	n := 0
	for at+n < len(text) && (text[at+n] == ' ' || text[at+n] == '\t') {
		n++
	}
	return n
}

// planLines picks the line of each of n edits, each typed at the start of
// its line. A server may publish only when the findings change (hpyls
// does), so every edit must move one. An Enter moves every finding at or
// below its line, so Enter lines are drawn from the top of the file to
// upto (0-based), which is by default the last line with a finding; give
// two servers the same upto and seed and they get the same edits. A letter
// moves only the findings of its own line, so char lines are drawn from
// the lines with a finding. The findings are those of the first
// publication: Enter only pushes them down, a letter at the start of a
// line keeps every line where it was, so each planned line still moves a
// finding when its turn comes. Without spread every Enter goes to the
// middle of the range, every letter to the finding line nearest the
// middle of the file.
func planLines(findings []int, fileLines, upto, n int, key string, spread bool, seed int64) ([]int, error) {
	plan := make([]int, n)
	rng := rand.New(rand.NewSource(seed))
	if key == "char" {
		candidates := distinct(findings)
		if len(candidates) == 0 {
			return nil, fmt.Errorf("the first publication has no finding: a letter typed anywhere moves none, so a server that publishes only changes would never answer (use -key enter)")
		}
		middle := nearest(candidates, fileLines/2)
		for i := range plan {
			plan[i] = middle
			if spread {
				plan[i] = candidates[rng.Intn(len(candidates))]
			}
		}
		return plan, nil
	}
	for i := range plan {
		plan[i] = upto / 2
		if spread {
			plan[i] = rng.Intn(upto + 1)
		}
	}
	return plan, nil
}

// enterRange is the last line (0-based) Enter keys are drawn up to: the
// one asked for, else the last line with a finding, else the file's last.
func enterRange(asked int, findings []int, fileLines int) int {
	switch {
	case asked > 0:
		return min(asked, fileLines) - 1
	case len(findings) > 0:
		return slices.Max(findings)
	}
	return fileLines - 1
}

func distinct(lines []int) []int {
	seen := map[int]bool{}
	var out []int
	for _, l := range lines {
		if !seen[l] {
			seen[l] = true
			out = append(out, l)
		}
	}
	sort.Ints(out)
	return out
}

func nearest(sorted []int, target int) int {
	best := sorted[0]
	for _, l := range sorted {
		if abs(l-target) < abs(best-target) {
			best = l
		}
	}
	return best
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// insertAt returns text with s inserted at byte column char of line
// (0-based, lines ended by "\n"); a line past the end is the end of the
// text.
func insertAt(text []byte, line, char int, s string) []byte {
	at := min(lineStart(text, line)+char, len(text))
	out := make([]byte, 0, len(text)+len(s))
	out = append(out, text[:at]...)
	out = append(out, s...)
	return append(out, text[at:]...)
}

// lineStart is the offset of line (0-based) in text, len(text) past its end.
func lineStart(text []byte, line int) int {
	at := 0
	for i := 0; i < line; i++ {
		nl := bytes.IndexByte(text[at:], '\n')
		if nl < 0 {
			return len(text)
		}
		at += nl + 1
	}
	return at
}
