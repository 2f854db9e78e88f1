package setuppy

import "testing"

// A fix may pin the ABI only where one literal decides it for setup().
func TestABIPinnable(t *testing.T) {
	cases := []struct {
		name, src string
		pinnable  bool
	}{
		{"keyword", "from setuptools import setup\nimport sys\nsetup(hpy_abi='cpython' if sys.implementation.name == 'cpython' else 'universal')\n", true},
		{"variable assigned once", "from setuptools import setup\nimport sys\nABI = 'cpython' if sys.implementation.name == 'cpython' else 'universal'\nsetup(hpy_abi=ABI)\n", true},
		{"chain of names", "from setuptools import setup\nimport sys\nA = 'cpython' if sys.implementation.name == 'cpython' else 'universal'\nB = A\nsetup(hpy_abi=B)\n", true},
		{"literal", "from setuptools import setup\nsetup(hpy_abi='universal')\n", true},
		{"options dict", "from setuptools import setup\nimport sys\nsetup(options={'build_ext': {'hpy_abi': 'cpython' if sys.implementation.name == 'cpython' else 'universal'}})\n", true},
		// Several assignments decide it: the name at the keyword is the
		// one place a literal can replace.
		{"reassigned under if", "from setuptools import setup\nimport sys\nABI = 'universal'\nif sys.implementation.name == 'cpython':\n    ABI = 'cpython'\nsetup(hpy_abi=ABI)\n", true},
		// ... and the name's use in the one assignment of an alias.
		{"reassigned under if, then aliased", "from setuptools import setup\nimport sys\nABI = 'universal'\nif sys.implementation.name == 'cpython':\n    ABI = 'cpython'\nX = ABI\nsetup(hpy_abi=X)\n", true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := read(t, c.src)
			if len(f.ABI) != 1 {
				t.Fatalf("want one ABI setting, got %+v", f.ABI)
			}
			if f.ABI[0].Pinnable != c.pinnable {
				t.Errorf("Pinnable = %v, want %v (setting %+v)", f.ABI[0].Pinnable, c.pinnable, f.ABI[0])
			}
		})
	}
}
