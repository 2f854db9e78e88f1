// Package factstore keeps the facts of C and C++ files on disk between
// hpylint runs, keyed by content, grammar and the build of hpylint.
package factstore

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	"github.com/hpyproject/hpylint/analysis/cfacts"
)

// Layout of a cache directory:
//
//	CACHEDIR.TAG, .gitignore   written only when Open creates the directory
//	facts/abcd…ef              one entry per (content, grammar, build key)
//	trimmed                    when entries were last trimmed (trim.go)
//
// An entry's name is the hex SHA-256 of its key. Its content is magic,
// the key again (a file copied under another entry's name is foreign),
// the payload's length, the payload (codec.go) and a CRC-32C of all that
// precedes it: a truncated, corrupt or foreign entry is a miss, never
// facts. Entries are written to a temporary file and renamed into place,
// so a reader sees a whole entry or none, whatever other runs do at the
// same time. One directory holds them all: numpy-hpy and pillow-hpy make
// 291 entries, and directories sharded by name, as Go's build cache has
// for its hundreds of thousands, cost a cold run 175 mkdirs.

const magic = "hpylint facts\x00"

// maxEntry bounds what Load reads, so a foreign file is not read whole:
// eight times the largest source hpylint reads (source.MaxFileSize).
const maxEntry = 64 << 20

// Store is a cache directory opened for one build key. Safe for
// concurrent use; its methods never fail, they miss.
type Store struct {
	dir   string
	key   [32]byte // of the build key and the codec
	warn  func(error)
	noPut atomic.Bool // set after the first failed write

	hits, misses, writes atomic.Int64
	warnOnce             sync.Once
}

// Stats are the counts of a store's lookups and writes since Open.
type Stats struct{ Hits, Misses, Writes int64 }

// Open opens the cache directory dir for facts made by the build named by
// buildKey (see BuildKey), creating it if needed. warn receives at most
// one error over the store's life: a failed write, after which the store
// only reads. Open fails when dir is missing and cannot be made.
func Open(dir, buildKey string, warn func(error)) (*Store, error) {
	if err := create(dir); err != nil {
		return nil, err
	}
	return &Store{dir: dir, key: sha256.Sum256([]byte(codecVersion + "\x00" + buildKey)), warn: warn}, nil
}

// create makes dir if it is missing, and then marks it as a cache: for
// backup tools (CACHEDIR.TAG) and for git, should it be inside a checkout.
// A directory that exists is left as it is: it may be the user's.
func create(dir string) error {
	if info, err := os.Stat(dir); err == nil {
		if !info.IsDir() {
			return fmt.Errorf("%s is not a directory", dir)
		}
		return nil
	}
	if err := os.MkdirAll(filepath.Dir(dir), 0o777); err != nil {
		return err
	}
	if err := os.Mkdir(dir, 0o777); err != nil {
		if errors.Is(err, fs.ErrExist) { // another run made it first
			return nil
		}
		return err
	}
	_ = os.WriteFile(filepath.Join(dir, "CACHEDIR.TAG"), []byte("Signature: 8a477f597d28d172789f06886806bc55\n# This directory is hpylint's cache of facts (https://bford.info/cachedir/).\n"), 0o666)
	_ = os.WriteFile(filepath.Join(dir, ".gitignore"), []byte("# Created by hpylint automatically.\n*\n"), 0o666)
	return nil
}

// Stats reports the lookups and writes so far.
func (s *Store) Stats() Stats {
	return Stats{Hits: s.hits.Load(), Misses: s.misses.Load(), Writes: s.writes.Load()}
}

// entryKey identifies the facts of content whose SHA-256 is hash, read
// with lang's grammar by this store's build.
func (s *Store) entryKey(hash [32]byte, lang cfacts.Lang) [32]byte {
	var b [32 + 1 + 32]byte
	copy(b[:], s.key[:])
	b[32] = byte(lang)
	copy(b[33:], hash[:])
	return sha256.Sum256(b[:])
}

func (s *Store) path(key [32]byte) string {
	return filepath.Join(s.dir, "facts", hex.EncodeToString(key[:]))
}

