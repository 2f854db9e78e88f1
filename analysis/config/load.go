package config

import (
	"strings"

	"github.com/hpyproject/hpylint/analysis/source"
	"github.com/hpyproject/hpylint/analysis/tomldoc"
)

// The functions below return the settings that are valid even when some
// are not, together with an Errors value listing the invalid ones, so a
// language server can keep going with the rest.

// FromPyproject reads the [tool.hpylint] table of a pyproject.toml. has is
// false (and the Config nil) when there is no such table. TOML syntax
// errors outside the table are left to the pyproject.toml reader.
func FromPyproject(path string, content []byte, known func(string) bool) (cfg *Config, has bool, err error) {
	doc, problems := tomldoc.Parse(content)
	v, ok := doc.Lookup("tool", "hpylint")
	if !ok {
		return nil, false, nil
	}
	d := &decoder{cfg: newConfig(path), line: doc.Line, prefix: "[tool.hpylint] ", known: known}
	regions := regionsOf(v, nil)
	for _, p := range problems {
		for _, r := range regions {
			if p.Span.Start >= r.Start && p.Span.Start < r.End {
				d.errs = append(d.errs, &Error{Path: path, Span: p.Span, Msg: p.Message})
				break
			}
		}
	}
	if v.Kind != tomldoc.KindTable {
		d.prefix = ""
		d.errorf(v.Span, "tool.hpylint: expected a table, got %s", fromTOML(v).describe())
		return d.cfg, true, d.errs.orNil()
	}
	d.table(fromTOML(v))
	return d.cfg, true, d.errs.orNil()
}

// regionsOf returns the text that belongs to a table: the sections of its
// headers and of its sub-tables' headers, or the pair that defines it.
func regionsOf(v *tomldoc.Value, out []source.Span) []source.Span {
	if v.Kind != tomldoc.KindTable {
		return append(out, v.EntrySpan)
	}
	if s := v.Table.Section; s != (source.Span{}) {
		out = append(out, s)
	} else {
		out = append(out, v.EntrySpan)
	}
	for _, k := range v.Table.Keys() {
		if sub, _ := v.Table.Get(k); sub.Kind == tomldoc.KindTable {
			out = regionsOf(sub, out)
		}
	}
	return out
}

// FromFile reads an hpylint.toml: settings as top-level keys, or in a
// [tool.hpylint] table (so a section can be moved out of pyproject.toml
// unchanged).
func FromFile(path string, content []byte, known func(string) bool) (*Config, error) {
	doc, problems := tomldoc.Parse(content)
	d := &decoder{cfg: newConfig(path), line: doc.Line, known: known}
	for _, p := range problems {
		d.errs = append(d.errs, &Error{Path: path, Span: p.Span, Msg: p.Message})
	}
	root := fromTOML(&tomldoc.Value{Kind: tomldoc.KindTable, Table: doc.Root})
	var tool *node
	if t, ok := root.fields["tool"]; ok {
		tool = t
		root = without(root, "tool")
	}
	d.table(root)
	if tool == nil {
		return d.cfg, d.errs.orNil()
	}
	if tool.kind != "table" {
		d.errorf(tool.span, "tool: expected a table, got %s", tool.describe())
		return d.cfg, d.errs.orNil()
	}
	for _, k := range tool.keys {
		sub := tool.fields[k]
		if k != "hpylint" {
			d.prefix = ""
			d.errorf(sub.keySpan, "unknown key %q (known: %s, tool.hpylint)", "tool."+k, strings.Join(keys, ", "))
			continue
		}
		if sub.kind != "table" {
			d.errorf(sub.span, "tool.hpylint: expected a table, got %s", sub.describe())
			continue
		}
		d.prefix = "[tool.hpylint] "
		for _, key := range sub.keys {
			if first, ok := d.cfg.Spans[key]; ok {
				d.errorf(sub.fields[key].keySpan, "%s is also set at the top level (line %d)", key, d.line(first.Start))
			}
		}
		d.table(sub)
	}
	return d.cfg, d.errs.orNil()
}

// without returns a copy of table t minus one key.
func without(t *node, key string) *node {
	out := *t
	out.keys = nil
	for _, k := range t.keys {
		if k != key {
			out.keys = append(out.keys, k)
		}
	}
	return &out
}

// FromMap reads settings a language client sent (decoded JSON). It also
// accepts them nested under an "hpylint" key. null values count as unset,
// which is what editors send for settings the user left alone.
func FromMap(m map[string]any, known func(string) bool) (*Config, error) {
	if inner, ok := m["hpylint"].(map[string]any); ok && len(m) == 1 {
		m = inner
	}
	d := &decoder{cfg: newConfig(""), prefix: "hpylint settings: ", known: known}
	root := fromAny(m)
	for k, v := range root.fields {
		if v.kind == "null" {
			root = without(root, k)
		}
	}
	d.table(root)
	return d.cfg, d.errs.orNil()
}
