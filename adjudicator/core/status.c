/* Status and error values; see status.h. */
#include "core/status.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

AdjStatus adj_error_set(AdjError *err, AdjStatus status, const char *src_file,
                        int src_line, const char *fmt, ...)
{
    if (err == NULL)
        return status;
    err->status = status;
    err->src_file = src_file;
    err->src_line = src_line;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
    va_end(ap);
    return status;
}

void adj_error_prefix(AdjError *err, const char *fmt, ...)
{
    if (err == NULL)
        return;
    char prefix[ADJ_ERROR_MSG_MAX];
    char old[ADJ_ERROR_MSG_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(prefix, sizeof(prefix), fmt, ap);
    va_end(ap);
    memcpy(old, err->msg, sizeof(old));
    size_t n = strlen(prefix);
    memcpy(err->msg, prefix, n);
    size_t rest = sizeof(err->msg) - n - 1;
    size_t m = strnlen(old, rest);
    memcpy(err->msg + n, old, m);
    err->msg[n + m] = '\0';
}

void adj_error_clear(AdjError *err)
{
    if (err == NULL)
        return;
    memset(err, 0, sizeof(*err));
}

int adj_status_exit_code(AdjStatus status)
{
    switch (status) {
    case ADJ_OK:
        return 0;
    case ADJ_ERR_INPUT:
        return 1;
    case ADJ_ERR_DB:
        return 3;
    case ADJ_ERR_USAGE:
    case ADJ_ERR_IO:
    case ADJ_ERR_INTERNAL:
    default:
        return 2;
    }
}
