// Command bareparse is the baseline hpylint's speed targets are stated
// against: it parses every C/C++ file under the given directories with
// tree-sitter, one parser per core, and does nothing else.
package main

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	_ "github.com/hpyproject/hpylint/analysis/tsalloc" // no Go round trip per malloc

	sitter "github.com/tree-sitter/go-tree-sitter"
	tsc "github.com/tree-sitter/tree-sitter-c/bindings/go"
)

func main() {
	var files [][]byte
	total := 0
	for _, root := range os.Args[1:] {
		_ = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && (strings.HasSuffix(p, ".c") || strings.HasSuffix(p, ".h")) {
				if b, err := os.ReadFile(p); err == nil {
					files = append(files, b)
					total += len(b)
				}
			}
			return nil
		})
	}
	lang := sitter.NewLanguage(tsc.Language())
	start := time.Now()
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
	for _, f := range files {
		jobs <- f
	}
	close(jobs)
	wg.Wait()
	fmt.Printf("bare parse: %d files, %.1f MB in %.2fs on %d cores\n", len(files), float64(total)/1e6, time.Since(start).Seconds(), runtime.NumCPU())
}
