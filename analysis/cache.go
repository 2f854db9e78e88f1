package analysis

import (
	"sync"

	"github.com/hpyproject/hpylint/analysis/cfacts"
)

// FactsCache keeps the facts of file contents already parsed, so an
// unchanged file is never parsed twice. Safe for concurrent use.
type FactsCache struct {
	mu      sync.Mutex
	entries map[factsKey]*cfacts.Facts
	// cpp remembers which header contents read as C++ (cfacts.IsCPlusPlus
	// scans the whole of a C header, on every run of the editor's analysis).
	cpp map[[32]byte]bool
}

type factsKey struct {
	hash [32]byte
	lang cfacts.Lang
}

// NewFactsCache makes an empty cache.
func NewFactsCache() *FactsCache { return &FactsCache{entries: map[factsKey]*cfacts.Facts{}} }

func (c *FactsCache) get(k factsKey) *cfacts.Facts {
	if c == nil {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.entries[k]
}

func (c *FactsCache) put(k factsKey, f *cfacts.Facts) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.entries[k] = f
}

// Retain drops every entry whose content hash is not in keep, so a
// long-running server does not grow without bound.
func (c *FactsCache) Retain(keep map[[32]byte]bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for k := range c.entries {
		if !keep[k.hash] {
			delete(c.entries, k)
		}
	}
}

// isCPlusPlus is cfacts.IsCPlusPlus of content, whose hash is given,
// remembered.
func (c *FactsCache) isCPlusPlus(hash [32]byte, content []byte) bool {
	if c == nil {
		return cfacts.IsCPlusPlus(content)
	}
	c.mu.Lock()
	v, ok := c.cpp[hash]
	c.mu.Unlock()
	if ok {
		return v
	}
	v = cfacts.IsCPlusPlus(content)
	c.mu.Lock()
	if c.cpp == nil {
		c.cpp = map[[32]byte]bool{}
	}
	c.cpp[hash] = v
	c.mu.Unlock()
	return v
}
