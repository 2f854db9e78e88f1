// Command cliratio prints the wall time of `hpylint --exit-zero` on source
// trees next to a bare tree-sitter parse of all their C and C++ files, and
// the ratio: the figure issue #14's CLI target is stated in.
//
//	go build -o /tmp/hpylint ./cmd/hpylint
//	go run ./bench/cliratio -hpylint /tmp/hpylint ../numpy-hpy ../pillow-hpy
//
// The bare parse reads every file first (its clock runs for the parse
// only), picks the grammar by file name as hpylint does, and parses on one
// goroutine per core. The hpylint time is the whole process: start,
// reading, analysis, report. Runs alternate (-runs each, default 5) and
// the medians are compared, since the machine may be shared.
package main

import (
	"flag"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"sync"
	"time"

	sitter "github.com/tree-sitter/go-tree-sitter"
	tsc "github.com/tree-sitter/tree-sitter-c/bindings/go"
	tscpp "github.com/tree-sitter/tree-sitter-cpp/bindings/go"

	"github.com/hpyproject/hpylint/analysis/cfacts"
	_ "github.com/hpyproject/hpylint/analysis/tsalloc" // the allocator hpylint parses with
)

func main() {
	hpylint := flag.String("hpylint", "", "the hpylint binary to time (required)")
	runs := flag.Int("runs", 5, "runs of each measurement")
	flag.Parse()
	if *hpylint == "" || flag.NArg() == 0 {
		fmt.Fprintln(os.Stderr, "usage: cliratio -hpylint PATH [-runs N] DIR...")
		os.Exit(2)
	}
	files, size := sources(flag.Args())
	var bare, lint []time.Duration
	for range *runs {
		bare = append(bare, parseAll(files))
		d, err := timeLint(*hpylint, flag.Args())
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		lint = append(lint, d)
	}
	b, l := median(bare), median(lint)
	fmt.Printf("bare parse: %d C/C++ files, %.1f MB, median %.3fs of %d (%s)\n", len(files), float64(size)/1e6, b.Seconds(), *runs, list(bare))
	fmt.Printf("hpylint --exit-zero: median %.3fs of %d (%s)\n", l.Seconds(), *runs, list(lint))
	fmt.Printf("ratio: %.2fx the bare parse\n", l.Seconds()/b.Seconds())
}

type source struct {
	lang    cfacts.Lang
	content []byte
}

// sources reads every C and C++ file under the roots, as hpylint names
// them (cfacts.LangOf).
func sources(roots []string) ([]source, int) {
	var out []source
	total := 0
	for _, root := range roots {
		_ = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil || !d.Type().IsRegular() {
				return nil
			}
			lang, ok := cfacts.LangOf(p)
			if !ok {
				return nil
			}
			if b, err := os.ReadFile(p); err == nil {
				out = append(out, source{lang, b})
				total += len(b)
			}
			return nil
		})
	}
	return out, total
}

var languages = [2]*sitter.Language{cfacts.C: sitter.NewLanguage(tsc.Language()), cfacts.CPP: sitter.NewLanguage(tscpp.Language())}

// parseAll parses every file with one parser per language on each of as
// many goroutines as cores, and returns the time taken.
func parseAll(files []source) time.Duration {
	start := time.Now()
	jobs := make(chan source)
	var wg sync.WaitGroup
	for range runtime.NumCPU() {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var parsers [2]*sitter.Parser
			for i, l := range languages {
				parsers[i] = sitter.NewParser()
				defer parsers[i].Close()
				_ = parsers[i].SetLanguage(l)
			}
			for f := range jobs {
				parsers[f.lang].Parse(f.content, nil).Close()
			}
		}()
	}
	for _, f := range files {
		jobs <- f
	}
	close(jobs)
	wg.Wait()
	return time.Since(start)
}

func timeLint(hpylint string, dirs []string) (time.Duration, error) {
	cmd := exec.Command(hpylint, append([]string{"--exit-zero"}, dirs...)...)
	cmd.Stderr = os.Stderr
	start := time.Now()
	if err := cmd.Run(); err != nil {
		return 0, fmt.Errorf("%s: %v", hpylint, err)
	}
	return time.Since(start), nil
}

func median(ds []time.Duration) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[len(s)/2]
}

func list(ds []time.Duration) string {
	out := ""
	for i, d := range ds {
		if i > 0 {
			out += " "
		}
		out += fmt.Sprintf("%.3f", d.Seconds())
	}
	return out
}
