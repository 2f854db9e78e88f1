package binary

import (
	"bytes"
	"encoding/binary"
	"slices"
	"strings"
	"testing"

	"github.com/hpyproject/hpylint/analysis/testenv"
)

func TestPEImportsExportsAndMarkers(t *testing.T) {
	dll := peLibraries(t)
	if dll == "" {
		testenv.Missing(t, mingw)
	}
	img, err := readFile(t, dll)
	if err != nil {
		t.Fatal(err)
	}
	if img.Format != PE || !slices.Equal(img.Arches, []string{"amd64"}) {
		t.Errorf("format %s arches %v", img.Format, img.Arches)
	}
	if !slices.Contains(img.Needed, "python3.dll") {
		t.Errorf("needed %v lacks python3.dll, the DLL m.dll imports PyLong_FromLong from", img.Needed)
	}
	if !slices.Contains(img.Undefined, "PyLong_FromLong") {
		t.Errorf("undefined %v lacks PyLong_FromLong", img.Undefined)
	}
	if want := []string{"HPyInit_m", "get_required_hpy_major_version_m"}; !slices.Equal(img.Exported, want) {
		t.Errorf("exported %v, want %v (helper is not dllexport)", img.Exported, want)
	}
	if want := []string{testMarker}; !slices.Equal(img.Markers, want) {
		t.Errorf("markers %q, want %q", img.Markers, want)
	}
}

// A hostile export directory claims a billion names: the reader must
// refuse it by the file's size, not allocate for it.
func TestPEExportCountBeyondTheFile(t *testing.T) {
	dll := peLibraries(t)
	if dll == "" {
		testenv.Missing(t, mingw)
	}
	data := mustRead(t, dll)
	exportDir := peDataDirectoryOffset(t, data, 0)
	rva := binary.LittleEndian.Uint32(data[exportDir:])
	off := rvaToOffset(t, data, rva)
	binary.LittleEndian.PutUint32(data[off+24:], 1<<30) // NumberOfNames
	_, err := Read(bytes.NewReader(data), int64(len(data)))
	if err == nil || !strings.Contains(err.Error(), "export") {
		t.Errorf("err %v, want a damaged export table", err)
	}
}

// An import directory placed far outside every section is an error, not a
// read at a wild offset.
func TestPEImportTableOutsideTheFile(t *testing.T) {
	dll := peLibraries(t)
	if dll == "" {
		testenv.Missing(t, mingw)
	}
	data := mustRead(t, dll)
	importDir := peDataDirectoryOffset(t, data, 1)
	binary.LittleEndian.PutUint32(data[importDir:], 0x7fff0000)
	_, err := Read(bytes.NewReader(data), int64(len(data)))
	if err == nil || !strings.Contains(err.Error(), "import") {
		t.Errorf("err %v, want a damaged import table", err)
	}
}

// peDataDirectoryOffset is where data directory i of a PE32+ file lies.
func peDataDirectoryOffset(t *testing.T, data []byte, i int) int {
	t.Helper()
	pe := int(binary.LittleEndian.Uint32(data[0x3c:]))
	optional := pe + 4 + 20
	if binary.LittleEndian.Uint16(data[optional:]) != 0x20b {
		t.Fatal("not PE32+")
	}
	return optional + 112 + 8*i
}

func rvaToOffset(t *testing.T, data []byte, rva uint32) int {
	t.Helper()
	pe := int(binary.LittleEndian.Uint32(data[0x3c:]))
	n := int(binary.LittleEndian.Uint16(data[pe+6:]))
	sections := pe + 4 + 20 + int(binary.LittleEndian.Uint16(data[pe+20:]))
	for i := 0; i < n; i++ {
		s := data[sections+40*i:]
		va, raw, ptr := binary.LittleEndian.Uint32(s[12:]), binary.LittleEndian.Uint32(s[16:]), binary.LittleEndian.Uint32(s[20:])
		if rva >= va && rva-va < raw {
			return int(ptr + rva - va)
		}
	}
	t.Fatalf("RVA %#x in no section", rva)
	return 0
}
