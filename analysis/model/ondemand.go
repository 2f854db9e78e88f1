package model

import (
	"sync"

	"github.com/hpyproject/hpylint/analysis/cfacts"
	"github.com/hpyproject/hpylint/analysis/defindex"
	"github.com/hpyproject/hpylint/analysis/source"
)

// onDemand holds the index of the C and C++ files the parse phase left
// alone, built on first use.
type onDemand struct {
	once sync.Once
	x    *defindex.Index
}

// OnDemand is the index of the project's C and C++ files that were not
// parsed (they mention no HPy and no build config claims them): where
// definitions are looked for when the parsed files have none. Call it once
// facts are in (after Resolve).
func (p *Project) OnDemand() *defindex.Index {
	p.onDemand.once.Do(func() {
		var files []*source.File
		for _, u := range p.Units {
			if u.Facts == nil && !p.Snapshot.Excluded(u.Path) && !p.inCPythonTree(u.Path) {
				files = append(files, u.File)
			}
		}
		parse := p.ParseOnDemand
		if parse == nil {
			parse = extractOnDemand
		}
		p.onDemand.x = defindex.New(files, parse)
	})
	return p.onDemand.x
}

// extractOnDemand parses a file when the engine gave no parser of its own
// (tests that build a Project directly).
func extractOnDemand(f *source.File) (facts *cfacts.Facts) {
	if f.Problem != "" || f.NULAt() >= 0 {
		return nil
	}
	defer func() {
		if r := recover(); r != nil {
			facts = nil
		}
	}()
	lang, _ := cfacts.LangOf(f.Path)
	facts, err := cfacts.Extract(lang, f.Content)
	if err != nil {
		return nil
	}
	return facts
}
