package lsp

import (
	"context"
	"fmt"
	"strings"
	"time"

	"go.lsp.dev/protocol"

	"github.com/hpyproject/hpylint/analysis/buildcfg"
	"github.com/hpyproject/hpylint/analysis/cfacts"
	"github.com/hpyproject/hpylint/analysis/cpyapi"
	"github.com/hpyproject/hpylint/analysis/model"
	"github.com/hpyproject/hpylint/analysis/rules"
	"github.com/hpyproject/hpylint/analysis/source"
)

// Hover explains three things hpylint knows better than a C server: the
// HPy_MODINIT under the cursor, a CPython API name in a universal source,
// and a rule code in a suppression comment.

func (s *Server) Hover(ctx context.Context, p *protocol.HoverParams) (*protocol.Hover, error) {
	path, asked := fsPath(p.TextDocument.URI), time.Now()
	s.askedModel(path)
	v, why := s.earlyOutcome(path, nil)
	if v != nil {
		if h, ok := s.hoverIn(v, path, p.Position); ok {
			s.traceEarly("hover", path, true, "", asked)
			return h, nil
		}
		why = "the cursor or a place the answer names is where the edit is"
	}
	s.traceEarly("hover", path, false, why, asked)
	o, err := s.modelFor(ctx, path)
	if err != nil || o == nil || o.res == nil {
		return nil, err
	}
	h, _ := s.hoverIn(o, path, p.Position)
	return h, nil
}

// hoverIn answers a hover from o; false when o is an early view that
// cannot place the answer in the buffer's text now.
func (s *Server) hoverIn(o *outcome, path string, pos protocol.Position) (*protocol.Hover, bool) {
	s.mu.Lock()
	enc, markdown := s.enc, s.caps.markdownHover
	s.mu.Unlock()
	mu := o.modelMu()
	mu.Lock()
	defer mu.Unlock()
	rel := o.folder.rel(path)
	x := o.lines(rel)
	off, ok := o.toModel(rel, toOffset(x, pos, enc))
	if !ok {
		return nil, false
	}

	var text string
	var span source.Span
	if u := o.res.Model().Unit(rel); u != nil && u.Facts != nil {
		text, span = hoverModinit(o, u, off)
		if text == "" {
			text, span = hoverCPythonName(o.res.Model(), u, off)
		}
		if text == "" {
			text, span = hoverRuleCode(u.Facts.Comments, off)
		}
	} else if cfg := o.res.Model().Config(rel); cfg != nil {
		text, span = hoverRuleCode(cfg.Comments, off)
	}
	if o.unplaced {
		return nil, false
	}
	if text == "" {
		return nil, true
	}
	if span, ok = o.fromModel(rel, span); !ok {
		return nil, false
	}
	content := &protocol.MarkupContent{Kind: protocol.MarkupKindMarkdown, Value: text}
	if !markdown {
		content = &protocol.MarkupContent{Kind: protocol.MarkupKindPlainText, Value: plain(text)}
	}
	r := toRange(x, span, enc)
	return &protocol.Hover{Contents: content, Range: &r}, true
}

// within reports whether the cursor is on span, its end included (a cursor
// just after a name still hovers it).
func within(sp source.Span, off int) bool { return off >= sp.Start && off <= sp.End }

func hoverModinit(o *outcome, u *model.Unit, off int) (string, source.Span) {
	for _, m := range u.Facts.MacroCalls("HPy_MODINIT") {
		if within(m.Span, off) {
			return describeModinit(o, u, m).markdown(o), m.Span
		}
	}
	return "", source.Span{}
}

// hoverCPythonName names the HPy replacement of a CPython API use, in
// files compiled for the universal ABI (where the use is an error).
func hoverCPythonName(p *model.Project, u *model.Unit, off int) (string, source.Span) {
	name, span := nameAt(u.Facts, off)
	if name == "" || !cpyapi.IsCPythonAPI(name) || p.DefinesName(name) || rules.UnitABI(p, u).ABI != buildcfg.ABIUniversal {
		return "", source.Span{}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "**%s** is CPython C API: a universal HPy binary must not reference it (it would fail to load on PyPy and GraalPy).\n\n", name)
	hpy, note, ok := cpyapi.Equivalent(name)
	switch {
	case ok:
		fmt.Fprintf(&b, "HPy equivalent: `%s`\n", hpy)
	case note == "":
		b.WriteString("hpylint knows no direct HPy equivalent.\n")
	}
	if note != "" {
		fmt.Fprintf(&b, "\n%s\n", note)
	}
	return b.String(), span
}

// nameAt finds a CPython-looking name the facts recorded at off.
func nameAt(f *cfacts.Facts, off int) (string, source.Span) {
	for _, r := range f.Refs {
		if within(r.Span, off) {
			return r.Name, r.Span
		}
	}
	for _, c := range f.Calls {
		if within(c.NameSpan, off) {
			return c.Name, c.NameSpan
		}
	}
	return "", source.Span{}
}

// hoverRuleCode shows a rule's documentation for a code or rule name in an
// hpylint comment directive.
func hoverRuleCode(comments []source.Comment, off int) (string, source.Span) {
	for _, c := range comments {
		if !within(c.Span, off) || !strings.Contains(c.Text, "hpylint:") {
			continue
		}
		i := off - c.Span.Start
		start, end := i, i
		for start > 0 && isWordByte(c.Text[start-1]) {
			start--
		}
		for end < len(c.Text) && isWordByte(c.Text[end]) {
			end++
		}
		if r := rules.Lookup(c.Text[start:end]); r != nil && start < end {
			return ruleDoc(r), source.Span{Start: c.Span.Start + start, End: c.Span.Start + end}
		}
	}
	return "", source.Span{}
}

func isWordByte(b byte) bool {
	return b == '_' || b == '-' || '0' <= b && b <= '9' || 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z'
}

// ruleDoc renders a rule's documentation as --explain does.
func ruleDoc(r *rules.Rule) string {
	var b strings.Builder
	fmt.Fprintf(&b, "**%s** `%s` (%s by default)\n\n%s\n", r.Code, r.Name, r.Severity, r.Summary)
	section := func(title, body string) {
		if body != "" {
			fmt.Fprintf(&b, "\n**%s**\n\n%s\n", title, body)
		}
	}
	section("What it does", r.Doc.What)
	section("Why it matters", r.Doc.Why)
	if r.Doc.Example != "" {
		fmt.Fprintf(&b, "\n**Example**\n\n```\n%s\n```\n", r.Doc.Example)
	}
	section("How to fix it", r.Doc.Fix)
	fmt.Fprintf(&b, "\n[All rules](%s)\n", rules.DocsURL)
	return b.String()
}

// plain strips the markdown a plaintext client would show literally.
func plain(md string) string {
	var out []string
	for _, line := range strings.Split(md, "\n") {
		if strings.HasPrefix(line, "```") {
			continue
		}
		out = append(out, strings.NewReplacer("**", "", "`", "").Replace(line))
	}
	return strings.Join(out, "\n")
}
