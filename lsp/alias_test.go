package lsp

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"
)

// aliasedProject is the speedups project with alias.c, a symbolic link to
// the source setup.py builds (src/speedups.c), at its root.
func aliasedProject(t *testing.T) (root, target, alias string) {
	t.Helper()
	root = project(t, "speedups")
	target = filepath.Join(root, "src", "speedups.c")
	alias = filepath.Join(root, "alias.c")
	if err := os.Symlink(filepath.Join("src", "speedups.c"), alias); err != nil {
		t.Skipf("cannot make a symbolic link here: %v", err)
	}
	return root, target, alias
}

// codes counts the findings of each code.
func codes(ds []protocol.Diagnostic) map[string]int {
	out := map[string]int{}
	for _, d := range ds {
		if s, ok := d.Code.(protocol.String); ok {
			out[string(s)]++
		}
	}
	return out
}

// hpy102Line is the line of the one HPY102 in ds, -1 when there is not
// exactly one.
func hpy102Line(ds []protocol.Diagnostic) int {
	if codes(ds)["HPY102"] != 1 {
		return -1
	}
	return int(findCode(ds, "HPY102").Range.Start.Line)
}

// A client that opens a source by another name than the one setup.py
// builds it under (a symbolic link) gets the findings on the name it
// opened, at the same places, and nothing under the name it did not open;
// its edits are the text of the one unit the analysis sees.
func TestSymlinkOpenedGetsTheFindings(t *testing.T) {
	root, target, alias := aliasedProject(t)
	c := start(t, setup{caps: pushCaps(), folders: []string{root}})
	ua, _ := c.open(alias)
	ut := uri.File(target)
	ds := c.waitDiags(ua, "HPY102 on the opened link", hasCode("HPY102"))
	if line := hpy102Line(ds); line != 21 {
		t.Errorf("HPY102 on %s: line %d, want one on line 21 (%v)", ua, line, codes(ds))
	}
	// An edit under the link's name moves the finding: the analysis sees
	// the edited text, once.
	c.change(ua, 2, protocol.Range{}, "\n")
	ds = c.waitDiags(ua, "HPY102 moved by the edit", func(ds []protocol.Diagnostic) bool { return hpy102Line(ds) == 22 })
	if n := codes(ds)["HPY102"]; n != 1 {
		t.Errorf("%d HPY102 on the link after the edit, want 1", n)
	}
	// Renaming the module in the buffer fixes it for the one unit.
	c.change(ua, 3, protocol.Range{Start: protocol.Position{Line: 22, Character: 12}, End: protocol.Position{Line: 22, Character: 12}}, "_")
	c.waitDiags(ua, "HPY102 fixed in the link's buffer", lacksCode("HPY102"))
	// The findings the first run published under the target's name,
	// before the link was opened, are withdrawn.
	c.waitFor("no findings under "+string(ut), func() bool {
		p, ok := c.lastPub(ut)
		return !ok || len(p.Diagnostics) == 0
	})
}

// Both names open: each shows the findings of the one file, and the text
// analysed is the buffer edited last.
func TestSymlinkAndTargetBothOpen(t *testing.T) {
	root, target, alias := aliasedProject(t)
	c := start(t, setup{caps: pushCaps(), folders: []string{root}})
	ut, _ := c.open(target)
	ua, _ := c.open(alias)
	for _, u := range []uri.URI{ut, ua} {
		if line := hpy102Line(c.waitDiags(u, "HPY102", hasCode("HPY102"))); line != 21 {
			t.Errorf("%s: HPY102 on line %d, want one on line 21", u, line)
		}
	}
	c.change(ua, 2, protocol.Range{}, "\n\n")
	for _, u := range []uri.URI{ut, ua} {
		c.waitDiags(u, "HPY102 after the edit of the link", func(ds []protocol.Diagnostic) bool { return hpy102Line(ds) == 23 })
	}
	if actions := c.codeActions(ut, protocol.Range{End: protocol.Position{Line: 30}}); len(actions) != 0 {
		t.Errorf("code actions on the buffer not analysed (the other name was edited later): %v", titles(actions))
	}
	if actions := c.codeActions(ua, protocol.Range{End: protocol.Position{Line: 30}}); len(actions) == 0 {
		t.Errorf("no code actions on the buffer edited last")
	}
	c.change(ut, 2, protocol.Range{}, "\n")
	for _, u := range []uri.URI{ut, ua} {
		c.waitDiags(u, "HPY102 after the edit of the target", func(ds []protocol.Diagnostic) bool { return hpy102Line(ds) == 22 })
	}
}

