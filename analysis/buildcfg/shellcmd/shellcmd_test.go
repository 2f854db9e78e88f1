package shellcmd

import (
	"reflect"
	"testing"
)

func TestSplitQuotesOperatorsComments(t *testing.T) {
	text := `CC=gcc python3 'set up.py' "--x=a b" esc\ aped && pip install .; # gone --hpy-abi=x` + "\nnext \\\nline"
	var got []string
	for _, w := range Split(text, 100) {
		if !w.Op && text[w.Span.Start-100:w.Span.End-100] == "" {
			t.Errorf("empty span for %q", w.Value)
		}
		got = append(got, w.Value)
	}
	want := []string{"CC=gcc", "python3", "set up.py", "--x=a b", "esc aped", "&&", "pip", "install", ".", ";", "\n", "next", "line"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("words = %q\nwant    %q", got, want)
	}
	if n := len(Commands(Split(text, 0))); n != 3 {
		t.Errorf("commands = %d, want 3", n)
	}
}

func TestABI(t *testing.T) {
	cases := map[string][]Hit{
		"python setup.py --hpy-abi=universal build_ext":                       {{"universal", 2}},
		"python3 setup.py --hpy-abi hybrid bdist_wheel":                       {{"hybrid", 3}},
		"pip wheel . -C hpy-abi=universal":                                    {{"universal", 4}},
		"pip3.11 install -Chpy_abi=cpython .":                                 {{"cpython", 2}},
		"python -m build --config-setting=--build-option=--hpy-abi=universal": {{"universal", 3}},
		"pip install --global-option=--hpy-abi=hybrid .":                      {{"hybrid", 2}},
		"echo --hpy-abi=universal":                                            nil,
		"pip install --hpy-abi=universal":                                     nil,
	}
	for cmd, want := range cases {
		var values []string
		for _, w := range Split(cmd, 0) {
			values = append(values, w.Value)
		}
		if got := ABI(values); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: got %v, want %v", cmd, got, want)
		}
	}
}

func TestTarget(t *testing.T) {
	cases := map[string]string{
		"python setup.py --hpy-abi=universal build_ext":                 ".",
		"python3 docs/x/setup.py --hpy-abi=hybrid install":              "docs/x",
		"pip install . -C hpy-abi=universal":                            ".",
		"pip install -e ./microbench --no-deps -C hpy-abi=universal":    "microbench",
		"python -m pip install --editable=sub/ -C hpy-abi=universal":    "sub",
		"pip wheel -w dist ./lib -r requirements/dev.txt":               "lib",
		"python -m build --wheel":                                       ".",
		"python -m build pkg --config-setting=--hpy-abi=universal":      "pkg",
		"pip install ./a ./b":                                           "",
		"pip install $PKG":                                              "",
		"pip install hpy pytest":                                        "",
		"python /abs/setup.py build":                                    "",
		"pip install dist/pkg-1.0.whl":                                  "",
		"pip uninstall ./x":                                             "",
		"python $SRC/setup.py build":                                    "",
		"pip install git+https://github.com/x/y.git -C hpy-abi=cpython": "",
	}
	for cmd, want := range cases {
		var values []string
		for _, w := range Split(cmd, 0) {
			values = append(values, w.Value)
		}
		got, ok := Target(values)
		if !ok {
			got = ""
		}
		if got != want {
			t.Errorf("%s: target %q, want %q", cmd, got, want)
		}
	}
}

func TestCwd(t *testing.T) {
	c := NewCwd()
	for _, step := range [][]string{{"cd", "a/b"}, {"pushd", "c"}, {"make"}} {
		c.Step(step)
	}
	if d, _ := c.Resolve("root", "."); d != "root/a/b/c" {
		t.Errorf("after cd, pushd: %q", d)
	}
	c.Step([]string{"popd"})
	c.Step([]string{"cd", ".."})
	if d, _ := c.Resolve(".", "x"); d != "a/x" {
		t.Errorf("after popd, cd ..: %q", d)
	}
	c.Step([]string{"cd", "$DIR"})
	if _, ok := c.Resolve(".", "."); ok {
		t.Error("cd $DIR should make the directory unknown")
	}
	if d, _ := NewCwd().Resolve("../proj/sub", "../bench"); d != "../proj/bench" {
		t.Errorf("a project reached through ..: %q", d)
	}
}
