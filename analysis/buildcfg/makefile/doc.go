// Package makefile reads Makefiles into a buildcfg.File, from the
// tree-sitter-make syntax tree.
//
// What it understands:
//   - variable assignments (=, :=, ::=, ?=, +=, != makes a variable
//     unknown), override/export/private, define blocks, target- and
//     pattern-specific assignments (t.so: CFLAGS += ...), $(VAR) and ${VAR}
//     references (recursive variables see final values, simple ones the
//     values of their moment), $(VAR:.c=.o) substitutions, $$ escapes.
//     References to unknown variables, function calls ($(shell), $(wildcard)),
//     computed names and automatic variables stay as written;
//   - rules: explicit ones, pattern rules (%.so: %.c, %.o: %.c), static
//     pattern rules, make's built-in x.o-from-x.c rule, and the variables its
//     built-in rules use when a rule has no recipe (CFLAGS, CPPFLAGS, LDFLAGS,
//     LDLIBS...);
//   - shell words of values and recipes (quotes, backslashes, shell
//     comments, && ; | between commands), with a small splitter of its own:
//     the grammar leaves both as plain text.
//
// What it reports: every shared object (x.so, x.pyd, x.dylib, or a name
// ending in an extension-suffix variable) built from C or C++ sources,
// directly or through objects, as a NativeTarget named after the file name
// without suffixes, with the -D/-I/-l of the recipes that build it and its
// objects. A %.so pattern rule no target instantiates is reported as
// written (named "%"). -D HPY ABI macros written in top-level variables
// are the file's ABI (File.ABI) and their -I/-l are File.IncludeDirs and
// File.Libraries; ABI macros written in a recipe or a target-specific
// variable pin the extension's own ABI. Build commands in any recipe that
// choose an ABI (setup.py --hpy-abi=..., pip/build -C hpy-abi=... or
// --config-settings, --global-option/--build-option=--hpy-abi=...) are
// File.ABI too.
//
// What it ignores on purpose: conditionals are not evaluated (every branch
// is read, in order); include files are other Reads; define bodies are raw
// text to the grammar, so references inside them stay as written.
//
// tree-sitter-make rejects parentheses in variable values and $(shell)
// commands, which make accepts; see parse for how the reader copes.
package makefile
