package rules

import (
	"fmt"
	"strings"
)

// DocsURL is where each rule's documentation lives (the README anchor),
// used by the language server's codeDescription and SARIF's helpUri.
const DocsURL = "https://github.com/hpyproject/hpylint/blob/main/README.md#rules"

// MarkdownTable renders the README's rule table from the registry.
func MarkdownTable() string {
	var b strings.Builder
	b.WriteString("| Code | Name | Default severity | Summary |\n|---|---|---|---|\n")
	for _, r := range All() {
		fmt.Fprintf(&b, "| `%s` | `%s` | %s | %s |\n", r.Code, r.Name, r.Severity, strings.ReplaceAll(r.Summary, "|", "\\|"))
	}
	return b.String()
}
