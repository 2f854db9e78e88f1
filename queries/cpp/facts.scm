; C++-only fact patterns; queries/shared/facts.scm holds the common ones.
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
