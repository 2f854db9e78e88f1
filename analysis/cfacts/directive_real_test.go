package cfacts

import (
	"os"
	"reflect"
	"strconv"
	"testing"
)

// Every key of directiveKeys (an Enter and a letter on each line of every
// directive) typed into a Document open on a real file, and undone, leaves
// the facts and segments a fresh Extract gives. The files are the testdata's and those
// of the trees HPYLINT_REAL_TREES names; HPYLINT_DIRECTIVE_KEYS bounds the
// keys tried per file (spread through it; 0 for all), 24 unless set.
func TestRealTreesDirectiveKeysMatchExtract(t *testing.T) {
	perFile := 24
	if n, err := strconv.Atoi(os.Getenv("HPYLINT_DIRECTIVE_KEYS")); err == nil {
		perFile = n
	}
	keys, broken, differ := 0, 0, 0
	for _, path := range cSources(t) {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		lang, _ := LangOfContent(path, src)
		all := directiveKeys(src)
		if perFile > 0 && len(all) > perFile {
			picked := make([]directiveKey, 0, perFile)
			for i := range perFile {
				picked = append(picked, all[i*len(all)/perFile])
			}
			all = picked
		}
		if len(all) == 0 {
			continue
		}
		doc, err := NewDocument(lang, src)
		if err != nil {
			t.Fatal(err)
		}
		doc.Facts()
		check := func(k directiveKey, what string) {
			got := doc.Facts()
			if d, w := docSpans(doc), segmentsOf(doc.Content(), scanFile(doc.Content()).itemStarts); !reflect.DeepEqual(d, w) {
				t.Errorf("%s: %s %q at %d: the segments are\n%v, Extract's\n%v", path, what, k.text, k.at, d, w)
			}
			want := must(Extract(lang, doc.Content()))
			if want.SyntaxErrors > 0 {
				broken++
			}
			if g, w := deepCopyOf(got), deepCopyOf(want); !reflect.DeepEqual(g, w) {
				differ++
				if want.SyntaxErrors == 0 || differ <= 10 {
					t.Errorf("%s: %s %q at %d (%d syntax errors): facts differ from Extract's:\n%s", path, what, k.text, k.at, want.SyntaxErrors, factsDiff(g, w))
				}
			}
		}
		for _, k := range all {
			doc.Edit(k.at, k.at, []byte(k.text))
			check(k, "typing")
			doc.Edit(k.at, k.at+len(k.text), nil)
			check(k, "undoing")
			keys++
		}
		doc.Close()
	}
	t.Logf("%d keys typed and undone, %d of the %d texts with syntax errors, %d differed", keys, broken, 2*keys, differ)
}
