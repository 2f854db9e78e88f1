package lsp

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"go.lsp.dev/protocol"

	"github.com/hpyproject/hpylint/analysis"
	"github.com/hpyproject/hpylint/analysis/config"
	"github.com/hpyproject/hpylint/analysis/rules"
	"github.com/hpyproject/hpylint/analysis/source"
)

// Settings come from three places. The client sends the keys of
// [tool.hpylint] (select, ignore, severity, exclude, abi), flat or under an
// "hpylint" key, in initializationOptions, workspace/didChangeConfiguration
// or answers to workspace/configuration (section "hpylint", per folder).
// The project's own hpylint.toml or [tool.hpylint] wins for every key both
// set: the project's settings are what its CI runs with.

// clientOnlyKeys are settings for the server or the editor extension, not
// for the analysis; editors put them in the same section.
var clientOnlyKeys = []string{"debounce", "trace", "server", "enable"}

// clientSettings is one validated settings object from the client.
type clientSettings struct {
	cfg      *config.Config // the valid part; nil when nothing was sent
	err      error
	debounce *time.Duration
}

// parseSettings reads settings sent as raw JSON; null or absent is "none".
func parseSettings(raw protocol.LSPAny) clientSettings {
	if len(raw) == 0 || string(raw) == "null" {
		return clientSettings{}
	}
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		return clientSettings{err: fmt.Errorf("hpylint settings: %v", err)}
	}
	m, ok := v.(map[string]any)
	if !ok {
		return clientSettings{err: fmt.Errorf("hpylint settings: expected an object, got %s", raw)}
	}
	return settingsFromMap(m)
}

func settingsFromMap(m map[string]any) clientSettings {
	if inner, ok := m["hpylint"].(map[string]any); ok {
		m = inner
	}
	var cs clientSettings
	rest := map[string]any{}
	for k, v := range m {
		if !slices.Contains(clientOnlyKeys, k) {
			rest[k] = v
		}
	}
	var debounceErr error
	if ms, ok := m["debounce"].(float64); ok && ms >= 0 && ms <= maxDebounceMS {
		d := time.Duration(ms * float64(time.Millisecond))
		cs.debounce = &d
	} else if v, set := m["debounce"]; set && v != nil {
		shown, _ := json.Marshal(v)
		debounceErr = fmt.Errorf("hpylint settings: debounce: expected milliseconds from 0 to %d, got %s", maxDebounceMS, shown)
	}
	cfg, err := config.FromMap(rest, rules.KnownSelector)
	cs.cfg = cfg
	cs.err = errors.Join(debounceErr, err)
	return cs
}

// maxDebounceMS bounds the "debounce" setting: a longer pause would read as
// a server that stopped reporting.
const maxDebounceMS = 10000

// effective is what one run uses, merged from the project's config and
// the client's settings.
type effective struct {
	opts       analysis.Options
	exclude    func(rel string) bool
	excludeKey string // changes when a walk must be redone
}

// merge gives every key the project's value when the project sets it, else
// the client's. Exclude globs are relative to the file that sets them, or
// to the folder root for the client's.
func merge(root string, project, client *config.Config) effective {
	pick := func(key string) *config.Config {
		if project != nil {
			if _, ok := project.Spans[key]; ok {
				return project
			}
		}
		if client != nil {
			if _, ok := client.Spans[key]; ok {
				return client
			}
		}
		return nil
	}
	var e effective
	if c := pick("select"); c != nil {
		e.opts.Select = c.Select
	}
	if c := pick("ignore"); c != nil {
		e.opts.Ignore = c.Ignore
	}
	if c := pick("severity"); c != nil {
		e.opts.Severity = c.Severity
	}
	if c := pick("abi"); c != nil {
		e.opts.ABI, e.opts.ABIFrom = c.ABI, c.ABISource()
	}
	e.exclude = func(string) bool { return false }
	if c := pick("exclude"); c != nil && len(c.Exclude) > 0 {
		base := root
		if c == project {
			base = filepath.Dir(project.Path)
		}
		e.excludeKey = base + "\x00" + strings.Join(c.Exclude, "\x00")
		e.exclude = func(rel string) bool {
			r, err := filepath.Rel(base, filepath.Join(root, filepath.FromSlash(rel)))
			if err != nil || strings.HasPrefix(r, "..") {
				return false
			}
			return c.Excluded(filepath.ToSlash(r))
		}
	}
	return e
}

