package main

import (
	"bytes"
	"fmt"
	"math/rand"
	"sort"
)

// keyText is what each key inserts.
var keyText = map[string]string{"enter": "\n", "char": "x"}

// planLines picks the line of each of n edits, each typed at the start of
// its line. A server may publish only when the findings change (hpyls
// does), so every edit must move one: an Enter moves every finding at or
// below its line, so Enter lines are drawn from the top of the file to the
// last line with a finding; a letter moves only the findings of its own
// line, so char lines are drawn from the lines with a finding. The
// findings are those of the first publication; Enter only pushes them
// down, a letter at the start of a line keeps every line where it was, so
// each planned line still moves a finding when its turn comes. Without
// spread every edit goes to the finding line nearest the middle of the
// file. With no finding at all, Enter lines cover the whole file and a
// server that publishes only changes will time out.
func planLines(findings []int, fileLines, n int, key string, spread bool, seed int64) ([]int, error) {
	candidates := distinct(findings)
	if len(candidates) == 0 {
		if key == "char" {
			return nil, fmt.Errorf("the first publication has no finding: a letter typed anywhere moves none, so a server that publishes only changes would never answer (use -key enter)")
		}
		candidates = []int{fileLines / 2}
	}
	plan := make([]int, n)
	if !spread {
		middle := nearest(candidates, fileLines/2)
		for i := range plan {
			plan[i] = middle
		}
		return plan, nil
	}
	rng := rand.New(rand.NewSource(seed))
	for i := range plan {
		if key == "char" {
			plan[i] = candidates[rng.Intn(len(candidates))]
			continue
		}
		last := candidates[len(candidates)-1]
		if len(findings) == 0 {
			last = fileLines - 1
		}
		plan[i] = rng.Intn(last + 1)
	}
	return plan, nil
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

// insertAtLine returns text with s inserted at the start of line (0-based,
// lines ended by "\n"); a line past the end is the end of the text.
func insertAtLine(text []byte, line int, s string) []byte {
	at := 0
	for i := 0; i < line; i++ {
		nl := bytes.IndexByte(text[at:], '\n')
		if nl < 0 {
			at = len(text)
			break
		}
		at += nl + 1
	}
	out := make([]byte, 0, len(text)+len(s))
	out = append(out, text[:at]...)
	out = append(out, s...)
	return append(out, text[at:]...)
}
