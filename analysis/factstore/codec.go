package factstore

import (
	"encoding/binary"
	"errors"

	"github.com/hpyproject/hpylint/analysis/cfacts"
	"github.com/hpyproject/hpylint/analysis/source"
)

// The payload of an entry is a string table followed by the facts, field
// by field in declaration order. Integers are zigzag varints, strings are
// indexes into the table (a file names the same few API functions
// thousands of times), and a list's length is written plus one so that a
// nil list and an empty one read back as they were: decoded facts must be
// reflect.DeepEqual to the facts Extract made. encoding/gob can neither
// see ArgList's unexported fields nor tell nil from empty; given a way to
// (measured once, numpy-hpy + pillow-hpy's 426 files, on a busy
// machine), it wrote 14.2 MB where this writes 5.3, and read them back in
// 570 ms where this took 15–25 ms (BenchmarkDecodeFacts; 10 ms on a quiet
// machine, encoding 25 ms), against 2.6 s to extract them.

// codecVersion changes whenever the layout below does; it is part of
// every entry's key.
const codecVersion = "facts-codec-3"

func encodeFacts(f *cfacts.Facts) []byte {
	e := &encoder{strs: map[string]int{}}
	e.int(int(f.Lang))
	list(e, f.Macros, e.macro)
	list(e, f.Variables, e.variable)
	list(e, f.Functions, e.function)
	list(e, f.Includes, e.include)
	list(e, f.Defines, e.define)
	list(e, f.Comments, e.comment)
	list(e, f.Calls, e.call)
	list(e, f.Refs, e.ref)
	list(e, f.Typedefs, e.typedef)
	list(e, f.Conditionals, e.conditional)
	list(e, f.Assigns, e.assign)
	list(e, f.ModuleSlots, e.moduleSlot)
	list(e, f.StatementMacros, e.statementMacro)
	list(e, f.MethodCalls, e.methodCall)
	list(e, f.ThreadObjects, e.threadObject)
	e.int(f.SyntaxErrors)
	e.bool(f.Truncated)
	e.str(f.Unfinished)
	e.int(f.UnfinishedAt)
	e.bool(f.Gap != nil)
	if f.Gap != nil {
		e.span(f.Gap.Span)
		e.str(f.Gap.Cause)
		e.str(f.Gap.Lost)
		e.bool(f.Gap.FileScope)
		e.bool(f.Gap.Preprocessor)
	}
	// The table goes first so that reading needs one pass.
	out := binary.AppendUvarint(nil, uint64(len(e.table)))
	size := 0
	for _, s := range e.table {
		out = binary.AppendUvarint(out, uint64(len(s)))
		size += len(s)
	}
	out = append(out, make([]byte, 0, size+len(e.buf))...)
	for _, s := range e.table {
		out = append(out, s...)
	}
	return append(out, e.buf...)
}

// errMalformed is any payload that does not decode exactly.
var errMalformed = errors.New("malformed facts")

func decodeFacts(b []byte) (f *cfacts.Facts, err error) {
	d := &decoder{b: b}
	d.readTable()
	f = &cfacts.Facts{Lang: cfacts.Lang(d.int())}
	f.Macros = decodeList(d, d.macro)
	f.Variables = decodeList(d, d.variable)
	f.Functions = decodeList(d, d.function)
	f.Includes = decodeList(d, d.include)
	f.Defines = decodeList(d, d.define)
	f.Comments = decodeList(d, d.comment)
	f.Calls = decodeList(d, d.call)
	f.Refs = decodeList(d, d.ref)
	f.Typedefs = decodeList(d, d.typedef)
	f.Conditionals = decodeList(d, d.conditional)
	f.Assigns = decodeList(d, d.assign)
	f.ModuleSlots = decodeList(d, d.moduleSlot)
	f.StatementMacros = decodeList(d, d.statementMacro)
	f.MethodCalls = decodeList(d, d.methodCall)
	f.ThreadObjects = decodeList(d, d.threadObject)
	f.SyntaxErrors = d.int()
	f.Truncated = d.bool()
	f.Unfinished = d.str()
	f.UnfinishedAt = d.int()
	if d.bool() {
		f.Gap = &cfacts.ParseGap{Span: d.span(), Cause: d.str(), Lost: d.str(), FileScope: d.bool(), Preprocessor: d.bool()}
	}
	if d.err != nil || d.pos != len(d.b) || f.Lang != cfacts.C && f.Lang != cfacts.CPP {
		return nil, errMalformed
	}
	f.Reindex()
	return f, nil
}

type encoder struct {
	buf   []byte
	strs  map[string]int
	table []string
}

func (e *encoder) int(v int) { e.buf = binary.AppendVarint(e.buf, int64(v)) }

func (e *encoder) bool(v bool) {
	b := byte(0)
	if v {
		b = 1
	}
	e.buf = append(e.buf, b)
}