// projectConfig finds the project's settings as the CLI does: the nearest
// hpylint.toml from root upwards, else the nearest pyproject.toml with a
// [tool.hpylint] table. Unsaved buffers count (read through overlay).
func projectConfig(root string, overlay func(abs string) ([]byte, bool)) (*config.Config, error) {
	// A config that is there but cannot be read (a FIFO, no permission) is
	// an error, as in the CLI: its settings silently missing would lie.
	var unread error
	read := func(p string) ([]byte, bool) {
		if c, ok := overlay(p); ok {
			return c, true
		}
		c, err := source.ReadRegular(p) // never a FIFO: it would stall every request
		if err != nil && !source.Absent(err) {
			unread = fmt.Errorf("%s: %w", p, err)
		}
		return c, err == nil
	}
	for dir := root; ; {
		if content, ok := read(filepath.Join(dir, "hpylint.toml")); ok {
			return config.FromFile(filepath.Join(dir, "hpylint.toml"), content, rules.KnownSelector)
		}
		if unread != nil {
			return nil, unread
		}
		if content, ok := read(filepath.Join(dir, "pyproject.toml")); ok {
			cfg, found, err := config.FromPyproject(filepath.Join(dir, "pyproject.toml"), content, rules.KnownSelector)
			if found || err != nil {
				return cfg, err
			}
		}
		if unread != nil {
			return nil, unread
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return nil, nil
		}
		dir = parent
	}
}

// pullConfiguration asks the client for the "hpylint" section, once for
// the whole session and once per workspace folder.
func (s *Server) pullConfiguration() {
	section := "hpylint"
	s.mu.Lock()
	items := []protocol.ConfigurationItem{{Section: &section}}
	var folders []*folder
	for _, f := range s.folders {
		if !f.implicit && !f.removed {
			u := f.uri
			items = append(items, protocol.ConfigurationItem{ScopeURI: &u, Section: &section})
			folders = append(folders, f)
		}
	}
	s.mu.Unlock()
	res, err := s.client.Configuration(s.ctx, &protocol.ConfigurationParams{Items: items})
	if err != nil {
		s.log.Warn("workspace/configuration failed", "err", err)
		return
	}
	parsed := make([]clientSettings, len(res))
	for i, raw := range res {
		parsed[i] = parseSettings(raw)
	}
	s.mu.Lock()
	if len(parsed) > 0 && (parsed[0].cfg != nil || parsed[0].err != nil) {
		s.settings = parsed[0]
	}
	for i, f := range folders {
		if i+1 < len(parsed) && (parsed[i+1].cfg != nil || parsed[i+1].err != nil) {
			cs := parsed[i+1]
			f.settings = &cs
		}
	}
	s.changedAllLocked(false)
	s.mu.Unlock()
	for _, p := range parsed {
		s.reportSettingsProblems(p)
	}
}

func (s *Server) DidChangeConfiguration(ctx context.Context, p *protocol.DidChangeConfigurationParams) error {
	pushed := clientSettings{}
	// Some clients announce a change with an empty object and expect a
	// pull; that must not wipe the settings given at initialize.
	if raw := strings.TrimSpace(string(p.Settings)); raw != "{}" {
		pushed = parseSettings(p.Settings)
	}
	s.mu.Lock()
	caps := s.caps
	if pushed.cfg != nil || pushed.err != nil {
		s.settings = pushed
	}
	s.changedAllLocked(false)
	s.mu.Unlock()
	s.reportSettingsProblems(pushed)
	if caps.configuration {
		// VS Code-style clients send an empty notification and expect a pull.
		go s.pullConfiguration()
	}
	return nil
}

// settingsForLocked are the client settings that apply to a folder.
func (s *Server) settingsForLocked(f *folder) clientSettings {
	if f.settings != nil {
		return *f.settings
	}
	return s.settings
}

func (s *Server) reportSettingsProblems(cs clientSettings) {
	if cs.err != nil {
		s.showOnce(protocol.MessageTypeWarning, "hpylint: invalid settings (the valid ones still apply):\n"+cs.err.Error())
	}
}

// debounceLocked is the delay before a run after the last change: the
// client's "debounce" setting, else Options.Debounce, else what the recent
// runs of the folders waiting for one cost (debounce.go).
func (s *Server) debounceLocked() time.Duration {
	if d := s.settings.debounce; d != nil {
		return *d
	}
	if s.opts.Debounce < 0 {
		return 0
	}
	if s.opts.Debounce > 0 {
		return s.opts.Debounce
	}
	var d time.Duration
	for _, f := range s.folders {
		if c := s.costs[f]; c != nil && f.gen != f.doneGen {
			d = max(d, adaptiveDebounce.delay(c))
		}
	}
	return d
}
