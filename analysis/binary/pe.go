package binary

import (
	"bytes"
	"debug/pe"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
)

// The directories debug/pe does not read (exports) or reads without a bound
// on the work (imports) are walked here, straight from
// the file: every RVA is resolved to bytes the file holds, and every count
// is weighed against the file's size before anything is read.

const (
	importDescriptorSize = 20
	exportDirectorySize  = 40
	// maxName bounds one imported or exported name (C++ names run long).
	maxName = 4096
)

var errPETruncated = errors.New("an address points outside the file")

func readPE(r io.ReaderAt, size int64) (*Image, error) {
	if err := checkPEHeader(r, size); err != nil {
		return nil, fmt.Errorf("damaged PE file: %w", err)
	}
	f, err := pe.NewFile(r)
	if err != nil {
		return nil, fmt.Errorf("damaged PE file: %w", err)
	}
	defer f.Close()
	p := &peFile{r: r, size: size, sections: f.Sections, thunk: 4}
	var dirs []pe.DataDirectory
	switch oh := f.OptionalHeader.(type) {
	case *pe.OptionalHeader64:
		p.thunk = 8
		dirs = oh.DataDirectory[:min(int(oh.NumberOfRvaAndSizes), len(oh.DataDirectory))]
	case *pe.OptionalHeader32:
		dirs = oh.DataDirectory[:min(int(oh.NumberOfRvaAndSizes), len(oh.DataDirectory))]
	default:
		return nil, errors.New("damaged PE file: no optional header, so not a DLL")
	}
	dir := func(i int) pe.DataDirectory {
		if i < len(dirs) {
			return dirs[i]
		}
		return pe.DataDirectory{}
	}
	// One budget of names for all directories: a table may only name what
	// the file has room for, however its entries point at each other.
	p.budget = size/4 + 1
	img := &Image{Format: PE, Arches: []string{peArch(f.Machine)}}
	if d := dir(pe.IMAGE_DIRECTORY_ENTRY_IMPORT); d.VirtualAddress != 0 {
		if err := p.imports(d.VirtualAddress, img); err != nil {
			return nil, fmt.Errorf("damaged PE import table: %w", err)
		}
	}
	if d := dir(pe.IMAGE_DIRECTORY_ENTRY_EXPORT); d.VirtualAddress != 0 {
		if err := p.exports(d.VirtualAddress, img); err != nil {
			return nil, fmt.Errorf("damaged PE export table: %w", err)
		}
	}
	for _, s := range f.Sections {
		c := s.Characteristics
		if c&pe.IMAGE_SCN_CNT_INITIALIZED_DATA == 0 || c&(pe.IMAGE_SCN_CNT_CODE|pe.IMAGE_SCN_MEM_EXECUTE) != 0 || s.Size == 0 {
			continue
		}
		if s.Size > maxSection || int64(s.Offset) > size || int64(s.Size) > size-int64(s.Offset) {
			return nil, fmt.Errorf("damaged PE file: section %s claims %d bytes past its end", s.Name, s.Size)
		}
		data, err := s.Data()
		if err != nil {
			return nil, fmt.Errorf("damaged PE section %s: %w", s.Name, err)
		}
		img.Markers = append(img.Markers, markersIn(data)...)
	}
	img.Undefined, img.Exported, img.Needed = sortedUnique(img.Undefined), sortedUnique(img.Exported), sortedUnique(img.Needed)
	return img, nil
}

// checkPEHeader weighs the COFF header's counts (sections, optional header,
// symbol table) against the file before debug/pe reads them.
func checkPEHeader(r io.ReaderAt, size int64) error {
	var b [4]byte
	if size < 0x40 {
		return fmt.Errorf("%d bytes, shorter than a DOS header", size)
	}
	if _, err := r.ReadAt(b[:], 0x3c); err != nil {
		return errPETruncated
	}
	coff := int64(le32(b[:])) + 4
	var h [20]byte
	if coff+20 > size {
		return fmt.Errorf("no PE header at %d", coff-4)
	}
	if _, err := r.ReadAt(h[:], coff); err != nil {
		return errPETruncated
	}
	sections, optional := int64(binary.LittleEndian.Uint16(h[2:])), int64(binary.LittleEndian.Uint16(h[16:]))
	if coff+20+optional+40*sections > size {
		return fmt.Errorf("%d sections after a %d-byte optional header do not fit in %d bytes", sections, optional, size)
	}
	symbols, count := int64(le32(h[8:])), int64(le32(h[12:]))
	if symbols != 0 && (symbols > size || count*18 > size-symbols) {
		return fmt.Errorf("a symbol table of %d entries at %d does not fit in %d bytes", count, symbols, size)
	}
	return nil
}

// peArch spells the machine as the wheel platform tags do (win_amd64,
// win_arm64, win32).
func peArch(m uint16) string {
	switch m {
	case pe.IMAGE_FILE_MACHINE_AMD64:
		return "amd64"
	case pe.IMAGE_FILE_MACHINE_ARM64:
		return "arm64"
	case pe.IMAGE_FILE_MACHINE_I386:
		return "x86"
	}
	return fmt.Sprintf("pe-machine-%#x", m)
}

type peFile struct {
	r        io.ReaderAt
	size     int64
	sections []*pe.Section
	thunk    int64 // bytes of an import thunk: 8 in PE32+, 4 in PE32
	budget   int64 // entries any table may still list
}

