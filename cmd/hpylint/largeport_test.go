package main

import (
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/hpyproject/hpylint/analysis/report"
)

// The first run on a large port whose ABI depends on the interpreter says
// the important thing first: one HPY209 per extension that still has
// CPython code, every place as a related location (JSON and SARIF), and a
// text report short enough to read whole.
func TestLargeInterpreterDependentPort(t *testing.T) {
	const seed = 12
	port := generateLargePort(seed, 10)
	if n := port.total(); n < 300 {
		t.Fatalf("the generator made only %d places; the test wants several hundred", n)
	}
	dir := t.TempDir()
	port.write(t, dir)
	ciEnv(t, "", dir)

	// JSON: one HPY209 per extension with places, listing exactly them.
	stdout, stderr, _ := hpylint(t, dir, "--format", "json")
	doc := decode(t, stdout)
	if stderr != "" {
		t.Errorf("stderr: %s", stderr)
	}
	got := map[string][]string{}
	for _, d := range doc.Diagnostics {
		if d.Code != "HPY209" {
			continue
		}
		ext := extensionOf(t, d.Message)
		if got[ext] != nil {
			t.Errorf("a second HPY209 for %s", ext)
		}
		got[ext] = []string{}
		for _, r := range d.Related {
			got[ext] = append(got[ext], fmt.Sprintf("%s:%d:%d", r.Path, r.Line, r.Column))
		}
	}
	comparePlaces(t, "json", port, got)

	// SARIF: the same places as relatedLocations.
	stdout, _, _ = hpylint(t, dir, "--format", "sarif")
	var log report.SARIFLog
	if err := json.Unmarshal([]byte(stdout), &log); err != nil {
		t.Fatalf("sarif: %v", err)
	}
	got = map[string][]string{}
	for _, r := range log.Runs[0].Results {
		if r.RuleID != "HPY209" {
			continue
		}
		ext := extensionOf(t, r.Message.Text)
		got[ext] = []string{}
		for _, rl := range r.RelatedLocations {
			reg := rl.PhysicalLocation.Region
			got[ext] = append(got[ext], fmt.Sprintf("%s:%d:%d", rl.PhysicalLocation.ArtifactLocation.URI, reg.StartLine, reg.StartColumn))
		}
	}
	comparePlaces(t, "sarif", port, got)

	// Text: every finding printed, the closing line counting them, at most 30.
	stdout, _, _ = hpylint(t, dir)
	headers := regexp.MustCompile(`(?m)^\S+:\d+:\d+: HPY\d{3} \[(error|warning|info)\]`).FindAllString(stdout, -1)
	m := regexp.MustCompile(`Found (\d+) diagnostics? `).FindStringSubmatch(stdout)
	if m == nil {
		t.Fatalf("no summary line:\n%s", short(stdout))
	}
	total, _ := strconv.Atoi(m[1])
	if total != len(headers) || total > 30 {
		t.Errorf("text report: %d findings printed, the summary says %d; want all of them, at most 30:\n%s", len(headers), total, short(stdout))
	}
	if n := strings.Count(stdout, " HPY209 [warning]"); n != len(port.places) {
		t.Errorf("text report: %d HPY209, want %d", n, len(port.places))
	}
}

// extensionOf reads the extension an HPY209 message is about.
func extensionOf(t *testing.T, msg string) string {
	t.Helper()
	name, _, ok := strings.Cut(msg, " cannot build on PyPy/GraalPy until ")
	if !ok {
		t.Fatalf("unexpected HPY209 message %q", msg)
	}
	return name
}

func comparePlaces(t *testing.T, format string, port *largePort, got map[string][]string) {
	t.Helper()
	for _, ext := range port.exts {
		want := slices.Clone(port.places[ext])
		slices.Sort(want)
		have := slices.Clone(got[ext])
		slices.Sort(have)
		if len(want) == 0 && got[ext] != nil {
			t.Errorf("%s: HPY209 for %s, which has nothing to port", format, ext)
		}
		if len(want) > 0 && got[ext] == nil {
			t.Errorf("%s: no HPY209 for %s (%d places)", format, ext, len(want))
			continue
		}
		if !slices.Equal(want, have) {
			t.Errorf("%s: %s related locations differ\n missing: %v\n extra:   %v", format, ext, minus(want, have), minus(have, want))
		}
	}
}

func minus(a, b []string) []string {
	var out []string
	for _, x := range a {
		if !slices.Contains(b, x) {
			out = append(out, x)
		}
	}
	return out
}
