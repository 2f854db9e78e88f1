package wheel

import (
	"bytes"
	"debug/elf"
	"errors"
	"fmt"
)

// machines are the ELF machines of the wheel platforms' architectures.
var machines = map[string]elf.Machine{"x86_64": elf.EM_X86_64, "aarch64": elf.EM_AARCH64}

// CheckStatic reports why the ELF executable exe is not a static one for
// arch (x86_64 or aarch64), or nil when it is: a static executable has no
// program interpreter, no dynamic section and so no shared library or
// versioned glibc symbol to need, and runs on any Linux of its
// architecture, whatever its glibc (manylinux_2_17 included).
func CheckStatic(exe []byte, arch string) error {
	f, err := elf.NewFile(bytes.NewReader(exe))
	if err != nil {
		return err
	}
	defer f.Close()
	var problems []error
	if want, ok := machines[arch]; !ok {
		problems = append(problems, fmt.Errorf("unknown architecture %q", arch))
	} else if f.Machine != want {
		problems = append(problems, fmt.Errorf("machine %v, want %v for %s", f.Machine, want, arch))
	}
	if f.Type != elf.ET_EXEC {
		problems = append(problems, fmt.Errorf("type %v, want an executable (ET_EXEC)", f.Type))
	}
	for _, p := range f.Progs {
		switch p.Type {
		case elf.PT_INTERP:
			problems = append(problems, errors.New("it has a program interpreter (PT_INTERP): the dynamic loader runs it"))
		case elf.PT_DYNAMIC:
			problems = append(problems, errors.New("it has a dynamic section (PT_DYNAMIC)"))
		}
	}
	if libs, _ := f.ImportedLibraries(); len(libs) > 0 {
		problems = append(problems, fmt.Errorf("it needs shared libraries %v", libs))
	}
	return errors.Join(problems...)
}
