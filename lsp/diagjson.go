package lsp

import (
	"bytes"
	"strconv"
	"sync"

	"go.lsp.dev/protocol"
)

// diagJSON encodes diagnostics as protocol.Marshal does, remembering what
// follows each one's range. Every key typed above a file's findings moves
// them all, so a publication sends the same diagnostics with other line
// numbers; numpy-hpy's multiarraymodule.c has hundreds, and encoding them
// again took 3 ms of each keystroke. A diagnostic without related places
// is its range and a remainder that the rest of its fields decide; one
// with related places is encoded in full.
type diagJSON struct {
	mu   sync.Mutex
	rest map[string][]byte // by restKey: the encoding after the range
}

// maxRemembered bounds the remainders kept; past it, they start again.
const maxRemembered = 50_000

// rangeLead is how protocol.Marshal starts a diagnostic: its range first.
const rangeLead = `{"range":`

// encode is protocol.Marshal(ds).
func (j *diagJSON) encode(ds []protocol.Diagnostic) ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('[')
	for i, d := range ds {
		if i > 0 {
			b.WriteByte(',')
		}
		if err := j.encodeOne(&b, d); err != nil {
			return nil, err
		}
	}
	b.WriteByte(']')
	return b.Bytes(), nil
}

func (j *diagJSON) encodeOne(b *bytes.Buffer, d protocol.Diagnostic) error {
	key, ok := restKey(d)
	if !ok {
		raw, err := protocol.Marshal(d)
		b.Write(raw)
		return err
	}
	j.mu.Lock()
	rest, found := j.rest[key]
	j.mu.Unlock()
	if !found {
		plain := d
		plain.Range = protocol.Range{}
		raw, err := protocol.Marshal(plain)
		if err != nil {
			return err
		}
		lead := rangeLead + string(appendRange(nil, protocol.Range{}))
		if !bytes.HasPrefix(raw, []byte(lead)) {
			// Not the layout this relies on: encode in full.
			raw, err := protocol.Marshal(d)
			b.Write(raw)
			return err
		}
		rest = raw[len(lead):]
		j.mu.Lock()
		if j.rest == nil || len(j.rest) >= maxRemembered {
			j.rest = map[string][]byte{}
		}
		j.rest[key] = rest
		j.mu.Unlock()
	}
	b.WriteString(rangeLead)
	b.Write(appendRange(b.AvailableBuffer(), d.Range))
	b.Write(rest)
	return nil
}

// appendRange is the encoding of a range, as protocol.Marshal writes it.
func appendRange(dst []byte, r protocol.Range) []byte {
	dst = append(dst, `{"start":{"line":`...)
	dst = strconv.AppendUint(dst, uint64(r.Start.Line), 10)
	dst = append(dst, `,"character":`...)
	dst = strconv.AppendUint(dst, uint64(r.Start.Character), 10)
	dst = append(dst, `},"end":{"line":`...)
	dst = strconv.AppendUint(dst, uint64(r.End.Line), 10)
	dst = append(dst, `,"character":`...)
	dst = strconv.AppendUint(dst, uint64(r.End.Character), 10)
	return append(dst, `}}`...)
}

// restKey is what the encoding after a diagnostic's range depends on, for
// the fields hpyls sets; false for one with related places or data,
// encoded in full.
func restKey(d protocol.Diagnostic) (string, bool) {
	if len(d.RelatedInformation) > 0 || len(d.Data) > 0 {
		return "", false
	}
	code, ok := d.Code.(protocol.String)
	if !ok && d.Code != nil {
		return "", false
	}
	msg, ok := d.Message.(protocol.String)
	if !ok {
		return "", false
	}
	src, _ := d.Source.Get()
	var k []byte
	k = strconv.AppendUint(k, uint64(d.Severity), 10)
	for _, t := range d.Tags.Slice() {
		k = append(k, ',')
		k = strconv.AppendUint(k, uint64(t), 10)
	}
	k = append(k, 0)
	k = append(k, code...)
	k = append(k, 0)
	k = append(k, d.CodeDescription.Href...)
	k = append(k, 0)
	k = append(k, src...)
	k = append(k, 0)
	k = append(k, msg...)
	return string(k), true
}
