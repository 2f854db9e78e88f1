package lsp

import (
	"bytes"
	"math/rand"
	"testing"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"
)

// diagJSON writes what protocol.Marshal writes, for diagnostics of every
// shape hpyls publishes, on the first encoding and from what it
// remembered.
func TestDiagJSONIsProtocolMarshal(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	messages := []string{"plain", "with \"quotes\" and \\ and \n and <html> & é ✓", "PyErr_Clear is CPython C API [ABI: universal]", ""}
	var j diagJSON
	for round := range 400 {
		var ds []protocol.Diagnostic
		for range rng.Intn(6) {
			d := protocol.Diagnostic{
				Range: protocol.Range{
					Start: protocol.Position{Line: uint32(rng.Intn(100000)), Character: uint32(rng.Intn(200))},
					End:   protocol.Position{Line: uint32(rng.Intn(100000)), Character: uint32(rng.Intn(200))},
				},
				Severity: protocol.DiagnosticSeverity(rng.Intn(5)),
				Message:  protocol.String(messages[rng.Intn(len(messages))]),
			}
			if rng.Intn(3) > 0 {
				d.Code = protocol.String("HPY20" + string(rune('0'+rng.Intn(10))))
				d.CodeDescription = protocol.CodeDescription{Href: uri.URI("https://example.org/rules")}
				d.Source = protocol.NewOptional("hpylint")
			}
			if rng.Intn(4) == 0 {
				d.Tags = protocol.NewDiagnosticTags(protocol.DiagnosticTag(1 + rng.Intn(2)))
			}
			if rng.Intn(5) == 0 {
				d.RelatedInformation = []protocol.DiagnosticRelatedInformation{{
					Location: protocol.Location{URI: uri.File("/p/a.c"), Range: d.Range},
					Message:  "step",
				}}
			}
			ds = append(ds, d)
		}
		want, err := protocol.Marshal(ds)
		if err != nil {
			t.Fatal(err)
		}
		if ds == nil {
			want = []byte("[]")
		}
		got, err := j.encode(ds)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Fatalf("round %d:\n got %s\nwant %s", round, got, want)
		}
	}
	if len(j.rest) == 0 {
		t.Fatal("nothing was remembered: the test says nothing of the remembered path")
	}
}
