package cfacts

import "testing"

func TestIsCPlusPlus(t *testing.T) {
	for _, c := range []struct {
		src  string
		want bool
	}{
		{"namespace util {\nint f();\n}\n", true},
		{"template <typename T> T twice(T x) { return x + x; }\n", true},
		{"class Box {\npublic:\n    int x;\n};\n", true},
		{"class Base;\n", true},
		{"struct Derived : Base {};\nclass Derived2 : public Base {};\n", true},
		{"extern \"C++\" {\nint f();\n}\n", true},
		{"#include <vector>\n", true},
		{"using namespace std;\n", true},
		// C, though some C++ keywords appear.
		{"#include <stdio.h>\n#include \"local.h\"\nint f(int class, int new);\n", false},
		{"struct s { int class; int template; };\n", false},
		{"#ifdef __cplusplus\nextern \"C\" {\n#endif\nint f(void);\n", false},
		{"/* namespace x { */\nconst char *s = \"template <T>\";\n", false},
		// Written for both: what only C++ reads does not count.
		{"#ifdef __cplusplus\n#include <exception>\ntemplate <typename T> T *cast(void *p);\n#else\nvoid *cast(void *p);\n#endif\n", false},
		{"#if defined(__cplusplus) && __cplusplus >= 201103L\nnamespace n {}\n#endif\n", false},
		{"#ifndef __cplusplus\nint f(void);\n#else\nnamespace n {}\n#endif\n", false},
		{"#ifndef __cplusplus\nint f(void);\n#endif\nnamespace n {}\n", true},
	} {
		if got := IsCPlusPlus([]byte(c.src)); got != c.want {
			t.Errorf("IsCPlusPlus(%q) = %v, want %v", c.src, got, c.want)
		}
	}
}

func TestLangOfContent(t *testing.T) {
	cpp := []byte("namespace n {}\n")
	if l, _ := LangOfContent("a/x.h", cpp); l != CPP {
		t.Errorf("a C++ .h is read as %v", l)
	}
	if l, _ := LangOfContent("a/x.h", []byte("int f(void);\n")); l != C {
		t.Errorf("a C .h is read as %v", l)
	}
	if l, _ := LangOfContent("a/x.c", cpp); l != C {
		t.Errorf("a .c is read as %v: only headers take their language from content", l)
	}
}
