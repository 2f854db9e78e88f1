package rules

import (
	"strings"

	"github.com/hpyproject/hpylint/analysis/diag"
)

// The HPY5xx rules check built artifacts (`hpylint audit`); their checks
// live in package audit, not in a Run: Run is nil, as for the findings the
// engine makes, and the lint never reports them.

// IsAuditRule reports whether r is one of them: its tests are audits of
// binaries and wheels (analysis/audit), not source projects.
func IsAuditRule(r *Rule) bool { return strings.HasPrefix(r.Code, "HPY5") }

var UnreadableArtifact = register(&Rule{
	Code:     "HPY501",
	Name:     "unreadable-artifact",
	Severity: diag.Warning,
	Summary:  "A shared library or wheel that `hpylint audit` cannot read",
	Doc: Doc{
		What: "Reports, in `hpylint audit`, a file named like a shared library (`.so`, `.pyd`, `.dylib`) that is not an ELF, Mach-O or PE file (a linker script, a text file), a damaged or truncated binary, a wheel that is not a readable zip archive or has no `.dist-info/WHEEL` file, and a wheel member larger than the audit's limit (256 MiB, checked both against the size the archive claims and while it is read) or damaged (its CRC does not match). The rest of the run goes on.",
		Why:  "Nothing in such a file was checked: the audit must not pass silently over it. A truncated or damaged binary also fails at import, with a loader error that names neither the cause nor the file's origin.",
		Example: "dist/pkg-1.0-py3-none-linux_x86_64.whl!/pkg/_mod.hpy0.so: HPY501 [warning] damaged ELF file: unexpected EOF\n" +
			"build/_mod.so: HPY501 [warning] not an ELF, Mach-O or PE file, so not a shared library",
		Fix: "Rebuild the artifact; remove stray files named `.so`; for a wheel, build it with a standard backend (setuptools, `pip wheel`, `python -m build`).",
	},
})
