package lsp

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/hpyproject/hpylint/analysis"
	"github.com/hpyproject/hpylint/analysis/diag"
	"github.com/hpyproject/hpylint/analysis/workspace"
)

// The server's fix-all of a file gives that file exactly the text
// hpylint --fix gives it: the real CLI, built here, against the server on
// the sample project and on every testdata project where one file has more
// than one fixable finding. A header the fix-all creates is the one --fix
// creates. On the sample, fixes computed against the old text alone would
// rename HPy_MODINIT(point) to _point but insert the shim as
// HPY_CPYTHON_ENTRYPOINT(point), which HPY106 then reports.
func TestFixAllMatchesCLIFix(t *testing.T) {
	if testing.Short() {
		t.Skip("builds hpylint and runs it on every testdata project")
	}
	hpylint := buildHpylint(t)
	projects := []string{filepath.Join("..", "testdata", "sample")}
	for _, pattern := range []string{"rules/*/*", "lsp/*", "fix/*", "cli/*", "integrations/*"} {
		dirs, _ := filepath.Glob(filepath.Join("..", "testdata", filepath.FromSlash(pattern)))
		for _, d := range dirs {
			if info, err := os.Stat(d); err == nil && info.IsDir() {
				projects = append(projects, d)
			}
		}
	}
	compared := 0
	for _, src := range projects {
		name, _ := filepath.Rel(filepath.Join("..", "testdata"), src)
		cliDir := copyDir(t, src)
		files := multiplyFixable(t, cliDir)
		if len(files) == 0 {
			continue
		}
		t.Run(filepath.ToSlash(name), func(t *testing.T) {
			srvDir := copyDir(t, src)
			run(t, hpylint, cliDir, "--fix", "--exit-zero", ".")
			c := start(t, setup{caps: pushCaps(), folders: []string{srvDir}})
			for _, rel := range files {
				got := serverFixAll(t, c, srvDir, rel)
				for _, p := range append([]string{rel}, sortedKeys(got.created)...) {
					want, err := os.ReadFile(filepath.Join(cliDir, filepath.FromSlash(p)))
					if err != nil {
						t.Errorf("fix-all of %s: hpylint --fix left no %s: %v", rel, p, err)
						continue
					}
					text := got.text
					if p != rel {
						text = got.created[p]
					}
					if text != string(want) {
						t.Errorf("fix-all of %s: %s differs from hpylint --fix's\n--- server\n%s\n--- hpylint --fix\n%s", rel, p, excerpt(text, string(want)), excerpt(string(want), text))
					}
				}
				compared++
			}
		})
	}
	if compared == 0 {
		t.Fatal("no testdata file has more than one fixable finding: the comparison tested nothing")
	}
	t.Logf("compared %d files", compared)
}

// buildHpylint builds the real CLI into a temporary directory.
func buildHpylint(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "hpylint")
	cmd := exec.Command("go", "build", "-o", bin, "../cmd/hpylint")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build hpylint: %v\n%s", err, out)
	}
	return bin
}

func run(t *testing.T, bin, dir string, args ...string) []byte {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("hpylint %s in %s: %v\n%s", strings.Join(args, " "), dir, err, stderr.String())
	}
	return out
}

// multiplyFixable are the files of a project with more than one finding
// that has a fix, under the settings the server reads for the project.
func multiplyFixable(t *testing.T, dir string) []string {
	t.Helper()
	cfg, _ := projectConfig(dir, func(string) ([]byte, bool) { return nil, false })
	eff := merge(dir, cfg, nil)
	snap, _ := workspace.Load(dir, []string{"."}, eff.exclude)
	res := analysis.Run(context.Background(), snap, eff.opts)
	n := map[string]int{}
	for _, d := range diag.WithoutDetails(res.Diagnostics) {
		if len(d.Fixes) > 0 {
			n[d.Location.Path]++
		}
	}
	var out []string
	for p, k := range n {
		if k > 1 {
			out = append(out, p)
		}
	}
	sort.Strings(out)
	return out
}

// fixAllText is what a fix-all action makes of its file, and the files it
// creates, by snapshot path.
type fixAllText struct {
	text    string
	created map[string]string
}

