package report

import (
	"encoding/json"
	"io"

	"github.com/hpyproject/hpylint/analysis/diag"
)

// JSONLines writes one compact JSON object per diagnostic, one a line, with
// the same fields as a diagnostic of the JSON contract (see JSONDiagnostic);
// no summary. Nothing at all is written when there are no diagnostics.
func JSONLines(w io.Writer, diags []diag.Diagnostic, lines LinesFunc) error {
	enc := json.NewEncoder(jsonWriter{w}) // Encode ends each value with "\n"
	for _, d := range ToJSON(diags, 0, lines).Diagnostics {
		if err := enc.Encode(d); err != nil {
			return err
		}
	}
	return nil
}
