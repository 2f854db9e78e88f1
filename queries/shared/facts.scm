; Facts read from the C and C++ syntax trees alike (the node names are the
; same in both grammars for these patterns). Each language adds its own
; patterns in c/facts.scm and cpp/facts.scm; the two are compiled as one
; query with this file first.
; (HPy's file-scope macros are parsed separately, see
; analysis/cfacts/macroscan.go.)

; Function definitions. The declarator is resolved to the name in Go, since
; pointer and parenthesised declarators can wrap it.
(function_definition
  declarator: (_) @function.declarator
  body: (compound_statement) @function.body) @function

; Variables of HPy's definition types, with or without an initializer, and
; the CPython tables HPy's legacy_methods/legacy_slots fields point to.
(declaration
  type: (type_identifier) @variable.type
  (#any-of? @variable.type "HPyModuleDef" "HPyDef" "HPyType_Spec" "PyMethodDef" "PyType_Slot" "PyMemberDef" "PyGetSetDef")
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
; Each #elif of a chain is a conditional of its own, inside the #else of
; the one before: `#elif defined(HPY_ABI_HYBRID)` is not compiled in a
; universal build.
(preproc_elif
  condition: (_) @conditional.condition) @conditional
(preproc_elifdef
  name: (identifier) @conditional.name) @conditional

; --- Call graph, import and wait sites (rules HPY3xx) ---

; A local traced to the call that made it, `imp = HPy_GetAttr_s(ctx, b,
; "__import__")`, so that a call through `imp` is known to import.
(assignment_expression
  left: (identifier) @assign.target
  right: [(call_expression) (cast_expression value: (call_expression))] @assign.value)
(init_declarator
  declarator: (_) @assign.target
  value: [(call_expression) (cast_expression value: (call_expression))] @assign.value)

; Py_mod_create and Py_mod_exec entries of PyModuleDef_Slot arrays:
; {Py_mod_exec, exec_fn} and {.slot = Py_mod_exec, .value = exec_fn}.
(initializer_list
  .
  (identifier) @slot.kind
  (#any-of? @slot.kind "Py_mod_create" "Py_mod_exec")) @slot
(initializer_list
  (initializer_pair value: (identifier) @slot.kind)
  (#any-of? @slot.kind "Py_mod_create" "Py_mod_exec")) @slot
