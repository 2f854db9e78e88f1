// Package lsp is hpyls, hpylint's language server: a thin adapter that
// feeds editor buffers to package analysis (the engine the CLI runs) and
// turns its results into LSP diagnostics, code actions, hovers, symbols and
// code lenses.
//
// One file per concern:
//   - wire/: the tolerant reader in front of jsonrpc2, which answers
//     malformed messages itself;
//   - conn.go, codec.go: wiring, message order, cancellation, panics;
//   - lifecycle.go, process_*.go: initialize to exit, capabilities;
//   - textsync.go, document.go: open buffers, kept parsed incrementally;
//   - workspace.go: folders, their snapshots, files changed on disk;
//   - alias.go: one file open under two names (a symbolic link);
//   - config.go: client settings merged with the project's config;
//   - scheduler.go, outcome.go: debounced analysis runs and their results,
//     and the bound on how long a request waits for one;
//   - diagnostics.go: push and pull;
//   - codeaction.go, suppress.go: fixes, suppressions, fix-all;
//   - hover.go, symbols.go, modinit.go: what hpylint explains in place;
//   - position.go: the only place LSP positions are converted (via textpos);
//   - trace.go: $/logTrace, messages to the user.
package lsp
