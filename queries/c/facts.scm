; C-only fact patterns; queries/shared/facts.scm holds the common ones.
; Macros the grammar does not see as calls: a name alone as a statement
; (PyDateTime_IMPORT;), or a macro written without its semicolon
; (Py_BEGIN_ALLOW_THREADS, HPy_BEGIN_LEAVE_PYTHON(ctx)), which the grammar
; takes for a type, a declared name or an error.
([
  (expression_statement (identifier) @statement_macro)
  (declaration type: (type_identifier) @statement_macro)
  (declaration declarator: (identifier) @statement_macro)
  (macro_type_specifier name: (identifier) @statement_macro)
  (ERROR (type_identifier) @statement_macro)
  (ERROR (identifier) @statement_macro)
  (ERROR (function_declarator declarator: (identifier) @statement_macro))
 ]
 (#any-of? @statement_macro "PyDateTime_IMPORT" "Py_BEGIN_ALLOW_THREADS" "Py_END_ALLOW_THREADS"
   "Py_BLOCK_THREADS" "Py_UNBLOCK_THREADS" "HPy_BEGIN_LEAVE_PYTHON" "HPy_END_LEAVE_PYTHON"))

; The statement after such a macro, `Py_BEGIN_ALLOW_THREADS
; pthread_join(t, NULL);`, parses as a declaration typed by the macro: the
; call is read from the declarator. When an argument is no type (`&cond`)
; it becomes an error, where a name followed by `(` is read as a call
; (name only; keywords such as `return` are skipped).
(declaration
  type: [(type_identifier) (macro_type_specifier)] @recovered.macro
  declarator: (function_declarator
    declarator: (identifier) @call.name
    parameters: (parameter_list) @call.args)
  (#match? @recovered.macro "^(Py_BEGIN_ALLOW_THREADS|Py_END_ALLOW_THREADS|Py_BLOCK_THREADS|Py_UNBLOCK_THREADS|HPy_BEGIN_LEAVE_PYTHON|HPy_END_LEAVE_PYTHON)\\b")) @recovered
(ERROR (identifier) @call.name) @recovered
