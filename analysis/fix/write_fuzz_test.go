package fix

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// How a fuzzed file is found on disk before Write.
const (
	stateAbsent = iota
	stateRegular
	stateSymlink  // to a regular file beside it
	stateDangling // a symlink to nothing
	stateDir
	stateCount
)

// Write on random file states: each file it was asked to change ends up
// either as it was or holding exactly the new content, never anything
// else; a file whose content is not the change's Old (changed since it was
// analysed) or that should be created but exists is left alone; no
// temporary file is left behind; nothing else in the tree changes; and a
// Write that reports no error wrote every change. script is read as files
// of 4 bytes: disk state, whether the change creates it, whether Old is
// what is on disk, and which New.
func FuzzWrite(f *testing.F) {
	f.Add([]byte("old\n"), []byte("new\n"), []byte{1, 0, 1, 0, 0, 1, 1, 1, 2, 0, 1, 0})
	f.Add([]byte(""), []byte("\r\n"), []byte{3, 1, 1, 0, 4, 0, 1, 1, 2, 0, 0, 1})
	f.Fuzz(func(t *testing.T, old, new, script []byte) {
		if len(old)+len(new) > 4<<10 || len(script) > 4*4 {
			t.Skip("larger than a fuzz input may be")
		}
		root := t.TempDir()
		type planned struct {
			path   string
			state  int
			change Change
		}
		var files []planned
		for i := 0; len(script) >= 4; i, script = i+1, script[4:] {
			p := planned{path: []string{"a.c", "sub/b.h", "c.c", "d/e/f.h"}[i], state: int(script[0]) % stateCount}
			full := filepath.Join(root, filepath.FromSlash(p.path))
			must(t, os.MkdirAll(filepath.Dir(full), 0o755))
			onDisk := append([]byte(nil), old...)
			switch p.state {
			case stateRegular:
				must(t, os.WriteFile(full, onDisk, 0o640))
			case stateSymlink:
				must(t, os.WriteFile(full+".target", onDisk, 0o600))
				must(t, os.Symlink(filepath.Base(full)+".target", full))
			case stateDangling:
				must(t, os.Symlink("nowhere", full))
			case stateDir:
				must(t, os.Mkdir(full, 0o755))
			}
			p.change = Change{Path: p.path, Created: script[1]&1 == 1, New: new}
			if script[3]&1 == 1 {
				p.change.New = append(append([]byte(nil), new...), byte(i))
			}
			if !p.change.Created {
				p.change.Old = old
				if script[2]&1 == 0 {
					p.change.Old = append(append([]byte(nil), old...), 'x') // changed since analysed
				}
			}
			files = append(files, p)
		}
		before := snapshot(t, root)
		var changes []Change
		for _, p := range files {
			changes = append(changes, p.change)
		}
		errs := Write(root, changes).Errors
		after := snapshot(t, root)

		touched := map[string]bool{}
		for _, p := range files {
			name := p.path
			if p.state == stateSymlink {
				name += ".target" // the symlink is followed, not replaced
			}
			touched[name] = true
			was, is := before[name], after[name]
			if is == was {
				continue
			}
			wrote := is == "file:"+string(p.change.New)
			switch {
			case !wrote:
				t.Fatalf("%s (state %d) was %q, is %q: neither, nor the new %q", p.path, p.state, was, is, p.change.New)
			case p.change.Created && p.state != stateAbsent:
				t.Fatalf("%s (state %d) was created over what was there: %q", p.path, p.state, was)
			case !p.change.Created && was != "file:"+string(p.change.Old):
				t.Fatalf("%s was written although it held %q, not the analysed %q", p.path, was, p.change.Old)
			}
		}
		for name, is := range after {
			if strings.Contains(name, ".hpylint-") {
				t.Fatalf("temporary file %s left behind", name)
			}
			if !touched[name] && before[name] != is {
				t.Fatalf("%s changed from %q to %q, and no change names it", name, before[name], is)
			}
		}
		if len(errs) == 0 {
			for _, p := range files {
				name := p.path
				if p.state == stateSymlink {
					name += ".target"
				}
				if after[name] != "file:"+string(p.change.New) {
					t.Fatalf("no error, but %s (state %d) holds %q, not %q", p.path, p.state, after[name], p.change.New)
				}
			}
		}
	})
}

// snapshot describes every entry under root: "file:" and its content, the
// link's target, or "dir".
func snapshot(t *testing.T, root string) map[string]string {
	out := map[string]string{}
	err := filepath.WalkDir(root, func(path string, e fs.DirEntry, err error) error {
		if err != nil || path == root {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		rel = filepath.ToSlash(rel)
		switch {
		case e.Type()&fs.ModeSymlink != 0:
			target, err := os.Readlink(path)
			out[rel] = "link:" + target
			return err
		case e.IsDir():
			out[rel] = "dir"
		default:
			b, err := os.ReadFile(path)
			out[rel] = "file:" + string(b)
			return err
		}
		return nil
	})
	must(t, err)
	return out
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
