// Package queries embeds the tree-sitter query files, kept as data so they can
// be read, reviewed and tested on their own (the ast-grep way).
package queries

import "embed"

// FS holds every .scm file, by language directory: c/, cpp/, python/ ...
//
//go:embed */*.scm
var FS embed.FS
