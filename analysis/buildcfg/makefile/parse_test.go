package makefile

import (
	"strings"
	"testing"
)

func topKinds(n *node) string {
	var k []string
	for _, c := range n.children {
		k = append(k, c.kind)
	}
	return strings.Join(k, " ")
}

func TestParseRecovery(t *testing.T) {
	tests := []struct {
		name, src string
		kinds     string
		problems  int
	}{
		{"clean", "X = 1\nall: a.so\n\techo $(X)\n", "variable_assignment rule", 0},
		{"parens in a value", "X = python3 -c \"print(1)\"\nY = a(b)\nZ = 1\n", "variable_assignment variable_assignment variable_assignment", 0},
		{"parens in shell function", "INC := $(shell $(PY) -c \"import hpy.devel as d; print(d.get_include())\")\nall: m.so\n", "variable_assignment rule", 0},
		{"parens in shell assignment", "INC != python3 -c 'print(1)'\nX = 2\n", "shell_assignment variable_assignment", 0},
		{"parens in a recipe function", "all:\n\techo $(shell echo (x))\n\techo done\nX = 1\n", "rule variable_assignment", 0},
		{"ifeq keeps its parens", "ifeq ($(shell python3 -c 'print(1)'),1)\nX = 1\nendif\n", "conditional", 0},
		{"broken line is skipped", "X = 1\n\t\tfoo: : = ( ]\nall: m.so\nY = 2\n", "", -1},
		{"continued line", "X = a \\\n  (b) \\\n  c\nY = 2\n", "variable_assignment variable_assignment", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root, problems := parse([]byte(tt.src))
			if tt.kinds != "" && topKinds(root) != tt.kinds {
				t.Errorf("kinds = %s, want %s", topKinds(root), tt.kinds)
			}
			if tt.problems >= 0 && len(problems) != tt.problems {
				t.Errorf("problems = %+v", problems)
			}
			if tt.problems < 0 && len(problems) == 0 {
				t.Errorf("want problems, kinds %s", topKinds(root))
			}
		})
	}
}
