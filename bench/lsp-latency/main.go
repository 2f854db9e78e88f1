// Command lsp-latency drives a language server over stdio as an editor
// would and measures what a user waits for: the time from opening a file
// to its first diagnostics, from each keystroke to the diagnostics of the
// text it made (the server's debounce included), and the server's peak
// memory.
//
//	go build -o /tmp/hpyls ./cmd/hpyls
//	go run ./bench/lsp-latency -server /tmp/hpyls -workspace DIR -file PATH [-edits 200] [-spread] [-json]
//	go run ./bench/lsp-latency -server /tmp/hpyls -generate 1MB -spread
//	go run ./bench/lsp-latency -server 'clangd --log=error' -workspace DIR -file PATH
//
// The client initializes with the workspace as its one folder, opens the
// file, waits for the first publication, then types -edits single keys at
// the start of lines (Enter by default, so that every edit moves the
// findings below it) and waits after each for the publishDiagnostics of
// its version. With -burst MS it types at that interval without waiting
// and reports the time from the last key to the publication of the final
// text. With -fix-first FILE it first applies a quick fix to another file
// (fixfirst.go), for the first edit after a code action.
package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

func main() {
	cfg, cleanup, asJSON, err := parseFlags(os.Args[1:], os.Stderr)
	if errors.Is(err, flag.ErrHelp) {
		os.Exit(2)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "lsp-latency:", err)
		os.Exit(2)
	}
	res, err := run(cfg)
	cleanup()
	if err != nil {
		fmt.Fprintln(os.Stderr, "lsp-latency:", err)
		os.Exit(1)
	}
	if asJSON {
		err = printJSON(os.Stdout, res)
	} else {
		printText(os.Stdout, res)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "lsp-latency:", err)
		os.Exit(1)
	}
}

