package rules

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var updateReadme = flag.Bool("update-readme", false, "rewrite the README's rule table from the registry")

const tableBegin, tableEnd = "<!-- rules:begin -->\n", "<!-- rules:end -->"

// The README's rule table is generated; this fails when it is stale. Run
// `go test ./analysis/rules -run TestReadmeRuleTable -update-readme` to fix.
func TestReadmeRuleTable(t *testing.T) {
	path := filepath.Join("..", "..", "README.md")
	content, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s := string(content)
	i, j := strings.Index(s, tableBegin), strings.Index(s, tableEnd)
	if i < 0 || j < i {
		t.Fatalf("README.md lacks the %q ... %q markers", tableBegin, tableEnd)
	}
	want := s[:i+len(tableBegin)] + MarkdownTable() + s[j:]
	if want == s {
		return
	}
	if *updateReadme {
		if err := os.WriteFile(path, []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Errorf("README.md rule table is stale; run: go test ./analysis/rules -run TestReadmeRuleTable -update-readme")
}

func TestEveryRuleIsDocumented(t *testing.T) {
	seenNames := map[string]bool{}
	for _, r := range All() {
		if r.Summary == "" || r.Doc.What == "" || r.Doc.Why == "" || r.Doc.Example == "" || r.Doc.Fix == "" {
			t.Errorf("%s: incomplete docs", r.Code)
		}
		if strings.ToLower(r.Name) != r.Name || strings.Contains(r.Name, " ") || seenNames[r.Name] {
			t.Errorf("%s: name %q must be unique kebab-case", r.Code, r.Name)
		}
		seenNames[r.Name] = true
		if Lookup(r.Code) != r || Lookup(r.Name) != r {
			t.Errorf("%s: lookup by code or name fails", r.Code)
		}
	}
}

func TestSelectors(t *testing.T) {
	r := Lookup("HPY102")
	for _, s := range []string{"HPY102", "HPY1", "HPY", "hpy10", "modinit-name-mismatch", "ALL"} {
		if !Matches(s, r) {
			t.Errorf("%q should select HPY102", s)
		}
	}
	for _, s := range []string{"HPY2", "HPY103", "missing-modinit", ""} {
		if Matches(s, r) {
			t.Errorf("%q should not select HPY102", s)
		}
	}
	if KnownSelector("HPY9") || KnownSelector("nonsense") {
		t.Error("unknown selectors accepted")
	}
}
