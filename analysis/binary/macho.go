package binary

import (
	"bytes"
	"debug/macho"
	"encoding/binary"
	"fmt"
	"io"
	"sort"
	"strings"
)

const (
	fatMagic   = 0xcafebabe
	fatMagic64 = 0xcafebabf
	// maxFatArches bounds a universal file's slices: real ones hold two
	// to four, and each slice is parsed on its own.
	maxFatArches = 16
	// machHeaderSize is the 32-bit header, the smallest a slice can be.
	machHeaderSize = 28
)

// The load commands that name a library the image needs (debug/macho reads
// only the first as a Dylib).
const (
	lcLoadDylib     = 0xc
	lcLoadWeakDylib = 0x80000018
	lcReexportDylib = 0x8000001f
)

// readMachO reads one thin Mach-O image: all of r, size bytes.
func readMachO(r io.ReaderAt, size int64) (*Image, error) {
	img := &Image{Format: MachO}
	if err := addMachO(img, r, size); err != nil {
		return nil, err
	}
	img.Undefined, img.Exported, img.Needed = sortedUnique(img.Undefined), sortedUnique(img.Exported), sortedUnique(img.Needed)
	return img, nil
}

// readFat reads a universal file: every slice, its names merged and its
// architecture listed in the fat header's order.
func readFat(r io.ReaderAt, size int64) (*Image, error) {
	slices, err := fatSlices(r, size)
	if err != nil {
		return nil, fmt.Errorf("damaged Mach-O universal file: %w", err)
	}
	img := &Image{Format: MachO}
	for _, s := range slices {
		if err := addMachO(img, io.NewSectionReader(r, s.off, s.size), s.size); err != nil {
			return nil, fmt.Errorf("slice at %d: %w", s.off, err)
		}
	}
	img.Undefined, img.Exported, img.Needed = sortedUnique(img.Undefined), sortedUnique(img.Exported), sortedUnique(img.Needed)
	img.Markers = sortedUnique(img.Markers)
	return img, nil
}

type fatSlice struct{ off, size int64 }

// fatSlices reads the fat header (always big-endian; fat_arch_64 entries
// after the 64-bit magic) and checks that the slices lie inside the file,
// after the header, without overlapping.
func fatSlices(r io.ReaderAt, size int64) ([]fatSlice, error) {
	var head [8]byte
	if _, err := r.ReadAt(head[:], 0); err != nil {
		return nil, fmt.Errorf("no room for its header")
	}
	entry := int64(20)
	if binary.BigEndian.Uint32(head[:]) == fatMagic64 {
		entry = 32
	}
	n := int64(binary.BigEndian.Uint32(head[4:]))
	if n == 0 || n > maxFatArches {
		return nil, fmt.Errorf("%d architectures (at most %d are read)", n, maxFatArches)
	}
	end := 8 + n*entry
	if end > size {
		return nil, fmt.Errorf("%d architectures do not fit in %d bytes", n, size)
	}
	table := make([]byte, n*entry)
	if _, err := r.ReadAt(table, 8); err != nil {
		return nil, fmt.Errorf("its header is cut short")
	}
	out := make([]fatSlice, 0, n)
	for i := int64(0); i < n; i++ {
		e := table[i*entry:]
		var s fatSlice
		if entry == 32 {
			s = fatSlice{off: int64(binary.BigEndian.Uint64(e[8:])), size: int64(binary.BigEndian.Uint64(e[16:]))}
		} else {
			s = fatSlice{off: int64(binary.BigEndian.Uint32(e[8:])), size: int64(binary.BigEndian.Uint32(e[12:]))}
		}
		if s.off < end || s.size < machHeaderSize || s.off > size || s.size > size-s.off {
			return nil, fmt.Errorf("slice %d (%d bytes at %d) is not inside the file of %d bytes after its header", i, s.size, s.off, size)
		}
		out = append(out, s)
	}
	byOffset := append([]fatSlice(nil), out...)
	sort.Slice(byOffset, func(i, j int) bool { return byOffset[i].off < byOffset[j].off })
	for i := 1; i < len(byOffset); i++ {
		if byOffset[i].off < byOffset[i-1].off+byOffset[i-1].size {
			return nil, fmt.Errorf("slices at %d and %d overlap", byOffset[i-1].off, byOffset[i].off)
		}
	}
	return out, nil
}

