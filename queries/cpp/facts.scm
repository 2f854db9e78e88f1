; Facts read from the C++ syntax tree (same node names as C for these patterns) (HPy's file-scope macros are parsed
; separately, see analysis/cfacts/macroscan.go).

; Function definitions. The declarator is resolved to the name in Go, since
; pointer and parenthesised declarators can wrap it.
(function_definition
  declarator: (_) @function.declarator
  body: (compound_statement) @function.body) @function

; Variables of HPy's definition types, with or without an initializer.
(declaration
  type: (type_identifier) @variable.type
  (#any-of? @variable.type "HPyModuleDef" "HPyDef" "HPyType_Spec")
  declarator: (_) @variable.declarator) @variable

(preproc_include
  path: (_) @include.path) @include

(preproc_def
  name: (identifier) @define.name) @define

(preproc_function_def
  name: (identifier) @define.name) @define

(comment) @comment

; Calls by name: the call graph and import sites. Arguments are kept so a
; string literal (the imported module's name) can be read.
(call_expression
  function: (identifier) @call.name
  arguments: (argument_list) @call.args) @call

; Names the project defines itself: typedefs and struct/enum tags.
(type_definition
  declarator: (_) @typedef.declarator)

; Preprocessor conditionals, so code compiled only for another ABI
; (#ifdef HPY_ABI_CPYTHON ... #endif) is not held against a universal build.
(preproc_ifdef
  name: (identifier) @conditional.name) @conditional
(preproc_if
  condition: (_) @conditional.condition) @conditional
