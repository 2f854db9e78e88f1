package lsp

import (
	"math/rand"
	"os"
	"strconv"
	"strings"
	"testing"

	"go.lsp.dev/protocol"
)

// TestEarlyAnswersPropertyRandomEdits types random keys with the analysis
// held, asks hovers at random places and the quick fixes of random lines,
// and compares every answer with the one given once the analysis of the
// same text is done. HPYLS_EARLY_ROUNDS and HPYLS_EARLY_SEED make a longer
// or another run.
func TestEarlyAnswersPropertyRandomEdits(t *testing.T) {
	rounds, seed := 150, int64(1)
	if n, err := strconv.Atoi(os.Getenv("HPYLS_EARLY_ROUNDS")); err == nil && n > 0 {
		rounds = n
	}
	if n, err := strconv.ParseInt(os.Getenv("HPYLS_EARLY_SEED"), 10, 64); err == nil {
		seed = n
	}
	for i, source := range []string{earlySource, earlyCited} {
		t.Run(strconv.Itoa(i), func(t *testing.T) {
			rng := rand.New(rand.NewSource(seed + int64(i)))
			e := startEarly(t, source, true)
			early, asked := 0, 0
			waits := map[string]int{}
			for r := range rounds {
				var keys []string
				last := 0 // where the last key went
				got := e.round(func() {
					if r%25 == 24 {
						// Random letters wear the text down to where no
						// edit is quiet: start again now and then.
						e.replaceAll(source)
					}
					n := 1 // mostly one key: several spread keys seldom move
					if rng.Intn(4) == 0 {
						n += 1 + rng.Intn(2)
					}
					for range n {
						var key string
						key, last = randomKey(e, rng)
						keys = append(keys, key)
					}
				}, func() []probe {
					var ps []probe
					for range 5 {
						off := hoverSpot(e.text, last, rng)
						ps = append(ps, probe{"hover at " + strconv.Itoa(off), protocol.MethodTextDocumentHover, hoverParams(e.u, asciiPosition(e.text, off))})
					}
					lines := uint32(strings.Count(e.text, "\n"))
					for range 2 {
						from := uint32(rng.Intn(int(lines) + 1))
						to := min(from+uint32(rng.Intn(3)), lines)
						ps = append(ps, probe{"fixes of lines " + strconv.Itoa(int(from)) + "-" + strconv.Itoa(int(to)), protocol.MethodTextDocumentCodeAction, quickFixParams(e.u, from, to)})
					}
					return ps
				})
				for _, p := range got {
					asked++
					if p.early {
						early++
					} else if _, why, ok := strings.Cut(p.line, "): "); ok {
						waits[why]++
					}
					if string(p.answer) != string(p.settled) {
						t.Fatalf("round %d (keys %q), %s (early %v): answered\n%s\nand once the analysis settled\n%s\ntext:\n%s", r, keys, p.name, p.early, p.answer, p.settled, e.text)
					}
				}
			}
			t.Logf("%d of %d requests answered early; the others waited: %v", early, asked, waits)
			if early == 0 {
				t.Error("no request was answered early: the property says nothing")
			}
		})
	}
}

// randomKey types one key, mostly one a typist makes in a body (an Enter,
// spaces), sometimes one that changes facts; it says which.
func randomKey(e *earlyServer, rng *rand.Rand) (string, int) {
	text := e.text
	off := rng.Intn(len(text) + 1)
	if rng.Intn(3) == 0 {
		off = nearName(text, rng) // where a hover's answer starts or ends
	}
	lineStart := strings.LastIndex(text[:off], "\n") + 1
	switch k := rng.Intn(20); {
	case k < 7:
		e.edit(lineStart, lineStart, "\n")
		return "enter at line start " + strconv.Itoa(lineStart), lineStart
	case k < 12:
		e.edit(off, off, " ")
		return "space at " + strconv.Itoa(off), off
	case k < 14:
		e.edit(off, off, "\n")
		return "enter at " + strconv.Itoa(off), off
	case k < 16:
		e.edit(off, off, string(rune('a'+rng.Intn(26))))
		return "letter at " + strconv.Itoa(off), off
	case k < 18 && off < len(text):
		e.edit(off, off+1, "")
		return "delete at " + strconv.Itoa(off), off
	default:
		e.edit(lineStart, lineStart, "/* note */ ")
		return "comment at " + strconv.Itoa(lineStart), lineStart
	}
}

// hoverSpot is a random offset: a third of the time next to where the last
// key went (where a cursor is hardest to place in the last run's text), a
// third in or next to a name the hover knows about.
func hoverSpot(text string, last int, rng *rand.Rand) int {
	switch rng.Intn(3) {
	case 0:
		return min(len(text), max(0, last+rng.Intn(7)-3))
	case 1:
		return nearName(text, rng)
	}
	return rng.Intn(len(text) + 1)
}

// nearName is an offset in or next to a name the hover knows about, or a
// random one when none is left.
func nearName(text string, rng *rand.Rand) int {
	names := []string{"PyLong_AsLong", "HPy_MODINIT", "HPY201", "PyErr_Clear", "PyInit_other"}
	name := names[rng.Intn(len(names))]
	if i := strings.Index(text, name); i >= 0 {
		if rng.Intn(2) == 0 {
			return i + len(name) + rng.Intn(3) - 1 // at its end
		}
		return min(len(text), max(0, i+rng.Intn(len(name)+2)-1))
	}
	return rng.Intn(len(text) + 1)
}

// replaceAll sends the whole text, as a client does after a reload.
func (e *earlyServer) replaceAll(text string) {
	e.t.Helper()
	e.version++
	e.notify(protocol.MethodTextDocumentDidChange, &protocol.DidChangeTextDocumentParams{
		TextDocument:   protocol.VersionedTextDocumentIdentifier{TextDocumentIdentifier: protocol.TextDocumentIdentifier{URI: e.u}, Version: e.version},
		ContentChanges: []protocol.TextDocumentContentChangeEvent{&protocol.TextDocumentContentChangeWholeDocument{Text: text}},
	})
	e.text = text
}
