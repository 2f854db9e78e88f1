// Package meson reads meson.build files into a buildcfg.File.
//
// No meson grammar is served for tree-sitter, so the package has its own
// lexer (Lex) and parser (Parse) for the meson language: assignments (= and
// +=), function and method calls with positional and keyword arguments,
// arrays, dictionaries, strings (single-quoted, triple-quoted, f-strings),
// numbers, booleans, the usual operators, the ternary, indexing, if/elif/else/endif
// and foreach/endforeach blocks, # comments and backslash line
// continuations.
//
// Read evaluates the statements once, in order, to find
// py.extension_module, shared_module, library and shared_library targets
// with their sources (strings, files(), arrays, variables), c_args/cpp_args
// (-D, -I), include_directories (strings and include_directories()
// objects), dependencies (dependency('python3-embed') and py.dependency()
// become Libraries entries; declare_dependency() contributes its
// compile_args, include_directories, link_args and dependencies),
// link_args (-l), name_prefix, and the directory-wide
// add_project_arguments/add_global_arguments. Variables assigned from
// literals, arrays, + and / expressions, join_paths and files() are
// resolved.
//
// What it ignores on purpose: control flow. Every if/elif/else branch runs,
// in order (a variable set in two branches keeps the last value), and a
// foreach body runs once with its loop variables unknown. Values it cannot
// know (get_option, run_command, '...'.format(), ternaries, loop
// variables) are reported as Unresolved where a target uses them. subdir()
// files are other Reads.
package meson
