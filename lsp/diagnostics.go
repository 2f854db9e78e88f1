package lsp

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"time"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/hpyproject/hpylint/analysis/diag"
	"github.com/hpyproject/hpylint/analysis/rules"
	"github.com/hpyproject/hpylint/analysis/textpos"
)

// diagnosticSource names hpylint in every diagnostic, so editors that merge
// several servers' findings (clangd's, say) can tell them apart.
const diagnosticSource = "hpylint"

// tagsByCode marks findings editors render specially: an unused
// suppression fades out like dead code, the 0.0.4 HPy_MODINIT form is struck
// through like a deprecated API.
var tagsByCode = map[string]protocol.DiagnosticTag{
	rules.UnusedSuppression.Code: protocol.DiagnosticTagUnnecessary,
	"HPY108":                     protocol.DiagnosticTagDeprecated,
}

// shown decides whether a finding is published: the details of a summary
// (each place an HPY209 counts) only in open files, where a porter works
// place by place; the summary, as every other finding, everywhere.
func shown(d diag.Diagnostic, open bool) bool { return d.DetailOf == "" || open }

// severityOf is a finding's severity in the editor: a detail of a summary
// is information, since the summary is the finding.
func severityOf(d diag.Diagnostic) protocol.DiagnosticSeverity {
	if d.DetailOf != "" {
		return protocol.DiagnosticSeverityInformation
	}
	return severity(d.Severity)
}

func severity(s diag.Severity) protocol.DiagnosticSeverity {
	switch s {
	case diag.Error:
		return protocol.DiagnosticSeverityError
	case diag.Warning:
		return protocol.DiagnosticSeverityWarning
	}
	return protocol.DiagnosticSeverityInformation
}

// convert renders one finding in LSP terms: positions in the negotiated
// encoding, code with a link to its documentation, and the related places
// a rule gave (the steps of an include chain, the calls from the init
// function, the other definition of a duplicate).
func (o *outcome) convert(d diag.Diagnostic, enc textpos.Encoding, tags []protocol.DiagnosticTag) protocol.Diagnostic {
	pd := protocol.Diagnostic{
		Range:           toRange(o.lines(d.Location.Path), d.Location.Span, enc),
		Severity:        severityOf(d),
		Code:            protocol.String(d.Code),
		CodeDescription: protocol.CodeDescription{Href: uri.URI(rules.DocsURL)},
		Source:          protocol.NewOptional(diagnosticSource),
		Message:         protocol.String(d.Message),
	}
	if t, ok := tagsByCode[d.Code]; ok && slices.Contains(tags, t) {
		pd.Tags = protocol.NewDiagnosticTags(t)
	}
	for _, r := range shownRelated(d.Related) {
		pd.RelatedInformation = append(pd.RelatedInformation, protocol.DiagnosticRelatedInformation{
			Location: protocol.Location{
				URI:   o.uriFor(o.folder.abs(r.Location.Path)),
				Range: toRange(o.lines(r.Location.Path), r.Location.Span, enc),
			},
			Message: r.Message,
		})
	}
	if more := len(d.Related) - maxRelated; more > 0 {
		pd.RelatedInformation = append(pd.RelatedInformation, protocol.DiagnosticRelatedInformation{
			Location: protocol.Location{URI: o.uriFor(o.folder.abs(d.Location.Path)), Range: pd.Range},
			Message:  fmt.Sprintf("and %d more places, not listed here (hpylint --format json lists every one)", more),
		})
	}
	return pd
}

// maxRelated bounds the related places an editor gets with one finding:
// an extension's HPY209 has one per CPython reference (numpy's, 11,562),
// which no editor can show, and which would be sent again whenever an edit
// moves one.
const maxRelated = 50

// shownRelated are the related places an editor gets.
func shownRelated(rs []diag.Related) []diag.Related { return rs[:min(len(rs), maxRelated)] }

// fileDiagnostics renders the findings of one file (absolute path), and a
// key that changes exactly when they do.
func (s *Server) fileDiagnostics(o *outcome, abs string) ([]protocol.Diagnostic, string) {
	ds, _, key := s.encodedDiagnostics(o, abs)
	return ds, key
}

// encodedDiagnostics is fileDiagnostics with the diagnostics' JSON, which
// the key is made from and a publication sends as it is.
func (s *Server) encodedDiagnostics(o *outcome, abs string) ([]protocol.Diagnostic, []byte, string) {
	s.mu.Lock()
	enc, tags := s.enc, s.caps.tags
	s.mu.Unlock()
	out := []protocol.Diagnostic{}
	for _, d := range o.diags[abs] {
		out = append(out, o.convert(d, enc, tags))
	}
	raw, err := s.diagJSON.encode(out)
	if err != nil {
		s.log.Error("encoding diagnostics", "err", err)
	}
	sum := sha256.Sum256(raw)
	return out, raw, hex.EncodeToString(sum[:12])
}

