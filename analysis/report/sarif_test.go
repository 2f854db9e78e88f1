package report

import (
	"bytes"
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hpyproject/hpylint/analysis"
	"github.com/hpyproject/hpylint/analysis/rules"
	"github.com/hpyproject/hpylint/analysis/workspace"
)

// sarifSchemaPath is ../shared/schemas beside the repository root.
var sarifSchemaPath = filepath.Join("..", "..", "..", "shared", "schemas", "sarif-2.1.0.json")

func sarifOf(t *testing.T, f fixture, repo Repo) []byte {
	t.Helper()
	var buf bytes.Buffer
	err := SARIF(&buf, f.diagnostics(), SARIFOptions{Version: "1.2.3", Repo: repo, Lines: f.lines, Content: f.content})
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestSARIFValidatesAgainstSchema(t *testing.T) {
	schema := loadSchema(t, sarifSchemaPath)
	f := newFixture()
	for _, repo := range []Repo{{Root: "/repo", Prefix: "proj"}, {}, {Root: "C:/work/repo"}} {
		out := sarifOf(t, f, repo)
		if errs := schema.Validate(out); len(errs) > 0 {
			t.Errorf("repo %+v: SARIF output violates the schema:\n%s\n%s", repo, strings.Join(errs, "\n"), out)
		}
	}
	// No findings is a valid log too.
	var buf bytes.Buffer
	SARIF(&buf, nil, SARIFOptions{Lines: f.lines})
	if errs := schema.Validate(buf.Bytes()); len(errs) > 0 {
		t.Errorf("empty log: %s", strings.Join(errs, "\n"))
	}
	if !strings.Contains(buf.String(), `"results": []`) {
		t.Errorf("an empty run must still say it has no results:\n%s", buf.String())
	}
}

// The validator must reject what the schema rejects, or the test above
// proves nothing.
func TestSchemaValidatorRejects(t *testing.T) {
	schema := loadSchema(t, sarifSchemaPath)
	good := string(sarifOf(t, newFixture(), Repo{Root: "/repo"}))
	cases := []struct{ name, from, to, want string }{
		{"missing version", `"version": "2.1.0",`, ``, `lacks required property "version"`},
		{"bad version", `"version": "2.1.0"`, `"version": "2.0"`, `is not one of`},
		{"line 0", `"startLine": 2`, `"startLine": 0`, `out of range`},
		{"string line", `"startLine": 2`, `"startLine": "2"`, `want integer`},
		{"fractional line", `"startLine": 2`, `"startLine": 2.5`, `want integer`},
		{"unknown property", `"ruleId": "HPY102",`, `"ruleId": "HPY102", "severity": "high",`, `property "severity" is not allowed`},
		{"bad level", `"level": "note"`, `"level": "info"`, `is not one of`},
		{"bad columnKind", `"columnKind": "utf16CodeUnits"`, `"columnKind": "utf16"`, `is not one of`},
		{"relative informationUri", `"informationUri": "https://github.com/hpyproject/hpylint"`, `"informationUri": "hpylint"`, `not an absolute URI`},
		{"message without text", `"text": "outside the repository"`, `"markdown": "x"`, `matches none of anyOf`},
		{"duplicate tags", `"hpy",`, `"hpy", "hpy",`, `not unique`},
	}
	for _, c := range cases {
		if !strings.Contains(good, c.from) {
			t.Fatalf("%s: %q not in the log", c.name, c.from)
		}
		bad := strings.Replace(good, c.from, c.to, 1)
		errs := strings.Join(schema.Validate([]byte(bad)), "\n")
		if !strings.Contains(errs, c.want) {
			t.Errorf("%s: want an error containing %q, got:\n%s", c.name, c.want, errs)
		}
	}
}

func TestSARIFContent(t *testing.T) {
	f := newFixture()
	out := sarifOf(t, f, Repo{Root: "/repo", Prefix: "proj"})
	var log SARIFLog
	if err := json.Unmarshal(out, &log); err != nil {
		t.Fatal(err)
	}
	if log.Version != "2.1.0" || len(log.Runs) != 1 {
		t.Fatalf("log: %+v", log)
	}
	run := log.Runs[0]
	if run.ColumnKind != "utf16CodeUnits" || run.OriginalURIBaseIDs["%SRCROOT%"].URI != "file:///repo/" {
		t.Errorf("run: columnKind %q, originalUriBaseIds %+v", run.ColumnKind, run.OriginalURIBaseIDs)
	}
	d := run.Tool.Driver
	if d.Name != "hpylint" || d.Version != "1.2.3" || d.InformationURI == "" {
		t.Errorf("driver: %+v", d)
	}
	all := rules.All()
	if len(d.Rules) != len(all) {
		t.Fatalf("%d rules in the driver, %d registered", len(d.Rules), len(all))
	}
	for i, r := range all {
		sr := d.Rules[i]
		if sr.ID != r.Code || sr.Name != r.Name || sr.ShortDescription.Text != r.Summary || sr.HelpURI != rules.DocsURL ||
			sr.DefaultConfiguration.Level != sarifLevel(r.Severity) || sr.FullDescription.Text == "" {
			t.Errorf("rule %d: %+v", i, sr)
		}
		if r.Doc.Why != "" && (!strings.Contains(sr.Help.Text, r.Doc.Why) || !strings.Contains(sr.Help.Markdown, "## Why it matters")) {
			t.Errorf("rule %s: help lacks the documentation: %+v", r.Code, sr.Help)
		}
	}

	if len(run.Results) != 4 {
		t.Fatalf("%d results", len(run.Results))
	}
	r := run.Results[0]
	if r.RuleID != "HPY102" || r.Level != "error" || r.RuleIndex == nil || d.Rules[*r.RuleIndex].ID != "HPY102" {
		t.Errorf("result: %+v", r)
	}
	loc := r.Locations[0].PhysicalLocation
	// "/* π 😀 */ " is 10 characters but 11 UTF-16 code units.
	if loc.ArtifactLocation != (SARIFArtifactLoc{URI: "proj/src/mod.c", URIBaseID: "%SRCROOT%"}) ||
		loc.Region != (SARIFRegion{StartLine: 2, StartColumn: 24, EndLine: 2, EndColumn: 27}) {
		t.Errorf("location: %+v", loc)
	}
	if len(r.RelatedLocations) != 1 || *r.RelatedLocations[0].ID != 1 || r.RelatedLocations[0].Message.Text != "the extension is declared here" ||
		r.RelatedLocations[0].PhysicalLocation.ArtifactLocation.URI != "proj/setup.py" ||
		r.RelatedLocations[0].PhysicalLocation.Region.StartLine != 2 {
		t.Errorf("related: %+v", r.RelatedLocations)
	}
	if len(r.Fixes) != 1 || r.Fixes[0].Description.Text != "Rename to _mod" {
		t.Fatalf("fixes: %+v", r.Fixes)
	}
	ch := r.Fixes[0].ArtifactChanges[0]
	if ch.ArtifactLocation.URI != "proj/src/mod.c" || ch.Replacements[0].InsertedContent.Text != "_mod" ||
		ch.Replacements[0].DeletedRegion != loc.Region {
		t.Errorf("fix: %+v", ch)
	}
	if fp := r.PartialFingerprints[SARIFFingerprint]; len(fp) != 34 || !strings.HasSuffix(fp, ":1") {
		t.Errorf("fingerprint %q", fp)
	}

	odd := run.Results[1].Locations[0].PhysicalLocation.ArtifactLocation
	if odd.URI != "proj/odd%20dir/a,b:c.c" || run.Results[1].Level != "warning" || run.Results[2].Level != "note" {
		t.Errorf("odd path %+v, levels %s %s", odd, run.Results[1].Level, run.Results[2].Level)
	}
	out2 := run.Results[3].Locations[0].PhysicalLocation.ArtifactLocation
	if out2 != (SARIFArtifactLoc{URI: "outside/lib.c", URIBaseID: "%SRCROOT%"}) {
		t.Errorf("file above the working directory but inside the repository: %+v", out2)
	}
	// Outside the repository root entirely: an absolute URI, no base.
	outside := sarifOf(t, f, Repo{Root: "/repo"})
	if !strings.Contains(string(outside), `"uri": "file:///outside/lib.c"`) {
		t.Errorf("file outside the repository is not an absolute URI:\n%s", outside)
	}
}

// A fingerprint survives lines inserted above the finding and a change of
// indentation; it changes with the rule, the file or the line's text, and
// identical lines get distinct fingerprints.
func TestSARIFFingerprintsAreStable(t *testing.T) {
	fingerprints := func(f fixture) []string {
		var log SARIFLog
		json.Unmarshal(sarifOf(t, f, Repo{Root: "/r"}), &log)
		var out []string
		for _, r := range log.Runs[0].Results {
			out = append(out, r.PartialFingerprints[SARIFFingerprint])
		}
		return out
	}
	base := newFixture()
	before := fingerprints(base)

	moved := newFixture()
	moved["src/mod.c"] = "// a new comment\n\n" + strings.Replace(moved["src/mod.c"], "/* π", "    /*   π", 1)
	if after := fingerprints(moved); after[0] != before[0] {
		t.Errorf("fingerprint changed when lines moved: %s → %s", before[0], after[0])
	}

	changed := newFixture()
	changed["src/mod.c"] = strings.Replace(changed["src/mod.c"], "moduledef", "other_def", 1)
	if after := fingerprints(changed); after[0] == before[0] {
		t.Error("fingerprint did not change with the line's text")
	}

	seen := map[string]bool{}
	for _, fp := range before {
		if seen[fp] {
			t.Errorf("duplicate fingerprint %s", fp)
		}
		seen[fp] = true
	}

	// Two identical findings on identical lines: same hash, distinct counts.
	f := newFixture()
	f["src/mod.c"] += "/* π 😀 */ HPy_MODINIT(bad, moduledef)\n"
	d := f.diagnostics()[:1]
	second := d[0]
	second.Location = f.at("src/mod.c", "bad", 1)
	var buf bytes.Buffer
	SARIF(&buf, append(d, second), SARIFOptions{Lines: f.lines, Content: f.content})
	var log SARIFLog
	json.Unmarshal(buf.Bytes(), &log)
	a, b := log.Runs[0].Results[0].PartialFingerprints[SARIFFingerprint], log.Runs[0].Results[1].PartialFingerprints[SARIFFingerprint]
	if a == b || a[:32] != b[:32] || !strings.HasSuffix(b, ":2") {
		t.Errorf("identical lines: %s %s", a, b)
	}
}

// Every golden project of the rules, analysed for real, gives a valid log:
// all the rules' messages, fixes (including new files) and related
// locations.
func TestSARIFOfRealProjectsValidates(t *testing.T) {
	schema := loadSchema(t, sarifSchemaPath)
	for _, dir := range []string{"rules", "sample", "cli"} {
		root, _ := filepath.Abs(filepath.Join("..", "..", "testdata", dir))
		snap, errs := workspace.Load(root, []string{"."}, nil)
		if len(errs) > 0 {
			t.Fatal(errs)
		}
		res := analysis.Run(context.Background(), snap, analysis.Options{})
		content := func(p string) []byte {
			if f := snap.File(p); f != nil {
				return f.Content
			}
			return nil
		}
		var buf bytes.Buffer
		err := SARIF(&buf, res.Diagnostics, SARIFOptions{Version: "0", Repo: Repo{Root: filepath.ToSlash(root)}, Lines: res.Project.Lines, Content: content})
		if err != nil {
			t.Fatal(err)
		}
		if errs := schema.Validate(buf.Bytes()); len(errs) > 0 {
			t.Errorf("testdata/%s: %d schema violations, first: %s", dir, len(errs), strings.Join(errs[:min(len(errs), 10)], "\n"))
		}
		var log SARIFLog
		json.Unmarshal(buf.Bytes(), &log)
		related, fixes := 0, 0
		fps := map[string]bool{}
		for _, r := range log.Runs[0].Results {
			related += len(r.RelatedLocations)
			fixes += len(r.Fixes)
			fp := r.PartialFingerprints[SARIFFingerprint]
			if fps[fp] {
				t.Errorf("testdata/%s: fingerprint %s repeats", dir, fp)
			}
			fps[fp] = true
		}
		t.Logf("testdata/%s: %d results, %d related locations, %d fixes", dir, len(log.Runs[0].Results), related, fixes)
		if len(log.Runs[0].Results) != len(res.Diagnostics) || dir == "rules" && (related == 0 || fixes == 0) {
			t.Errorf("testdata/%s: %d results for %d diagnostics, %d related locations, %d fixes", dir, len(log.Runs[0].Results), len(res.Diagnostics), related, fixes)
		}
	}
}
