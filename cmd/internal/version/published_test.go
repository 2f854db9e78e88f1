package version

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// The VS Code extension is published with the same number, under the
// licence at the repository's root.
func TestExtensionCarriesTheNumberAndLicence(t *testing.T) {
	dir := filepath.Join(moduleRoot, "editors", "vscode")
	var pkg struct{ Version, License string }
	readJSON(t, filepath.Join(dir, "package.json"), &pkg)
	if pkg.Version != Number || pkg.License != "MIT" {
		t.Errorf("package.json: version %q, license %q; want %q, MIT", pkg.Version, pkg.License, Number)
	}
	var lock struct {
		Version  string
		Packages map[string]struct{ Version, License string }
	}
	readJSON(t, filepath.Join(dir, "package-lock.json"), &lock)
	if root := lock.Packages[""]; lock.Version != Number || root.Version != Number || root.License != "MIT" {
		t.Errorf("package-lock.json: version %q, root package %+v; want %q, MIT (npm install updates it)", lock.Version, root, Number)
	}
	licence, err := os.ReadFile(filepath.Join(moduleRoot, "LICENSE"))
	if err != nil || !strings.HasPrefix(string(licence), "MIT License\n") {
		t.Errorf("LICENSE: %v; want the MIT licence", err)
	}
}

// installExample is a version the README's install examples name: a
// module or action ref, a pre-commit rev, a pip requirement, a wheel's
// file name, or --version's output.
var installExample = regexp.MustCompile(`(?:hpylint[^\s@]*@v|rev: v|hpylint==|hpylint-|hpylint )(\d+\.\d+\.\d+[^\s"'` + "`" + `-]*)`)

func TestReadmeInstallsTheNumber(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join(moduleRoot, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	found := installExample.FindAllSubmatch(readme, -1)
	if len(found) == 0 {
		t.Fatal("the README names no version to install: the pattern is out of date")
	}
	for _, m := range found {
		if string(m[1]) != Number {
			t.Errorf("README: %s names %s, not %s", m[0], m[1], Number)
		}
	}
}

func readJSON(t *testing.T, path string, v any) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}
