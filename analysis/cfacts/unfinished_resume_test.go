package cfacts

import (
	"bytes"
	"math/rand"
	"testing"
)

// TestUnfinishedAfterEqualsAFreshScan types random edits into texts of
// many checkpoints, each scan resumed from the memo of the one before (so
// a wrong checkpoint, kept or moved, spoils the scans after it), and
// compares every outcome with a scan of the whole text.
func TestUnfinishedAfterEqualsAFreshScan(t *testing.T) {
	var base []byte
	for _, name := range testdataFiles {
		src, _ := readTestdata(t, name)
		base = append(base, src...)
	}
	texts := [][]byte{
		bytes.Repeat(base, 3),
		hpyHeavy(40 << 10),
		// A directive continued over many lines, as numpy-hpy's tests
		// define a function per type.
		append(bytes.Repeat([]byte("#define TEST_FUNCS(TYPE) \\\nvoid f(TYPE a) { \\\n  if (a) { \\\n    a++; \\\n  } \\\n}\n\nTEST_FUNCS(int)\n"), 400), "int open(void) {\n"...),
		append(hpyHeavy(30<<10), "\n#if A\nint f(void) {\n#else\nint g(void) {\n#endif\n    return 0;\n"...),
	}
	pieces := []string{"{", "}", "(", ")", "[", "]", "/*", "*/", "//", "\"", "'", "\n", "\n", "  ", "x", "\\\n", "\r", "#define M { \\\n",
		"#if A\n", "#ifdef B\n", "#else\n", "#elif C\n", "#endif\n", "R\"(", ")\"", "1'000", "}\n}\n"}
	rng := rand.New(rand.NewSource(1))
	met, short, edits := 0, 0, 0
	for ti, text := range texts {
		_, _, memo := unfinishedKept(text)
		for i := range 600 {
			at := rng.Intn(len(text) + 1)
			if cps := memo.checkpoints; i%2 == 0 && len(cps) > 0 {
				// At a checkpoint or a byte off: what the scan read last
				// before it decides where the token before it ends (a
				// directive continued by a backslash, a lone CR).
				at = min(len(text), max(0, cps[rng.Intn(len(cps))].pos+rng.Intn(3)-1))
			}
			end := at
			if rng.Intn(3) == 0 {
				end = min(len(text), at+1+rng.Intn(8))
			}
			piece := ""
			if end == at || rng.Intn(2) == 0 {
				piece = pieces[rng.Intn(len(pieces))]
			}
			next := append(append(append([]byte{}, text[:at]...), piece...), text[end:]...)
			e := shiftMap{start: at, oldEnd: end, newEnd: at + len(piece)}
			gotText, gotAt, nextMemo := unfinishedAfter(next, memo, e)
			wantText, wantAt := unfinished(next)
			if gotText != wantText || gotAt != wantAt {
				t.Fatalf("text %d, edit %d ([%d,%d) to %q): resumed scan %q at %d, a fresh scan %q at %d", ti, i, at, end, piece, gotText, gotAt, wantText, wantAt)
			}
			if nextMemo.size != len(next) {
				t.Fatalf("text %d, edit %d: the memo is of %d bytes, the text %d", ti, i, nextMemo.size, len(next))
			}
			if len(nextMemo.checkpoints) > 0 && len(memo.checkpoints) > 0 && nextMemo.checkpoints[len(nextMemo.checkpoints)-1].pos > len(next) {
				t.Fatalf("text %d, edit %d: a checkpoint past the end", ti, i)
			}
			if nextMemo.read < len(next)/2 {
				short++
			}
			if i%50 == 49 {
				// Every checkpoint is the state a scan of the whole text
				// has there.
				checkCheckpoints(t, next, nextMemo)
			}
			text, memo = next, nextMemo
			edits++
		}
		met += len(memo.checkpoints)
	}
	if met == 0 || short < edits/3 {
		t.Fatalf("%d checkpoints kept, %d scans of %d read less than half the text: the resumed scans hardly resumed", met, short, edits)
	}
}

