// Package shellcmd reads shell command lines the way a POSIX shell splits
// them into words, keeping where each word is written, and finds the HPy
// ABI a build command asks for. Build configs run shell commands in many
// places (Makefile recipes, tox.ini, CI workflow steps, scripts); no
// grammar for them is available here, so this small reader is tested on
// its own.
package shellcmd

import "github.com/hpyproject/hpylint/analysis/source"

// Word is one shell word after quote removal, or an operator that
// separates commands (; && || | & newline).
type Word struct {
	Value string
	Op    bool
	Span  source.Span
}

// Split splits a script into words. offset is where text starts in its
// file, so spans are file offsets. Comments (# at a word's start) are
// skipped; $VAR and $(...) stay in the word as written.
func Split(text string, offset int) []Word {
	var out []Word
	var cur []byte
	start, inWord := 0, false
	flush := func(end int) {
		if inWord {
			out = append(out, Word{Value: string(cur), Span: source.Span{Start: offset + start, End: offset + end}})
		}
		cur, inWord = cur[:0], false
	}
	begin := func(i int) {
		if !inWord {
			start, inWord = i, true
		}
	}
	for i := 0; i < len(text); i++ {
		c := text[i]
		switch {
		case c == '\\' && i+1 < len(text):
			if text[i+1] == '\n' { // line continuation
				i++
				continue
			}
			begin(i)
			cur = append(cur, text[i+1])
			i++
		case c == '\'':
			begin(i)
			j := i + 1
			for j < len(text) && text[j] != '\'' {
				j++
			}
			cur = append(cur, text[i+1:min(j, len(text))]...)
			i = j
		case c == '"':
			begin(i)
			j := i + 1
			for ; j < len(text) && text[j] != '"'; j++ {
				if text[j] == '\\' && j+1 < len(text) && (text[j+1] == '"' || text[j+1] == '\\' || text[j+1] == '$' || text[j+1] == '`') {
					j++
				}
				cur = append(cur, text[j])
			}
			i = j
		case c == '#' && !inWord:
			for i < len(text) && text[i] != '\n' {
				i++
			}
			i--
		case c == ' ' || c == '\t' || c == '\r':
			flush(i)
		case c == '\n' || c == ';' || c == '|' || c == '&' || c == '(' || c == ')':
			flush(i)
			end := i + 1
			if (c == '|' || c == '&') && i+1 < len(text) && text[i+1] == c {
				end++
			}
			out = append(out, Word{Value: text[i:end], Op: true, Span: source.Span{Start: offset + i, End: offset + end}})
			i = end - 1
		default:
			begin(i)
			cur = append(cur, c)
		}
	}
	flush(len(text))
	return out
}

// Commands splits words at operators into simple commands.
func Commands(words []Word) [][]Word {
	return CommandsOf(words, func(w Word) bool { return w.Op })
}

// CommandsOf splits any word list at the words isOp says are operators
// (the Makefile reader keeps richer words of its own).
func CommandsOf[W any](words []W, isOp func(W) bool) [][]W {
	var out [][]W
	var cur []W
	for _, w := range words {
		if isOp(w) {
			if len(cur) > 0 {
				out = append(out, cur)
			}
			cur = nil
			continue
		}
		cur = append(cur, w)
	}
	if len(cur) > 0 {
		out = append(out, cur)
	}
	return out
}
