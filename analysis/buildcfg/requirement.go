package buildcfg

import "strings"

// RequirementName returns the distribution a PEP 508 requirement names,
// normalised as PEP 503 does ("HPy_Dev[x]>=1; python_version>'3'" gives
// "hpy-dev"), or "" for entries that name none (URLs, blanks). Every
// reader uses it, so "hpy" is found however a file spells it.
func RequirementName(req string) string {
	req = strings.TrimSpace(req)
	end := 0
	for end < len(req) && isNameByte(req[end]) {
		end++
	}
	var b strings.Builder
	pendingSep := false
	for _, c := range strings.ToLower(req[:end]) {
		if c == '-' || c == '_' || c == '.' {
			pendingSep = b.Len() > 0
			continue
		}
		if pendingSep {
			b.WriteByte('-')
			pendingSep = false
		}
		b.WriteRune(c)
	}
	return b.String()
}

func isNameByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.'
}
