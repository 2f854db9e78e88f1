// Package binary reads what an audit of a built extension needs from a
// shared library: its dynamic symbols, the libraries it needs and the
// marker strings it carries, for ELF, Mach-O (fat files too) and PE.
package binary

import (
	"bytes"
	"debug/macho"
	"encoding/binary"
	"errors"
	"io"
	"sort"
)

// Format names a container format.
type Format string

const (
	ELF   Format = "ELF"
	MachO Format = "Mach-O"
	PE    Format = "PE"
)

// MarkerPrefix opens the string hpylint's CPython entrypoint shim leaves in
// the binary it is compiled into ("hpylint-cpython-entrypoint:version=N
// module=NAME"): the audit reads the shim's version and module from it.
const MarkerPrefix = "hpylint-cpython-entrypoint:"

// Image is what one shared library says about its links. Names are sorted
// and unique; a fat Mach-O's slices are merged.
type Image struct {
	Format Format
	// Arches are the architectures, one per Mach-O slice, spelt as the
	// platform's wheel tags spell them: x86_64, aarch64, i686 (ELF);
	// x86_64, arm64 (Mach-O); amd64, arm64, x86 (PE).
	Arches []string
	// Undefined are the symbols it needs from other images (PE: the
	// names it imports). Mach-O's leading underscore is removed.
	Undefined []string
	// Exported are the symbols it defines for other images.
	Exported []string
	// Needed are the libraries it names: DT_NEEDED, LC_LOAD_DYLIB, the
	// DLLs of PE imports.
	Needed []string
	// Markers are the NUL-terminated strings in its loaded, non-executable
	// data that start with MarkerPrefix.
	Markers []string
}

// ErrNotBinary is Read's error for a file in none of the formats.
var ErrNotBinary = errors.New("not an ELF, Mach-O or PE file")

// Read reads the image in r, size bytes long. A file in none of the
// formats gives ErrNotBinary; a damaged one an error that says what.
func Read(r io.ReaderAt, size int64) (*Image, error) {
	var magic [4]byte
	if size < int64(len(magic)) {
		return nil, ErrNotBinary
	}
	if _, err := r.ReadAt(magic[:], 0); err != nil {
		return nil, ErrNotBinary
	}
	switch {
	case bytes.Equal(magic[:], []byte("\x7fELF")):
		return readELF(r, size)
	case bytes.HasPrefix(magic[:], []byte("MZ")):
		return readPE(r, size)
	}
	switch binary.BigEndian.Uint32(magic[:]) {
	case macho.Magic32, macho.Magic64, 0xcefaedfe, 0xcffaedfe: // either byte order
		return readMachO(r, size)
	case fatMagic, fatMagic64:
		return readFat(r, size)
	}
	return nil, ErrNotBinary
}

// sortedUnique sorts names and drops repeats and empty names.
func sortedUnique(names []string) []string {
	sort.Strings(names)
	out := names[:0]
	for i, n := range names {
		if n != "" && (i == 0 || n != names[i-1]) {
			out = append(out, n)
		}
	}
	return out
}

// markersIn finds the strings that start with MarkerPrefix in data.
func markersIn(data []byte) []string {
	var out []string
	prefix := []byte(MarkerPrefix)
	for {
		i := bytes.Index(data, prefix)
		if i < 0 {
			return out
		}
		data = data[i:]
		end := bytes.IndexByte(data, 0)
		if end < 0 {
			end = len(data)
		}
		if end <= maxMarker {
			out = append(out, string(data[:end]))
		}
		data = data[len(prefix):]
	}
}

// maxMarker bounds a marker's length: anything longer is not the shim's.
const maxMarker = 256
