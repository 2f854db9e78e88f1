package rules_test

import (
	"context"
	"fmt"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/hpyproject/hpylint/analysis"
	"github.com/hpyproject/hpylint/analysis/workspace"
)

// The call path of an HPY3xx finding is structured data, for the language
// server: one related location per step, the root where it is defined,
// then every call on the way.
func TestInitPathIsRelatedInformation(t *testing.T) {
	dir := filepath.Join("..", "..", "testdata", "rules", "HPY302", "two_units")
	snap, errs := workspace.Load(dir, []string{"."}, nil)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	res := analysis.Run(context.Background(), snap, analysis.Options{Select: []string{"HPY302"}})
	if len(res.Diagnostics) != 1 {
		t.Fatalf("diagnostics = %+v", res.Diagnostics)
	}
	var got []string
	for _, r := range res.Diagnostics[0].Related {
		line := res.Project.Lines(r.Location.Path).Line(r.Location.Span.Start) + 1
		got = append(got, fmt.Sprintf("%s:%d %s", r.Location.Path, line, r.Message))
	}
	want := []string{
		"src/module.c:6 create_impl runs during import: the create slot of HPyDef_SLOT(create, HPy_mod_create)",
		"src/module.c:8 create_impl calls prepare_module",
		"src/prepare.c:18 prepare_module calls load_helpers",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("related:\n got  %q\n want %q", got, want)
	}
}
