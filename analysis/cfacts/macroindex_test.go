package cfacts

import (
	"reflect"
	"strings"
	"testing"
)

// A keystroke that moves a file's macros shares the previous facts' macro
// indexes; one that adds a macro call or renames what an HPyDef_ defines
// builds them again, and both read as Extract's.
func TestMacroIndexesAreSharedOnlyWhileTheKeysHold(t *testing.T) {
	src := "#include \"hpy.h\"\nHPyDef_METH(spam, \"spam\", HPyFunc_NOARGS)\nstatic HPy spam_impl(HPyContext *ctx, HPy self) { return HPy_Dup(ctx, self); }\n"
	doc, err := NewDocument(C, []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	defer doc.Close()
	prev := doc.Facts()
	index := func(f *Facts) uintptr { return reflect.ValueOf(f.byName).Pointer() }
	for _, step := range []struct {
		what, find, insert string
		shared             bool
		def                string // an HPyDef symbol the facts must find
	}{
		{"an Enter before the HPyDef", "HPyDef_METH", "\n", true, "spam"},
		{"a macro call added", "static HPy", "HPy_MODINIT(m, moddef)\n", false, "spam"},
		{"the HPyDef's symbol renamed", "(spam,", "x", false, "xspam"},
	} {
		at := strings.Index(string(doc.Content()), step.find)
		if step.find == "(spam," {
			at++
		}
		doc.Edit(at, at, []byte(step.insert))
		next := doc.Facts()
		if got := index(next) == index(prev); got != step.shared {
			t.Errorf("%s: indexes shared %v, want %v", step.what, got, step.shared)
		}
		want, err := Extract(C, doc.Content())
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(next.byName, want.byName) || !reflect.DeepEqual(next.hpyDefs, want.hpyDefs) {
			t.Errorf("%s: indexes %v %v, Extract's %v %v", step.what, next.byName, next.hpyDefs, want.byName, want.hpyDefs)
		}
		if next.HPyDef(step.def) == nil {
			t.Errorf("%s: HPyDef(%q) not found", step.what, step.def)
		}
		prev = next
	}
}
