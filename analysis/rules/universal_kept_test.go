package rules_test

import (
	"context"
	"reflect"
	"strings"
	"testing"

	"github.com/hpyproject/hpylint/analysis"
	"github.com/hpyproject/hpylint/analysis/rules"
	"github.com/hpyproject/hpylint/analysis/shim"
	"github.com/hpyproject/hpylint/analysis/source"
)

// The list of universal files is kept from the run before while every
// source's closure stays, and each changed file is in it or out of it as
// before; any other key lists the files again. Each key's findings equal
// a fresh run's.
func TestUniversalFilesAreListedAgainOnlyWhenTheyCanDiffer(t *testing.T) {
	texts := legacyExtensions(4, true)
	for _, c := range []struct {
		name       string
		path, text string
		walks      bool
	}{
		{"a declaration typed into a header", "src/m0.h", texts["src/m0.h"] + "void more_0(void);\n", false},
		{"a call typed into a source", "src/m1.c", strings.Replace(texts["src/m1.c"], "    return HPy_Dup", "    PyErr_Clear();\n    return HPy_Dup", 1), false},
		{"a header includes another", "src/m0.h", "#include \"m1.h\"\n" + texts["src/m0.h"], true},
		{"a source includes another header", "src/m2.c", "#include \"m3.h\"\n" + texts["src/m2.c"], true},
		{"a header becomes the generated shim", "src/m0.h", "/* " + shim.GeneratedMarker + " */\n" + texts["src/m0.h"], true},
	} {
		t.Run(c.name, func(t *testing.T) {
			snap := snapshotOf(texts)
			opts := analysis.Options{Cache: analysis.NewFactsCache(), Configs: analysis.NewConfigCache()}
			first := analysis.Run(context.Background(), snap, opts)
			after := snap.With(&source.File{Path: c.path, Content: []byte(c.text)})
			before := rules.UniversalWalks()
			key := analysis.Run(context.Background(), after, withPrevious(opts, first))
			walks := rules.UniversalWalks() - before
			if key.Moved || key.Kept == 0 {
				t.Fatalf("the key moved the findings (%v) or kept nothing (%d): the test shows nothing", key.Moved, key.Kept)
			}
			if (walks > 0) != c.walks {
				t.Errorf("the key listed the universal files %d times; want a walk: %v", walks, c.walks)
			}
			if fresh := analysis.Run(context.Background(), after, analysis.Options{}); !reflect.DeepEqual(key.Diagnostics, fresh.Diagnostics) {
				t.Errorf("the key's findings differ from a fresh run's:%s\nwant:%s", describeFindings(key.Diagnostics), describeFindings(fresh.Diagnostics))
			}
		})
	}
}
