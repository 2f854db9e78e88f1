package lsp

import (
	"context"
	"sort"
	"strings"

	"go.lsp.dev/protocol"

	"github.com/hpyproject/hpylint/analysis/model"
	"github.com/hpyproject/hpylint/analysis/source"
)

// Document symbols list what makes a file an HPy extension: its
// entrypoints (HPy_MODINIT, the CPython entrypoint shim, PyInit_), the
// module and type definitions, and every HPyDef with the exec and create
// slots called out. Code lenses summarise each HPy_MODINIT in place.

type hpySymbol struct {
	name, detail string
	kind         protocol.SymbolKind
	span, sel    source.Span
}

func (s *Server) DocumentSymbol(ctx context.Context, p *protocol.DocumentSymbolParams) (protocol.DocumentSymbolResult, error) {
	path := fsPath(p.TextDocument.URI)
	o, err := s.outcomeFor(ctx, path)
	if err != nil || o == nil || o.res == nil {
		return nil, err
	}
	s.mu.Lock()
	enc, hierarchical := s.enc, s.caps.hierarchicalSymbols
	s.mu.Unlock()
	o.mu.Lock()
	defer o.mu.Unlock()
	rel := o.folder.rel(path)
	u := o.res.Model().Unit(rel)
	if u == nil || u.Facts == nil {
		return protocol.DocumentSymbolSlice{}, nil
	}
	syms := symbolsOf(o, u)
	x := o.lines(rel)
	if !hierarchical {
		out := protocol.SymbolInformationSlice{}
		for _, sym := range syms {
			out = append(out, protocol.SymbolInformation{
				BaseSymbolInformation: protocol.BaseSymbolInformation{Name: sym.name, Kind: sym.kind},
				Location:              protocol.Location{URI: p.TextDocument.URI, Range: toRange(x, sym.span, enc)},
			})
		}
		return out, nil
	}
	out := protocol.DocumentSymbolSlice{}
	for _, sym := range syms {
		ds := protocol.DocumentSymbol{Name: sym.name, Kind: sym.kind, Range: toRange(x, sym.span, enc), SelectionRange: toRange(x, sym.sel, enc)}
		if sym.detail != "" {
			ds.Detail = ptr(sym.detail)
		}
		out = append(out, ds)
	}
	return out, nil
}

// symbolsOf runs under o.mu.
func symbolsOf(o *outcome, u *model.Unit) []hpySymbol {
	var out []hpySymbol
	f := u.Facts
	for _, m := range f.Macros {
		name, sel := m.Arg(0).Text, m.Arg(0).Span
		if name == "" {
			name, sel = m.Name, m.NameSpan
		}
		sym := hpySymbol{name: name, span: m.Span, sel: sel, detail: m.Name}
		switch {
		case m.Name == "HPy_MODINIT":
			sym.name, sym.kind = "HPy_MODINIT("+name+")", protocol.SymbolKindModule
			sym.detail = describeModinit(o, u, m).lens()
		case m.Name == entrypointMacro:
			sym.name, sym.kind, sym.detail = "PyInit_"+name, protocol.SymbolKindFunction, "CPython entrypoint (hpylint's shim)"
		case m.Name == "HPyDef_SLOT" && m.Arg(1).Text == "HPy_mod_exec":
			sym.kind, sym.detail = protocol.SymbolKindEvent, "exec slot (HPy_mod_exec)"
		case m.Name == "HPyDef_SLOT" && m.Arg(1).Text == "HPy_mod_create":
			sym.kind, sym.detail = protocol.SymbolKindConstructor, "create slot (HPy_mod_create)"
		case m.Name == "HPyDef_SLOT":
			sym.kind, sym.detail = protocol.SymbolKindOperator, "HPyDef_SLOT "+m.Arg(1).Text
		case m.Name == "HPyDef_METH" || m.Name == "HPyDef_METH_IMPL":
			sym.kind = protocol.SymbolKindMethod
			if py := strings.Trim(m.Arg(1).Text, `"`); py != "" {
				sym.detail = m.Name + " " + py
			}
		case strings.HasPrefix(m.Name, "HPyDef_MEMBER"):
			sym.kind = protocol.SymbolKindField
		case strings.HasPrefix(m.Name, "HPyDef_"):
			sym.kind = protocol.SymbolKindProperty
		default:
			continue
		}
		out = append(out, sym)
	}
	for _, fn := range f.Functions {
		if strings.HasPrefix(fn.Name, "PyInit_") {
			out = append(out, hpySymbol{name: fn.Name, detail: "CPython entrypoint", kind: protocol.SymbolKindFunction, span: fn.Span, sel: fn.NameSpan})
		}
	}
	for _, v := range f.Variables {
		if !v.Defined {
			continue
		}
		sym := hpySymbol{name: v.Name, detail: v.Type, span: v.Span, sel: v.NameSpan}
		switch {
		case v.Array:
			sym.kind, sym.detail = protocol.SymbolKindArray, v.Type+" list"
		case v.Type == "HPyModuleDef":
			sym.kind = protocol.SymbolKindModule
		case v.Type == "HPyType_Spec":
			sym.kind = protocol.SymbolKindClass
		default:
			sym.kind = protocol.SymbolKindVariable
		}
		out = append(out, sym)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].span.Start < out[j].span.Start })
	return out
}

func (s *Server) CodeLens(ctx context.Context, p *protocol.CodeLensParams) ([]protocol.CodeLens, error) {
	path := fsPath(p.TextDocument.URI)
	o, err := s.outcomeFor(ctx, path)
	if err != nil || o == nil || o.res == nil {
		return nil, err
	}
	s.mu.Lock()
	enc := s.enc
	s.mu.Unlock()
	o.mu.Lock()
	defer o.mu.Unlock()
	rel := o.folder.rel(path)
	u := o.res.Model().Unit(rel)
	if u == nil || u.Facts == nil {
		return []protocol.CodeLens{}, nil
	}
	x := o.lines(rel)
	out := []protocol.CodeLens{}
	for _, m := range u.Facts.MacroCalls("HPy_MODINIT") {
		// Display only: an empty command makes the lens a label.
		out = append(out, protocol.CodeLens{Range: toRange(x, m.Span, enc), Command: protocol.Command{Title: describeModinit(o, u, m).lens()}})
	}
	return out, nil
}
