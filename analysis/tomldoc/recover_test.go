package tomldoc

import (
	"reflect"
	"strings"
	"testing"
	"time"
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
			[]string{`invalid TOML at line 2: syntax error at "requires = ["`, `invalid TOML at line 3: syntax error at "\"setuptools\","`, `invalid TOML at line 4: syntax error at "\"hpy\""`},
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

// Recovery reparses the file; garbage must not make that slow.
func TestRecoveryIsBounded(t *testing.T) {
	in := strings.Repeat("@@ = = [[ \"\n", 5000) + "[ok]\nx = 1\n"
	start := time.Now()
	_, ps := Parse([]byte(in))
	if len(ps) == 0 {
		t.Fatal("no problems")
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("Parse took %v", d)
	}
	t.Logf("took %v", time.Since(start))
}
