package makefile

import (
	"strings"
	"testing"
)

// valueOf expands $(name) with the variables src defines, as a recipe
// would see them, and renders the words with what their spans slice to.
func valueOf(t *testing.T, src, name string) string {
	t.Helper()
	r := newReader("Makefile", []byte(src))
	if len(r.out.Problems) > 0 {
		t.Fatalf("problems: %+v", r.out.Problems)
	}
	p := []piece{{kind: ref, start: -1, end: -1, name: name}}
	return renderWords(src, splitWords(expandIn(r.vars, r.src, p), true))
}

func TestExpansion(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"recursive sees later values", "A = x $(B)\nB = y\n", "x@x | y@y"},
		{"simple expands at once", "B = y\nA := x $(B)\nB = z\n", "x@x | y@y"},
		{"append to recursive", "A = x\nA += $(B)\nB = y\n", "x@x | y@y"},
		{"append to simple", "B = y\nA := x\nA += $(B)\nB = z\n", "x@x | y@y"},
		{"append creates", "A += x\n", "x@x"},
		{"conditional assignment", "A = x\nA ?= y\nB ?= z\nA += $(B)\n", "x@x | z@z"},
		{"braces", "B = y\nA = ${B}\n", "y@y"},
		{"unknown stays as written", "A = -I$(NOPE)/inc\n", "-I$(NOPE)/inc@-I$(NOPE)/inc"},
		{"self reference stays as written", "A = x $(A)\n", "x@x | $(A)@$(A)"},
		{"shell assignment is unknown", "B = y\nB != echo z\nA = $(B)\n", "$(B)@$(B)"},
		{"shell function as written", "B := $(shell echo z)\nA = -I$(B)\n", "-I$(B)@-I$(B)"},
		{"empty value adds nothing", "E =\nA = x $(E) y\n", "x@x | y@y"},
		{"comment after value", "A = x # note $(B)\n", "x@x"},
		{"escaped hash", "A = x\\#y\n", "x#y@x\\#y"},
		{"override and export", "override A = x\nexport B = y\nA += $(B)\n", "x@x | y@y"},
		{"define block", "define A\n-DX\n-DY\nendef\n", "-DX@-DX | -DY@-DY"},
		{"dollar escape", "A = a$$b\n", "a$b@a$$b"},
		{"suffix substitution", "S = a.c b.c\nA = $(S:.c=.o)\n", "a.o@a.c | b.o@b.c"},
		{"pattern substitution", "S = a.c\nA = $(S:%.c=build/%.o)\n", "build/a.o@a.c"},
		{"computed name stays as written", "N = B\nB = y\nA = $($(N))\n", "$($(N))@$($(N))"},
		{"curdir", "A = $(CURDIR)/inc\n", "./inc@$(CURDIR)/inc"},
		{"all branches read", "ifeq ($(X),1)\nA = x\nelse\nA = y\nendif\n", "y@y"},
		{"continued value", "A = x \\\n    y\n", "x@x | y@y"},
		{"crlf", "A = x y\r\n", "x@x | y@y"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := valueOf(t, tt.src, "A"); got != tt.want {
				t.Errorf("got %s, want %s", got, tt.want)
			}
		})
	}
}

// Variables that double at every level stop expanding instead of
// exhausting memory.
func TestExpansionBudget(t *testing.T) {
	var b strings.Builder
	b.WriteString("V0 = x\n")
	for i := 1; i <= 40; i++ {
		b.WriteString("V" + itoa(i) + " = $(V" + itoa(i-1) + ") $(V" + itoa(i-1) + ")\n")
	}
	b.WriteString("mod.so: mod.c\n\tgcc $(V40)\n")
	f := Read("Makefile", []byte(b.String()))
	if len(f.Extensions) != 1 {
		t.Errorf("extensions = %d", len(f.Extensions))
	}
}

func itoa(i int) string {
	return strings.TrimSpace(strings.Repeat(" ", 0) + string(rune('0'+i/10)) + string(rune('0'+i%10)))
}

func TestExpansionBudgetSimple(t *testing.T) {
	src := "A := x\n" + strings.Repeat("A := $(A) $(A)\n", 30) + "B = $(A)\nmod.so: mod.c\n\tgcc $(A) $(B)\n"
	f := Read("Makefile", []byte(src))
	if len(f.Extensions) != 1 {
		t.Errorf("extensions = %d", len(f.Extensions))
	}
}
