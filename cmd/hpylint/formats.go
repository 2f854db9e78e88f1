package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/hpyproject/hpylint/analysis"
	"github.com/hpyproject/hpylint/analysis/report"
	"github.com/hpyproject/hpylint/cmd/internal/version"
)

// formats are the values of --format.
var formats = []string{"text", "json", "json-lines", "github", "sarif"}

// checkFormat validates --format and --statistics once the flags are
// parsed. Under GitHub Actions (GITHUB_ACTIONS=true) a run without --format
// writes workflow-command annotations followed by the normal report.
func checkFormat(f *flags, fs *flag.FlagSet) error {
	given := false
	fs.Visit(func(fl *flag.Flag) {
		if fl.Name == "format" {
			given = true
		}
	})
	if !given && !f.statistics && os.Getenv("GITHUB_ACTIONS") == "true" {
		f.format = "github"
	}
	known := false
	for _, name := range formats {
		known = known || f.format == name
	}
	if !known {
		return fmt.Errorf("unknown --format %q (want %s)", f.format, strings.Join(formats, ", "))
	}
	if f.statistics && f.format != "text" && f.format != "json" {
		return fmt.Errorf("--statistics works with --format text or json, not %s", f.format)
	}
	if f.diff && (f.format == "json-lines" || f.format == "sarif") {
		return fmt.Errorf("--diff prints a unified diff and cannot be combined with --format %s", f.format)
	}
	return nil
}

// writeReport writes the findings in the chosen format to stdout, or to
// the --output file.
func writeReport(stdout io.Writer, f *flags, res *analysis.Result, cwd string, content func(string) []byte) error {
	return toOutput(stdout, f, func(w io.Writer) error { return render(w, f, res, cwd, content) })
}

func render(w io.Writer, f *flags, res *analysis.Result, cwd string, content func(string) []byte) error {
	lines := report.LinesFunc(res.Project.Lines)
	switch {
	case f.statistics && f.format == "json":
		return report.StatisticsJSON(w, res.Diagnostics)
	case f.statistics:
		report.StatisticsText(w, res.Diagnostics, res.Files, res.Read())
		return nil
	}
	switch f.format {
	case "json":
		return report.JSON(w, res.Diagnostics, res.Files, lines)
	case "json-lines":
		return report.JSONLines(w, res.Diagnostics, lines)
	case "github":
		// GitHub shows only the first few annotations of a step: the full
		// report follows them.
		if err := report.GitHub(w, res.Diagnostics, lines, repoOf(cwd)); err != nil {
			return err
		}
	case "sarif":
		return report.SARIF(w, res.Diagnostics, report.SARIFOptions{
			Version: version.Number, Repo: repoOf(cwd), Lines: lines, Content: content,
		})
	}
	report.Text(w, res.Diagnostics, res.Files, res.Read(), lines, content)
	return nil
}

// repoOf finds the repository root that CI services resolve paths against:
// GITHUB_WORKSPACE when the working directory lies in it, else the nearest
// directory above with a .git, else the working directory itself.
func repoOf(cwd string) report.Repo {
	root := ""
	if ws := os.Getenv("GITHUB_WORKSPACE"); ws != "" && within(ws, cwd) {
		root = ws
	}
	for dir := cwd; root == ""; {
		if _, err := os.Lstat(filepath.Join(dir, ".git")); err == nil {
			root = dir
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			root = cwd
			break
		}
		dir = parent
	}
	prefix, err := relReal(root, cwd)
	if err != nil {
		return report.Repo{Root: filepath.ToSlash(cwd)}
	}
	return report.Repo{Root: filepath.ToSlash(root), Prefix: filepath.ToSlash(prefix)}
}

// within reports whether dir is root or lies below it, resolving symbolic
// links (runners often reach the workspace through one).
func within(root, dir string) bool {
	rel, err := relReal(root, dir)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

func relReal(root, dir string) (string, error) {
	if r, err := filepath.EvalSymlinks(root); err == nil {
		root = r
	}
	if d, err := filepath.EvalSymlinks(dir); err == nil {
		dir = d
	}
	rel, err := filepath.Rel(root, dir)
	if err == nil && (rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator))) {
		err = errors.New("outside")
	}
	return rel, err
}
