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

; Macros the grammar does not see as calls: a name alone as a statement
; (PyDateTime_IMPORT;), or a macro written without its semicolon
; (Py_BEGIN_ALLOW_THREADS), which the grammar takes for a type, a declared
; name or an error.
([
  (expression_statement (identifier) @statement_macro)
  (declaration type: (type_identifier) @statement_macro)
  (declaration declarator: (identifier) @statement_macro)
  (ERROR (type_identifier) @statement_macro)
  (ERROR (identifier) @statement_macro)
 ]
 (#any-of? @statement_macro "PyDateTime_IMPORT" "Py_BEGIN_ALLOW_THREADS" "Py_END_ALLOW_THREADS"
   "Py_BLOCK_THREADS" "Py_UNBLOCK_THREADS" "HPy_BEGIN_LEAVE_PYTHON" "HPy_END_LEAVE_PYTHON"))

; The statement after such a macro, `Py_BEGIN_ALLOW_THREADS
; pthread_join(t, NULL);`, parses as a declaration typed by the macro, of a
; function or of an object built with arguments; `t.join()` leaves its
; receiver in an error inside the declaration. The call is read from it.
(declaration
  type: (type_identifier) @recovered.macro
  declarator: [
    (function_declarator
      declarator: (identifier) @call.name
      parameters: (parameter_list) @call.args)
    (init_declarator
      declarator: (identifier) @call.name
      value: (argument_list) @call.args)
  ]
  (#any-of? @recovered.macro "Py_BEGIN_ALLOW_THREADS" "Py_END_ALLOW_THREADS" "Py_BLOCK_THREADS" "Py_UNBLOCK_THREADS")) @recovered

; Calls of qualified names: std::thread(worker), std::async(...), ns::helper().
(call_expression
  function: (qualified_identifier) @call.name
  arguments: (argument_list) @call.args) @call

; Calls through a member: t.join(), cv.wait(lock), pool->wait().
(call_expression
  function: (field_expression
    argument: (_) @method.receiver
    field: (field_identifier) @method.name)
  arguments: (argument_list) @call.args) @method

; Thread objects declared with arguments, hence started:
; std::thread t(worker); std::jthread j{worker, 1};
(declaration
  type: (qualified_identifier name: (type_identifier) @thread.type)
  declarator: [(init_declarator) (function_declarator)] @thread.declarator
  (#any-of? @thread.type "thread" "jthread"))
