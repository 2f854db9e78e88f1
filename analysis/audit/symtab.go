package audit

import (
	"bytes"
	"debug/elf"
	"io"
)

// elfSymbolCount counts the symbols called name in an ELF file's full
// symbol table (.symtab, local symbols included). ok is false when the
// file has none (stripped), is not ELF, or cannot be read: then nothing
// can be said.
func elfSymbolCount(open func() (io.ReaderAt, error), name string) (n int, ok bool) {
	defer func() {
		if recover() != nil {
			n, ok = 0, false
		}
	}()
	if open == nil {
		return 0, false
	}
	r, err := open()
	if err != nil {
		return 0, false
	}
	var magic [4]byte
	if _, err := r.ReadAt(magic[:], 0); err != nil || !bytes.Equal(magic[:], []byte(elf.ELFMAG)) {
		return 0, false
	}
	f, err := elf.NewFile(r)
	if err != nil {
		return 0, false
	}
	syms, err := f.Symbols()
	if err != nil {
		return 0, false
	}
	for _, s := range syms {
		if s.Name == name {
			n++
		}
	}
	return n, true
}