// published is what was last sent for a file: the key of the engine's
// findings with the contents they point into (equal keys convert to equal
// LSP diagnostics, so most files are skipped without converting), and the
// key of the LSP diagnostics themselves.
type published struct {
	engine, lsp string
	// keyed are the file's findings and keys the last run that published
	// the folder worked out, which the next takes while they hold.
	keyed keyedFindings
}

// publish pushes the findings of a run, for open and unopened files, and
// skips files whose findings did not change; sent is how many lists it
// sent. In pull mode it asks the client to pull again instead.
func (s *Server) publish(o *outcome) (sent int) {
	s.mu.Lock()
	pull, refresh := s.caps.pullDiagnostics, s.caps.diagnosticRefresh
	s.mu.Unlock()
	if pull {
		if refresh {
			go func() { _ = s.client.DiagnosticRefresh(s.ctx) }()
		}
		return 0
	}
	f := o.folder
	var paths []string
	for p := range o.diags {
		paths = append(paths, p)
	}
	for p := range f.published {
		if _, ok := o.diags[p]; !ok {
			paths = append(paths, p)
		}
	}
	sortOpenFirst(paths, o.versions)
	for _, p := range paths {
		if s.superseded(o) {
			return sent // a newer run will publish
		}
		last := f.published[p]
		keyed := o.keyFindings(p, last.keyed)
		keys, rests, ekey := keyed.keys, keyed.rests, keyed.whole
		if last.engine == ekey {
			// An equal key is a published entry's: keep its keys current.
			last.keyed = keyed
			f.published[p] = last
			continue
		}
		var version *int32
		if v, ok := o.versions[p]; ok {
			version = &v
		}
		lead, err := diagnosticsLead(s.publishBuf[:0], o.uriFor(p), version)
		if err != nil {
			s.log.Warn("publishDiagnostics", "err", err)
			return sent
		}
		msg, n := s.encodedFindings(o, p, keys, rests, lead)
		msg = append(msg, '}') // the params' close: msg is the whole of them
		s.keepPublishBuf(msg)
		key := keyOf(msg[len(lead) : len(msg)-1]).String()
		if last.lsp == key {
			f.published[p] = published{ekey, key, keyed}
			continue
		}
		if s.superseded(o) {
			return sent
		}
		if err := s.sendDiagnostics(msg); err != nil {
			s.log.Warn("publishDiagnostics", "err", err)
			return sent
		}
		sent++
		if n == 0 {
			delete(f.published, p)
		} else {
			f.published[p] = published{ekey, key, keyed}
		}
	}
	return sent
}

// superseded tells whether a newer run of o's folder has begun: what is
// left of o's publication is that run's to send.
func (s *Server) superseded(o *outcome) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return o.folder.gen != o.gen
}

// sortOpenFirst orders a publication's files: the open buffers first, then
// the others, each by path. The user is looking at an open buffer; a build
// config that relates places in it (HPY209 relates an extension's every
// CPython reference) changes with the same key, and its list, which LSP
// sends whole, is often the larger. A run superseded partway publishes no
// further, so while keys keep coming those files wait for the run after
// the last.
func sortOpenFirst(paths []string, open map[string]int32) {
	// Whether a path is open is asked once a path, not twice a
	// comparison: a workspace of 1,600 files with findings spent 1.5 ms
	// of a key sorting them.
	k := 0
	for i, p := range paths {
		if _, ok := open[p]; ok {
			paths[i], paths[k] = paths[k], paths[i]
			k++
		}
	}
	slices.Sort(paths[:k])
	slices.Sort(paths[k:])
}

// Diagnostic answers a pull for one document.
func (s *Server) Diagnostic(ctx context.Context, p *protocol.DocumentDiagnosticParams) (protocol.DocumentDiagnosticReport, error) {
	path := fsPath(p.TextDocument.URI)
	o, err := s.outcomeFor(ctx, path)
	if err != nil {
		return nil, err
	}
	var ds []protocol.Diagnostic
	key := "none"
	if o != nil {
		ds, key = s.fileDiagnostics(o, path)
	}
	if p.PreviousResultID != nil && *p.PreviousResultID == key {
		return &protocol.RelatedUnchangedDocumentDiagnosticReport{UnchangedDocumentDiagnosticReport: protocol.UnchangedDocumentDiagnosticReport{
			Kind: string(protocol.DocumentDiagnosticReportKindUnchanged), ResultID: key,
		}}, nil
	}
	if ds == nil {
		ds = []protocol.Diagnostic{}
	}
	return &protocol.RelatedFullDocumentDiagnosticReport{FullDocumentDiagnosticReport: protocol.FullDocumentDiagnosticReport{
		Kind: string(protocol.DocumentDiagnosticReportKindFull), ResultID: &key, Items: ds,
	}}, nil
}

