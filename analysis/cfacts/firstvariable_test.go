package cfacts

import "testing"

// FirstVariable is the first of Variable's list: the definition before
// the declarations, each in file order.
func TestFirstVariableIsVariablesFirst(t *testing.T) {
	src := []byte(`#include "hpy.h"
extern HPyModuleDef moduledef;
extern HPyModuleDef other;
static HPyModuleDef moduledef = { .doc = "m" };
static HPyDef *defines[] = { NULL };
extern HPyDef *later[];
`)
	f, err := Extract(C, src)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"moduledef", "other", "defines", "later", "missing"} {
		vs, got := f.Variable(name), f.FirstVariable(name)
		if len(vs) == 0 && got != nil || len(vs) > 0 && got != vs[0] {
			t.Errorf("%s: FirstVariable = %v, want the first of %v", name, got, vs)
		}
	}
	if v := f.FirstVariable("moduledef"); v == nil || !v.Defined {
		t.Errorf("moduledef: FirstVariable = %+v, want its definition, after a declaration", v)
	}
}
