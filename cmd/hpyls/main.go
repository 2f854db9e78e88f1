// Command hpyls is hpylint's language server. It speaks LSP over stdin and
// stdout; everything else lives in package lsp.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"

	_ "github.com/hpyproject/hpylint/analysis/tsalloc/arenas" // before the runtime's threads malloc
	"github.com/hpyproject/hpylint/cmd/internal/version"
	"github.com/hpyproject/hpylint/lsp"
	"github.com/hpyproject/hpylint/lsp/heapcap"
)

func main() { os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)) }

func run(args []string, stdin io.ReadCloser, stdout io.WriteCloser, stderr io.Writer) int {
	fs := flag.NewFlagSet("hpyls", flag.ContinueOnError)
	fs.SetOutput(stderr)
	showVersion := fs.Bool("version", false, "print the version and exit")
	logFile := fs.String("log", "", "append a debug log to `FILE`")
	fs.Bool("stdio", true, "talk LSP over stdin/stdout (the only transport; accepted for editors that pass it)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: hpyls [--log FILE] [--version]\n\nhpylint's language server; editors start it and talk LSP over stdin/stdout.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return 0
		}
		return 2
	}
	if *showVersion {
		fmt.Fprintf(stdout, "hpyls %s\n", version.String())
		return 0
	}
	// Without --log, warnings go to stderr, which editors keep in their
	// own LSP log.
	logger := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	if *logFile != "" {
		f, err := os.OpenFile(*logFile, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
		if err != nil {
			fmt.Fprintf(stderr, "hpyls: %v\n", err)
			return 2
		}
		defer f.Close()
		logger = slog.New(slog.NewTextHandler(f, &slog.HandlerOptions{Level: slog.LevelDebug}))
	}
	heapcap.Start()
	return lsp.Serve(context.Background(), stdio{stdin, stdout}, lsp.Options{Version: version.Number, Log: logger})
}

// stdio joins stdin and stdout into the stream LSP runs over.
type stdio struct {
	in  io.ReadCloser
	out io.WriteCloser
}

func (s stdio) Read(p []byte) (int, error)  { return s.in.Read(p) }
func (s stdio) Write(p []byte) (int, error) { return s.out.Write(p) }
func (s stdio) Close() error {
	err := s.in.Close()
	if e := s.out.Close(); err == nil {
		err = e
	}
	return err
}
