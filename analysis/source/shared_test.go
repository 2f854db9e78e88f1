package source

import "testing"

// An editor buffer given with WithShared is the content of its real file
// under every name, listed or loaded on demand; a later change under any
// name (a fix) is then the content under all.
func TestWithSharedOneContentPerRealFile(t *testing.T) {
	const real = "/proj/src/mod.c"
	disk := NewSnapshot("/proj", []*File{
		{Path: "src/mod.c", Content: []byte("disk"), Real: real},
		{Path: "alias.c", Content: []byte("disk"), Real: real},
		{Path: "other.c", Content: []byte("other"), Real: "/proj/other.c"},
	})
	disk.Loader = func(p string) *File {
		if p == "inc/link.c" {
			return &File{Path: p, Content: []byte("disk"), Real: real}
		}
		return nil
	}
	snap := disk.WithShared(&File{Path: "alias.c", Content: []byte("buffer")})
	if f := snap.Known("inc/link.c"); f != nil {
		t.Errorf("Known read a file not loaded yet: %+v", f)
	}
	for _, p := range []string{"alias.c", "src/mod.c", "inc/link.c"} {
		f := snap.File(p)
		if f == nil || string(f.Content) != "buffer" || f.Path != p || f.Real != real {
			t.Errorf("%s: %+v, want the buffer under its own name", p, f)
		}
		if snap.File(p) != f || snap.Known(p) != f {
			t.Errorf("%s: a new *File on each call", p)
		}
	}
	if f := snap.File("other.c"); string(f.Content) != "other" {
		t.Errorf("other.c: %q, another file took the buffer", f.Content)
	}
	if f := disk.File("src/mod.c"); string(f.Content) != "disk" {
		t.Errorf("the disk snapshot changed: %q", f.Content)
	}
	fixed := snap.With(&File{Path: "src/mod.c", Content: []byte("fixed")})
	for _, p := range []string{"alias.c", "src/mod.c", "inc/link.c"} {
		if f := fixed.File(p); string(f.Content) != "fixed" {
			t.Errorf("after a fix under src/mod.c, %s is %q", p, f.Content)
		}
	}
	if f := snap.File("alias.c"); string(f.Content) != "buffer" {
		t.Errorf("With changed its receiver: %q", f.Content)
	}
	// Two buffers of one file: the later given wins.
	both := disk.WithShared(&File{Path: "src/mod.c", Content: []byte("older")}, &File{Path: "alias.c", Content: []byte("newer")})
	for _, p := range []string{"alias.c", "src/mod.c"} {
		if f := both.File(p); string(f.Content) != "newer" {
			t.Errorf("two buffers: %s is %q, want the later", p, f.Content)
		}
	}
}
