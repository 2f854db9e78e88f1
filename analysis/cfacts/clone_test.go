package cfacts

import (
	"reflect"
	"testing"
)

// A clone must not move when the document it came from is edited.
func TestCloneSurvivesEdits(t *testing.T) {
	src := []byte("#include <hpy.h>\nHPyDef_METH(f, \"f\", HPyFunc_NOARGS)\nstatic HPy f_impl(HPyContext *ctx, HPy self) { return HPy_Dup(ctx, ctx->h_None); }\nHPy_MODINIT(mod, moduledef)\n")
	d, err := NewDocument(C, src)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	clone := d.Facts().Clone()
	want, err := Extract(C, src)
	if err != nil {
		t.Fatal(err)
	}
	d.Edit(0, 0, []byte("\n\n\n"))
	_ = d.Facts()
	d.Edit(20, 20, []byte("x"))
	if !reflect.DeepEqual(clone, want) {
		t.Errorf("clone changed after edits:\n got %+v\nwant %+v", clone, want)
	}
}

// Facts a Document handed out are never modified by later edits, so the
// language server can keep them without copying.
func TestDocumentFactsStayAsHandedOut(t *testing.T) {
	src := []byte("#include <hpy.h>\nHPyDef_METH(f, \"f\", HPyFunc_NOARGS)\nstatic HPy f_impl(HPyContext *ctx, HPy self) { return HPy_Dup(ctx, ctx->h_None); }\nstatic int g(void) { return f_impl(0, 0) != 0; }\nHPy_MODINIT(mod, moduledef)\n")
	d, err := NewDocument(C, src)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	first := d.Facts()
	want, _ := Extract(C, src)
	d.Edit(0, 0, []byte("\n\n\n"))
	second := d.Facts()
	d.Edit(len(d.Content())-1, len(d.Content())-1, []byte("x"))
	d.Edit(30, 30, []byte("y"))
	_ = d.Facts()
	if !reflect.DeepEqual(first, want) {
		t.Errorf("first facts changed after edits:\n got %+v\nwant %+v", first, want)
	}
	want2, _ := Extract(C, append([]byte("\n\n\n"), src...))
	if !reflect.DeepEqual(second, want2) {
		t.Errorf("second facts changed after edits")
	}
}