// DiagnosticWorkspace answers a pull for every file of every folder,
// unopened ones included, reporting files whose findings did not change
// since the client's previous result as unchanged.
func (s *Server) DiagnosticWorkspace(ctx context.Context, p *protocol.WorkspaceDiagnosticParams) (*protocol.WorkspaceDiagnosticReport, error) {
	previous := map[string]string{}
	for _, r := range p.PreviousResultIds {
		previous[fsPath(r.URI)] = r.Value
	}
	s.mu.Lock()
	folders := append([]*folder(nil), s.folders...)
	s.mu.Unlock()
	report := &protocol.WorkspaceDiagnosticReport{Items: []protocol.WorkspaceDocumentDiagnosticReport{}}
	deadline := time.Now().Add(s.answerWithin)
	for _, f := range folders {
		o, err := s.currentBy(ctx, f, deadline)
		if err != nil {
			return nil, err
		}
		if o == nil {
			continue
		}
		var paths []string
		for path := range o.diags {
			paths = append(paths, path)
		}
		for path := range previous {
			if _, ok := o.diags[path]; !ok && f.contains(path) {
				paths = append(paths, path)
			}
		}
		sort.Strings(paths)
		for _, path := range paths {
			ds, key := s.fileDiagnostics(o, path)
			var version *int32
			if v, ok := o.versions[path]; ok {
				version = &v
			}
			if previous[path] == key {
				report.Items = append(report.Items, &protocol.WorkspaceUnchangedDocumentDiagnosticReport{
					UnchangedDocumentDiagnosticReport: protocol.UnchangedDocumentDiagnosticReport{Kind: string(protocol.DocumentDiagnosticReportKindUnchanged), ResultID: key},
					URI:                               o.uriFor(path), Version: version,
				})
				continue
			}
			report.Items = append(report.Items, &protocol.WorkspaceFullDocumentDiagnosticReport{
				FullDocumentDiagnosticReport: protocol.FullDocumentDiagnosticReport{Kind: string(protocol.DocumentDiagnosticReportKindFull), ResultID: &key, Items: ds},
				URI:                          o.uriFor(path), Version: version,
			})
		}
	}
	return report, nil
}

// outcomeFor is the current analysis of the folder that owns path; nil
// when no folder does (a file outside the workspace that is not open).
func (s *Server) outcomeFor(ctx context.Context, path string) (*outcome, error) {
	return s.outcomeBy(ctx, path, time.Now().Add(s.answerWithin))
}

// outcomeBy is outcomeFor with the bound given as a deadline, for a
// request that has more to wait for afterwards (a fix-all).
func (s *Server) outcomeBy(ctx context.Context, path string, deadline time.Time) (*outcome, error) {
	s.mu.Lock()
	f := s.ownerLocked(path)
	s.mu.Unlock()
	if f == nil {
		return nil, nil
	}
	return s.currentBy(ctx, f, deadline)
}

// diagnosticsLead is the opening of a publishDiagnostics notification's
// params, up to its diagnostics. The params are written by hand, around
// the diagnostics encoded once for their key: encoding/json would read
// them through again to check and compact them. The diagnostics are
// encoded after the opening, in one buffer, and sent with '}': numpy-hpy's
// open file encodes to hundreds of kilobytes, which copying into a
// message cost a fifth of what a key allocated.
func diagnosticsLead(into []byte, u uri.URI, version *int32) ([]byte, error) {
	quoted, err := json.Marshal(u)
	if err != nil {
		return nil, err
	}
	lead := append(append(into, `{"uri":`...), quoted...)
	if version != nil {
		lead = append(append(lead, `,"version":`...), strconv.Itoa(int(*version))...)
	}
	return append(lead, `,"diagnostics":`...), nil
}

// keepPublishBuf keeps the storage of a publication for the next, which
// the worker (publish's only caller) writes into: numpy-hpy's open file
// made a new buffer of 700 KB on every key. The connection copies a
// message before Notify returns. A buffer larger than maxPublishBuf is
// let go, so one large file does not hold its size for the session.
func (s *Server) keepPublishBuf(b []byte) {
	if cap(b) > maxPublishBuf {
		b = nil
	}
	s.publishBuf = b[:0]
}

const maxPublishBuf = 2 << 20

// sendDiagnostics sends a publishDiagnostics notification with params,
// already encoded.
func (s *Server) sendDiagnostics(params []byte) error {
	return s.conn.Notify(s.ctx, protocol.MethodTextDocumentPublishDiagnostics, jsonrpc2.RawMessage(params))
}
