package tomldoc

import (
	"reflect"
	"strings"
	"testing"

	sitter "github.com/tree-sitter/go-tree-sitter"
)

func TestRecovery(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string
		doc      string
	}{
		{"unterminated string before a header",
			"[project]\nname = \"broken\n\n[tool.hpylint]\nabi = \"universal\"\n",
			[]string{`invalid TOML at line 2: syntax error at "name = \"broken"`},
			`{project={}, tool={hpylint={abi="universal"}}}`},
		{"unclosed array before a pair",
			"[tool.hpylint]\nselect = [\"HPY1\"\nignore = [\"HPY108\"]\n",
			[]string{`invalid TOML at line 2: syntax error at "select = [\"HPY1\""`},
			`{tool={hpylint={ignore=["HPY108"]}}}`},
		{"unclosed multi-line array",
			"[build-system]\nrequires = [\n  \"setuptools\",\n  \"hpy\"\n[project]\nname = \"x\"\n",
			[]string{`invalid TOML at line 2: syntax error at "requires = [" (lines 2-4 skipped)`},
			`{build-system={}, project={name="x"}}`},
		{"pairs under a broken header are dropped",
			"[a]\nx = 1\n[b]]\ny = 2\n\n[c]\nz = 3\n",
			[]string{`invalid TOML at line 3: syntax error at "]"`},
			`{a={x=1}, c={z=3}}`},
		{"pairs under a broken root header are dropped",
			"[b\ny = 2\n[c]\nz = 3\n",
			[]string{`invalid TOML at line 1: syntax error at "[b"`},
			`{c={z=3}}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, ps := Parse([]byte(tt.in))
			if got := messages(ps); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("problems:\n got  %q\n want %q", got, tt.want)
			}
			if got := dumpTable(d.Root); got != tt.doc {
				t.Errorf("doc = %s, want %s", got, tt.doc)
			}
		})
	}
}

// tree-sitter alone is superlinear on garbage, so recovery must not
// reparse files that are mostly errors, and must stop within its budget.
func TestRecoveryIsBounded(t *testing.T) {
	p := sitter.NewParser()
	defer p.Close()
	p.SetLanguage(language)
	tests := []struct {
		name      string
		in        string
		maxParses int
	}{
		{"garbage", strings.Repeat("@@ = = [[ \"\n", 1000) + "[ok]\nx = 1\n", 0},
		{"many small errors", strings.Repeat("a = 1\n@\n", 30), recoverMaxReparses},
	}
	for _, tt := range tests {
		in := []byte(tt.in)
		b := &builder{src: in, doc: &Doc{Root: newTable(Root), lines: lineStarts(in)}}
		parses := 0
		parse := func(src []byte) *sitter.Tree {
			parses++
			return p.Parse(src, nil)
		}
		b.recoverLines(parse, parse(in)).Close()
		if parses-1 > tt.maxParses {
			t.Errorf("%s: %d reparses, want at most %d", tt.name, parses-1, tt.maxParses)
		}
	}
}
