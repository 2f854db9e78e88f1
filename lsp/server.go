package lsp

import (
	"context"
	"io"
	"log/slog"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"

	"github.com/hpyproject/hpylint/analysis"
	"github.com/hpyproject/hpylint/analysis/source"
	"github.com/hpyproject/hpylint/analysis/textpos"
)

// AnswerWithin is the longest a request waits for an analysis to catch up
// with the client's edits before it is answered from an earlier one.
const AnswerWithin = 2 * time.Second

// Options configure a server.
type Options struct {
	Version string
	// Log receives the server's own log (nil discards it).
	Log *slog.Logger
	// Debounce, when positive, is a fixed delay after the last edit
	// before a run; negative means no delay; zero lets the delay follow
	// what runs cost (debounce.go). The client's "debounce" setting
	// (milliseconds) wins over both.
	Debounce time.Duration
}

type phase int

const (
	phaseNew phase = iota
	phaseRunning
	phaseShutdown
)

// Server is one client's session. Notifications are handled in wire order
// on the connection's read loop; requests run concurrently; analysis runs
// on one worker goroutine (scheduler.go). mu guards everything below it.
type Server struct {
	protocol.UnimplementedServer

	opts Options
	log  *slog.Logger
	ctx  context.Context
	// diagJSON encodes publications, remembering what repeats (diagjson.go).
	diagJSON diagJSON
	// findingJSON remembers each finding's encoding (findingjson.go).
	findingJSON findingJSON
	// publishBuf is the storage of the last publication, for the next
	// (keepPublishBuf); only the worker, in publish, uses it.
	publishBuf []byte
	conn       jsonrpc2.Conn
	client     protocol.Client
	cache      *analysis.FactsCache
	// run is the analysis entry point; tests replace it to inject panics
	// or to hold a run while edits arrive.
	run func(ctx context.Context, snap *source.Snapshot, opts analysis.Options) *analysis.Result

	exited     chan struct{}
	exitOnce   sync.Once
	parentPoll time.Duration // how often the editor's process is checked

	mu       sync.Mutex
	phase    phase
	caps     clientCaps
	enc      textpos.Encoding
	docs     map[string]*document // by absolute path
	folders  []*folder
	settings clientSettings // initializationOptions, didChangeConfiguration, unscoped pulls
	trace    protocol.TraceValue
	// Scheduling (scheduler.go).
	wake       chan struct{}
	lastChange time.Time
	clock      clock                 // tests make time a fake one
	costs      map[*folder]*runCosts // what each folder's recent runs cost
	urgent     bool
	// idling is set while idle work is under way (idleWork), which
	// idleRunning counts.
	idling      atomic.Bool
	idleRunning sync.WaitGroup
	cancelRun   context.CancelFunc // cancels the run in progress, of folder running
	running     *folder
	stage       string // what the run in progress is doing, since stageSince
	stageSince  time.Time
	// answerWithin bounds how long a request waits for an analysis
	// (scheduler.go's current); tests shorten it.
	answerWithin time.Duration
	// stall, when set, is called as a run enters each stage; tests make it
	// block, as a read of a file that never ends would.
	stall func(stage string)
	// collect runs a garbage collection (runtime.GC): once a folder's first
	// run is done, before it is published (scheduler.go). Tests record it.
	collect    func()
	configured chan struct{} // closed once the first configuration pull is answered
	// Messages already shown, so each failure reaches the user once.
	shown map[string]bool
}

// New makes a server; Serve runs it.
func New(opts Options) *Server {
	log := opts.Log
	if log == nil {
		log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	s := &Server{
		opts:         opts,
		log:          log,
		ctx:          context.Background(),
		cache:        analysis.NewFactsCache(),
		run:          analysis.Run,
		exited:       make(chan struct{}),
		parentPoll:   5 * time.Second,
		answerWithin: AnswerWithin,
		enc:          textpos.UTF16,
		docs:         map[string]*document{},
		wake:         make(chan struct{}, 1),
		clock:        wallClock{},
		collect:      runtime.GC,
		costs:        map[*folder]*runCosts{},
		configured:   make(chan struct{}),
		shown:        map[string]bool{},
		trace:        protocol.TraceValueOff,
	}
	return s
}

// closeDocuments frees the parsers of the buffers still open at exit.
func (s *Server) closeDocuments() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, d := range s.docs {
		d.close()
	}
	s.docs = map[string]*document{}
}
