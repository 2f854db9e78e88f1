package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/hpyproject/hpylint/analysis/diag"
	"github.com/hpyproject/hpylint/analysis/source"
	"github.com/hpyproject/hpylint/analysis/textpos"
)

// A finding about a whole binary (hpylint audit) has no region in SARIF,
// still validates, and two findings of one rule on one file keep apart
// fingerprints that do not depend on their order.
func TestSARIFWithoutRegion(t *testing.T) {
	whole := "dist/x.whl!/pkg/_mod.hpy0.so"
	ds := []diag.Diagnostic{
		{Code: "HPY502", Name: "cpython-symbol-in-universal-binary", Severity: diag.Error, Location: source.Location{Path: whole}, Message: "PyLong_FromLong: ..."},
		{Code: "HPY502", Name: "cpython-symbol-in-universal-binary", Severity: diag.Error, Location: source.Location{Path: whole}, Message: "Py_BuildValue: ..."},
	}
	opts := SARIFOptions{
		Repo:     Repo{Root: "/repo"},
		Lines:    func(string) *textpos.Index { return textpos.New(nil) },
		NoRegion: func(p string) bool { return p == whole },
	}
	var buf bytes.Buffer
	if err := SARIF(&buf, ds, opts); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(buf.String(), `"region"`) {
		t.Errorf("a whole-file finding has a region:\n%s", buf.String())
	}
	if errs := loadSchema(t, sarifSchemaPath).Validate(buf.Bytes()); len(errs) > 0 {
		t.Errorf("schema: %s", strings.Join(errs, "\n"))
	}
	log := ToSARIF(ds, opts)
	swapped := ToSARIF([]diag.Diagnostic{ds[1], ds[0]}, opts)
	a, b := log.Runs[0].Results, swapped.Runs[0].Results
	if a[0].PartialFingerprints[SARIFFingerprint] == a[1].PartialFingerprints[SARIFFingerprint] ||
		a[0].PartialFingerprints[SARIFFingerprint] != b[1].PartialFingerprints[SARIFFingerprint] {
		t.Errorf("fingerprints %v / %v: want distinct, independent of order", a, b)
	}
	// Without NoRegion the same location has its line-1 region, as before.
	opts.NoRegion = nil
	if r := ToSARIF(ds, opts).Runs[0].Results[0].Locations[0].PhysicalLocation.Region; r != (SARIFRegion{StartLine: 1, StartColumn: 1, EndLine: 1, EndColumn: 1}) {
		t.Errorf("region %+v", r)
	}
}
