package analysis_test

import (
	"runtime"
	"sync"

	sitter "github.com/tree-sitter/go-tree-sitter"

	"github.com/hpyproject/hpylint/analysis/cfacts"
)

// parseAll parses every content with one parser per core.
func parseAll(lang *sitter.Language, contents [][]byte) {
	onEachCore(contents, func() (func([]byte), func()) {
		p := sitter.NewParser()
		_ = p.SetLanguage(lang)
		return func(c []byte) { p.Parse(c, nil).Close() }, p.Close
	})
}

// extractAll is parseAll for facts.
func extractAll(contents [][]byte) {
	onEachCore(contents, func() (func([]byte), func()) {
		return func(c []byte) { cfacts.Extract(cfacts.C, c) }, func() {}
	})
}

// onEachCore hands every content to one of a worker per core, each made
// by newWorker (what it does with a content, and what it does when done).
func onEachCore(contents [][]byte, newWorker func() (do func([]byte), done func())) {
	jobs := make(chan []byte)
	var wg sync.WaitGroup
	for range runtime.NumCPU() {
		wg.Go(func() {
			do, done := newWorker()
			defer done()
			for c := range jobs {
				do(c)
			}
		})
	}
	for _, c := range contents {
		jobs <- c
	}
	close(jobs)
	wg.Wait()
}
