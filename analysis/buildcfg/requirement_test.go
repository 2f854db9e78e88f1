package buildcfg

import "testing"

func TestRequirementName(t *testing.T) {
	for in, want := range map[string]string{
		"hpy":                                 "hpy",
		" HPy>=0.9 ":                          "hpy",
		"HPy[dev]>=0.9; python_version>'3'":   "hpy",
		"Zope.Interface":                      "zope-interface",
		"setuptools_scm>=8":                   "setuptools-scm",
		"hpy @ https://example.invalid/x.whl": "hpy",
		"https://example.invalid/x.whl":       "https",
		"":                                    "",
	} {
		if got := RequirementName(in); got != want {
			t.Errorf("RequirementName(%q) = %q, want %q", in, got, want)
		}
	}
}
