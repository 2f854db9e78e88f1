package main

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"sort"
	"time"
)

// summarise fills the percentiles of the edits' latencies.
func summarise(res *result) {
	if len(res.latencies) == 0 {
		return
	}
	sorted := append([]time.Duration(nil), res.latencies...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i] < sorted[j] })
	res.FirstMS = ms(res.latencies[0])
	res.P50MS = ms(percentile(sorted, 0.50))
	res.P95MS = ms(percentile(sorted, 0.95))
	res.P99MS = ms(percentile(sorted, 0.99))
	res.MaxMS = ms(sorted[len(sorted)-1])
}

// percentile is the nearest-rank percentile of sorted values: the
// smallest value at least a fraction q of them do not exceed.
func percentile(sorted []time.Duration, q float64) time.Duration {
	rank := int(math.Ceil(q * float64(len(sorted))))
	if rank < 1 {
		rank = 1
	}
	return sorted[rank-1]
}

func printText(w io.Writer, res *result) {
	fmt.Fprintf(w, "server:     %s\n", res.Server)
	fmt.Fprintf(w, "file:       %s (%d bytes) in workspace %s\n", res.File, res.Bytes, res.Workspace)
	how := "at one line"
	if res.Spread {
		how = fmt.Sprintf("spread (seed %d)", res.Seed)
	}
	if res.Upto > 0 {
		how += fmt.Sprintf(" in lines 1 to %d (-upto %d)", res.Upto, res.Upto)
	}
	fmt.Fprintf(w, "edits:      %d %s keys %s, %s sync\n", res.Edits, res.Key, how, res.Sync)
	if res.FixFirst != "" {
		fmt.Fprintf(w, "fix first:  %s, %q: answered in %.1f ms, the fixed text published %.1f ms after its didChange\n", res.FixFirst, res.FixTitle, res.FixAnswerMS, res.FixPublishMS)
	}
	fmt.Fprintf(w, "open:       %.1f ms from didOpen to the first publication\n", res.OpenMS)
	if res.BurstMS > 0 {
		fmt.Fprintf(w, "burst:      one edit every %.0f ms; %.1f ms from the last edit to the publication of the final text (%d publications during the burst)\n",
			res.BurstMS, res.BurstLastMS, res.BurstPublished)
		if res.Requests > 0 {
			fmt.Fprintf(w, "requests:   %d %s requests, one after each key: p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms\n",
				res.Requests, res.Request, res.RequestP50MS, res.RequestP95MS, res.RequestP99MS, res.RequestMaxMS)
		}
	} else {
		fmt.Fprintf(w, "edit:       didChange to publishDiagnostics of its version, %d of %d published: p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms (first edit %.1f ms)\n",
			res.Published, res.Edits, res.P50MS, res.P95MS, res.P99MS, res.MaxMS, res.FirstMS)
	}
	if res.PeakRSSKB != nil {
		fmt.Fprintf(w, "peak RSS:   %.1f MB (VmHWM of the server process before shutdown)\n", float64(*res.PeakRSSKB)/1024)
	} else {
		fmt.Fprintf(w, "peak RSS:   n/a\n")
	}
}

func printJSON(w io.Writer, res *result) error {
	line, err := json.Marshal(res)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(w, "%s\n", line)
	return err
}