// checkCheckpoints scans text from the start, keeping its state at the
// start of every line, and compares memo's checkpoints with those.
func checkCheckpoints(t *testing.T, text []byte, memo *unfinishedMemo) {
	t.Helper()
	_, _, every := unfinishedKeptEvery(text, 1)
	at := map[int]scanCheckpoint{}
	for _, cp := range every.checkpoints {
		at[cp.pos] = cp
	}
	for _, cp := range memo.checkpoints {
		fresh, ok := at[cp.pos]
		if !ok || !sameScanState(&unfinishedScan{states: cp.states, ifs: cp.ifs, overflow: cp.overflow}, fresh, shiftMap{}) {
			t.Fatalf("the checkpoint at %d is not the scan's state there (a line start the scan reaches: %v)", cp.pos, ok)
		}
	}
}

// A scan that meets the old one past the edit reads no further.
func TestUnfinishedAfterStopsWhereTheScansMeet(t *testing.T) {
	text := append(hpyHeavy(200<<10), "\nint f(void) {\n"...)
	_, _, memo := unfinishedKept(text)
	at := bytes.Index(text, []byte("\n")) + 1
	next := append(append(append([]byte{}, text[:at]...), '\n'), text[at:]...)
	gotText, _, nextMemo := unfinishedAfter(next, memo, shiftMap{start: at, oldEnd: at, newEnd: at + 1})
	if want, _ := unfinished(next); gotText != want || want == "" {
		t.Fatalf("resumed %q, fresh %q", gotText, want)
	}
	if nextMemo.read > 2*checkpointEvery {
		t.Errorf("an Enter at the top of a %d-byte text read %d bytes of it", len(next), nextMemo.read)
	}
	if len(nextMemo.checkpoints) != len(memo.checkpoints) {
		t.Errorf("%d checkpoints after an Enter, %d before", len(nextMemo.checkpoints), len(memo.checkpoints))
	}
}

// A Document of many checkpoints, left unfinished, takes keys before,
// inside and after what is left open: its verdict after each (resumed from
// the scan of the key before) is a fresh extraction's.
func TestDocumentUnfinishedVerdictFollowsKeys(t *testing.T) {
	head, tail := hpyHeavy(16<<10), hpyHeavy(16<<10)
	// A block left open in a body, as while typing one: the body's closing
	// brace, at the start of its line, closes it as the scan reads it.
	src := append(append(append([]byte{}, head...), "\nstatic int open(int a)\n{\n    if (a) {\n        a++;\n    return a;\n}\n"...), tail...)
	doc, err := NewDocument(C, src)
	if err != nil {
		t.Fatal(err)
	}
	defer doc.Close()
	if f := doc.Facts(); !f.Truncated {
		t.Fatal("the text is not left unfinished")
	}
	rng := rand.New(rand.NewSource(2))
	keys := []string{"\n", "\n", "x", " ", "{", "}", "(", ")", "/* c */", "\"s\""}
	resumed := 0
	for i := range 120 {
		content := doc.Content()
		at := rng.Intn(len(content) + 1)
		key := keys[rng.Intn(len(keys))]
		doc.Edit(at, at, []byte(key))
		got := doc.Facts()
		want, err := Extract(C, doc.Content())
		if err != nil {
			t.Fatal(err)
		}
		if got.Truncated != want.Truncated || got.Unfinished != want.Unfinished || got.UnfinishedAt != want.UnfinishedAt {
			t.Fatalf("key %d (%q at %d): unfinished %v %q at %d, a fresh extraction's %v %q at %d", i, key, at,
				got.Truncated, got.Unfinished, got.UnfinishedAt, want.Truncated, want.Unfinished, want.UnfinishedAt)
		}
		if m := doc.unfinished; m != nil && m.read <= 2*checkpointEvery+len(key) {
			resumed++
		}
	}
	if resumed < 40 {
		t.Fatalf("%d of 120 keys read at most two checkpoints' worth of the text: the Document's scans did not resume or meet the scans before", resumed)
	}
}