// parseFlags turns the command line into a measurement; cleanup removes
// what -generate wrote.
func parseFlags(args []string, usage io.Writer) (cfg config, cleanup func(), asJSON bool, err error) {
	cleanup = func() {}
	fs := flag.NewFlagSet("lsp-latency", flag.ContinueOnError)
	fs.SetOutput(usage)
	server := fs.String("server", "", "the server's command line, split at spaces (default: the hpyls of -hpyls)")
	hpyls := fs.String("hpyls", "", "the hpyls binary when -server is not given (default: hpyls beside this program, then on PATH)")
	workspace := fs.String("workspace", "", "the workspace folder")
	file := fs.String("file", "", "the file to type into, relative to the workspace or absolute")
	generate := fs.String("generate", "", "write a generated HPy source of this size (1MB, 512KB) and its setup.py into a temporary workspace and type into it, instead of -workspace and -file; a count of files (2000files) writes a workspace of that many, an extension of four sources and a header for every five, and types into src/ext001/part0.c")
	fs.IntVar(&cfg.edits, "edits", 200, "how many keys to type")
	fs.StringVar(&cfg.key, "key", "enter", "the key: enter (inserts a line break), char (inserts a letter) or code (types \""+codeText+"\" a character a key after the indentation of a line with a finding, a call and a block each left open for a few keys)")
	fs.BoolVar(&cfg.spread, "spread", false, "type at lines drawn through the file (seeded by -seed) instead of at one line")
	fs.Int64Var(&cfg.seed, "seed", 1, "the seed of -spread")
	fs.IntVar(&cfg.upto, "upto", 0, "Enter keys go to lines 1 to this one (default: the last line with a finding in the first publication, which every Enter then moves); give two servers the same -upto and -seed for the same edits")
	burst := fs.Int("burst", 0, "type one key every this many milliseconds without waiting, and report the time from the last key to the publication of the final text")
	fs.StringVar(&cfg.request, "request", "", "with -burst: after each key send this request at the first finding and time its answer: hover, codeaction (quick fixes) or fixall (source.fixAll)")
	fs.DurationVar(&cfg.settle, "settle", 500*time.Millisecond, "idle time between the first publication and the first key")
	fs.DurationVar(&cfg.pause, "pause", 0, "idle time between a publication and the next key")
	fs.DurationVar(&cfg.timeout, "timeout", 30*time.Second, "the longest wait for any one answer or publication before giving up with an error")
	initOptions := fs.String("init", "", "JSON sent as initializationOptions (hpyls: {\"debounce\": 0})")
	fixFirst := fs.String("fix-first", "", "before opening -file, open this file (relative to the workspace), apply the first quick fix the server offers that changes it alone, and wait for the fixed text's publication; with -generate it is written into the workspace first, a small HPy source with a CPython call")
	fs.BoolVar(&asJSON, "json", false, "print one JSON line instead of text")
	if err = fs.Parse(args); err != nil {
		return
	}
	if fs.NArg() > 0 {
		return cfg, cleanup, asJSON, fmt.Errorf("unexpected arguments %q", fs.Args())
	}
	if cfg.key != "enter" && cfg.key != "char" && cfg.key != "code" {
		return cfg, cleanup, asJSON, fmt.Errorf("-key %q: want enter, char or code", cfg.key)
	}
	if cfg.edits < 1 || *burst < 0 || cfg.timeout <= 0 || cfg.upto < 0 {
		return cfg, cleanup, asJSON, fmt.Errorf("-edits must be at least 1, -burst and -upto at least 0, -timeout positive")
	}
	cfg.burst = time.Duration(*burst) * time.Millisecond
	if cfg.request != "" && (cfg.burst == 0 || cfg.request != "hover" && actionKinds[cfg.request] == "") {
		return cfg, cleanup, asJSON, fmt.Errorf("-request %q: want hover, codeaction or fixall, with -burst", cfg.request)
	}
	if *initOptions != "" {
		if !json.Valid([]byte(*initOptions)) {
			return cfg, cleanup, asJSON, fmt.Errorf("-init is not JSON: %s", *initOptions)
		}
		cfg.initOptions = json.RawMessage(*initOptions)
	}
	if cfg.server, err = serverCommand(*server, *hpyls); err != nil {
		return
	}
	switch {
	case *generate != "":
		if *workspace != "" || *file != "" {
			return cfg, cleanup, asJSON, fmt.Errorf("-generate makes its own workspace: leave out -workspace and -file")
		}
		if files, ok := fileCount(*generate); ok {
			if cfg.workspace, cfg.file, err = generateExtensions(files); err != nil {
				return
			}
		} else {
			var size int
			if size, err = parseSize(*generate); err != nil {
				return
			}
			if cfg.workspace, cfg.file, err = generateWorkspace(size); err != nil {
				return
			}
		}
		dir := cfg.workspace
		cleanup = func() { os.RemoveAll(dir) }
		if *fixFirst != "" {
			cfg.fixFirst, err = writeFixable(dir, *fixFirst)
		}
		return
	case *workspace == "" || *file == "":
		return cfg, cleanup, asJSON, fmt.Errorf("give -workspace and -file, or -generate")
	}
	if cfg.workspace, err = filepath.Abs(*workspace); err != nil {
		return
	}
	cfg.file = *file
	if !filepath.IsAbs(cfg.file) {
		cfg.file = filepath.Join(cfg.workspace, cfg.file)
	}
	cfg.file = filepath.Clean(cfg.file)
	if *fixFirst != "" {
		cfg.fixFirst = *fixFirst
		if !filepath.IsAbs(cfg.fixFirst) {
			cfg.fixFirst = filepath.Join(cfg.workspace, cfg.fixFirst)
		}
		cfg.fixFirst = filepath.Clean(cfg.fixFirst)
		if cfg.fixFirst == cfg.file {
			return cfg, cleanup, asJSON, fmt.Errorf("-fix-first names -file itself: give another file")
		}
	}
	return
}

// serverCommand is -server split at spaces, or the hpyls to run.
func serverCommand(server, hpyls string) ([]string, error) {
	if server != "" {
		argv := strings.Fields(server)
		if len(argv) == 0 {
			return nil, fmt.Errorf("-server is empty")
		}
		return argv, nil
	}
	if hpyls != "" {
		return []string{hpyls}, nil
	}
	if self, err := os.Executable(); err == nil {
		beside := filepath.Join(filepath.Dir(self), "hpyls")
		if _, err := os.Stat(beside); err == nil {
			return []string{beside}, nil
		}
	}
	if onPath, err := exec.LookPath("hpyls"); err == nil {
		return []string{onPath}, nil
	}
	return nil, fmt.Errorf("no hpyls beside this program or on PATH: build one (go build -o /tmp/hpyls ./cmd/hpyls) and pass -hpyls /tmp/hpyls, or give -server")
}
