package config

import (
	"fmt"
	"strings"

	"github.com/hpyproject/hpylint/analysis/buildcfg"
	"github.com/hpyproject/hpylint/analysis/diag"
	"github.com/hpyproject/hpylint/analysis/source"
)

// decoder validates one settings table into a Config.
type decoder struct {
	cfg    *Config
	line   func(off int) int // nil when there is no file
	prefix string            // names the table in messages: "[tool.hpylint] "
	known  func(string) bool
	errs   Errors
}

func (d *decoder) errorf(span source.Span, format string, args ...any) {
	e := &Error{Path: d.cfg.Path, Span: span, Msg: d.prefix + fmt.Sprintf(format, args...)}
	if d.line != nil {
		e.Line = d.line(span.Start)
	}
	d.errs = append(d.errs, e)
}

func (d *decoder) isKnown(s string) bool {
	return d.known == nil || d.known(s)
}

// table reads every key of a settings table.
func (d *decoder) table(t *node) {
	for _, k := range t.keys {
		v := t.fields[k]
		switch k {
		case "select":
			d.cfg.Select = d.rules(k, v)
		case "ignore":
			d.cfg.Ignore = d.rules(k, v)
		case "severity":
			d.severity(v)
		case "exclude":
			d.cfg.Exclude = d.exclude(v)
		case "abi":
			d.abi(v)
		default:
			d.errorf(v.keySpan, "unknown key %q (known: %s)", k, strings.Join(keys, ", "))
			continue
		}
		d.cfg.Spans[k] = v.span
	}
}

// strings checks that v is an array of strings.
func (d *decoder) strings(key string, v *node) []string {
	if v.kind != "array" {
		d.errorf(v.span, "%s: expected an array of strings, got %s", key, v.describe())
		return nil
	}
	out := []string{}
	for i, e := range v.elems {
		if e.kind != "string" {
			d.errorf(e.span, "%s[%d]: expected a string, got %s", key, i, e.describe())
			continue
		}
		out = append(out, e.str)
	}
	return out
}

func (d *decoder) rules(key string, v *node) []string {
	var out []string
	for i, s := range d.strings(key, v) {
		if !d.isKnown(s) {
			d.errorf(v.elems[i].span, "%s: unknown rule code or name %q", key, s)
			continue
		}
		out = append(out, s)
	}
	return out
}

func (d *decoder) severity(v *node) {
	if v.kind != "table" {
		d.errorf(v.span, "severity: expected a table, got %s", v.describe())
		return
	}
	for _, k := range v.keys {
		e := v.fields[k]
		switch {
		case !d.isKnown(k):
			d.errorf(e.keySpan, "severity: unknown rule code or name %q", k)
		case e.kind != "string":
			d.errorf(e.span, "severity.%s: expected a string, got %s", k, e.describe())
		default:
			sev, err := diag.ParseSeverity(e.str)
			if err != nil {
				d.errorf(e.span, "severity.%s: %v", k, err)
				continue
			}
			d.cfg.Severity[k] = sev
		}
	}
}

func (d *decoder) exclude(v *node) []string {
	var out []string
	for i, p := range d.strings("exclude", v) {
		if err := checkPattern(p); err != nil {
			d.errorf(v.elems[i].span, "exclude: bad glob pattern %q: %v", p, err)
			continue
		}
		out = append(out, p)
	}
	return out
}

func (d *decoder) abi(v *node) {
	if v.kind != "string" {
		d.errorf(v.span, "abi: expected a string, got %s", v.describe())
		return
	}
	switch v.str {
	case "universal", "hybrid", "cpython":
		d.cfg.ABI = buildcfg.ParseABI(v.str)
	default:
		d.errorf(v.span, "abi: unknown ABI %q (want universal, hybrid or cpython)", v.str)
	}
}
