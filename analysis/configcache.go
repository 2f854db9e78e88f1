package analysis

import (
	"slices"
	"sync"
	"sync/atomic"
	"weak"

	"github.com/hpyproject/hpylint/analysis/buildcfg"
	"github.com/hpyproject/hpylint/analysis/source"
)

// ConfigCache keeps build configs already read, by path and content, so a
// language server re-checking a project on every keystroke in a C file
// does not parse its setup.py again each time (a setup.py declaring a
// hundred extensions takes milliseconds). Read configs are never modified
// after reading, so runs share them. An entry also remembers the other
// project files its reader consulted (a local module, a glob's matches) and
// is used only while they are unchanged. Safe for concurrent use.
type ConfigCache struct {
	mu      sync.Mutex
	entries map[configKey]cachedConfig
	// asked counts the questions asked again of snapshots (answeredIn).
	asked atomic.Int64
}

type configKey struct {
	path string
	hash [32]byte
}

type cachedConfig struct {
	cfg   *buildcfg.File
	asked []fileQuestion
	// read are the paths whose content the reader read, sorted.
	read []string
	// at is the latest snapshot the answers held in; held weakly, or the
	// cache would keep every key's snapshot.
	at weak.Pointer[source.Snapshot]
}

// NewConfigCache makes an empty cache.
func NewConfigCache() *ConfigCache { return &ConfigCache{entries: map[configKey]cachedConfig{}} }

// read is readConfig through the cache; a nil cache reads every time.
func (c *ConfigCache) read(read configReader, f *source.File, snap *source.Snapshot) *buildcfg.File {
	files := &snapshotFiles{snap: snap}
	if c == nil {
		return readConfig(read, f.Path, f.Content, files)
	}
	k := configKey{path: f.Path, hash: f.Hash()}
	c.mu.Lock()
	e, ok := c.entries[k]
	c.mu.Unlock()
	if ok && c.answeredIn(e, snap) {
		c.mu.Lock()
		if now := c.entries[k]; now.cfg == e.cfg {
			now.at = weak.Make(snap)
			c.entries[k] = now
		}
		c.mu.Unlock()
		return e.cfg
	}
	cfg := readConfig(read, f.Path, f.Content, files)
	c.mu.Lock()
	c.entries[k] = cachedConfig{cfg: cfg, asked: files.asked, read: contentRead(files.asked), at: weak.Make(snap)}
	c.mu.Unlock()
	return cfg
}

// answeredIn reports whether e's questions get the answers they got from
// snap. Asking them all again walked every source a setup.py declares on
// every key: 2,000 lookups in a workspace of 2,000 files. A snapshot that
// differs from the one they last held in only by the content of some
// files (source.Snapshot.ChangedFrom: the same paths, from one disk
// state) answers them the same unless the reader read one of those.
func (c *ConfigCache) answeredIn(e cachedConfig, snap *source.Snapshot) bool {
	if at := e.at.Value(); at != nil {
		if changed, ok := snap.ChangedFrom(at); ok && !slices.ContainsFunc(changed, func(p string) bool {
			_, read := slices.BinarySearch(e.read, p)
			return read
		}) {
			return true
		}
	}
	c.asked.Add(int64(len(e.asked)))
	return stillAnswered(e.asked, snap)
}

// contentRead are the paths of the Content questions in asked, sorted.
func contentRead(asked []fileQuestion) []string {
	var out []string
	for _, q := range asked {
		if !q.list && !q.existence {
			out = append(out, q.path)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// Retain drops every entry whose path is not in keep with that content,
// so a long session does not grow without bound.
func (c *ConfigCache) Retain(keep map[string][32]byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for k := range c.entries {
		if h, ok := keep[k.path]; !ok || h != k.hash {
			delete(c.entries, k)
		}
	}
}
