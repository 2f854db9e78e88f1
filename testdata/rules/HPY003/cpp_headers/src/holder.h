#pragma once
#include "hpy.h"

/* C++ by its content: a namespace, a class template. */
namespace boxes {

using Owner = PyObject *; /* want "HPY201" */

template <typename T>
class Holder
{
public:
    explicit Holder(T value) : value_(value) {}
    T get() const { return value_; }
    PyObject *as_object() const /* want "HPY201" */
    {
        return reinterpret_cast<PyObject *>(value_); /* want "HPY201" */
    }

private:
    T value_;
};

inline long first_length(PyObject *seq) /* want "HPY201" */
{
    auto length = [](PyObject *item) { return PyLong_AsLong(item); }; /* want "HPY201" "HPY201" */
    return length(seq);
}

}  // namespace boxes
