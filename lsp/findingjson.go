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
// of them, yet the whole file was converted and encoded again. Only the
// encodings of a file's last publication are kept, and none of an open
// buffer's: an Enter above its findings gives each a new key, and keeping
// them only grew the heap (the 1 MB file's peak RSS after 2,000 keys
// grew by 10% of that after 100, against 5% without).
type findingJSON struct {
	mu     sync.Mutex
	byFile map[string]map[findingKey][]byte // absolute path -> its last encodings
}

type findingKey [16]byte

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
// taken from the file's last encodings when there, and the number of
// findings. The encodings made become the file's last.
func (s *Server) encodedFindings(o *outcome, abs string, keys []findingKey) ([]byte, int) {
	s.mu.Lock()
	enc, tags := s.enc, s.caps.tags
	s.mu.Unlock()
	ds := o.diags[abs]
	j := &s.findingJSON
	j.mu.Lock()
	last := j.byFile[abs]
	j.mu.Unlock()
	now := make(map[findingKey][]byte, len(ds))
	var b bytes.Buffer
	b.WriteByte('[')
	for i, d := range ds {
		if i > 0 {
			b.WriteByte(',')
		}
		// The negotiated position encoding and tags are not in the key:
		// both are settled at initialize, before any publication.
		raw, ok := last[keys[i]]
		if !ok {
			var one bytes.Buffer
			if err := s.diagJSON.encodeOne(&one, o.convert(d, enc, tags)); err != nil {
				s.log.Error("encoding diagnostics", "err", err)
			}
			raw = one.Bytes()
		}
		now[keys[i]] = raw
		b.Write(raw)
	}
	b.WriteByte(']')
	j.mu.Lock()
	if j.byFile == nil {
		j.byFile = map[string]map[findingKey][]byte{}
	}
	if _, open := o.versions[abs]; open || len(ds) == 0 {
		delete(j.byFile, abs)
	} else {
		j.byFile[abs] = now
	}
	j.mu.Unlock()
	return b.Bytes(), len(ds)
}
