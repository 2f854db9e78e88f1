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
