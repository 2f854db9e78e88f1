package meson

import (
	"fmt"
	"strings"
	"testing"
)

func TestLex(t *testing.T) {
	src := "x += f'@a@' 0x1F '''m\n'l''' # c\r\ny!=[1,2]\\  # cont\n{}<=>=?"
	toks, comments, problems := Lex([]byte(src))
	if len(problems) > 0 {
		t.Fatalf("problems: %+v", problems)
	}
	var got []string
	for _, tk := range toks {
		if src[tk.Span.Start:tk.Span.End] != tk.Text {
			t.Errorf("token %q: span slices to %q", tk.Text, src[tk.Span.Start:tk.Span.End])
		}
		s := fmt.Sprintf("%d:%s", tk.Kind, tk.Text)
		if tk.Kind == TokString || tk.Kind == TokFString {
			s += fmt.Sprintf("=%q", tk.Value)
		}
		got = append(got, s)
	}
	want := []string{
		"2:x", "6:+=", `4:f'@a@'="@a@"`, "5:0x1F", "3:'''m\n'l'''=\"m\\n'l\"", "1:\n",
		"2:y", "6:!=", "6:[", "5:1", "6:,", "5:2", "6:]", "6:{", "6:}", "6:<=", "6:>=", "6:?", "0:",
	}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("tokens:\n got %q\nwant %q", got, want)
	}
	if len(comments) != 2 || comments[0].Text != "# c" || comments[1].Text != "# cont" {
		t.Errorf("comments = %+v", comments)
	}
}

func TestLexEscapes(t *testing.T) {
	tests := map[string]string{
		`'a\'b'`:        "a'b",
		`'\\\n\t\r'`:    "\\\n\t\r",
		`'\x41\u00e9'`:  "Aé",
		`'\U0001F600'`:  "\U0001F600",
		`'\101\7'`:      "A\a",
		`'\q\xZZ'`:      `\q\xZZ`,
		`'''\n raw'''`:  `\n raw`,
		`'\a\b\f\v'`:    "\a\b\f\v",
		`'trailing\`:    `trailing\`,
		`'nl\` + "\n'":  `nl\`,
		`'\uD800'`:      `\uD800`,
		`'\x4'`:         `\x4`,
		`'multi''byte'`: "multi",
	}
	for src, want := range tests {
		toks, _, _ := Lex([]byte(src))
		if toks[0].Value != want {
			t.Errorf("%s: value %q, want %q", src, toks[0].Value, want)
		}
	}
}