func (e *encoder) str(s string) {
	i, ok := e.strs[s]
	if !ok {
		i = len(e.table)
		e.strs[s] = i
		e.table = append(e.table, s)
	}
	e.buf = binary.AppendUvarint(e.buf, uint64(i))
}

// span writes the start and the length, which is small.
func (e *encoder) span(s source.Span) {
	e.int(s.Start)
	e.int(s.End - s.Start)
}

func list[T any](e *encoder, s []T, item func(T)) {
	if s == nil {
		e.int(0)
		return
	}
	e.int(len(s) + 1)
	for _, v := range s {
		item(v)
	}
}

func (e *encoder) arg(a cfacts.Arg) {
	e.str(a.Text)
	e.span(a.Span)
}

func (e *encoder) args(l cfacts.ArgList) { list(e, l.Slice(), e.arg) }

func (e *encoder) macro(m cfacts.MacroCall) {
	e.str(m.Name)
	e.span(m.NameSpan)
	e.span(m.Span)
	e.args(m.Args)
}

func (e *encoder) field(f cfacts.Field) {
	e.str(f.Name)
	e.span(f.Span)
	e.str(f.Value)
	e.span(f.ValueSpan)
	list(e, f.Elements, e.arg)
}

func (e *encoder) variable(v cfacts.Variable) {
	e.str(v.Type)
	e.str(v.Name)
	e.span(v.NameSpan)
	e.span(v.Span)
	e.bool(v.Static)
	e.bool(v.Extern)
	e.bool(v.Defined)
	e.bool(v.Array)
	list(e, v.Fields, e.field)
	list(e, v.Elements, e.arg)
}

func (e *encoder) function(f cfacts.Function) {
	e.str(f.Name)
	e.span(f.NameSpan)
	e.span(f.Span)
	e.span(f.Body)
	e.bool(f.Static)
	e.str(f.Preceding)
}

func (e *encoder) include(i cfacts.Include) {
	e.str(i.Path)
	e.bool(i.System)
	e.span(i.Span)
	e.span(i.PathSpan)
}

func (e *encoder) define(d cfacts.Define) {
	e.str(d.Name)
	e.span(d.NameSpan)
	e.span(d.Span)
}

func (e *encoder) comment(c source.Comment) {
	e.span(c.Span)
	e.str(c.Text)
}

func (e *encoder) call(c cfacts.Call) {
	e.str(c.Name)
	e.span(c.NameSpan)
	e.span(c.Span)
	e.args(c.Args)
	e.int(c.Caller)
}

func (e *encoder) ref(r cfacts.Ref) {
	e.str(r.Name)
	e.span(r.Span)
	e.int(int(r.Kind))
}

func (e *encoder) typedef(t cfacts.Typedef) {
	e.str(t.Name)
	e.span(t.Span)
}

func (e *encoder) conditional(c cfacts.Conditional) {
	e.str(c.Macro)
	e.bool(c.Defined)
	list(e, c.Or, e.str)
	e.span(c.Then)
	e.span(c.Else)
}

func (e *encoder) assign(a cfacts.Assign) {
	e.str(a.Target)
	e.span(a.TargetSpan)
	e.span(a.Span)
	e.span(a.Value)
}

func (e *encoder) moduleSlot(m cfacts.ModuleSlot) {
	e.str(m.Slot)
	e.span(m.Span)
	e.str(m.Func)
	e.span(m.FuncSpan)
}

func (e *encoder) statementMacro(m cfacts.StatementMacro) {
	e.str(m.Name)
	e.span(m.Span)
}

func (e *encoder) methodCall(m cfacts.MethodCall) {
	e.str(m.Receiver)
	e.str(m.Name)
	e.span(m.NameSpan)
	e.span(m.Span)
	e.args(m.Args)
}

func (e *encoder) threadObject(t cfacts.ThreadObject) {
	e.str(t.Type)
	e.str(t.Name)
	e.span(t.NameSpan)
	e.span(t.Span)
}

// decoder reads what encoder wrote. Any inconsistency sets err, after
// which every read returns a zero value: the caller checks err once.
type decoder struct {
	b     []byte
	pos   int
	err   error
	table []string
}

func (d *decoder) fail() { d.err, d.pos = errMalformed, len(d.b) }

func (d *decoder) uint() uint64 {
	v, n := binary.Uvarint(d.b[d.pos:])
	if n <= 0 {
		d.fail()
		return 0
	}
	d.pos += n
	return v
}

func (d *decoder) int() int {
	v, n := binary.Varint(d.b[d.pos:])
	if n <= 0 || int64(int(v)) != v {
		d.fail()
		return 0
	}
	d.pos += n
	return int(v)
}

func (d *decoder) bool() bool {
	if d.pos >= len(d.b) || d.b[d.pos] > 1 {
		d.fail()
		return false
	}
	d.pos++
	return d.b[d.pos-1] == 1
}

