package rules

import "github.com/hpyproject/hpylint/analysis/diag"

// Findings the engine makes itself, outside any rule's Run: they still need
// a code, a name and docs.

var UnusedSuppression = register(&Rule{
	Code:     "HPY001",
	Name:     "unused-suppression",
	Severity: diag.Warning,
	Summary:  "A suppression comment suppresses nothing",
	Doc: Doc{
		What:    "Reports an `hpylint: ignore[...]` or `ignore-file[...]` comment, or one of its codes, that matched no diagnostic of an enabled rule.",
		Why:     "Stale suppressions hide future findings on that line and mislead readers about what is wrong there.",
		Example: "HPy_MODINIT(mod, moduledef)  // hpylint: ignore[HPY102] -- the name was fixed long ago",
		Fix:     "Delete the comment, or the code that no longer applies.",
	},
})

var MalformedSuppression = register(&Rule{
	Code:     "HPY002",
	Name:     "malformed-suppression",
	Severity: diag.Warning,
	Summary:  "A suppression comment that hpylint cannot read",
	Doc: Doc{
		What:    "Reports a comment that starts like an hpylint suppression but is not one: an unknown directive, a missing or unclosed bracket, an empty list, or an unknown code.",
		Why:     "A malformed suppression suppresses nothing, so the finding it was meant to silence still fails the build, and the comment suggests otherwise.",
		Example: "/* hpylint: ignore[HPY201 */\n// hpylint: ignore HPY201\n// hpylint: ignore[HPY999]",
		Fix:     "Write `hpylint: ignore[CODE, ...]` (one line: on the line or alone on the line before) or `hpylint: ignore-file[CODE, ...]`, with known codes; a reason may follow the bracket.",
	},
})

var UnreadableFile = register(&Rule{
	Code:     "HPY003",
	Name:     "unreadable-file",
	Severity: diag.Warning,
	Summary:  "A file that cannot be analysed",
	Doc: Doc{
		What:    "Reports a source or build-config file that hpylint skips: it cannot be read, holds NUL bytes (binary), is not UTF-8 (a C or C++ source only when it is UTF-16 or UTF-32, by its byte order mark: other bytes that are not UTF-8, Latin-1 in a comment say, are read as they are), or is larger than 8 MiB; and HPy code that ends unfinished (truncated): inside a comment, a literal or an `#if`, or with a brace or parenthesis left open on every preprocessor branch, at its last line. A file that parses only with error recovery is not truncated (see HPY004), and a plain CPython extension of the project is never reported as truncated.",
		Why:     "Whatever that file contains is not checked, so findings may be missing; a binary named `.c` is usually a build artefact in the source tree.",
		Example: "src/blob.c: binary content (NUL byte at offset 12)",
		Fix:     "Remove or rename the file, convert it to UTF-8, or exclude it with `exclude = [...]` in `[tool.hpylint]`.",
	},
})

var UnresolvedExtension = register(&Rule{
	Code:     "HPY405",
	Name:     "unresolved-extension",
	Severity: diag.Info,
	Summary:  "A build-config value hpylint cannot evaluate statically",
	Doc: Doc{
		What:    "Reports, once per construct, a part of a build config that hpylint cannot follow without running it: a `glob(...)` that matches no file of the project, a loop over a list computed at build time, a call into a module that is not part of the project. An HPy extension whose source list is only partly known is also reported once at its name, when the construct lies outside its declaration.",
		Why:     "hpylint never runs setup.py; what it cannot follow it cannot check, so checks that depend on it (missing sources, HPy_MODINIT presence) see only the literal part.",
		Example: "Extension('pkg.mod', sources=glob.glob('src/*.c'))",
		Fix:     "Nothing is wrong with the build. List the sources literally if you want them checked, or suppress with `# hpylint: ignore[HPY405]`.",
	},
})
