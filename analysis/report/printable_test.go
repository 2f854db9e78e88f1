package report

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/hpyproject/hpylint/analysis/diag"
	"github.com/hpyproject/hpylint/analysis/source"
	"github.com/hpyproject/hpylint/analysis/textpos"
)

func TestPrintable(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"plain é π 😀", "plain é π 😀"},
		{"a\tb", "a\tb"},
		{"red\x1b[31mtext\x1b[0m", `red\x1b[31mtext\x1b[0m`},
		{"bell\x07 nl\n cr\r del\x7f", `bell\x07 nl\x0a cr\x0d del\x7f`},
		{"csi\u009b2J nel\u0085", `csi\u009b2J nel\u0085`},
		{"caf\xe9 \xa9", "caf\uFFFD \uFFFD"}, // Latin-1: one U+FFFD per byte
		{"\xc2", "\uFFFD"},
	} {
		if got := Printable(c.in); got != c.want {
			t.Errorf("Printable(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// A file named with an ANSI escape sequence, whose line holds one and a
// Latin-1 byte before the finding: no format lets a control character
// reach the terminal or the log, and the data formats keep the name.
func TestControlCharactersNeverReachTheOutput(t *testing.T) {
	name := "src/\x1b[2J\x1b[31mevil\u009b.c"
	content := "/* caf\xe9 \x1b[5m */ HPy_MODINIT(bad\x7f, moduledef)\n"
	at := strings.Index(content, "bad")
	diags := []diag.Diagnostic{{
		Code: "HPY102", Name: "modinit-name-mismatch", Severity: diag.Error,
		Location: source.Location{Path: name, Span: source.Span{Start: at, End: at + len("bad\x7f")}},
		Message:  "HPy_MODINIT name \"bad\x7f\" in " + name + " does not match",
	}}
	lines := func(string) *textpos.Index { return textpos.New([]byte(content)) }
	contentOf := func(string) []byte { return []byte(content) }

	var text bytes.Buffer
	Text(&text, diags, 1, 1, lines, contentOf)
	var gh bytes.Buffer
	if err := GitHub(&gh, diags, lines, Repo{}); err != nil {
		t.Fatal(err)
	}
	var stats bytes.Buffer
	StatisticsText(&stats, diags, 1, 1)
	var js, jl, sarif bytes.Buffer
	if err := JSON(&js, diags, 1, lines); err != nil {
		t.Fatal(err)
	}
	if err := JSONLines(&jl, diags, lines); err != nil {
		t.Fatal(err)
	}
	if err := SARIF(&sarif, diags, SARIFOptions{Version: "test", Lines: lines, Content: contentOf}); err != nil {
		t.Fatal(err)
	}
	for format, out := range map[string]string{"text": text.String(), "github": gh.String(), "statistics": stats.String(), "json": js.String(), "json-lines": jl.String(), "sarif": sarif.String()} {
		for _, r := range out {
			if r != '\n' && isControl(r) {
				t.Errorf("%s: control character %U in the output:\n%s", format, r, out)
				break
			}
		}
		if !utf8.ValidString(out) {
			t.Errorf("%s: output is not UTF-8:\n%q", format, out)
		}
	}

	// The text report: the name and the line escaped, the carets under
	// the escaped characters of the range.
	want := `src/\x1b[2J\x1b[31mevil\u009b.c:1:29: HPY102 [error] HPy_MODINIT name "bad\x7f" in src/\x1b[2J\x1b[31mevil\u009b.c does not match
  |
1 | /* caf` + "\uFFFD" + ` \x1b[5m */ HPy_MODINIT(bad\x7f, moduledef)
  | ` + strings.Repeat(" ", len("/* caf? \\x1b[5m */ HPy_MODINIT(")) + `^^^^^^^
`
	if got := strings.SplitAfterN(text.String(), "\n", 5); strings.Join(got[:4], "") != want {
		t.Errorf("text report:\n%s\nwant\n%s", strings.Join(got[:4], ""), want)
	}
	if !strings.Contains(gh.String(), `file=src/\x1b[2J\x1b[31mevil\u009b.c,line=1,col=29,endLine=1,endColumn=33`) {
		t.Errorf("github: %s", gh.String())
	}

	// JSON keeps the name exactly, escaped as JSON: DEL and C1 included.
	var doc JSONDocument
	if err := json.Unmarshal(js.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if d := doc.Diagnostics[0]; d.Path != name || d.Column != 29 || d.EndColumn != 33 {
		t.Errorf("json: path %q at %d-%d, want %q at 29-33", d.Path, d.Column, d.EndColumn, name)
	}
	if !strings.Contains(js.String(), `\u001b[2J\u001b[31mevil\u009b.c`) || !strings.Contains(js.String(), `bad\u007f`) {
		t.Errorf("json escapes:\n%s", js.String())
	}
	var log SARIFLog
	if err := json.Unmarshal(sarif.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	res := log.Runs[0].Results[0]
	if r := res.Locations[0].PhysicalLocation.Region; r.StartColumn != 29 || r.EndColumn != 33 {
		t.Errorf("sarif region %+v, want columns 29-33", r)
	}
	if res.Message.Text != diags[0].Message {
		t.Errorf("sarif message %q", res.Message.Text)
	}
}
