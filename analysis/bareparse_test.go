package analysis_test

import (
	"runtime"
	"sync"

	sitter "github.com/tree-sitter/go-tree-sitter"
)

// parseAll parses every content with one parser per core.
func parseAll(lang *sitter.Language, contents [][]byte) {
	jobs := make(chan []byte)
	var wg sync.WaitGroup
	for range runtime.NumCPU() {
		wg.Add(1)
		go func() {
			defer wg.Done()
			p := sitter.NewParser()
			defer p.Close()
			_ = p.SetLanguage(lang)
			for c := range jobs {
				p.Parse(c, nil).Close()
			}
		}()
	}
	for _, c := range contents {
		jobs <- c
	}
	close(jobs)
	wg.Wait()
}
