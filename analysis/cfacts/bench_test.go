package cfacts

import (
	"fmt"
	"strings"
	"testing"

	sitter "github.com/tree-sitter/go-tree-sitter"
)

// hpyHeavy generates about size bytes of HPy extension code: methods,
// slots, module definitions, the shapes real ports have.
func hpyHeavy(size int) []byte {
	var b strings.Builder
	b.WriteString("#include \"hpy.h\"\n#include <math.h>\n\n")
	for i := 0; b.Len() < size; i++ {
		fmt.Fprintf(&b, `HPyDef_METH(meth%[1]d, "meth%[1]d", HPyFunc_VARARGS, .doc = "method %[1]d")
static HPy meth%[1]d_impl(HPyContext *ctx, HPy self, const HPy *args, size_t nargs)
{
    long a, b;
    if (!HPyArg_Parse(ctx, NULL, args, nargs, "ll", &a, &b))
        return HPy_NULL;
    /* add the two and wrap */
    return HPyLong_FromLong(ctx, helper%[1]d(a) + b);
}

HPyDef_SLOT(type%[1]d_repr, HPy_tp_repr)
static HPy type%[1]d_repr_impl(HPyContext *ctx, HPy self)
{
    return HPyUnicode_FromString(ctx, "<type%[1]d>");
}

static HPyDef *defines%[1]d[] = { &meth%[1]d, &type%[1]d_repr, NULL };

`, i)
	}
	b.WriteString("static HPyModuleDef moduledef = { .doc = \"big\", .defines = defines0 };\nHPy_MODINIT(big, moduledef)\n")
	return []byte(b.String())
}

func BenchmarkExtract1MB(b *testing.B) {
	src := hpyHeavy(1 << 20)
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		if _, err := Extract(C, src); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBareParse1MB is the baseline the targets are stated against:
// tree-sitter-c parsing the same bytes, nothing else.
func BenchmarkBareParse1MB(b *testing.B) {
	src := hpyHeavy(1 << 20)
	g, _ := grammarFor(C)
	p := sitter.NewParser()
	defer p.Close()
	_ = p.SetLanguage(g.lang)
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		p.Parse(src, nil).Close()
	}
}
