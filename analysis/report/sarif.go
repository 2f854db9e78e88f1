package report

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"strings"

	"github.com/hpyproject/hpylint/analysis/diag"
	"github.com/hpyproject/hpylint/analysis/rules"
	"github.com/hpyproject/hpylint/analysis/source"
	"github.com/hpyproject/hpylint/analysis/textpos"
)

// SARIF 2.1.0 (https://docs.oasis-open.org/sarif/sarif/v2.1.0/), the subset
// hpylint fills in. GitHub code scanning reads it: it wants repository-
// relative URIs, rules with help text, and UTF-16 columns.

const (
	sarifSchema  = "https://json.schemastore.org/sarif-2.1.0.json"
	sarifVersion = "2.1.0"
	// SARIFRootID is the uriBaseId of every repository-relative URI.
	SARIFRootID = "%SRCROOT%"
	// SARIFFingerprint is the key of hpylint's partial fingerprint.
	SARIFFingerprint = "hpylintLineHash/v1"
	// InformationURI is hpylint's home page.
	InformationURI = "https://github.com/hpyproject/hpylint"
)

type SARIFLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []SARIFRun `json:"runs"`
}

type SARIFRun struct {
	Tool               SARIFTool                   `json:"tool"`
	OriginalURIBaseIDs map[string]SARIFArtifactLoc `json:"originalUriBaseIds,omitempty"`
	Results            []SARIFResult               `json:"results"`
	ColumnKind         string                      `json:"columnKind"`
}

type SARIFTool struct {
	Driver SARIFDriver `json:"driver"`
}

type SARIFDriver struct {
	Name           string      `json:"name"`
	Version        string      `json:"version,omitempty"`
	InformationURI string      `json:"informationUri"`
	Rules          []SARIFRule `json:"rules"`
}

type SARIFRule struct {
	ID                   string              `json:"id"`
	Name                 string              `json:"name"`
	ShortDescription     SARIFText           `json:"shortDescription"`
	FullDescription      SARIFText           `json:"fullDescription"`
	Help                 SARIFMultiformat    `json:"help"`
	HelpURI              string              `json:"helpUri"`
	DefaultConfiguration SARIFConfiguration  `json:"defaultConfiguration"`
	Properties           SARIFRuleProperties `json:"properties"`
}

type SARIFRuleProperties struct {
	Tags []string `json:"tags"`
}

type SARIFText struct {
	Text string `json:"text"`
}

type SARIFMultiformat struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown"`
}

type SARIFConfiguration struct {
	Level string `json:"level"`
}

type SARIFResult struct {
	RuleID              string            `json:"ruleId"`
	RuleIndex           *int              `json:"ruleIndex,omitempty"`
	Level               string            `json:"level"`
	Message             SARIFText         `json:"message"`
	Locations           []SARIFLocation   `json:"locations"`
	RelatedLocations    []SARIFLocation   `json:"relatedLocations,omitempty"`
	PartialFingerprints map[string]string `json:"partialFingerprints"`
	Fixes               []SARIFFix        `json:"fixes,omitempty"`
}

type SARIFLocation struct {
	ID               *int                  `json:"id,omitempty"`
	PhysicalLocation SARIFPhysicalLocation `json:"physicalLocation"`
	Message          *SARIFText            `json:"message,omitempty"`
}

// SARIFPhysicalLocation's Region is left out (zero) for a finding about a
// whole file that has no text (a binary: see SARIFOptions.NoRegion).
type SARIFPhysicalLocation struct {
	ArtifactLocation SARIFArtifactLoc `json:"artifactLocation"`
	Region           SARIFRegion      `json:"region,omitzero"`
}

type SARIFArtifactLoc struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId,omitempty"`
}

// SARIFRegion is 1-based; columns count UTF-16 code units (the run's
// columnKind); the end column is exclusive.
type SARIFRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn"`
	EndLine     int `json:"endLine"`
	EndColumn   int `json:"endColumn"`
}

type SARIFFix struct {
	Description     SARIFText             `json:"description"`
	ArtifactChanges []SARIFArtifactChange `json:"artifactChanges"`
}

type SARIFArtifactChange struct {
	ArtifactLocation SARIFArtifactLoc   `json:"artifactLocation"`
	Replacements     []SARIFReplacement `json:"replacements"`
}

type SARIFReplacement struct {
	DeletedRegion   SARIFRegion `json:"deletedRegion"`
	InsertedContent SARIFText   `json:"insertedContent"`
}

