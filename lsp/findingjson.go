package lsp

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"sync"
)

// findingJSON remembers each finding's published encoding by what decides
// it: the finding and the identity of the files its places are in. A
// folder's findings are keyed file by file to see which files to publish
// again, and a build config holds the findings of every extension it
// declares (setup.py of a workspace of 400 extensions: 440 findings, each
// HPY209 with 50 related places); a keystroke in one source changes one
// of them, yet the whole file was converted and encoded again.
type findingJSON struct {
	mu   sync.Mutex
	json map[findingKey][]byte
}

type findingKey [16]byte

// maxFindingsRemembered bounds the encodings kept; past it, they start
// again.
const maxFindingsRemembered = 50_000

// findingKeys keys each finding of a file (absolute path) and the file's
// findings as a whole: a key changes exactly when the finding's LSP form
// may (an open buffer's version, else a disk file's content hash, stands
// for the text its places are converted in).
func (o *outcome) findingKeys(abs string) ([]findingKey, string) {
	ds := o.diags[abs]
	keys := make([]findingKey, len(ds))
	whole := sha256.New()
	// Written field by field, not with fmt: a file of numpy-hpy has
	// hundreds of findings, keyed again on every keystroke.
	var b []byte
	field := func(s string) { b = append(append(b, s...), 0) }
	number := func(n int) { b = append(strconv.AppendInt(b, int64(n), 10), 0) }
	ids := map[string][]byte{}
	file := func(rel string) {
		id, ok := ids[rel]
		if !ok {
			id = append([]byte(rel), '@')
			if v, open := o.versions[o.folder.abs(rel)]; open {
				id = strconv.AppendInt(append(id, 'v'), int64(v), 10)
			} else if f := o.snap.File(rel); f != nil {
				sum := f.Hash()
				id = hex.AppendEncode(id, sum[:12])
			} else {
				id = append(id, '-')
			}
			id = append(id, 0)
			ids[rel] = id
		}
		b = append(b, id...)
	}
	for i, d := range ds {
		b = b[:0]
		field(d.Code)
		number(int(d.Severity))
		field(d.DetailOf)
		file(d.Location.Path)
		number(d.Location.Span.Start)
		number(d.Location.Span.End)
		field(d.Message)
		number(len(d.Related))
		for _, r := range shownRelated(d.Related) {
			file(r.Location.Path)
			number(r.Location.Span.Start)
			number(r.Location.Span.End)
			field(r.Message)
		}
		sum := sha256.Sum256(b)
		copy(keys[i][:], sum[:])
		whole.Write(keys[i][:])
	}
	return keys, hex.EncodeToString(whole.Sum(nil)[:12])
}

// encodedFindings is encodedDiagnostics' JSON of a file's findings, each
// taken from what was remembered under its key when there, and the number
// of findings.
func (s *Server) encodedFindings(o *outcome, abs string, keys []findingKey) ([]byte, int) {
	s.mu.Lock()
	enc, tags := s.enc, s.caps.tags
	s.mu.Unlock()
	ds := o.diags[abs]
	j := &s.findingJSON
	var b bytes.Buffer
	b.WriteByte('[')
	for i, d := range ds {
		if i > 0 {
			b.WriteByte(',')
		}
		// The encoding of the negotiated position encoding and tags:
		// both are settled at initialize, before any publication.
		j.mu.Lock()
		raw, ok := j.json[keys[i]]
		j.mu.Unlock()
		if !ok {
			var one bytes.Buffer
			if err := s.diagJSON.encodeOne(&one, o.convert(d, enc, tags)); err != nil {
				s.log.Error("encoding diagnostics", "err", err)
			}
			raw = one.Bytes()
			j.mu.Lock()
			if j.json == nil || len(j.json) >= maxFindingsRemembered {
				j.json = map[findingKey][]byte{}
			}
			j.json[keys[i]] = raw
			j.mu.Unlock()
		}
		b.Write(raw)
	}
	b.WriteByte(']')
	return b.Bytes(), len(ds)
}
