#include <Python.h>
#include <datetime.h>

static int loaded;

static int import_date_api(void)
{
    PyDateTime_IMPORT;  // want "HPY301"
    return PyDateTimeAPI == NULL ? -1 : 0;
}

/* Loads the C API of the datetime module, once. */
int load_date_support(void)
{
    if (!loaded && import_date_api() < 0)
        return -1;
    loaded = 1;
    return 0;
}
