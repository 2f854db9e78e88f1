package compileflags

import (
	"reflect"
	"testing"

	"github.com/hpyproject/hpylint/analysis/buildcfg"
)

func values(vs []buildcfg.StringValue) []string {
	var out []string
	for _, v := range vs {
		out = append(out, v.Value)
	}
	return out
}

func TestParse(t *testing.T) {
	var args []buildcfg.StringValue
	for _, a := range []string{"-O2", "-DHPY_ABI_UNIVERSAL", "-D", "X=1", "/DWIN", "-I./inc", "-isystem", "/opt/hpy", "-lm", "-iquote./q"} {
		args = append(args, buildcfg.StringValue{Value: a})
	}
	f := Parse(args)
	if got := values(f.Defines); !reflect.DeepEqual(got, []string{"HPY_ABI_UNIVERSAL", "X", "WIN"}) {
		t.Errorf("defines = %q", got)
	}
	if got := values(f.Includes); !reflect.DeepEqual(got, []string{"inc", "/opt/hpy", "q"}) {
		t.Errorf("includes = %q", got)
	}
	if got := values(Libraries(args)); !reflect.DeepEqual(got, []string{"m"}) {
		t.Errorf("libraries = %q", got)
	}
	if !IsABIMacro("HPY_ABI_HYBRID") || IsABIMacro("universal") || IsABIMacro("HPY_OTHER") {
		t.Error("IsABIMacro")
	}
}
