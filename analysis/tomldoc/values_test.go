package tomldoc

import (
	"math"
	"testing"
)

func TestValues(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"basic escapes", `a = "tab\there \"q\" \\ \u00e9 \U0001F600"`, `{a="tab\there \"q\" \\ é 😀"}`},
		{"literal", `a = 'C:\path\n'`, `{a="C:\\path\\n"}`},
		{"empty strings", "a = \"\"\nb = ''", `{a="", b=""}`},
		{"multi-line basic trims first newline", "a = \"\"\"\nline1\nline2\"\"\"", `{a="line1\nline2"}`},
		{"multi-line basic crlf first newline", "a = \"\"\"\r\nx\"\"\"", `{a="x"}`},
		{"line-ending backslash", "a = \"\"\"one \\\n    two \\\n\n   three\"\"\"", `{a="one two three"}`},
		{"quotes before closing", `a = """x"" """"`, `{a="x\"\" \""}`},
		{"multi-line literal", "a = '''\n\\n raw\n'''", `{a="\\n raw\n"}`},
		{"integers", "a = 1_000\nb = -17\nc = 0xDEAD_beef\nd = 0o755\ne = 0b1010\nf = +0", `{a=1000, b=-17, c=3735928559, d=493, e=10, f=0}`},
		{"floats", "a = 3.14\nb = -1e3\nc = 6.626e-34\nd = 1_000.5\ne = -inf", `{a=3.14, b=-1000, c=6.626e-34, d=1000.5, e=-Inf}`},
		{"bools", "a = true\nb = false", `{a=true, b=false}`},
		{"dates", "a = 1979-05-27T07:32:00Z\nb = 1979-05-27\nc = 07:32:00\nd = 1979-05-27T00:32:00.999999", `{a=dt(1979-05-27T07:32:00Z), b=dt(1979-05-27), c=dt(07:32:00), d=dt(1979-05-27T00:32:00.999999)}`},
		{"arrays", "a = [1, [2, 'x'], {b = true}]\nb = []\nc = [\n  1, # one\n  2,\n]", `{a=[1, [2, "x"], {b=true}], b=[], c=[1, 2]}`},
		{"inline tables", `a = {x = 1, y.z = "s", "q k" = {}}`, `{a={x=1, y={z="s"}, "q k"={}}}`},
		{"dotted and quoted keys", "a.b.c = 1\na.b.d = 2\n\"x.y\".'z' = 3\n\"\" = 4", `{a={b={c=1, d=2}}, "x.y"={z=3}, ""=4}`},
		{"key escapes", `"k\u0041" = 1`, `{kA=1}`},
		{"whitespace around dots", "a . b = 1", `{a={b=1}}`},
		{"tables", "top = 1\n[t]\nx = 1\n[t.sub]\ny = 2\n[other]\n", `{top=1, t={x=1, sub={y=2}}, other={}}`},
		{"implicit parent then header", "[a.b]\nx = 1\n[a]\ny = 2", `{a={b={x=1}, y=2}}`},
		{"array of tables", "[[p]]\nn = 1\n[[p]]\nn = 2\n[p.sub]\nq = 3\n[[p.list]]\n", `{p=[{n=1}, {n=2, sub={q=3}, list=[{}]}]}`},
		{"header under dotted table", "[fruit]\napple.color = 'red'\n[fruit.apple.texture]\nsmooth = true", `{fruit={apple={color="red", texture={smooth=true}}}}`},
		{"dotted key through implicit table", "[a.b.c]\n[a]\nb.d = 1", `{a={b={c={}, d=1}}}`},
		{"crlf", "a = 1\r\n[t]\r\nb = 'x'\r\n", `{a=1, t={b="x"}}`},
		{"empty", "", `{}`},
		{"only comments", "# one\n\n  # two\n", `{}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, ps := Parse([]byte(tt.in))
			if len(ps) > 0 {
				t.Fatalf("unexpected problems: %q", messages(ps))
			}
			if got := dumpTable(d.Root); got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}

func TestNaN(t *testing.T) {
	d, ps := Parse([]byte("a = nan\nb = +nan\nc = +inf"))
	if len(ps) > 0 {
		t.Fatal(messages(ps))
	}
	for _, k := range []string{"a", "b"} {
		if v, _ := d.Lookup(k); !math.IsNaN(v.Float) {
			t.Errorf("%s = %v, want NaN", k, v.Float)
		}
	}
	if v, _ := d.Lookup("c"); !math.IsInf(v.Float, 1) {
		t.Errorf("c = %v, want +Inf", v.Float)
	}
}

func TestStringsHelper(t *testing.T) {
	d, _ := Parse([]byte("a = ['x', \"y\"]\nb = ['x', 1]\nc = 'x'"))
	a, _ := d.Lookup("a")
	if got, ok := a.Strings(); !ok || len(got) != 2 || got[1] != "y" {
		t.Errorf("a.Strings() = %q, %v", got, ok)
	}
	for _, k := range []string{"b", "c"} {
		v, _ := d.Lookup(k)
		if _, ok := v.Strings(); ok {
			t.Errorf("%s.Strings() ok, want not ok", k)
		}
	}
	var nilValue *Value
	if _, ok := nilValue.Strings(); ok {
		t.Error("nil Strings() ok")
	}
}
