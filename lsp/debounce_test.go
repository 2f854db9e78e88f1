package lsp

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"
)

// D14: a debounce outside 0..10000 ms is refused with a message naming the
// setting; the other settings of the same object still apply, and the
// server keeps its default delay (diagnostics still come).
func TestDebounceBounded(t *testing.T) {
	root := project(t, "speedups")
	cFile := uri.File(filepath.Join(root, "src", "speedups.c"))
	warned := func(c *client, what string) {
		c.t.Helper()
		c.waitFor("a warning naming debounce ("+what+")", func() bool {
			for _, m := range c.messages {
				if m.Type == protocol.MessageTypeWarning && strings.Contains(m.Message, "debounce") && strings.Contains(m.Message, what) {
					return true
				}
			}
			return false
		})
	}
	for _, bad := range []string{"10000000", "10001", "-1", `"50"`, "true", "[50]"} {
		t.Run("initializationOptions "+bad, func(t *testing.T) {
			c := start(t, setup{caps: pushCaps(), folders: []string{root}, initOpts: fmt.Sprintf(`{"hpylint": {"debounce": %s, "ignore": ["HPY102"]}}`, bad)})
			warned(c, bad)
			c.waitDiags(cFile, "published without HPY102", lacksCode("HPY102"))
		})
	}
	t.Run("didChangeConfiguration", func(t *testing.T) {
		c := start(t, setup{caps: pushCaps(), folders: []string{root}})
		c.waitDiags(cFile, "HPY105 published", hasCode("HPY105"))
		c.notify(protocol.MethodWorkspaceDidChangeConfiguration, &protocol.DidChangeConfigurationParams{Settings: protocol.LSPAny(`{"hpylint": {"debounce": 1e9, "ignore": ["HPY105"]}}`)})
		warned(c, "got 1000000000")
		c.waitDiags(cFile, "HPY105 gone", lacksCode("HPY105"))
	})
	t.Run("bounds", func(t *testing.T) {
		for _, tc := range []struct {
			ms   float64
			want time.Duration
			ok   bool
		}{{0, 0, true}, {10000, 10 * time.Second, true}, {2.5, 2500 * time.Microsecond, true}, {10000.5, 0, false}, {-0.5, 0, false}} {
			cs := settingsFromMap(map[string]any{"debounce": tc.ms})
			if tc.ok != (cs.err == nil) || tc.ok != (cs.debounce != nil) || (tc.ok && *cs.debounce != tc.want) {
				t.Errorf("debounce %v: got %v, %v", tc.ms, cs.debounce, cs.err)
			}
		}
	})
}
