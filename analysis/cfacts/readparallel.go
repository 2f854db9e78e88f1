package cfacts

import (
	"bytes"
	"sync"
	"sync/atomic"

	sitter "github.com/tree-sitter/go-tree-sitter"

	"github.com/hpyproject/hpylint/analysis/source"
)

// Reading facts from a tree is many short cgo calls on one core, and a key
// that reads a large region waits for all of them: an Enter that cuts a
// continued #define in numpy-hpy's module init reads its 15 KB function
// again (a third of such a key, the rest its fresh parse). The bytes to
// read are cut in two halves, each read by a goroutine of its own with a
// query cursor and a copy of the trees of its own (a tree is read by one
// thread at a time). A half keeps the facts that start in it, as a
// region's read keeps those that start in the region, so the two halves
// give the facts one read gives.

// parallelReadMin is the fewest bytes read in two halves: below it, the
// second goroutine costs more than it saves. Tests lower it.
var parallelReadMin = 4 << 10

// readsInHalves counts the reads made in two halves, for tests.
var readsInHalves atomic.Int64

// readJob is the part of a segment to read, within (inclusive, as
// readSegment takes it), or all of it when within is nil.
type readJob struct {
	s      segment
	within *source.Span
}

func (j readJob) span() source.Span {
	if j.within == nil {
		return j.s.span
	}
	return source.Span{Start: max(j.within.Start, j.s.span.Start), End: min(j.within.End+1, j.s.span.End)}
}

// readJobs appends to facts what reading each job with readSegment
// appends, in the jobs' order, reading the two halves of the bytes on two
// goroutines when there are enough of them. Read in halves, a job keeps
// only the facts that start within it: those outside a region are not
// the region's, and a splice drops them anyway.
func (g *grammar) readJobs(facts *Facts, qc *sitter.QueryCursor, jobs []readJob, src []byte, candidates []source.Span) {
	first, second := splitJobs(jobs, src)
	if len(second) == 0 {
		for _, j := range first {
			g.readSegment(facts, qc, j.s, src, candidates, j.within)
		}
		return
	}
	readsInHalves.Add(1)
	other := &Facts{}
	var wg sync.WaitGroup
	wg.Go(func() {
		qc := sitter.NewQueryCursor()
		defer qc.Close()
		for _, j := range second {
			tree := j.s.tree.Clone()
			s := j.s
			s.tree = tree
			g.readClipped(other, qc, s, src, candidates, j.within)
			tree.Close()
		}
	})
	for _, j := range first {
		g.readClipped(facts, qc, j.s, src, candidates, j.within)
	}
	wg.Wait()
	appendFacts(facts, other)
}

// readClipped is readSegment, keeping only the facts that start within
// (all of them when within is nil).
func (g *grammar) readClipped(facts *Facts, qc *sitter.QueryCursor, s segment, src []byte, candidates []source.Span, within *source.Span) {
	if within == nil {
		g.readSegment(facts, qc, s, src, candidates, nil)
		return
	}
	read := &Facts{}
	g.readSegment(read, qc, s, src, candidates, within)
	clipFacts(read, *within)
	appendFacts(facts, read)
}

// splitJobs cuts jobs in two runs of about as many bytes each, cutting
// the job at the middle in two at a line start; second is empty when the
// jobs are too few bytes to be worth it, or cannot be cut.
func splitJobs(jobs []readJob, src []byte) (first, second []readJob) {
	total := 0
	for _, j := range jobs {
		sp := j.span()
		total += max(0, sp.End-sp.Start)
	}
	if total < parallelReadMin {
		return jobs, nil
	}
	half := total / 2
	seen := 0
	for i, j := range jobs {
		sp := j.span()
		n := max(0, sp.End-sp.Start)
		if seen+n <= half {
			seen += n
			continue
		}
		// The job holding the middle: cut at the line start nearest to it.
		mid := sp.Start + (half - seen)
		cut := bytes.IndexByte(src[mid:sp.End], '\n')
		if cut < 0 {
			if i == 0 {
				return jobs, nil
			}
			return jobs[:i], jobs[i:]
		}
		cut += mid + 1
		if cut >= sp.End {
			return jobs[:i+1], jobs[i+1:]
		}
		a, b := source.Span{Start: sp.Start, End: cut - 1}, source.Span{Start: cut, End: sp.End - 1}
		first = append(append(first, jobs[:i]...), readJob{j.s, &a})
		second = append(append(second, readJob{j.s, &b}), jobs[i+1:]...)
		return first, second
	}
	return jobs, nil
}

// clipFacts keeps the facts of f that start within r, ends included, as
// spliceFacts takes them.
func clipFacts(f *Facts, r source.Span) {
	in := func(off int) bool { return off >= r.Start && off <= r.End }
	f.Variables = keepStarting(f.Variables, variableSplice.start, in)
	f.Functions = keepStarting(f.Functions, functionSplice.start, in)
	f.Includes = keepStarting(f.Includes, includeSplice.start, in)
	f.Defines = keepStarting(f.Defines, defineSplice.start, in)
	f.Comments = keepStarting(f.Comments, commentSplice.start, in)
	f.Calls = keepStarting(f.Calls, callSplice.start, in)
	f.Refs = keepStarting(f.Refs, refSplice.start, in)
	f.Typedefs = keepStarting(f.Typedefs, typedefSplice.start, in)
	f.Conditionals = keepStarting(f.Conditionals, conditionalSplice.start, in)
	f.Assigns = keepStarting(f.Assigns, assignSplice.start, in)
	f.ModuleSlots = keepStarting(f.ModuleSlots, moduleSlotSplice.start, in)
	f.StatementMacros = keepStarting(f.StatementMacros, statementMacroSplice.start, in)
	f.MethodCalls = keepStarting(f.MethodCalls, methodCallSplice.start, in)
	f.ThreadObjects = keepStarting(f.ThreadObjects, threadObjectSplice.start, in)
}

func keepStarting[T any](s []T, start func(*T) int, in func(int) bool) []T {
	out := s[:0]
	for i := range s {
		if in(start(&s[i])) {
			out = append(out, s[i])
		}
	}
	return out
}

// appendFacts appends the lists readSegment fills of src to dst's.
func appendFacts(dst, src *Facts) {
	dst.Variables = append(dst.Variables, src.Variables...)
	dst.Functions = append(dst.Functions, src.Functions...)
	dst.Includes = append(dst.Includes, src.Includes...)
	dst.Defines = append(dst.Defines, src.Defines...)
	dst.Comments = append(dst.Comments, src.Comments...)
	dst.Calls = append(dst.Calls, src.Calls...)
	dst.Refs = append(dst.Refs, src.Refs...)
	dst.Typedefs = append(dst.Typedefs, src.Typedefs...)
	dst.Conditionals = append(dst.Conditionals, src.Conditionals...)
	dst.Assigns = append(dst.Assigns, src.Assigns...)
	dst.ModuleSlots = append(dst.ModuleSlots, src.ModuleSlots...)
	dst.StatementMacros = append(dst.StatementMacros, src.StatementMacros...)
	dst.MethodCalls = append(dst.MethodCalls, src.MethodCalls...)
	dst.ThreadObjects = append(dst.ThreadObjects, src.ThreadObjects...)
}
