package makefile

// commands splits a recipe line's words at shell operators.
func commands(words []word) [][]word {
	var out [][]word
	var cur []word
	for _, w := range words {
		if w.op {
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
