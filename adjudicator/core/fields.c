#include "core/fields.h"

#include <stdlib.h>
#include <string.h>

static void skip_sep(const char **p, const char *end)
{
    if (*p < end && (**p == ' ' || **p == '\n'))
        (*p)++;
}

bool adj_field_int(const char **p, const char *end, long long *v)
{
    char *e;
    if (*p >= end)
        return false;
    *v = strtoll(*p, &e, 10);
    if (e == *p || e > end)
        return false;
    *p = e;
    skip_sep(p, end);
    return true;
}

bool adj_field_str(const char **p, const char *end, char *dst, size_t size)
{
    char *e;
    size_t n = (size_t)strtoull(*p, &e, 10);
    if (e == *p || e >= end || *e != ':' || n >= size || (size_t)(end - e - 1) < n)
        return false;
    memcpy(dst, e + 1, n);
    dst[n] = '\0';
    *p = e + 1 + n;
    skip_sep(p, end);
    return true;
}
