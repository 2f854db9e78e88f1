package ini

import (
	"fmt"
	"sort"
	"strings"

	"github.com/hpyproject/hpylint/analysis/source"
)

// Parse reads INI content. It never fails: lines configparser would reject
// become Problems and are skipped.
func Parse(content []byte) *File {
	p := &parser{f: &File{}, src: string(content), sections: map[string]*Section{}, keys: map[*Section]map[string]*Entry{}}
	for start, line := 0, 1; start <= len(p.src); line++ {
		end := strings.IndexByte(p.src[start:], '\n')
		next := start + end + 1
		if end < 0 {
			end = len(p.src) - start
			next = len(p.src) + 1
		}
		text := strings.TrimSuffix(p.src[start:start+end], "\r")
		p.line(start, line, text)
		start = next
	}
	p.finishEntry()
	if p.dropped > 0 {
		last := p.f.Problems[len(p.f.Problems)-1]
		p.f.Problems = append(p.f.Problems, Problem{Span: last.Span, Line: last.Line,
			Message: fmt.Sprintf("%d more problems not shown", p.dropped)})
	}
	return p.f
}

// maxProblems bounds the report on a file that is not INI at all: past a
// few dozen, the rest say nothing new.
const maxProblems = 50

type parser struct {
	f   *File
	src string
	sec *Section
	// entry is the option that more-indented lines continue, with the
	// indentation of its key line.
	entry       *Entry
	entryIndent int
	// The sections by name and each one's options by key: a file of many
	// options must not be searched once per option.
	sections map[string]*Section
	keys     map[*Section]map[string]*Entry
	lines    []int // offsets where lines start, for lineOf
	dropped  int
}

func (p *parser) problemf(span source.Span, line int, format string, args ...any) {
	if len(p.f.Problems) >= maxProblems {
		p.dropped++
		return
	}
	p.f.Problems = append(p.f.Problems, Problem{Span: span, Line: line, Message: fmt.Sprintf(format, args...)})
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\f' || c == '\v'
}

// line handles one line starting at offset off, without its line break.
func (p *parser) line(off, lineNo int, text string) {
	indent := 0
	for indent < len(text) && isSpace(text[indent]) {
		indent++
	}
	end := len(text)
	for end > indent && isSpace(text[end-1]) {
		end--
	}
	body := text[indent:end]
	span := source.Span{Start: off + indent, End: off + end}
	switch {
	case strings.HasPrefix(body, "#") || strings.HasPrefix(body, ";"):
		// configparser drops comment lines even inside a continued value.
		p.f.Comments = append(p.f.Comments, source.Comment{Span: span, Text: body})
	case body == "":
		if p.entry != nil {
			p.entry.Lines = append(p.entry.Lines, Line{Span: span})
		}
	case p.entry != nil && indent > p.entryIndent:
		p.entry.Lines = append(p.entry.Lines, Line{Text: body, Span: span})
	default:
		p.finishEntry()
		if strings.HasPrefix(body, "[") {
			p.header(body, span, lineNo)
			return
		}
		p.option(body, span, indent, lineNo)
	}
}

// header reads "[name]"; like configparser, the name runs to the last "]".
func (p *parser) header(body string, span source.Span, lineNo int) {
	closing := strings.LastIndexByte(body, ']')
	if closing < 2 {
		p.sec = nil
		p.problemf(span, lineNo, "invalid section header %q", body)
		return
	}
	name := body[1:closing]
	nameSpan := source.Span{Start: span.Start + 1, End: span.Start + closing}
	header := source.Span{Start: span.Start, End: span.Start + closing + 1}
	if old := p.sections[name]; old != nil {
		p.problemf(nameSpan, lineNo, "section [%s] is already defined at line %d", name, p.lineOf(old.Header.Start))
		p.sec = old
		return
	}
	p.sec = &Section{Name: name, NameSpan: nameSpan, Header: header}
	p.f.Sections = append(p.f.Sections, p.sec)
	p.sections[name] = p.sec
	p.keys[p.sec] = map[string]*Entry{}
}

// option reads "key = value" or "key: value"; the first '=' or ':' splits.
func (p *parser) option(body string, span source.Span, indent, lineNo int) {
	if p.sec == nil {
		p.problemf(span, lineNo, "%q is not inside a [section]", body)
		return
	}
	delim := strings.IndexAny(body, "=:")
	if delim < 0 {
		p.problemf(span, lineNo, "expected \"key = value\", found %q", body)
		return
	}
	rawKey := strings.TrimRight(body[:delim], " \t\f\v")
	if rawKey == "" {
		p.problemf(span, lineNo, "missing key before %q", body[delim:delim+1])
		return
	}
	key := strings.ToLower(rawKey)
	if old := p.keys[p.sec][key]; old != nil {
		p.problemf(source.Span{Start: span.Start, End: span.Start + len(rawKey)}, lineNo,
			"duplicate key %q in section [%s] (first at line %d)", rawKey, p.sec.Name, p.lineOf(old.KeySpan.Start))
		return
	}
	valStart := delim + 1
	for valStart < len(body) && isSpace(body[valStart]) {
		valStart++
	}
	e := &Entry{
		Key: key, RawKey: rawKey,
		KeySpan: source.Span{Start: span.Start, End: span.Start + len(rawKey)},
		Lines:   []Line{{Text: body[valStart:], Span: source.Span{Start: span.Start + valStart, End: span.End}}},
	}
	p.sec.Entries = append(p.sec.Entries, e)
	p.keys[p.sec][key] = e
	p.entry, p.entryIndent = e, indent
}

// finishEntry drops the trailing blank lines of the current value, as
// configparser does, and computes its span.
func (p *parser) finishEntry() {
	e := p.entry
	p.entry = nil
	if e == nil {
		return
	}
	for len(e.Lines) > 1 && e.Lines[len(e.Lines)-1].Text == "" {
		e.Lines = e.Lines[:len(e.Lines)-1]
	}
	e.Span = source.Span{Start: e.Lines[0].Span.Start, End: e.Lines[0].Span.Start}
	if full := e.NonEmptyLines(); len(full) > 0 {
		e.Span = source.Span{Start: full[0].Span.Start, End: full[len(full)-1].Span.End}
	}
}

// lineOf returns the 1-based line of an offset.
func (p *parser) lineOf(off int) int {
	if p.lines == nil {
		p.lines = []int{0}
		for i := 0; i < len(p.src); i++ {
			if p.src[i] == '\n' {
				p.lines = append(p.lines, i+1)
			}
		}
	}
	return sort.SearchInts(p.lines, off+1)
}
