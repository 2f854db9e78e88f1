package makefile

import (
	"strings"
	"testing"

	"github.com/hpyproject/hpylint/analysis/source"
)

// literalChunks makes one literal chunk of src, as written at offset 0.
func literalChunks(src string) []chunk {
	return []chunk{{start: 0, end: len(src), text: src}}
}

// render shows each word as value@text-at-its-span.
func renderWords(src string, words []word) string {
	var out []string
	for _, w := range words {
		s := w.value
		if w.op {
			s = "op:" + s
		}
		if sp, ok := w.span(); ok {
			s += "@" + src[sp.Start:sp.End]
		}
		out = append(out, s)
	}
	return strings.Join(out, " | ")
}

func TestSplitWords(t *testing.T) {
	tests := []struct {
		src    string
		recipe bool
		want   string
	}{
		{"a  b\tc", false, "a@a | b@b | c@c"},
		{`-DX="a b" 'c d'`, false, `-DX=a b@-DX="a b" | c d@'c d'`},
		{`a\ b c\"d`, false, `a b@a\ b | c"d@c\"d`},
		{`"x\"y\$z\q"`, false, `x"y$z\q@"x\"y\$z\q"`},
		{`'\n'`, false, `\n@'\n'`},
		{`""`, false, `@""`},
		{"a \\\n  b", false, "a@a | b@b"},
		{"a;b&&c||d|e&f(g)>h<i", false, "a;b&&c||d|e&f(g)>h<i@a;b&&c||d|e&f(g)>h<i"},
		{"a;b&&c||d|e", true, "a@a | op:;@; | b@b | op:&&@&& | c@c | op:||@|| | d@d | op:|@| | e@e"},
		{"echo a # note\nb", true, "echo@echo | a@a | b@b"},
		{"echo a#b", true, "echo@echo | a#b@a#b"},
		{`"a;b" 'c|d'`, true, `a;b@"a;b" | c|d@'c|d'`},
		{`"unterminated`, false, `unterminated@"unterminated`},
		{`trailing\`, false, `trailing\@trailing\`},
	}
	for _, tt := range tests {
		got := renderWords(tt.src, splitWords(literalChunks(tt.src), tt.recipe))
		if got != tt.want {
			t.Errorf("%q (recipe=%v):\n got %s\nwant %s", tt.src, tt.recipe, got, tt.want)
		}
	}
}

func TestWordSpanAcrossReferences(t *testing.T) {
	// CFLAGS = -I$(INC) where INC = /x/include, used from a recipe.
	src := "INC = /x/include\nCFLAGS = -I$(INC) -DA\n\t$(CFLAGS)"
	inc := source.Span{Start: 28, End: 34}    // $(INC)
	cflags := source.Span{Start: 40, End: 49} // $(CFLAGS)
	chunks := []chunk{
		{start: 26, end: 28, text: "-I", path: []source.Span{cflags}},
		{start: 6, end: 16, text: "/x/include", path: []source.Span{cflags, inc}},
		{start: 34, end: 38, text: " -DA", path: []source.Span{cflags}},
	}
	if src[inc.Start:inc.End] != "$(INC)" || src[cflags.Start:cflags.End] != "$(CFLAGS)" {
		t.Fatalf("bad test offsets")
	}
	got := renderWords(src, splitWords(chunks, true))
	if got != "-I/x/include@-I$(INC) | -DA@-DA" {
		t.Errorf("got %s", got)
	}
}

func TestOpaqueChunksJoinWords(t *testing.T) {
	src := "-I$(shell x y)/inc"
	chunks := []chunk{
		{start: 0, end: 2, text: "-I"},
		{start: 2, end: 14, text: "$(shell x y)", opaque: true},
		{start: 14, end: 18, text: "/inc"},
	}
	words := splitWords(chunks, false)
	if len(words) != 1 || !words[0].unknown || renderWords(src, words) != "-I$(shell x y)/inc@-I$(shell x y)/inc" {
		t.Errorf("got %s", renderWords(src, words))
	}
}
