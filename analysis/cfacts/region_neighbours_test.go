package cfacts

import (
	"reflect"
	"testing"
)

// A name alone on its line is read as declared when the non-blank byte
// before it ends a word, which can be the last byte of a directive or a
// comment above: a key that changes that byte changes the name's reading,
// though not its tree. Found by FuzzDocumentDirectiveEdits.
func TestKeyBesideANameRereadsIt(t *testing.T) {
	for _, c := range []struct {
		name, src string
		at, end   int
		text      string
	}{
		{"a directive's last byte", "#0\n\nPyDateTime_IMPORT", 1, 2, " "},
		{"a directive's last byte, back", "# \n\nPyDateTime_IMPORT", 1, 2, "0"},
		{"a comment's last byte", "int a; // note\n\nPyDateTime_IMPORT", 14, 14, "."},
		{"a comment's last byte, back", "int a; // note.\n\nPyDateTime_IMPORT", 14, 15, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			for _, size := range []int{segmentSize, 1} {
				withSegmentSize(t, size, func() {
					d, err := NewDocument(C, []byte(c.src))
					if err != nil {
						t.Fatal(err)
					}
					defer d.Close()
					d.Facts()
					d.Edit(c.at, c.end, []byte(c.text))
					if g, w := deepCopyOf(d.Facts()), deepCopyOf(must(Extract(C, d.Content()))); !reflect.DeepEqual(g, w) {
						t.Errorf("segments of %d: facts differ from Extract's:\n%s", size, factsDiff(g, w))
					}
				})
			}
		})
	}
}