// serverFixAll opens rel, asks for source.fixAll.hpylint and applies its
// edit as a client would.
func serverFixAll(t *testing.T, c *client, root, rel string) fixAllText {
	t.Helper()
	u, text := c.open(filepath.Join(root, filepath.FromSlash(rel)))
	c.waitDiags(u, "diagnostics", func([]protocol.Diagnostic) bool { return true })
	actions := c.codeActions(u, protocol.Range{}, codeActionKindFixAll)
	if len(actions) != 1 {
		t.Fatalf("%s: %d fix-all actions, want 1", rel, len(actions))
	}
	we := actions[0].Edit
	out := fixAllText{created: map[string]string{}}
	edits, _ := documentEdits(we, u)
	out.text = applyEdits(t, text, edits)
	for _, ch := range we.DocumentChanges {
		cf, ok := ch.(*protocol.CreateFile)
		if !ok {
			continue
		}
		p, err := filepath.Rel(root, fsPath(cf.URI))
		if err != nil {
			t.Fatal(err)
		}
		created, _ := documentEdits(we, cf.URI)
		out.created[filepath.ToSlash(p)] = applyEdits(t, "", created)
	}
	return out
}

// excerpt is text from a little before its first difference from other.
func excerpt(text, other string) string {
	i := 0
	for i < len(text) && i < len(other) && text[i] == other[i] {
		i++
	}
	from := max(0, strings.LastIndex(text[:i], "\n")-200)
	return text[from:min(len(text), i+300)]
}

func sortedKeys(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// copyDir copies a testdata project to a temporary directory.
func copyDir(t *testing.T, src string) string {
	t.Helper()
	dst := t.TempDir()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		if !d.Type().IsRegular() {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

// On the sample, fix-all renames HPy_MODINIT(point) to _point and inserts
// the shim under the new name, creating its header: applied as a client
// does, the file is left with none of its findings, HPY106 included.
func TestFixAllSampleLeavesNothing(t *testing.T) {
	root := copyDir(t, filepath.Join("..", "testdata", "sample"))
	c := start(t, setup{caps: pushCaps(), folders: []string{root}})
	u, text := c.open(filepath.Join(root, "src", "pointlib", "point.c"))
	c.waitDiags(u, "HPY102", hasCode("HPY102"))
	actions := c.codeActions(u, protocol.Range{}, codeActionKindFixAll)
	if len(actions) != 1 || actions[0].Title != "Fix all hpylint findings" {
		t.Fatalf("fix-all actions %+v", actions)
	}
	we := actions[0].Edit
	header := filepath.Join(root, "src", "pointlib", "hpy_cpython_entrypoint.h")
	if cf, ok := we.DocumentChanges[0].(*protocol.CreateFile); !ok || fsPath(cf.URI) != header {
		t.Errorf("first change %+v, want creating %s", we.DocumentChanges[0], header)
	}
	hdrEdits, _ := documentEdits(we, uri.File(header))
	if err := writeFile(header, applyEdits(t, "", hdrEdits)); err != nil {
		t.Fatal(err)
	}
	c.notify(protocol.MethodWorkspaceDidChangeWatchedFiles, &protocol.DidChangeWatchedFilesParams{Changes: []protocol.FileEvent{{URI: uri.File(header), Type: protocol.FileChangeTypeCreated}}})
	edits, version := documentEdits(we, u)
	if version == nil || *version != 1 {
		t.Errorf("edit pinned to version %v, want 1", version)
	}
	if n := len(we.DocumentChanges); n != 3 {
		t.Errorf("%d document changes, want 3 (create the header, its text, one edit of point.c)", n)
	}
	c.notify(protocol.MethodTextDocumentDidChange, &protocol.DidChangeTextDocumentParams{
		TextDocument:   protocol.VersionedTextDocumentIdentifier{TextDocumentIdentifier: protocol.TextDocumentIdentifier{URI: u}, Version: 2},
		ContentChanges: []protocol.TextDocumentContentChangeEvent{&protocol.TextDocumentContentChangeWholeDocument{Text: applyEdits(t, text, edits)}},
	})
	ds := c.waitDiags(u, "HPY102 fixed", lacksCode("HPY102"))
	for _, d := range ds {
		t.Errorf("left after fix-all: %v %s", d.Code, d.Message)
	}
}
