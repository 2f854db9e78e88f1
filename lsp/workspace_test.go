package lsp

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"
)

// rangeOf locates the first occurrence of needle in text (ASCII only).
func rangeOf(t *testing.T, text, needle string) protocol.Range {
	t.Helper()
	i := strings.Index(text, needle)
	if i < 0 {
		t.Fatalf("%q not found", needle)
	}
	line := strings.Count(text[:i], "\n")
	col := i - (strings.LastIndex(text[:i], "\n") + 1)
	return protocol.Range{
		Start: protocol.Position{Line: uint32(line), Character: uint32(col)},
		End:   protocol.Position{Line: uint32(line), Character: uint32(col + len(needle))},
	}
}

// Renaming the extension in an unsaved setup.py buffer fixes the HPY102 of
// a C file that is not open: its diagnostics are cleared.
func TestUnsavedSetupPyFixesUnopenedFile(t *testing.T) {
	root := project(t, "speedups")
	c := start(t, setup{caps: pushCaps(), folders: []string{root}})
	cFile := uri.File(filepath.Join(root, "src", "speedups.c"))
	c.waitDiags(cFile, "HPY102", hasCode("HPY102"))
	setupPy, text := c.open(filepath.Join(root, "setup.py"))
	c.change(setupPy, 2, rangeOf(t, text, `"pkg._speedups"`), `"pkg.speedups"`)
	c.waitDiags(cFile, "HPY102 cleared", func(ds []protocol.Diagnostic) bool { return len(ds) == 0 || lacksCode("HPY102")(ds) })
	// Undoing the edit (still unsaved) brings it back.
	c.change(setupPy, 3, rangeOf(t, strings.Replace(text, `"pkg._speedups"`, `"pkg.speedups"`, 1), `"pkg.speedups"`), `"pkg._speedups"`)
	c.waitDiags(cFile, "HPY102 back", hasCode("HPY102"))
}

// With dynamic registration the server asks to watch sources and build
// configs; a setup.py changed on disk is then re-read.
func TestWatchedFiles(t *testing.T) {
	root := project(t, "speedups")
	caps := pushCaps()
	caps.Workspace.DidChangeWatchedFiles = &protocol.DidChangeWatchedFilesClientCapabilities{DynamicRegistration: ptr(true)}
	c := start(t, setup{caps: caps, folders: []string{root}})
	c.waitFor("watcher registration", func() bool { return len(c.registrations) == 1 })
	c.mu.Lock()
	reg := c.registrations[0]
	c.mu.Unlock()
	if reg.Method != protocol.MethodWorkspaceDidChangeWatchedFiles || !strings.Contains(string(reg.RegisterOptions), "setup*.py") {
		t.Errorf("registration %+v", reg)
	}
	cFile := uri.File(filepath.Join(root, "src", "speedups.c"))
	c.waitDiags(cFile, "HPY102", hasCode("HPY102"))
	setupPath := filepath.Join(root, "setup.py")
	data, _ := os.ReadFile(setupPath)
	if err := os.WriteFile(setupPath, []byte(strings.Replace(string(data), "pkg._speedups", "pkg.speedups", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	c.notify(protocol.MethodWorkspaceDidChangeWatchedFiles, &protocol.DidChangeWatchedFilesParams{Changes: []protocol.FileEvent{{URI: uri.File(setupPath), Type: protocol.FileChangeTypeChanged}}})
	c.waitDiags(cFile, "HPY102 cleared", lacksCode("HPY102"))
	// A new source file appears: the folder is walked again.
	extra := filepath.Join(root, "src", "extra.c")
	if err := os.WriteFile(extra, []byte("#include \"hpy.h\"\nHPy_MODINIT(a, b)\nHPy_MODINIT(c, d)\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	c.notify(protocol.MethodWorkspaceDidChangeWatchedFiles, &protocol.DidChangeWatchedFilesParams{Changes: []protocol.FileEvent{{URI: uri.File(extra), Type: protocol.FileChangeTypeCreated}}})
	c.waitDiags(uri.File(extra), "findings in the new file", func(ds []protocol.Diagnostic) bool { return len(ds) > 0 })
}

// Without any workspace folder a lone file is analysed with the build
// config found above it.
func TestLoneFile(t *testing.T) {
	root := project(t, "speedups")
	c := start(t, setup{caps: pushCaps()})
	u, _ := c.open(filepath.Join(root, "src", "speedups.c"))
	c.waitDiags(u, "HPY102 from setup.py above", hasCode("HPY102"))
	c.notify(protocol.MethodTextDocumentDidClose, &protocol.DidCloseTextDocumentParams{TextDocument: protocol.TextDocumentIdentifier{URI: u}})
	c.waitDiags(u, "diagnostics cleared when the implicit folder goes", func(ds []protocol.Diagnostic) bool { return len(ds) == 0 })
}

// Workspace folders added and removed during the session.
func TestWorkspaceFolderChanges(t *testing.T) {
	a, b := project(t, "speedups"), project(t, "demo")
	c := start(t, setup{caps: pushCaps(), folders: []string{a}})
	aFile := uri.File(filepath.Join(a, "src", "speedups.c"))
	c.waitDiags(aFile, "HPY102", hasCode("HPY102"))
	c.notify(protocol.MethodWorkspaceDidChangeWorkspaceFolders, &protocol.DidChangeWorkspaceFoldersParams{Event: protocol.WorkspaceFoldersChangeEvent{
		Added:   []protocol.WorkspaceFolder{{URI: uri.File(b), Name: "demo"}},
		Removed: []protocol.WorkspaceFolder{{URI: uri.File(a), Name: "speedups"}},
	}})
	c.waitDiags(uri.File(filepath.Join(b, "demo.c")), "findings in the added folder", hasCode("HPY201"))
	c.waitDiags(aFile, "removed folder cleared", func(ds []protocol.Diagnostic) bool { return len(ds) == 0 })
}

// A client that does not watch files gets the disk read again on save: a
// setup.py changed outside the editor is seen.
func TestSaveRereadsDiskWithoutWatchers(t *testing.T) {
	root := project(t, "speedups")
	c := start(t, setup{caps: pushCaps(), folders: []string{root}})
	cFile := uri.File(filepath.Join(root, "src", "speedups.c"))
	c.waitDiags(cFile, "HPY102", hasCode("HPY102"))
	setupPath := filepath.Join(root, "setup.py")
	data, _ := os.ReadFile(setupPath)
	if err := os.WriteFile(setupPath, []byte(strings.Replace(string(data), "pkg._speedups", "pkg.speedups", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	u, _ := c.open(filepath.Join(root, "src", "speedups.c"))
	c.notify(protocol.MethodTextDocumentDidSave, &protocol.DidSaveTextDocumentParams{TextDocument: protocol.TextDocumentIdentifier{URI: u}})
	c.waitDiags(cFile, "HPY102 cleared after the save", lacksCode("HPY102"))
}
