package analysis

import (
	"testing"

	"github.com/hpyproject/hpylint/analysis/source"
)

func TestConfigCache(t *testing.T) {
	c := NewConfigCache()
	read := readerFor("setup.py")
	a := c.read(read, &source.File{Path: "setup.py", Content: []byte("setup(name='a')\n")})
	if b := c.read(read, &source.File{Path: "setup.py", Content: []byte("setup(name='a')\n")}); b != a {
		t.Error("same content read twice")
	}
	if b := c.read(read, &source.File{Path: "setup.py", Content: []byte("setup(name='b')\n")}); b == a {
		t.Error("changed content served from the cache")
	}
	c.Retain(map[string][32]byte{})
	if len(c.entries) != 0 {
		t.Errorf("%d entries survive an empty Retain", len(c.entries))
	}
}
