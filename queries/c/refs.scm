; Uses of names that look like the CPython C API (Py*, _Py*, PY_*, METH_*)
; or HPy's legacy bridge, wherever they are a value, a callee or a type; the
; rules decide which are API. Run only on files whose tokens include such a
; name, since the predicate is checked for every identifier.
((identifier) @ref
  (#match? @ref "^(_?Py|PY_|METH_|HPy_AsPyObject$|HPy_FromPyObject$|HPyType_BuiltinShape_Legacy$)"))
((type_identifier) @ref
  (#match? @ref "^(_?Py|PY_|METH_|HPy_AsPyObject$|HPy_FromPyObject$|HPyType_BuiltinShape_Legacy$)"))
