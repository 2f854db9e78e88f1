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
