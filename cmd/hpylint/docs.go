package main

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/hpyproject/hpylint/analysis/rules"
)

func listRules(w io.Writer) {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "CODE\tNAME\tSEVERITY\tSUMMARY")
	for _, r := range rules.All() {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", r.Code, r.Name, r.Severity, r.Summary)
	}
	tw.Flush()
}

// explain prints a rule's documentation, like `ruff rule CODE`.
func explain(w io.Writer, r *rules.Rule) {
	fmt.Fprintf(w, "%s %s (%s by default)\n\n%s\n", r.Code, r.Name, r.Severity, r.Summary)
	section := func(title, body string) {
		if body == "" {
			return
		}
		fmt.Fprintf(w, "\n## %s\n%s\n", title, body)
	}
	section("What it does", r.Doc.What)
	section("Why it matters", r.Doc.Why)
	if r.Doc.Example != "" {
		fmt.Fprintf(w, "\n## Example\n    %s\n", strings.ReplaceAll(r.Doc.Example, "\n", "\n    "))
	}
	section("How to fix it", r.Doc.Fix)
}
