package lsp

import (
	"bytes"
	"encoding/binary"
	"encoding/hex"
	"hash/maphash"
	"strconv"
	"sync"

	"github.com/hpyproject/hpylint/analysis/diag"
	"github.com/hpyproject/hpylint/analysis/source"
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
//
// A finding without related places that moved is its new range and what
// follows the range, which its code, severity and message decide: that
// remainder is remembered by those (rest), so numpy-hpy's open file, whose
// 1,200 findings an Enter moves, is not encoded again finding by finding.
type findingJSON struct {
	mu     sync.Mutex
	byFile map[string]map[findingKey][]byte // absolute path -> its last encodings
	rest   map[findingKey][]byte            // by restKey: the encoding after the range
	// sizes holds the length of each file's last encoding, which the
	// next is sized by: numpy-hpy's open file encodes to 650 KB, and
	// growing the buffer to it copied it a dozen times on every key.
	sizes map[string]int
}

// findingKey identifies what decides an encoding: two 64-bit hashes of
// the fields, with seeds of this process (keys are never kept elsewhere).
type findingKey [2]uint64

var findingSeeds = [2]maphash.Seed{maphash.MakeSeed(), maphash.MakeSeed()}

func keyOf(b []byte) findingKey {
	return findingKey{maphash.Bytes(findingSeeds[0], b), maphash.Bytes(findingSeeds[1], b)}
}

// maxRestsRemembered bounds the remainders kept; past it, they start again.
const maxRestsRemembered = 50_000

// keyedFindings are a file's findings with their keys (keyFindings), and
// the identities of the files their places are in.
type keyedFindings struct {
	ds          []diag.Diagnostic
	ids         map[string]textStamp // by snapshot path
	keys, rests []findingKey
	whole       string
}

// textStamp is a file's id in the keys (id) and what it was made from:
// the open buffer's version, else the snapshot's file, whose content is
// its own.
type textStamp struct {
	abs     string
	open    bool
	version int32
	file    *source.File
	id      []byte
}

// keyFindings keys each finding of a file (absolute path), and the file's
// findings as a whole (whole): a key changes exactly when the finding's
// LSP form may (an open buffer's version, else a disk file's content
// hash, stands for the text its places are converted in). rests key what
// follows the range of the findings without related places, zero for the
// others. prev's keys are taken when the file's findings are prev's and
// the files their places are in the same texts: every file with findings
// is asked after each key to find the few that changed, and hashing them
// all again cost 1.2 to 4 ms of a key in a workspace of 1,600 findings.
func (o *outcome) keyFindings(abs string, prev keyedFindings) keyedFindings {
	ds := o.diags[abs]
	if prev.ids != nil && sameFindings(ds, prev.ds) && o.sameIDs(prev.ids) {
		prev.ds = ds
		return prev
	}
	k := keyedFindings{ds: ds, ids: map[string]textStamp{}, keys: make([]findingKey, len(ds)), rests: make([]findingKey, len(ds))}
	all := make([]byte, 0, 16*len(ds))
	// Written field by field, not with fmt: a file of numpy-hpy has
	// hundreds of findings, keyed again on every keystroke.
	var b []byte
	field := func(s string) { b = append(append(b, s...), 0) }
	number := func(n int) { b = append(strconv.AppendInt(b, int64(n), 10), 0) }
	file := func(rel string) {
		st, ok := k.ids[rel]
		if !ok {
			st = o.textStamp(rel)
			k.ids[rel] = st
		}
		b = append(b, st.id...)
	}
	for i, d := range ds {
		b = b[:0]
		field(d.Code)
		number(int(d.Severity))
		field(d.DetailOf)
		field(d.Message)
		number(len(d.Related))
		if len(d.Related) == 0 {
			k.rests[i] = keyOf(b)
		}
		file(d.Location.Path)
		number(d.Location.Span.Start)
		number(d.Location.Span.End)
		for _, r := range shownRelated(d.Related) {
			file(r.Location.Path)
			number(r.Location.Span.Start)
			number(r.Location.Span.End)
			field(r.Message)
		}
		k.keys[i] = keyOf(b)
		all = binary.LittleEndian.AppendUint64(binary.LittleEndian.AppendUint64(all, k.keys[i][0]), k.keys[i][1])
	}
	k.whole = keyOf(all).String()
	return k
}

// textStamp stands for the text a place of the snapshot path rel is in:
// an open buffer's version, else a disk file's content hash (its id).
func (o *outcome) textStamp(rel string) textStamp {
	st := textStamp{abs: o.folder.abs(rel)}
	id := append([]byte(rel), '@')
	if v, open := o.versions[st.abs]; open {
		st.open, st.version = true, v
		id = strconv.AppendInt(append(id, 'v'), int64(v), 10)
	} else if f := o.snap.File(rel); f != nil {
		st.file = f
		sum := f.Hash()
		id = hex.AppendEncode(id, sum[:12])
	} else {
		id = append(id, '-')
	}
	st.id = append(id, 0)
	return st
}

// sameIDs reports whether each file of ids is in the text it was: the
// same version of an open buffer, else the same file of the snapshot (a
// file given anew with the same content hashes alike, so it counts as
// another text here, and the keys are only worked out again).
func (o *outcome) sameIDs(ids map[string]textStamp) bool {
	for rel, st := range ids {
		v, open := o.versions[st.abs]
		if open != st.open || open && v != st.version || !open && o.snap.File(rel) != st.file {
			return false
		}
	}
	return true
}

// sameFindings reports whether a and b have the same fields keyFindings
// reads, in the same order. A run that moved findings shares the texts
// and lists of those that did not move, which compare at once.
func sameFindings(a, b []diag.Diagnostic) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		x, y := &a[i], &b[i]
		if x.Code != y.Code || x.Severity != y.Severity || x.DetailOf != y.DetailOf || x.Message != y.Message ||
			x.Location != y.Location || len(x.Related) != len(y.Related) {
			return false
		}
		rx, ry := shownRelated(x.Related), shownRelated(y.Related)
		if len(rx) > 0 && &rx[0] == &ry[0] {
			continue // one list
		}
		for j := range rx {
			if rx[j].Location != ry[j].Location || rx[j].Message != ry[j].Message {
				return false
			}
		}
	}
	return true
}

