/* Status and error values: every fallible function returns AdjStatus and
 * takes AdjError *err last. The error records where it happened (file and
 * line of the C source) and a message callers may prefix with context. */
#ifndef ADJ_CORE_STATUS_H
#define ADJ_CORE_STATUS_H

#include <stddef.h>

typedef enum AdjStatus {
    ADJ_OK = 0,
    ADJ_ERR_INPUT = 1,   /* bad input: a file, a value, a row */
    ADJ_ERR_USAGE = 2,   /* bad usage or configuration */
    ADJ_ERR_DB = 3,      /* database unavailable or failed */
    ADJ_ERR_IO = 4,      /* operating-system I/O */
    ADJ_ERR_INTERNAL = 5 /* programmer error or resource exhausted */
} AdjStatus;

#define ADJ_ERROR_MSG_MAX 512

typedef struct AdjError {
    AdjStatus status;
    const char *src_file; /* C source that raised it */
    int src_line;
    char msg[ADJ_ERROR_MSG_MAX];
} AdjError;

/* Set err (when non-NULL) and return status. Use through ADJ_FAIL. */
AdjStatus adj_error_set(AdjError *err, AdjStatus status, const char *src_file,
                        int src_line, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/* Prefix the message with context: "ingest f.837: " + old message. */
void adj_error_prefix(AdjError *err, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

void adj_error_clear(AdjError *err);

/* Exit status of the command for a status (docs/contracts.md "Exit status"; the one table). */
int adj_status_exit_code(AdjStatus status);

#define ADJ_FAIL(err, status, ...) \
    adj_error_set((err), (status), __FILE__, __LINE__, __VA_ARGS__)

#endif
