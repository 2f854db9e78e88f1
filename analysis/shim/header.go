package shim

import (
	"bytes"
	_ "embed"
	"sync"
	"text/template"
)

// The C lives in its own file so it can be read and reviewed as C. C is full
// of "{{" (nested initialisers), hence the unusual delimiters.
//
//go:embed hpy_cpython_entrypoint.h.tmpl
var headerTemplate string

var parsedTemplate = template.Must(
	template.New(HeaderName).Delims("@{", "}@").Option("missingkey=error").Parse(headerTemplate))

type templateData struct {
	HeaderName string
	Version    int
	ABITag     string
}

var rendered = sync.OnceValue(func() []byte {
	var body bytes.Buffer
	data := templateData{HeaderName: HeaderName, Version: Version, ABITag: abiTag}
	if err := parsedTemplate.Execute(&body, data); err != nil {
		// The template is embedded and its data fixed: failing here is a
		// bug in this package, caught by its tests.
		panic("shim: rendering " + HeaderName + ": " + err.Error())
	}
	return withMarker(Version, body.Bytes())
})

// Header returns the full text of HeaderName: marker comment, then the C.
// It is the same on every call and every machine.
func Header() []byte {
	return bytes.Clone(rendered())
}

// HeaderText is Header as a string, shared: a fix that creates the header
// is built on every run (every keystroke in the editor).
var HeaderText = sync.OnceValue(func() string { return string(rendered()) })
