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