// readTable reads the string table into one string, sliced: a single
// allocation for every string of the file.
func (d *decoder) readTable() {
	n := d.uint()
	if n > uint64(len(d.b)-d.pos) { // each length takes a byte at least
		d.fail()
		return
	}
	lens := make([]int, n)
	total := 0
	for i := range lens {
		l := d.uint()
		if l > uint64(len(d.b)) {
			d.fail()
			return
		}
		lens[i] = int(l)
		total += int(l)
	}
	if total > len(d.b)-d.pos {
		d.fail()
		return
	}
	all := string(d.b[d.pos : d.pos+total])
	d.pos += total
	d.table = make([]string, n)
	at := 0
	for i, l := range lens {
		d.table[i] = all[at : at+l]
		at += l
	}
}

func (d *decoder) str() string {
	i := d.uint()
	if i >= uint64(len(d.table)) {
		d.fail()
		return ""
	}
	return d.table[i]
}

func (d *decoder) span() source.Span {
	start := d.int()
	return source.Span{Start: start, End: start + d.int()}
}

func decodeList[T any](d *decoder, item func() T) []T {
	n := d.int()
	switch {
	case n == 0:
		return nil
	case n < 0 || n-1 > len(d.b)-d.pos: // each item takes a byte at least
		d.fail()
		return nil
	}
	out := make([]T, n-1)
	for i := range out {
		out[i] = item()
	}
	return out
}

func (d *decoder) arg() cfacts.Arg { return cfacts.Arg{Text: d.str(), Span: d.span()} }

// args keeps a nil list nil and an empty one empty, as NewArgList does.
func (d *decoder) args() cfacts.ArgList { return cfacts.NewArgList(decodeList(d, d.arg)...) }

func (d *decoder) macro() cfacts.MacroCall {
	return cfacts.MacroCall{Name: d.str(), NameSpan: d.span(), Span: d.span(), Args: d.args()}
}

func (d *decoder) field() cfacts.Field {
	return cfacts.Field{Name: d.str(), Span: d.span(), Value: d.str(), ValueSpan: d.span(), Elements: decodeList(d, d.arg)}
}

func (d *decoder) variable() cfacts.Variable {
	return cfacts.Variable{
		Type: d.str(), Name: d.str(), NameSpan: d.span(), Span: d.span(),
		Static: d.bool(), Extern: d.bool(), Defined: d.bool(), Array: d.bool(),
		Fields: decodeList(d, d.field), Elements: decodeList(d, d.arg),
	}
}

func (d *decoder) function() cfacts.Function {
	return cfacts.Function{Name: d.str(), NameSpan: d.span(), Span: d.span(), Body: d.span(), Static: d.bool(), Preceding: d.str()}
}

func (d *decoder) include() cfacts.Include {
	return cfacts.Include{Path: d.str(), System: d.bool(), Span: d.span(), PathSpan: d.span()}
}

func (d *decoder) define() cfacts.Define {
	return cfacts.Define{Name: d.str(), NameSpan: d.span(), Span: d.span()}
}

func (d *decoder) comment() source.Comment { return source.Comment{Span: d.span(), Text: d.str()} }

func (d *decoder) call() cfacts.Call {
	return cfacts.Call{Name: d.str(), NameSpan: d.span(), Span: d.span(), Args: d.args(), Caller: d.int()}
}

func (d *decoder) ref() cfacts.Ref {
	return cfacts.Ref{Name: d.str(), Span: d.span(), Kind: cfacts.RefKind(d.int())}
}

func (d *decoder) typedef() cfacts.Typedef { return cfacts.Typedef{Name: d.str(), Span: d.span()} }

func (d *decoder) conditional() cfacts.Conditional {
	return cfacts.Conditional{Macro: d.str(), Defined: d.bool(), Or: decodeList(d, d.str), Then: d.span(), Else: d.span()}
}

func (d *decoder) assign() cfacts.Assign {
	return cfacts.Assign{Target: d.str(), TargetSpan: d.span(), Span: d.span(), Value: d.span()}
}

func (d *decoder) moduleSlot() cfacts.ModuleSlot {
	return cfacts.ModuleSlot{Slot: d.str(), Span: d.span(), Func: d.str(), FuncSpan: d.span()}
}

func (d *decoder) statementMacro() cfacts.StatementMacro {
	return cfacts.StatementMacro{Name: d.str(), Span: d.span()}
}

func (d *decoder) methodCall() cfacts.MethodCall {
	return cfacts.MethodCall{Receiver: d.str(), Name: d.str(), NameSpan: d.span(), Span: d.span(), Args: d.args()}
}

func (d *decoder) threadObject() cfacts.ThreadObject {
	return cfacts.ThreadObject{Type: d.str(), Name: d.str(), NameSpan: d.span(), Span: d.span()}
}