// Load returns the facts stored for content whose SHA-256 is hash, or nil.
func (s *Store) Load(hash [32]byte, lang cfacts.Lang) *cfacts.Facts {
	key := s.entryKey(hash, lang)
	p := s.path(key)
	b, used, err := readEntry(p)
	if err != nil {
		s.misses.Add(1)
		return nil
	}
	payload, ok := unwrap(b, key)
	var f *cfacts.Facts
	if ok {
		f, err = decodeFacts(payload)
	}
	if !ok || err != nil || f.Lang != lang {
		s.misses.Add(1)
		return nil
	}
	s.hits.Add(1)
	if now := time.Now(); now.Sub(used) > touchEvery {
		// Marks the entry used, for trimming; at most once an hour, as
		// Go's build cache does, so that a warm run writes almost nothing.
		_ = os.Chtimes(p, now, now)
	}
	return f
}

// readEntry returns an entry's content and the time it was last used.
func readEntry(p string) ([]byte, time.Time, error) {
	fh, err := os.Open(p)
	if err != nil {
		return nil, time.Time{}, err
	}
	defer fh.Close()
	info, err := fh.Stat()
	if err != nil {
		return nil, time.Time{}, err
	}
	if !info.Mode().IsRegular() || info.Size() > maxEntry {
		return nil, time.Time{}, errors.New("not an entry")
	}
	b := make([]byte, info.Size())
	if _, err := io.ReadFull(fh, b); err != nil {
		return nil, time.Time{}, err
	}
	return b, info.ModTime(), nil
}

// Save stores facts for content whose SHA-256 is hash. A failure is
// reported once and turns writing off: a read-only cache still serves.
func (s *Store) Save(hash [32]byte, lang cfacts.Lang, f *cfacts.Facts) {
	if s.noPut.Load() {
		return
	}
	key := s.entryKey(hash, lang)
	if err := writeAtomically(s.path(key), wrap(encodeFacts(f), key)); err != nil {
		s.noPut.Store(true)
		s.warnOnce.Do(func() {
			if s.warn != nil {
				s.warn(err)
			}
		})
		return
	}
	s.writes.Add(1)
}

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

func wrap(payload []byte, key [32]byte) []byte {
	out := make([]byte, 0, len(magic)+32+binary.MaxVarintLen64+len(payload)+4)
	out = append(out, magic...)
	out = append(out, key[:]...)
	out = binary.AppendUvarint(out, uint64(len(payload)))
	out = append(out, payload...)
	return binary.LittleEndian.AppendUint32(out, crc32.Checksum(out, castagnoli))
}

// unwrap checks an entry and returns its payload.
func unwrap(b []byte, key [32]byte) ([]byte, bool) {
	if len(b) < len(magic)+32+1+4 {
		return nil, false
	}
	body, sum := b[:len(b)-4], binary.LittleEndian.Uint32(b[len(b)-4:])
	if crc32.Checksum(body, castagnoli) != sum || !bytes.HasPrefix(body, []byte(magic)) {
		return nil, false
	}
	rest := body[len(magic):]
	if !bytes.Equal(rest[:32], key[:]) {
		return nil, false
	}
	n, w := binary.Uvarint(rest[32:])
	if w <= 0 || n != uint64(len(rest)-32-w) {
		return nil, false
	}
	return rest[32+w:], true
}

// writeAtomically writes b to p by way of a temporary file in the same
// directory, so that p is never seen half-written.
func writeAtomically(p string, b []byte) error {
	dir := filepath.Dir(p)
	tmp, err := os.CreateTemp(dir, "tmp-*")
	if errors.Is(err, fs.ErrNotExist) {
		if err = os.MkdirAll(dir, 0o777); err == nil {
			tmp, err = os.CreateTemp(dir, "tmp-*")
		}
	}
	if err != nil {
		return err
	}
	_, err = tmp.Write(b)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		if err = os.Rename(tmp.Name(), p); err == nil {
			return nil
		}
		if _, statErr := os.Stat(p); statErr == nil {
			// Windows refuses to replace a file another run has open:
			// that run wrote the same entry, or Load will miss it.
			err = nil
		}
	}
	_ = os.Remove(tmp.Name())
	return err
}
