package makefile

import "testing"

// FuzzRead checks that no input makes the reader panic or loop, or
// produce a span outside the content.
func FuzzRead(f *testing.F) {
	seeds := []string{
		"CFLAGS = -DHPY_ABI_UNIVERSAL -I$(INC) # c\nLDLIBS := -lpython3.11\nm.so: m.o\n\t$(CC) $(CFLAGS) -o $@ $^ $(LDLIBS)\n",
		"X = python3 -c \"print(1)\"\n%.so: %.c\n\tpip install -C hpy-abi=universal .\nall: a.so\n",
		"A = $(A)\nB := $(B:.c=.o)\n$(X): %.o: %.c\n\tpython setup.py --hpy-abi $(ABI)\n",
		"define X\n$(\nendef\nifeq (,\nelse\nendif\n", "\t\t\n(\n)", "a: b\\\n\tc\\", "$$$$(", "x: y\n\t\"unterminated",
		"t: V += -DHPY_ABI_HYBRID\nt.so: t.c\n\t$(V)\n",
	}
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, content []byte) {
		out := Read("Makefile", content)
		check := func(start, end int) {
			if start < 0 || end > len(content) || start > end {
				t.Fatalf("span [%d,%d) outside content of %d bytes", start, end, len(content))
			}
		}
		for _, e := range out.Extensions {
			check(e.Decl.Start, e.Decl.End)
			check(e.Name.Span.Start, e.Name.Span.End)
			for _, v := range append(append(append(e.Sources, e.Defines...), e.IncludeDirs...), e.Libraries...) {
				check(v.Span.Start, v.Span.End)
			}
		}
		for _, v := range append(out.IncludeDirs, out.Libraries...) {
			check(v.Span.Start, v.Span.End)
		}
		for _, p := range out.Problems {
			check(p.Span.Start, p.Span.End)
		}
		for _, c := range out.Comments {
			check(c.Span.Start, c.Span.End)
			if string(content[c.Span.Start:c.Span.End]) != c.Text {
				t.Fatalf("comment text %q does not match its span", c.Text)
			}
		}
		for _, a := range out.ABI {
			check(a.Span.Start, a.Span.End)
		}
		for _, u := range out.Unresolved {
			check(u.Span.Start, u.Span.End)
		}
	})
}
