/* Shared by the libFuzzer entries: read every byte of a fixed-size string
 * field so that the sanitizers see any out-of-bounds or uninitialised
 * value, and trap on a field that lacks its NUL. */
#ifndef FUZZ_TOUCH_H
#define FUZZ_TOUCH_H

#include <stddef.h>
#include <string.h>

static volatile size_t sink;

static size_t touch_str(const char *s, size_t max)
{
    size_t n = strnlen(s, max);
    if (n == max)
        __builtin_trap(); /* a fixed field without its NUL */
    size_t h = 0;
    for (size_t i = 0; i < n; i++)
        h = h * 31 + (unsigned char)s[i];
    return h;
}

#define T(f) touch_str((f), sizeof(f))

#endif
