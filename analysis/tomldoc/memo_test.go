package tomldoc

import "testing"

// A second Parse of the same bytes gives the same document, and a caller
// appending to the problems it got cannot change what the next caller gets.
func TestParseMemo(t *testing.T) {
	content := []byte("[t]\na = 1\nb = [\n")
	d1, p1 := Parse(content)
	_ = append(p1, Problem{Message: "added by a caller"})
	d2, p2 := Parse(append([]byte(nil), content...))
	if d1 != d2 {
		t.Errorf("the same content was parsed twice")
	}
	// Clipped: an append copies instead of writing into the shared array.
	if len(p1) == 0 || cap(p1) != len(p1) || cap(p2) != len(p2) {
		t.Errorf("problems not clipped: len/cap %d/%d and %d/%d", len(p1), cap(p1), len(p2), cap(p2))
	}
	d3, _ := Parse([]byte("[t]\na = 2\n"))
	if d3 == d1 {
		t.Fatalf("other content answered from the memo")
	}
	if v, _ := d3.Lookup("t", "a"); v == nil || v.Int != 2 {
		t.Errorf("t.a = %+v, want 2", v)
	}
}
