package model

import "bytes"

// Signals are the tests the model makes of a C file's whole text rather
// than of its facts. An edit that changes none of them, and moves the
// file's facts without changing them, changes nothing the model
// concludes from the file.
type Signals struct{ NeedsFacts, HPyCode bool }

// SignalsOf makes the model's text tests of content.
func SignalsOf(content []byte) Signals {
	return Signals{NeedsFacts: mentionsHPyOrEntrypoint(content), HPyCode: isHPyCode(content)}
}

// signalWords are the words the text tests look for.
var signalWords = []string{"HPy", "PyInit_", "HPy_MODINIT", "hpy.h"}

// SameSignals reports whether old and next, where bytes [start, oldEnd)
// of old became [start, newEnd) of next, give the same Signals. Only
// the words that overlap the edit can differ, so a large file is not read
// through when each word occurs as often near the edit before as after.
func SameSignals(old, next []byte, start, oldEnd, newEnd int) bool {
	near := func(text []byte, end int, w string) int {
		lo, hi := max(0, start-len(w)+1), min(len(text), end+len(w)-1)
		return bytes.Count(text[lo:hi], []byte(w))
	}
	for _, w := range signalWords {
		if near(old, oldEnd, w) != near(next, newEnd, w) {
			return SignalsOf(old) == SignalsOf(next)
		}
	}
	return true
}
