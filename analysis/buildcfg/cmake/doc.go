// Package cmake reads CMakeLists.txt files into a buildcfg.File.
//
// No usable tree-sitter CMake grammar exists for Go, so the package carries
// its own lexer+parser (Parse) for the CMake language: command invocations,
// bracket/quoted/unquoted arguments, nested parentheses, line and bracket
// comments. Read then runs a small interpreter over the commands, in file
// order, to find native targets and what they are compiled and linked with.
//
// What the interpreter understands: set, unset, list(APPEND|PREPEND), project
// (PROJECT_NAME), ${VAR} expansion of variables set to literals,
// add_library (MODULE, SHARED, or untyped when BUILD_SHARED_LIBS is on),
// Python_add_library and its Python3_/Python2_/lower-case spellings,
// target_sources, target_compile_definitions, target_compile_options (-D,
// -I, -isystem), target_include_directories (BEFORE included),
// target_link_libraries, set_target_properties and set_property(TARGET) for
// OUTPUT_NAME, LIBRARY_OUTPUT_NAME, PREFIX, COMPILE_DEFINITIONS and
// INCLUDE_DIRECTORIES, and the directory-wide add_compile_definitions,
// add_definitions, add_compile_options, include_directories, link_libraries.
//
// What it ignores on purpose: control flow. if/elseif/else/foreach/while
// bodies are read once, in order, as if every branch ran (a variable set in
// two branches keeps the last value); loop variables stay unexpanded.
// function/macro bodies are not run; a call to one that creates a target is
// reported as Unresolved. Generator expressions, $ENV{}, $CACHE{} and
// variables set by anything but literals stay as written. file(GLOB) and
// aux_source_directory are reported as Unresolved. Other subdirectories'
// files are other Reads.
package cmake