func (k findingKey) String() string {
	return strconv.FormatUint(k[0], 16) + "." + strconv.FormatUint(k[1], 16)
}

// encodedFindings is encodedDiagnostics' JSON of a file's findings, each
// taken from the file's last encodings when there, or made of its range
// and a remembered remainder, appended to into (a notification's opening,
// diagnosticsLead, in storage to reuse), and the number of findings.
// The encodings made become the file's last, unless it is an open buffer.
func (s *Server) encodedFindings(o *outcome, abs string, keys, rests []findingKey, into []byte) ([]byte, int) {
	s.mu.Lock()
	enc, tags := s.enc, s.caps.tags
	s.mu.Unlock()
	ds := o.diags[abs]
	_, open := o.versions[abs]
	j := &s.findingJSON
	j.mu.Lock()
	last, size := j.byFile[abs], j.sizes[abs]
	j.mu.Unlock()
	var now map[findingKey][]byte
	if !open {
		now = make(map[findingKey][]byte, len(ds))
	}
	b := bytes.NewBuffer(into)
	b.Grow(size + size/8 + 64)
	b.WriteByte('[')
	for i, d := range ds {
		if i > 0 {
			b.WriteByte(',')
		}
		// The negotiated position encoding and tags are not in the keys:
		// both are settled at initialize, before any publication.
		raw, ok := last[keys[i]]
		if !ok && rests[i] != (findingKey{}) {
			j.mu.Lock()
			rest, known := j.rest[rests[i]]
			j.mu.Unlock()
			if known {
				start := b.Len()
				b.WriteString(rangeLead)
				b.Write(appendRange(b.AvailableBuffer(), toRange(o.lines(d.Location.Path), d.Location.Span, enc)))
				b.Write(rest)
				if now != nil {
					now[keys[i]] = bytes.Clone(b.Bytes()[start:])
				}
				continue
			}
		}
		if !ok {
			pd := o.convert(d, enc, tags)
			var one bytes.Buffer
			if err := s.diagJSON.encodeOne(&one, pd); err != nil {
				s.log.Error("encoding diagnostics", "err", err)
			}
			raw = one.Bytes()
			if lead := len(rangeLead) + len(appendRange(nil, pd.Range)); rests[i] != (findingKey{}) && bytes.HasPrefix(raw, []byte(rangeLead)) && len(raw) > lead {
				j.mu.Lock()
				if j.rest == nil || len(j.rest) >= maxRestsRemembered {
					j.rest = map[findingKey][]byte{}
				}
				j.rest[rests[i]] = raw[lead:]
				j.mu.Unlock()
			}
		}
		if now != nil {
			now[keys[i]] = raw
		}
		b.Write(raw)
	}
	b.WriteByte(']')
	j.mu.Lock()
	if j.byFile == nil {
		j.byFile = map[string]map[findingKey][]byte{}
	}
	if now == nil || len(ds) == 0 {
		delete(j.byFile, abs)
	} else {
		j.byFile[abs] = now
	}
	if j.sizes == nil {
		j.sizes = map[string]int{}
	}
	if len(ds) == 0 {
		delete(j.sizes, abs)
	} else {
		j.sizes[abs] = b.Len() - len(into)
	}
	j.mu.Unlock()
	return b.Bytes(), len(ds)
}