// addMachO adds what the thin image in r says to img.
func addMachO(img *Image, r io.ReaderAt, size int64) error {
	if err := checkMachHeader(r, size); err != nil {
		return fmt.Errorf("damaged Mach-O file: %w", err)
	}
	f, err := macho.NewFile(r)
	if err != nil {
		return fmt.Errorf("damaged Mach-O file: %w", err)
	}
	defer f.Close()
	img.Arches = append(img.Arches, machoArch(f.Cpu))
	if f.Symtab != nil {
		for _, s := range f.Symtab.Syms {
			if name, undefined, ok := machoExternal(s); ok && undefined {
				img.Undefined = append(img.Undefined, name)
			} else if ok {
				img.Exported = append(img.Exported, name)
			}
		}
	}
	for _, l := range f.Loads {
		if lib, ok := dylibName(f.ByteOrder, l.Raw()); ok {
			img.Needed = append(img.Needed, lib)
		}
	}
	for _, s := range f.Sections {
		if !machoDataSection(s) {
			continue
		}
		if s.Size > maxSection || int64(s.Offset) > size || s.Size > uint64(size-int64(s.Offset)) {
			return fmt.Errorf("damaged Mach-O file: section %s,%s claims %d bytes past its end", s.Seg, s.Name, s.Size)
		}
		data, err := s.Data()
		if err != nil {
			return fmt.Errorf("damaged Mach-O section %s,%s: %w", s.Seg, s.Name, err)
		}
		img.Markers = append(img.Markers, markersIn(data)...)
	}
	return nil
}

// checkMachHeader weighs the load commands' claimed size against the file
// before debug/macho reads them.
func checkMachHeader(r io.ReaderAt, size int64) error {
	var h [machHeaderSize]byte
	if size < machHeaderSize {
		return fmt.Errorf("%d bytes, shorter than its header", size)
	}
	if _, err := r.ReadAt(h[:], 0); err != nil {
		return fmt.Errorf("its header is cut short")
	}
	order := binary.ByteOrder(binary.BigEndian)
	if h[0] == 0xce || h[0] == 0xcf {
		order = binary.LittleEndian
	}
	ncmd, cmdsz := int64(order.Uint32(h[16:])), int64(order.Uint32(h[20:]))
	if cmdsz > size || ncmd*8 > cmdsz {
		return fmt.Errorf("%d load commands of %d bytes in a file of %d bytes", ncmd, cmdsz, size)
	}
	return nil
}

// Symbol type bits of <mach-o/nlist.h>.
const (
	nStab = 0xe0
	nPext = 0x10
	nType = 0x0e
	nExt  = 0x01
	nUndf = 0x0
)

// machoExternal says whether s is an external symbol, and whether it is
// undefined (needed from another image) or defined and visible to others.
// A common symbol (undefined, with a size) is defined by the link.
func machoExternal(s macho.Symbol) (name string, undefined, ok bool) {
	if s.Type&nStab != 0 || s.Type&nExt == 0 {
		return "", false, false
	}
	name = strings.TrimPrefix(s.Name, "_")
	if s.Type&nType == nUndf {
		return name, s.Value == 0, true
	}
	if s.Type&nPext != 0 {
		return "", false, false
	}
	return name, false, true
}

// dylibName reads the library a dylib load command names.
func dylibName(order binary.ByteOrder, raw []byte) (string, bool) {
	if len(raw) < 12 {
		return "", false
	}
	switch order.Uint32(raw) {
	case lcLoadDylib, lcLoadWeakDylib, lcReexportDylib:
	default:
		return "", false
	}
	off := order.Uint32(raw[8:])
	if off < 12 || uint64(off) >= uint64(len(raw)) {
		return "", false
	}
	name := raw[off:]
	if i := bytes.IndexByte(name, 0); i >= 0 {
		name = name[:i]
	}
	return string(name), len(name) > 0
}

// Section types and attributes of <mach-o/loader.h>.
const (
	sectionType      = 0xff
	sZerofill        = 0x1
	sGBZerofill      = 0xc
	sThreadLocalZero = 0x12
	sAttrPureInstrs  = 0x80000000
	sAttrSomeInstrs  = 0x400
)

// machoDataSection: the read-only strings and constants of __TEXT
// (__cstring, __const) and every section of the __DATA segments that the
// file holds bytes for and that is not code.
func machoDataSection(s *macho.Section) bool {
	if s.Flags&(sAttrPureInstrs|sAttrSomeInstrs) != 0 {
		return false
	}
	switch s.Flags & sectionType {
	case sZerofill, sGBZerofill, sThreadLocalZero:
		return false
	}
	switch {
	case s.Seg == "__TEXT":
		return s.Name == "__cstring" || s.Name == "__const"
	case strings.HasPrefix(s.Seg, "__DATA"):
		return true
	}
	return false
}

// machoArch spells the CPU as the macOS wheel platform tags do.
func machoArch(c macho.Cpu) string {
	switch c {
	case macho.CpuAmd64:
		return "x86_64"
	case macho.CpuArm64:
		return "arm64"
	case macho.Cpu386:
		return "i386"
	case macho.CpuPpc:
		return "ppc"
	case macho.CpuPpc64:
		return "ppc64"
	case macho.CpuArm:
		return "arm"
	}
	return fmt.Sprintf("cpu-%d", uint32(c))
}
