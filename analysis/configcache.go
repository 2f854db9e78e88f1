package analysis

import (
	"sync"

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
}

type configKey struct {
	path string
	hash [32]byte
}

type cachedConfig struct {
	cfg   *buildcfg.File
	asked []fileQuestion
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
	if ok && stillAnswered(e.asked, snap) {
		return e.cfg
	}
	cfg := readConfig(read, f.Path, f.Content, files)
	c.mu.Lock()
	c.entries[k] = cachedConfig{cfg: cfg, asked: files.asked}
	c.mu.Unlock()
	return cfg
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
