package binary

import (
	"bytes"
	"encoding/binary"
	"slices"
	"testing"

	"github.com/hpyproject/hpylint/analysis/testenv"
)

func TestMachOObjects(t *testing.T) {
	for target, arch := range map[string]string{"x86_64-apple-macos11": "x86_64", "arm64-apple-macos11": "arm64"} {
		t.Run(arch, func(t *testing.T) {
			obj := machoObject(t, target)
			if obj == "" {
				testenv.Missing(t, "clang")
			}
			img, err := readFile(t, obj)
			if err != nil {
				t.Fatal(err)
			}
			if img.Format != MachO || !slices.Equal(img.Arches, []string{arch}) {
				t.Errorf("format %s arches %v", img.Format, img.Arches)
			}
			if !slices.Equal(img.Undefined, []string{"PyLong_FromLong"}) {
				t.Errorf("undefined %v, want PyLong_FromLong without its underscore", img.Undefined)
			}
			if !slices.Contains(img.Exported, "HPyInit_m") || slices.Contains(img.Exported, "hidden_one") {
				t.Errorf("exported %v: want HPyInit_m, not the hidden function", img.Exported)
			}
			if want := []string{testMarker}; !slices.Equal(img.Markers, want) {
				t.Errorf("markers %q, want %q (from __TEXT,__const)", img.Markers, want)
			}
		})
	}
}

func TestMachODylibLinkedWithoutSDK(t *testing.T) {
	testenv.Tool(t, "clang")
	testenv.Tool(t, "ld64.lld")
	dylib := machoDylib(t, "x86_64-apple-macos11")
	img, err := readFile(t, dylib)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"/usr/lib/libw.dylib", "@rpath/libpython3.11.dylib"}; !slices.Equal(img.Needed, want) {
		t.Errorf("needed %v, want %v (LC_LOAD_DYLIB and LC_LOAD_WEAK_DYLIB)", img.Needed, want)
	}
	if !slices.Contains(img.Undefined, "PyLong_FromLong") {
		t.Errorf("undefined %v lacks PyLong_FromLong", img.Undefined)
	}
	if !slices.Contains(img.Exported, "HPyInit_m") || slices.Contains(img.Exported, "hidden_one") {
		t.Errorf("exported %v: want HPyInit_m, not the hidden function", img.Exported)
	}
	if want := []string{testMarker}; !slices.Equal(img.Markers, want) {
		t.Errorf("markers %q, want %q", img.Markers, want)
	}
}

func TestFatMachOReadsEverySlice(t *testing.T) {
	x86, arm := machoObject(t, "x86_64-apple-macos11"), machoObject(t, "arm64-apple-macos11")
	if x86 == "" {
		testenv.Missing(t, "clang")
	}
	data := fat(t, mustRead(t, x86), mustRead(t, arm))
	img, err := Read(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	if img.Format != MachO || !slices.Equal(img.Arches, []string{"x86_64", "arm64"}) {
		t.Errorf("format %s arches %v, want both slices", img.Format, img.Arches)
	}
	if !slices.Equal(img.Undefined, []string{"PyLong_FromLong"}) || !slices.Contains(img.Exported, "HPyInit_m") {
		t.Errorf("undefined %v exported %v: want the slices' names merged", img.Undefined, img.Exported)
	}
	if want := []string{testMarker}; !slices.Equal(img.Markers, want) {
		t.Errorf("markers %q, want %q once", img.Markers, want)
	}
}

func TestHostileFatHeaders(t *testing.T) {
	x86, arm := machoObject(t, "x86_64-apple-macos11"), machoObject(t, "arm64-apple-macos11")
	if x86 == "" {
		testenv.Missing(t, "clang")
	}
	good := fat(t, mustRead(t, x86), mustRead(t, arm))
	cases := map[string]func(b []byte) []byte{
		"thousands of arches": func(b []byte) []byte { binary.BigEndian.PutUint32(b[4:], 5000); return b },
		"overlapping slices": func(b []byte) []byte {
			copy(b[8+20+8:], b[8+8:8+12]) // the second slice starts where the first does
			return b
		},
		"slice past the end": func(b []byte) []byte { binary.BigEndian.PutUint32(b[8+12:], 1<<31); return b },
		"truncated":          func(b []byte) []byte { return b[:len(b)-100] },
		"slice over the header": func(b []byte) []byte {
			binary.BigEndian.PutUint32(b[8+8:], 0)
			return b
		},
	}
	for name, damage := range cases {
		t.Run(name, func(t *testing.T) {
			data := damage(bytes.Clone(good))
			if img, err := Read(bytes.NewReader(data), int64(len(data))); err == nil {
				t.Errorf("read without error: %+v", img)
			}
		})
	}
}

// A thin image whose load commands claim more than the file holds, and one
// whose section claims gigabytes.
func TestHostileMachOSizes(t *testing.T) {
	obj := machoObject(t, "x86_64-apple-macos11")
	if obj == "" {
		testenv.Missing(t, "clang")
	}
	good := mustRead(t, obj)
	t.Run("load commands", func(t *testing.T) {
		data := bytes.Clone(good)
		binary.LittleEndian.PutUint32(data[20:], 0xfffffff0) // sizeofcmds
		if img, err := Read(bytes.NewReader(data), int64(len(data))); err == nil {
			t.Errorf("read without error: %+v", img)
		}
	})
	t.Run("section size", func(t *testing.T) {
		data := bytes.Clone(good)
		// The first section header follows the 64-bit header (32 bytes)
		// and the segment command (72 bytes); its size is 40 bytes in.
		sect := 32 + 72
		if string(bytes.TrimRight(data[sect+16:sect+32], "\x00")) != "__TEXT" {
			t.Fatalf("unexpected layout: %q", data[sect+16:sect+32])
		}
		for i := 0; i < int(binary.LittleEndian.Uint32(data[32+64:])); i++ {
			binary.LittleEndian.PutUint64(data[sect+80*i+40:], 1<<40)
		}
		if img, err := Read(bytes.NewReader(data), int64(len(data))); err == nil {
			t.Errorf("read without error: %+v", img)
		}
	})
}
