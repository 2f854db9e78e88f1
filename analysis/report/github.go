package report

import (
	"fmt"
	"io"
	"path"
	"strings"

	"github.com/hpyproject/hpylint/analysis/diag"
)

// Repo says where the repository root is relative to the working
// directory, so CI formats can name files the way the CI service does
// (GitHub resolves annotation and SARIF paths against the repository root,
// not against the directory hpylint ran in).
type Repo struct {
	// Root is the repository root, an absolute slash-separated path; "" when
	// unknown (then the working directory is taken as the root).
	Root string
	// Prefix is the working directory relative to Root, slash-separated;
	// "" or "." when hpylint runs at the root.
	Prefix string
}

// Rel names a working-directory-relative path relative to the repository
// root. outside is true when the path lies above the root.
func (r Repo) Rel(p string) (rel string, outside bool) {
	if path.IsAbs(p) {
		if r.Root != "" && (p == r.Root || strings.HasPrefix(p, strings.TrimSuffix(r.Root, "/")+"/")) {
			return strings.TrimPrefix(strings.TrimPrefix(p, strings.TrimSuffix(r.Root, "/")), "/"), false
		}
		return p, true
	}
	rel = path.Join(r.Prefix, p)
	return rel, rel == ".." || strings.HasPrefix(rel, "../")
}

// GitHub writes one GitHub Actions workflow command per diagnostic
// (::error, ::warning or ::notice), which the runner turns into annotations
// on the pull request. GitHub shows only a few annotations per step, so the
// caller should print the normal report too.
func GitHub(w io.Writer, diags []diag.Diagnostic, lines LinesFunc, repo Repo) error {
	for _, d := range diags {
		r := Range(lines, d.Location)
		file, _ := repo.Rel(r.Path)
		level := "error"
		switch d.Severity {
		case diag.Warning:
			level = "warning"
		case diag.Info:
			level = "notice"
		}
		props := []string{
			"file=" + escapeProperty(printable(file, "\t\r\n")),
			fmt.Sprintf("line=%d", r.Line),
			fmt.Sprintf("col=%d", r.Column),
			fmt.Sprintf("endLine=%d", r.EndLine),
			fmt.Sprintf("endColumn=%d", r.EndColumn),
			"title=" + escapeProperty(d.Code+" "+d.Name),
		}
		if _, err := fmt.Fprintf(w, "::%s %s::%s\n", level, strings.Join(props, ","), escapeData(printable(d.Message, "\t\r\n"))); err != nil {
			return err
		}
	}
	return nil
}

// escapeData escapes a workflow command's message, as the runner's toolkit
// does: '%', CR and LF.
var escapeData = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace

// escapeProperty escapes a workflow command's property value: the message
// escapes plus ':' and ',', which separate properties.
var escapeProperty = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace
