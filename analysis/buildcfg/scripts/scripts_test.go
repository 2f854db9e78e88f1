package scripts

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/hpyproject/hpylint/analysis/buildcfg"
)

func read(t *testing.T, name string, fn func(string, []byte) *buildcfg.File) ([]string, *buildcfg.File) {
	t.Helper()
	content, err := os.ReadFile(filepath.Join("..", "..", "..", "testdata", "buildcfg", "scripts", name))
	if err != nil {
		t.Fatal(err)
	}
	f := fn(name, content)
	var got []string
	for _, s := range f.ABI {
		if s.Text != string(content[s.Span.Start:s.Span.End]) {
			t.Errorf("%s: text %q does not match its span %q", name, s.Text, content[s.Span.Start:s.Span.End])
		}
		varies := ""
		if s.Varies {
			varies = "?"
		}
		got = append(got, string(s.ABI)+varies+" "+s.Text+" @"+s.Target)
	}
	return got, f
}

func TestShellScript(t *testing.T) {
	got, _ := read(t, "build.sh", ReadShell)
	want := []string{"universal --hpy-abi=universal @.", "hybrid hpy-abi=hybrid @.", `cpython --config-settings="--build-option=--hpy-abi=cpython" @.`}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %q\nwant %q", got, want)
	}
}

// A build command's choice belongs to the project it builds: the setup.py
// it runs, the directory pip is given, after the shell's cd and pushd.
// Choices whose project is not known are not evidence at all.
func TestShellScriptTargets(t *testing.T) {
	got, _ := read(t, "targets.sh", ReadShell)
	want := []string{
		"universal --hpy-abi=universal @docs/example",
		"hybrid --hpy-abi=hybrid @tools/bench",
		"universal hpy-abi=universal @bench",
		"cpython --hpy-abi=cpython @.",
		"universal --hpy-abi=universal @lib/ext",
		"hybrid --config-settings=--build-option=--hpy-abi=hybrid @lib",
		`universal? --hpy-abi="$ABI" @proof`,
		// function bodies start over from where the script starts
		"hybrid --hpy-abi=hybrid @examples/one",
		"universal --hpy-abi=universal @examples/two",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %q\nwant %q", got, want)
	}
}

func TestTox(t *testing.T) {
	got, _ := read(t, "tox.ini", ReadTox)
	if want := []string{"universal universal @."}; !reflect.DeepEqual(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestWorkflow(t *testing.T) {
	got, _ := read(t, "ci.yml", ReadWorkflow)
	want := []string{"universal --hpy-abi=universal @.", "hybrid --hpy-abi=hybrid @sub", "cpython hpy-abi=cpython @.",
		// a step's working-directory, before or after its run:; one given
		// by an expression places nothing
		"universal hpy-abi=universal @bench", `hybrid --config-settings="--build-option=--hpy-abi=hybrid" @tools/ext`}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %q\nwant %q", got, want)
	}
}

// A workflow's commands run from the checkout: the directory holding
// .github/workflows/, wherever the project lies in the analysed tree.
func TestWorkflowRoot(t *testing.T) {
	content, err := os.ReadFile(filepath.Join("..", "..", "..", "testdata", "buildcfg", "scripts", "ci.yml"))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range ReadWorkflow("../proj/.github/workflows/ci.yml", content).ABI {
		got = append(got, s.Target)
	}
	if want := []string{"../proj", "../proj/sub", "../proj", "../proj/bench", "../proj/tools/ext"}; !reflect.DeepEqual(got, want) {
		t.Errorf("targets %q, want %q", got, want)
	}
}
