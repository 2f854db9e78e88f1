// Package shim generates the CPython entrypoint header that makes an HPy
// universal binary importable by plain CPython, with no .py stub and no
// link-time CPython dependency (HPy issue #445).
//
// hpylint writes HeaderName beside the C source and inserts UseLines(ext)
// right after HPy_MODINIT(ext, moddef). The header is generated from an
// embedded template and starts with a marker comment (GeneratedMarker, the
// generator version and a sha256 of the rest of the file), which ReadMarker
// reads back so that hpylint can recognise its own shim, refresh an older
// one and leave an edited one alone.
package shim

import "fmt"

const (
	// HeaderName is the file hpylint writes beside the extension's C source.
	HeaderName = "hpy_cpython_entrypoint.h"

	// Version is the generator version recorded in the marker. Bump it
	// whenever the generated C changes, so older copies are recognised.
	// Version 2: the binary carries the marker string
	// "hpylint-cpython-entrypoint:version=N module=EXT" (binary.MarkerPrefix).
	Version = 2

	// GeneratedMarker opens the header's first comment. The analyser looks
	// for it to tell the generated PyInit_ from a hand-written one.
	GeneratedMarker = "hpylint:generated cpython-entrypoint"

	// Generator names the tool in the marker comment.
	Generator = "hpylint"

	// abiTag is HPy's ABI tag (HPY_ABI_TAG without the dot); the header
	// prefers the value from hpy.h when that is included first.
	abiTag = "hpy0"
)

// UseLines returns the two lines to insert after HPy_MODINIT(ext, moddef),
// each ending in a newline. ext must be the HPy_MODINIT extension name, which
// is also the binary's file stem.
func UseLines(ext string) string {
	return fmt.Sprintf("#include %q\nHPY_CPYTHON_ENTRYPOINT(%s)\n", HeaderName, ext)
}
