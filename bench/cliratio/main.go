// Command cliratio prints the wall time of `hpylint --exit-zero` on source
// trees next to a bare tree-sitter parse of all their C and C++ files, and
// the ratios: the figure issue #14's CLI target is stated in.
//
//	go build -o /tmp/hpylint ./cmd/hpylint
//	go run ./bench/cliratio -hpylint /tmp/hpylint ../numpy-hpy ../pillow-hpy
//
// The bare parse reads every file first (its clock runs for the parse
// only), picks the grammar by file name as hpylint does, and parses on one
// goroutine per core. The hpylint time is the whole process: start,
// reading, analysis, report. hpylint is timed in each of -modes:
//
//	no-cache  --no-cache: every file parsed, no cache read or written
//	cold      an emptied cache directory of cliratio's own: every file
//	          parsed and its facts written
//	warm      the same directory right after the cold run: the facts read
//	          back, nothing parsed (what a second run on unchanged files is)
//	plain     no cache flag at all, for a binary older than the cache
//
// Runs alternate (-runs rounds, default 5) and the medians are compared,
// since the machine may be shared. The CPU time (user + system) of each is
// printed too: on a busy machine it moves less than the wall time does.
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
	"strings"
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
	runs := flag.Int("runs", 5, "rounds of measurements")
	modes := flag.String("modes", "no-cache,cold,warm", "how hpylint is run, comma-separated: no-cache, cold, warm, plain")
	flag.Parse()
	if *hpylint == "" || flag.NArg() == 0 {
		fmt.Fprintln(os.Stderr, "usage: cliratio -hpylint PATH [-runs N] [-modes no-cache,cold,warm,plain] DIR...")
		os.Exit(2)
	}
	order := strings.Split(*modes, ",")
	for _, m := range order {
		if _, ok := modeArgs[m]; !ok {
			fmt.Fprintf(os.Stderr, "cliratio: unknown mode %q\n", m)
			os.Exit(2)
		}
	}
	cache, err := os.MkdirTemp("", "cliratio-cache-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	defer os.RemoveAll(cache)
	files, size := sources(flag.Args())
	var bare, bareCPU []time.Duration
	lint, lintCPU := map[string][]time.Duration{}, map[string][]time.Duration{}
	for range *runs {
		before := cpuTime()
		bare = append(bare, parseAll(files))
		bareCPU = append(bareCPU, cpuTime()-before)
		for _, m := range order {
			if m == "cold" {
				if err := empty(cache); err != nil {
					fmt.Fprintln(os.Stderr, err)
					os.Exit(1)
				}
			}
			d, cpu, err := timeLint(*hpylint, modeArgs[m](cache), flag.Args())
			if err != nil {
				fmt.Fprintln(os.Stderr, err)
				os.Exit(1)
			}
			lint[m] = append(lint[m], d)
			lintCPU[m] = append(lintCPU[m], cpu)
		}
	}
	b, bc := median(bare), median(bareCPU)
	fmt.Printf("bare parse: %d C/C++ files, %.1f MB, median %.3fs of %d (%s), CPU %.3fs\n", len(files), float64(size)/1e6, b.Seconds(), *runs, list(bare), bc.Seconds())
	for _, m := range order {
		l, lc := median(lint[m]), median(lintCPU[m])
		fmt.Printf("hpylint --exit-zero, %-8s median %.3fs of %d (%s): %.2fx the bare parse; CPU %.3fs: %.2fx\n", m+":", l.Seconds(), *runs, list(lint[m]), l.Seconds()/b.Seconds(), lc.Seconds(), lc.Seconds()/bc.Seconds())
	}
}

// modeArgs are the flags of each mode, given cliratio's cache directory.
var modeArgs = map[string]func(cache string) []string{
	"no-cache": func(string) []string { return []string{"--no-cache"} },
	"cold":     func(cache string) []string { return []string{"--cache-dir", cache} },
	"warm":     func(cache string) []string { return []string{"--cache-dir", cache} },
	"plain":    func(string) []string { return nil },
}

// empty removes what dir holds, keeping dir.
func empty(dir string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	for _, e := range entries {
		if err := os.RemoveAll(filepath.Join(dir, e.Name())); err != nil {
			return err
		}
	}
	return nil
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

// timeLint runs hpylint and returns its wall and CPU time.
func timeLint(hpylint string, flags, dirs []string) (wall, cpu time.Duration, err error) {
	args := append(append([]string{"--exit-zero"}, flags...), dirs...)
	cmd := exec.Command(hpylint, args...)
	cmd.Stderr = os.Stderr
	start := time.Now()
	if err := cmd.Run(); err != nil {
		return 0, 0, fmt.Errorf("%s: %v", hpylint, err)
	}
	return time.Since(start), cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime(), nil
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
