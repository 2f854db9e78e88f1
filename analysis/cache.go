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
	store   FactsStore // may be nil
	// cpp remembers which header contents read as C++ (cfacts.IsCPlusPlus
	// scans the whole of a C header, on every run of the editor's analysis).
	cpp map[[32]byte]bool
}

type factsKey struct {
	hash [32]byte
	lang cfacts.Lang
}

// FactsStore keeps facts beyond the process, by the SHA-256 of the
// content and the grammar: the CLI's cache directory (package factstore).
// Load returns nil when it has no facts for them. Both are called from
// the parse workers at once.
type FactsStore interface {
	Load(hash [32]byte, lang cfacts.Lang) *cfacts.Facts
	Save(hash [32]byte, lang cfacts.Lang, f *cfacts.Facts)
}

// NewFactsCache makes an empty cache.
func NewFactsCache() *FactsCache { return &FactsCache{entries: map[factsKey]*cfacts.Facts{}} }

// NewFactsCacheOn makes an empty cache that looks up what it lacks in
// store and saves there what is parsed.
func NewFactsCacheOn(store FactsStore) *FactsCache {
	c := NewFactsCache()
	c.store = store
	return c
}

func (c *FactsCache) get(k factsKey) *cfacts.Facts {
	if c == nil {
		return nil
	}
	c.mu.Lock()
	f := c.entries[k]
	c.mu.Unlock()
	if f != nil || c.store == nil {
		return f
	}
	if f = c.store.Load(k.hash, k.lang); f != nil {
		c.mu.Lock()
		c.entries[k] = f
		c.mu.Unlock()
	}
	return f
}

func (c *FactsCache) put(k factsKey, f *cfacts.Facts) {
	if c == nil {
		return
	}
	c.mu.Lock()
	c.entries[k] = f
	c.mu.Unlock()
	if c.store != nil {
		c.store.Save(k.hash, k.lang, f)
	}
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
