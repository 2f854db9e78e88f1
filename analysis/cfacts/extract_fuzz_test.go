package cfacts

import (
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"testing"
	"time"

	"github.com/hpyproject/hpylint/analysis/source"
)

// maxFuzzInput bounds what one fuzz input may hold: the targets look for
// crashes and wrong facts, not for slowness on large files (bench/ does).
const maxFuzzInput = 64 << 10

// Extract on arbitrary bytes: it returns within a bound, every span of every
// fact lies inside the content, the lists finishFacts sorts are in file
// order, and a call's Caller names a function that exists.
func FuzzExtract(f *testing.F) {
	for _, seed := range cSeeds(f) {
		f.Add(seed.src, seed.lang == CPP)
	}
	f.Add([]byte("HPy_MODINIT(m, d)\n/* unfinished"), false)
	f.Add([]byte("\xef\xbb\xbf#include \"a.h\"\r#define X 1\rHPyDef_METH(f, \"f\", HPyFunc_NOARGS)\r"), false)
	f.Fuzz(func(t *testing.T, src []byte, cpp bool) {
		if len(src) > maxFuzzInput {
			t.Skip("larger than a fuzz input may be")
		}
		lang := C
		if cpp {
			lang = CPP
		}
		defer hangGuard()()
		facts, err := Extract(lang, src)
		if err != nil {
			t.Fatal(err)
		}
		checkFacts(t, facts, len(src))
	})
}

// hangGuard fails the whole fuzzing process when the input being checked
// takes longer than the bound: a hang is a crasher too, and the fuzzer
// keeps the input. The bound is generous (the machine is shared while
// fuzzing); 64 KiB takes milliseconds. Call the result when done.
func hangGuard() (done func() bool) {
	return time.AfterFunc(10*time.Second, func() { panic("no result after 10s: a hang") }).Stop
}

// checkFacts checks what holds for any facts of any content of size n.
func checkFacts(t *testing.T, f *Facts, n int) {
	t.Helper()
	// Argument lists keep their spans unmoved with a pending shift: the
	// deep copy applies it, as At does.
	walkSpans(reflect.ValueOf(deepCopyOf(f)).Elem(), "Facts", func(path string, start, end int64) {
		if start < 0 || start > end || end > int64(n) {
			t.Fatalf("%s = [%d,%d) is not inside the %d bytes of content", path, start, end, n)
		}
	})
	inOrder(t, "Macros", f.Macros, func(m MacroCall) int { return m.Span.Start })
	inOrder(t, "Functions", f.Functions, func(x Function) int { return x.Span.Start })
	inOrder(t, "Variables", f.Variables, func(x Variable) int { return x.Span.Start })
	inOrder(t, "Includes", f.Includes, func(x Include) int { return x.Span.Start })
	inOrder(t, "Defines", f.Defines, func(x Define) int { return x.Span.Start })
	inOrder(t, "Calls", f.Calls, func(x Call) int { return x.Span.Start })
	inOrder(t, "Refs", f.Refs, func(x Ref) int { return x.Span.Start })
	inOrder(t, "Typedefs", f.Typedefs, func(x Typedef) int { return x.Span.Start })
	inOrder(t, "Conditionals", f.Conditionals, func(x Conditional) int { return x.Then.Start })
	inOrder(t, "Comments", f.Comments, func(x source.Comment) int { return x.Span.Start })
	inOrder(t, "Assigns", f.Assigns, func(x Assign) int { return x.Span.Start })
	inOrder(t, "ModuleSlots", f.ModuleSlots, func(x ModuleSlot) int { return x.Span.Start })
	inOrder(t, "StatementMacros", f.StatementMacros, func(x StatementMacro) int { return x.Span.Start })
	inOrder(t, "MethodCalls", f.MethodCalls, func(x MethodCall) int { return x.Span.Start })
	inOrder(t, "ThreadObjects", f.ThreadObjects, func(x ThreadObject) int { return x.Span.Start })
	for i, c := range f.Calls {
		if c.Caller < -1 || c.Caller >= len(f.Functions) {
			t.Fatalf("Calls[%d].Caller = %d, with %d functions", i, c.Caller, len(f.Functions))
		}
	}
	if f.SyntaxErrors < 0 {
		t.Fatalf("SyntaxErrors = %d", f.SyntaxErrors)
	}
}

func inOrder[T any](t *testing.T, name string, s []T, start func(T) int) {
	t.Helper()
	for i := 1; i < len(s); i++ {
		if start(s[i]) < start(s[i-1]) {
			t.Fatalf("%s[%d] starts at %d, before %s[%d] at %d", name, i, start(s[i]), name, i-1, start(s[i-1]))
		}
	}
}

// walkSpans calls fn for every source.Span reachable from v, unexported
// fields (the arguments of a flattened ArgList) included.
func walkSpans(v reflect.Value, path string, fn func(path string, start, end int64)) {
	if v.Type() == spanType {
		fn(path, v.Field(0).Int(), v.Field(1).Int())
		return
	}
	switch v.Kind() {
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			walkSpans(v.Field(i), path+"."+v.Type().Field(i).Name, fn)
		}
	case reflect.Slice, reflect.Array:
		for i := 0; i < v.Len(); i++ {
			walkSpans(v.Index(i), path+"["+strconv.Itoa(i)+"]", fn)
		}
	case reflect.Pointer:
		if !v.IsNil() {
			walkSpans(v.Elem(), path, fn)
		}
	}
}

type cSeed struct {
	path string
	lang Lang
	src  []byte
}

// cSeeds are the C and C++ files of the testdata that fit a fuzz input.
func cSeeds(f *testing.F) []cSeed {
	var out []cSeed
	err := filepath.WalkDir(filepath.Join("..", "..", "testdata"), func(path string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		lang, ok := LangOf(path)
		if !ok || !e.Type().IsRegular() {
			return nil
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if len(src) <= maxFuzzInput {
			out = append(out, cSeed{path, lang, src})
		}
		return nil
	})
	if err != nil || len(out) == 0 {
		f.Fatalf("no seeds from the testdata (%v)", err)
	}
	return out
}
