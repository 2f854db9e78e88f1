package main

import (
	"slices"
	"testing"
)

// TestPlanLinesMoveAFinding: every planned Enter is at or above upto,
// every planned letter on a finding's line, the same lines for the same
// seed, and spread lines are not all one.
func TestPlanLinesMoveAFinding(t *testing.T) {
	findings := []int{40, 10, 300, 10, 120}
	for _, key := range []string{"enter", "char"} {
		plan, err := planLines(findings, 1000, 300, 200, key, true, 7)
		if err != nil {
			t.Fatal(err)
		}
		again, _ := planLines(findings, 1000, 300, 200, key, true, 7)
		other, _ := planLines(findings, 1000, 300, 200, key, true, 8)
		if !slices.Equal(plan, again) || slices.Equal(plan, other) {
			t.Errorf("%s: the plan does not follow the seed", key)
		}
		distinctLines := map[int]bool{}
		for _, l := range plan {
			distinctLines[l] = true
			if key == "enter" && (l < 0 || l > 300) {
				t.Errorf("enter at line %d, below upto (300)", l)
			}
			if key == "char" && !slices.Contains(findings, l) {
				t.Errorf("letter at line %d, where no finding is", l)
			}
		}
		if len(distinctLines) < 3 {
			t.Errorf("%s: spread over %d lines only", key, len(distinctLines))
		}
	}
	at, _ := planLines(findings, 1000, 300, 3, "enter", false, 7)
	if !slices.Equal(at, []int{150, 150, 150}) {
		t.Errorf("enter without spread: %v, want the middle of the range each time", at)
	}
	at, _ = planLines(findings, 1000, 300, 3, "char", false, 7)
	if !slices.Equal(at, []int{300, 300, 300}) {
		t.Errorf("char without spread: %v, want the finding nearest the middle of the file (300) each time", at)
	}
	if _, err := planLines(nil, 1000, 999, 5, "char", true, 1); err == nil {
		t.Error("letters with no finding to move: no error")
	}
}

// TestEnterPlanIsTheServers: two servers with different findings given
// the same upto and seed get the same Enter keys, so their figures are of
// the same edits.
func TestEnterPlanIsTheServers(t *testing.T) {
	a, _ := planLines([]int{5, 700}, 1000, 500, 50, "enter", true, 3)
	b, _ := planLines([]int{0}, 1000, 500, 50, "enter", true, 3)
	if !slices.Equal(a, b) {
		t.Errorf("same upto and seed, different findings: %v and %v", a, b)
	}
}

func TestEnterRange(t *testing.T) {
	for _, c := range []struct {
		asked    int
		findings []int
		want     int
	}{
		{0, []int{4, 90, 12}, 90},
		{0, nil, 999},
		{50, []int{4, 90}, 49},
		{5000, []int{4}, 999},
	} {
		if got := enterRange(c.asked, c.findings, 1000); got != c.want {
			t.Errorf("enterRange(%d, %v, 1000) = %d, want %d", c.asked, c.findings, got, c.want)
		}
	}
}

func TestInsertAtLineStart(t *testing.T) {
	for _, c := range []struct {
		line int
		want string
	}{{0, "\na\nb\n"}, {1, "a\n\nb\n"}, {2, "a\nb\n\n"}, {9, "a\nb\n\n"}} {
		if got := string(insertAt([]byte("a\nb\n"), c.line, 0, "\n")); got != c.want {
			t.Errorf("line %d: %q, want %q", c.line, got, c.want)
		}
	}
}

// -key code types a blank, then codeText a character a key before it,
// after the indentation of each planned line in turn; the other keys go to
// the start of their line.
func TestPlanKeysTypesCodeAfterTheIndentation(t *testing.T) {
	text := []byte("int f(void)\n{\n    PyErr_Clear();\n\treturn 0;\n}\n")
	round := len(codeText) + 1
	keys := planKeys([]int{2, 0, 3}, "code", text, round+3) // line 0 is at file scope
	if len(keys) != round+3 {
		t.Fatalf("%d keys, want %d", len(keys), round+3)
	}
	typed := text
	for i, k := range keys {
		line, indent, j := 2, 4, i
		if i >= round {
			line, indent, j = 3, 1, i-round
		}
		want := keyEdit{line: line, char: indent, text: " "}
		if j > 0 {
			want = keyEdit{line: line, char: indent + j - 1, text: codeText[j-1 : j]}
		}
		if k != want {
			t.Errorf("key %d: %+v, want %+v", i, k, want)
		}
		typed = insertAt(typed, k.line, k.char, k.text)
	}
	want := "int f(void)\n{\n    " + codeText + " PyErr_Clear();\n\tg( return 0;\n}\n"
	if string(typed) != want {
		t.Errorf("typed:\n%s\nwant:\n%s", typed, want)
	}
	if k := planKeys([]int{3}, "enter", text, 1); len(k) != 1 || k[0] != (keyEdit{line: 3, text: "\n"}) {
		t.Errorf("an Enter key: %+v", k)
	}
}