// offset is where the n bytes at rva lie in the file: inside the raw data of
// one section, and inside the file.
func (p *peFile) offset(rva uint32, n int64) (int64, error) {
	for _, s := range p.sections {
		if rva < s.VirtualAddress {
			continue
		}
		within := int64(rva - s.VirtualAddress)
		if within+n > int64(s.Size) {
			continue
		}
		off := int64(s.Offset) + within
		if off < 0 || off+n > p.size {
			return 0, errPETruncated
		}
		return off, nil
	}
	return 0, fmt.Errorf("RVA %#x (%d bytes) is in no section's data", rva, n)
}

func (p *peFile) read(rva uint32, n int64) ([]byte, error) {
	if n < 0 || n > p.size {
		return nil, errPETruncated
	}
	off, err := p.offset(rva, n)
	if err != nil {
		return nil, err
	}
	buf := make([]byte, n)
	if _, err := p.r.ReadAt(buf, off); err != nil {
		return nil, errPETruncated
	}
	return buf, nil
}

// spend takes n entries from the budget, or says the tables list more than
// the file could hold.
func (p *peFile) spend(n int64) error {
	if n < 0 || n > p.budget {
		return errors.New("its tables list more entries than the file has room for")
	}
	p.budget -= n
	return nil
}

// cstring reads the NUL-terminated name at rva, at most maxName bytes.
func (p *peFile) cstring(rva uint32) (string, error) {
	if err := p.spend(1); err != nil {
		return "", err
	}
	for _, s := range p.sections {
		if rva < s.VirtualAddress || int64(rva-s.VirtualAddress) >= int64(s.Size) {
			continue
		}
		n := min(int64(s.Size)-int64(rva-s.VirtualAddress), maxName)
		off, err := p.offset(rva, 1)
		if err != nil {
			return "", err
		}
		n = min(n, p.size-off)
		buf := make([]byte, n)
		got, _ := p.r.ReadAt(buf, off)
		buf = buf[:got]
		end := bytes.IndexByte(buf, 0)
		if end < 0 {
			return "", fmt.Errorf("name at RVA %#x has no end within %d bytes", rva, n)
		}
		return string(buf[:end]), nil
	}
	return "", fmt.Errorf("name at RVA %#x is in no section's data", rva)
}

// imports reads the import descriptors at rva: each names a DLL and points
// at its list of thunks (by name or by ordinal), ending with a zero one.
func (p *peFile) imports(rva uint32, img *Image) error {
	for i := uint32(0); ; i++ {
		if err := p.spend(1); err != nil {
			return err
		}
		d, err := p.read(rva+i*importDescriptorSize, importDescriptorSize)
		if err != nil {
			return err
		}
		lookup, name, iat := le32(d[0:]), le32(d[12:]), le32(d[16:])
		if bytes.Equal(d, make([]byte, importDescriptorSize)) {
			return nil
		}
		if lookup == 0 {
			lookup = iat // no separate lookup table: the unbound IAT names them
		}
		if err := p.importedDLL(name, lookup, img); err != nil {
			return err
		}
	}
}

// importedDLL adds the DLL named at nameRVA to Needed and the names its
// lookup table at lookup imports to Undefined.
func (p *peFile) importedDLL(nameRVA, lookup uint32, img *Image) error {
	dll, err := p.cstring(nameRVA)
	if err != nil {
		return err
	}
	img.Needed = append(img.Needed, dll)
	ordinalFlag := uint64(1) << (8*p.thunk - 1)
	for j := uint32(0); ; j++ {
		if err := p.spend(1); err != nil {
			return err
		}
		b, err := p.read(lookup+j*uint32(p.thunk), p.thunk)
		if err != nil {
			return err
		}
		var t uint64
		if p.thunk == 8 {
			t = binary.LittleEndian.Uint64(b)
		} else {
			t = uint64(le32(b))
		}
		switch {
		case t == 0:
			return nil
		case t&ordinalFlag != 0:
			continue // by ordinal: no name to list
		case t > 0xffffffff:
			return fmt.Errorf("a thunk of %s points past 4 GiB", dll)
		}
		name, err := p.cstring(uint32(t) + 2) // after the 2-byte hint
		if err != nil {
			return err
		}
		img.Undefined = append(img.Undefined, name)
	}
}

// exports reads the names of the export directory at rva. Exports by
// ordinal only have no name, and a forwarder's name is exported all the
// same.
func (p *peFile) exports(rva uint32, img *Image) error {
	d, err := p.read(rva, exportDirectorySize)
	if err != nil {
		return err
	}
	count, names := int64(le32(d[24:])), le32(d[32:])
	if count == 0 {
		return nil
	}
	if count*4 > p.size {
		return fmt.Errorf("%d names claimed by a file of %d bytes", count, p.size)
	}
	if err := p.spend(count); err != nil {
		return err
	}
	table, err := p.read(names, count*4)
	if err != nil {
		return err
	}
	for i := int64(0); i < count; i++ {
		name, err := p.cstring(le32(table[4*i:]))
		if err != nil {
			return err
		}
		img.Exported = append(img.Exported, name)
	}
	return nil
}

func le32(b []byte) uint32 { return binary.LittleEndian.Uint32(b) }