// SARIFOptions are what the log needs besides the diagnostics.
type SARIFOptions struct {
	Version string // hpylint's version
	Repo    Repo
	Lines   LinesFunc
	Content func(path string) []byte
	// NoRegion, when set, names the files findings are about as a whole,
	// with no text to point into (the binaries and wheels of hpylint
	// audit): their locations carry no region, and their fingerprints
	// hash the message instead of a line.
	NoRegion func(path string) bool
}

// ToSARIF builds the log: one run, every rule in tool.driver.rules.
func ToSARIF(diags []diag.Diagnostic, o SARIFOptions) SARIFLog {
	run := SARIFRun{
		Tool:       SARIFTool{Driver: SARIFDriver{Name: "hpylint", Version: o.Version, InformationURI: InformationURI}},
		Results:    []SARIFResult{},
		ColumnKind: "utf16CodeUnits",
	}
	if o.Repo.Root != "" {
		run.OriginalURIBaseIDs = map[string]SARIFArtifactLoc{SARIFRootID: {URI: fileURI(o.Repo.Root) + "/"}}
	}
	index := map[string]int{}
	for i, r := range rules.All() {
		index[r.Code] = i
		run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, sarifRule(r))
	}
	seen := map[string]int{} // fingerprint base → occurrences so far
	for _, d := range diags {
		loc := o.artifact(d.Location.Path)
		res := SARIFResult{
			RuleID:  d.Code,
			Level:   sarifLevel(d.Severity),
			Message: SARIFText{Text: d.Message},
			Locations: []SARIFLocation{{PhysicalLocation: SARIFPhysicalLocation{
				ArtifactLocation: loc, Region: o.region(d.Location),
			}}},
		}
		if i, ok := index[d.Code]; ok {
			res.RuleIndex = &i
		}
		for i, rel := range d.Related {
			id := i + 1
			res.RelatedLocations = append(res.RelatedLocations, SARIFLocation{
				ID: &id,
				PhysicalLocation: SARIFPhysicalLocation{
					ArtifactLocation: o.artifact(rel.Location.Path), Region: o.region(rel.Location),
				},
				Message: &SARIFText{Text: rel.Message},
			})
		}
		base := o.fingerprint(d, loc.URI)
		seen[base]++
		res.PartialFingerprints = map[string]string{SARIFFingerprint: fmt.Sprintf("%s:%d", base, seen[base])}
		for _, f := range d.Fixes {
			res.Fixes = append(res.Fixes, o.fix(f))
		}
		run.Results = append(run.Results, res)
	}
	return SARIFLog{Schema: sarifSchema, Version: sarifVersion, Runs: []SARIFRun{run}}
}

// SARIF writes the log, indented, with a trailing newline.
func SARIF(w io.Writer, diags []diag.Diagnostic, o SARIFOptions) error {
	enc := json.NewEncoder(jsonWriter{w})
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(ToSARIF(diags, o))
}

func sarifRule(r *rules.Rule) SARIFRule {
	full := r.Doc.What
	if full == "" {
		full = r.Summary
	}
	return SARIFRule{
		ID:                   r.Code,
		Name:                 r.Name,
		ShortDescription:     SARIFText{Text: r.Summary},
		FullDescription:      SARIFText{Text: full},
		Help:                 SARIFMultiformat{Text: helpText(r), Markdown: helpMarkdown(r)},
		HelpURI:              rules.DocsURL,
		DefaultConfiguration: SARIFConfiguration{Level: sarifLevel(r.Severity)},
		Properties:           SARIFRuleProperties{Tags: []string{"hpy", r.Name}},
	}
}

// helpText is the rule's documentation as plain text, the same sections as
// --explain.
func helpText(r *rules.Rule) string {
	var b strings.Builder
	b.WriteString(r.Summary)
	for _, s := range [][2]string{{"What it does", r.Doc.What}, {"Why it matters", r.Doc.Why}, {"Example", r.Doc.Example}, {"How to fix it", r.Doc.Fix}} {
		if s[1] != "" {
			fmt.Fprintf(&b, "\n\n%s:\n%s", s[0], s[1])
		}
	}
	return b.String()
}

