package audit

import (
	"strings"
	"testing"

	"github.com/hpyproject/hpylint/analysis/binary"
)

// The libraries that are CPython in each format's terms (the readers of
// Mach-O and PE give these names; the ELF one is exercised by gcc above).
func TestHPY502CPythonLibrariesOfEveryFormat(t *testing.T) {
	for _, c := range []struct {
		format binary.Format
		lib    string
		is     bool
	}{
		{binary.ELF, "libpython3.11.so.1.0", true},
		{binary.ELF, "libpython3.so", true},
		{binary.MachO, "@rpath/libpython3.12.dylib", true},
		{binary.MachO, "/Library/Frameworks/Python.framework/Versions/3.11/Python", true},
		{binary.PE, "python311.dll", true},
		{binary.PE, "PYTHON3.DLL", true},
		{binary.PE, "python312_d.dll", true},
		{binary.PE, "KERNEL32.dll", false},
		{binary.ELF, "libpythonic.so", false},

		{binary.MachO, "/usr/lib/libSystem.B.dylib", false},
	} {
		r := &auditRun{}
		a := &artifact{path: "m.hpy0.so", name: ParseName("m.hpy0.so"), img: &binary.Image{Format: c.format, Needed: []string{c.lib}}, report: true}
		checkCPythonSymbols(r, a)
		if got := len(r.diags) == 1 && strings.HasPrefix(r.diags[0].Message, c.lib+": "); got != c.is {
			t.Errorf("%s %s: reported %v, want %v (%v)", c.format, c.lib, got, c.is, r.diags)
		}
	}
}