// The code actions on the link's buffer edit the link's buffer, at its
// version: the quick fix and the fix-all, which the engine computes under
// the target's name.
func TestSymlinkCodeActionsEditTheOpenedName(t *testing.T) {
	for _, implicit := range []bool{false, true} {
		t.Run(map[bool]string{false: "workspace folder", true: "file alone"}[implicit], func(t *testing.T) {
			root, _, alias := aliasedProject(t)
			st := setup{caps: pushCaps(), folders: []string{root}}
			if implicit {
				st.folders = nil
			}
			c := start(t, st)
			ua, text := c.open(alias)
			c.waitDiags(ua, "HPY102 on the opened link", hasCode("HPY102"))
			c.change(ua, 2, protocol.Range{}, "\n")
			c.waitDiags(ua, "HPY102 moved by the edit", func(ds []protocol.Diagnostic) bool { return hpy102Line(ds) == 22 })
			text = "\n" + text
			actions := c.codeActions(ua, protocol.Range{Start: protocol.Position{Line: 22}, End: protocol.Position{Line: 22}})
			quick := actionTitled(actions, "Rename")
			fixAll := fixAllIn(asCommands(actions))
			if quick == nil || fixAll == nil {
				t.Fatalf("want a rename quick fix and a fix-all on the link, got %v", titles(actions))
			}
			for _, a := range []*protocol.CodeAction{quick, fixAll} {
				edits, version := documentEdits(a.Edit, ua)
				if len(edits) == 0 || version == nil || *version != 2 {
					t.Fatalf("%q: %d edits of %s at version %v, want edits at version 2", a.Title, len(edits), ua, version)
				}
			}
			edits, _ := documentEdits(fixAll.Edit, ua)
			fixed := applyEdits(t, text, edits)
			c.notify(protocol.MethodTextDocumentDidChange, &protocol.DidChangeTextDocumentParams{
				TextDocument:   protocol.VersionedTextDocumentIdentifier{TextDocumentIdentifier: protocol.TextDocumentIdentifier{URI: ua}, Version: 3},
				ContentChanges: []protocol.TextDocumentContentChangeEvent{&protocol.TextDocumentContentChangeWholeDocument{Text: fixed}},
			})
			c.waitDiags(ua, "HPY102 fixed by the fix-all", lacksCode("HPY102"))
		})
	}
}

func asCommands(actions []*protocol.CodeAction) []protocol.CommandOrCodeAction {
	out := make([]protocol.CommandOrCodeAction, len(actions))
	for i, a := range actions {
		out[i] = a
	}
	return out
}

func titles(actions []*protocol.CodeAction) []string {
	var out []string
	for _, a := range actions {
		out = append(out, a.Title)
	}
	return out
}

// Saved and closed under the link's name, the file is its new text under
// the target's name too, with a client that reports changes on disk and
// reports none here (the save went through the link).
func TestSymlinkSavedThenClosed(t *testing.T) {
	root, target, alias := aliasedProject(t)
	caps := pushCaps()
	caps.Workspace.DidChangeWatchedFiles = &protocol.DidChangeWatchedFilesClientCapabilities{DynamicRegistration: ptr(true)}
	c := start(t, setup{caps: caps, folders: []string{root}})
	ua, text := c.open(alias)
	ut := uri.File(target)
	c.waitDiags(ua, "HPY102 on the opened link", hasCode("HPY102"))
	c.waitFor("no findings under "+string(ut), func() bool {
		p, ok := c.lastPub(ut)
		return !ok || len(p.Diagnostics) == 0
	})
	fixed := strings.Replace(text, "HPy_MODINIT(speedups", "HPy_MODINIT(_speedups", 1)
	c.notify(protocol.MethodTextDocumentDidChange, &protocol.DidChangeTextDocumentParams{
		TextDocument:   protocol.VersionedTextDocumentIdentifier{TextDocumentIdentifier: protocol.TextDocumentIdentifier{URI: ua}, Version: 2},
		ContentChanges: []protocol.TextDocumentContentChangeEvent{&protocol.TextDocumentContentChangeWholeDocument{Text: fixed}},
	})
	c.waitDiags(ua, "HPY102 fixed in the buffer", lacksCode("HPY102"))
	if err := writeFile(alias, fixed); err != nil {
		t.Fatal(err)
	}
	c.notify(protocol.MethodTextDocumentDidSave, &protocol.DidSaveTextDocumentParams{TextDocument: protocol.TextDocumentIdentifier{URI: ua}})
	c.notify(protocol.MethodTextDocumentDidClose, &protocol.DidCloseTextDocumentParams{TextDocument: protocol.TextDocumentIdentifier{URI: ua}})
	c.waitDiags(ut, "findings of the file on disk, under the name setup.py builds", hasCode("HPY105"))
	c.mu.Lock()
	p, _ := c.lastPub(ut)
	c.mu.Unlock()
	if findCode(p.Diagnostics, "HPY102") != nil {
		t.Errorf("HPY102 under %s after the fix was saved through the link: the target's name kept the old text", ut)
	}
}