func helpMarkdown(r *rules.Rule) string {
	var b strings.Builder
	fmt.Fprintf(&b, "**%s** `%s`: %s", r.Code, r.Name, r.Summary)
	for _, s := range [][2]string{{"What it does", r.Doc.What}, {"Why it matters", r.Doc.Why}} {
		if s[1] != "" {
			fmt.Fprintf(&b, "\n\n## %s\n%s", s[0], s[1])
		}
	}
	if r.Doc.Example != "" {
		fence := "```"
		for strings.Contains(r.Doc.Example, fence) {
			fence += "`"
		}
		fmt.Fprintf(&b, "\n\n## Example\n%s\n%s\n%s", fence, r.Doc.Example, fence)
	}
	if r.Doc.Fix != "" {
		fmt.Fprintf(&b, "\n\n## How to fix it\n%s", r.Doc.Fix)
	}
	fmt.Fprintf(&b, "\n\nSee also `hpylint --explain %s`.", r.Code)
	return b.String()
}

func sarifLevel(s diag.Severity) string {
	switch s {
	case diag.Error:
		return "error"
	case diag.Warning:
		return "warning"
	}
	return "note"
}

// artifact names a file: repository-relative with the %SRCROOT% base when
// it lies inside the repository, else an absolute file URI when the root is
// known.
func (o SARIFOptions) artifact(p string) SARIFArtifactLoc {
	rel, outside := o.Repo.Rel(p)
	if outside && o.Repo.Root != "" {
		abs := rel
		if !strings.HasPrefix(abs, "/") {
			abs = strings.TrimSuffix(o.Repo.Root, "/") + "/" + rel
		}
		return SARIFArtifactLoc{URI: fileURI(cleanSlash(abs))}
	}
	return SARIFArtifactLoc{URI: relativeURI(rel), URIBaseID: SARIFRootID}
}

func (o SARIFOptions) region(loc source.Location) SARIFRegion {
	if o.NoRegion != nil && o.NoRegion(loc.Path) {
		return SARIFRegion{}
	}
	x := o.Lines(loc.Path)
	l1, c1 := x.Position(loc.Span.Start, textpos.UTF16)
	l2, c2 := x.Position(loc.Span.End, textpos.UTF16)
	return SARIFRegion{StartLine: l1 + 1, StartColumn: c1 + 1, EndLine: l2 + 1, EndColumn: c2 + 1}
}

func (o SARIFOptions) fix(f diag.Fix) SARIFFix {
	sf := SARIFFix{Description: SARIFText{Text: f.Title}, ArtifactChanges: []SARIFArtifactChange{}}
	byPath := map[string]int{}
	for _, e := range f.Edits {
		i, ok := byPath[e.Path]
		if !ok {
			i = len(sf.ArtifactChanges)
			byPath[e.Path] = i
			sf.ArtifactChanges = append(sf.ArtifactChanges, SARIFArtifactChange{ArtifactLocation: o.artifact(e.Path)})
		}
		sf.ArtifactChanges[i].Replacements = append(sf.ArtifactChanges[i].Replacements, SARIFReplacement{
			DeletedRegion:   o.region(source.Location{Path: e.Path, Span: e.Span}),
			InsertedContent: SARIFText{Text: e.NewText},
		})
	}
	return sf
}

// fingerprint identifies a finding across commits without its line number:
// the rule, the file and the text of the finding's first line (with runs of
// white space folded), so an edit above it does not make it "new". The
// caller appends an occurrence count for identical lines.
func (o SARIFOptions) fingerprint(d diag.Diagnostic, uri string) string {
	var text string
	if o.NoRegion != nil && o.NoRegion(d.Location.Path) {
		text = d.Message
	} else if o.Content != nil {
		if content := o.Content(d.Location.Path); content != nil {
			x := o.Lines(d.Location.Path)
			line := x.Line(d.Location.Span.Start)
			start, end := x.LineStart(line), x.LineEnd(line)
			if start <= end && end <= len(content) {
				text = strings.Join(strings.Fields(string(content[start:end])), " ")
			}
		}
	}
	h := sha256.New()
	for _, s := range []string{d.Code, uri, text} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}

// relativeURI percent-encodes a slash-separated relative path.
func relativeURI(p string) string {
	u := url.URL{Path: p}
	return u.String()
}

// fileURI makes a file:// URI of an absolute slash-separated path (a
// Windows path "C:/x" becomes "file:///C:/x").
func fileURI(p string) string {
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	u := url.URL{Scheme: "file", Path: p}
	return u.String()
}

func cleanSlash(p string) string {
	parts := strings.Split(p, "/")
	var out []string
	for _, s := range parts {
		switch s {
		case "", ".":
		case "..":
			if len(out) > 0 {
				out = out[:len(out)-1]
			}
		default:
			out = append(out, s)
		}
	}
	return "/" + strings.Join(out, "/")
}
