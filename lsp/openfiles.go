package lsp

import "github.com/hpyproject/hpylint/analysis"

// openFiles names the folder's open buffers for the engine, which makes
// the findings detailing a summary only there (analysis.Options.Open):
// shown only in open files (diagnostics.go), numpy-hpy's 11,000 were made,
// sorted and sorted out on every keystroke.
func openFiles(f *folder, taken []snapshotDoc) *analysis.OpenFiles {
	o := &analysis.OpenFiles{Paths: map[string]bool{}, Reals: map[string]bool{}}
	for _, t := range taken {
		o.Paths[f.rel(t.doc.path)] = true
		if t.real != "" {
			o.Reals[t.real] = true
		}
	}
	return o
}
