package binary

import (
	"debug/elf"
	"fmt"
	"io"
)

// maxSection bounds what is read of one section for markers: a damaged or
// hostile header may claim any size.
const maxSection = 64 << 20

func readELF(r io.ReaderAt, size int64) (*Image, error) {
	f, err := elf.NewFile(r)
	if err != nil {
		return nil, fmt.Errorf("damaged ELF file: %w", err)
	}
	defer f.Close()
	// A loaded section lies in the file of every real shared library: one
	// that claims more is damaged, and is refused before the symbol and
	// dynamic tables are read from it.
	for _, s := range f.Sections {
		if s.Flags&elf.SHF_ALLOC != 0 && s.Type != elf.SHT_NOBITS && (s.Offset > uint64(size) || s.Size > uint64(size)-s.Offset) {
			return nil, fmt.Errorf("damaged ELF file: section %s claims %d bytes past its end", s.Name, s.Size)
		}
	}
	img := &Image{Format: ELF, Arches: []string{elfArch(f.Machine)}}
	syms, err := f.DynamicSymbols()
	if err != nil && err != elf.ErrNoSymbols {
		return nil, fmt.Errorf("damaged ELF dynamic symbol table: %w", err)
	}
	for _, s := range syms {
		bind := elf.ST_BIND(s.Info)
		switch {
		case s.Section == elf.SHN_UNDEF:
			img.Undefined = append(img.Undefined, s.Name)
		case (bind == elf.STB_GLOBAL || bind == elf.STB_WEAK) && elf.ST_VISIBILITY(s.Other) == elf.STV_DEFAULT:
			img.Exported = append(img.Exported, s.Name)
		}
	}
	if img.Needed, err = f.ImportedLibraries(); err != nil {
		return nil, fmt.Errorf("damaged ELF dynamic section: %w", err)
	}
	for _, s := range f.Sections {
		if s.Type != elf.SHT_PROGBITS || s.Flags&elf.SHF_ALLOC == 0 || s.Flags&elf.SHF_EXECINSTR != 0 {
			continue
		}
		if s.Size > maxSection {
			return nil, fmt.Errorf("damaged ELF file: section %s claims %d bytes", s.Name, s.Size)
		}
		data, err := s.Data()
		if err != nil {
			return nil, fmt.Errorf("damaged ELF section %s: %w", s.Name, err)
		}
		img.Markers = append(img.Markers, markersIn(data)...)
	}
	img.Undefined, img.Exported, img.Needed = sortedUnique(img.Undefined), sortedUnique(img.Exported), sortedUnique(img.Needed)
	return img, nil
}

func elfArch(m elf.Machine) string {
	switch m {
	case elf.EM_X86_64:
		return "x86_64"
	case elf.EM_AARCH64:
		return "aarch64"
	case elf.EM_386:
		return "i686"
	}
	return m.String()
}
