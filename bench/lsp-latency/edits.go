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
