/* In-memory history (for `check`, the library API and tests): a hash map
 * keyed by person key, each person holding paid and pending lines by month,
 * and, under each member ID, the claims received (billing NPI + CLM01) for
 * replacements and voids. A line costs one person lookup whatever the size
 * of history, so per-line cost stays flat as history grows. Person keys
 * are cut at ADJ_PERSON_KEY_MAX - 1 bytes (the engine's never are longer).
 * Not thread-safe. */
#ifndef ADJ_ENGINE_MEMHIST_H
#define ADJ_ENGINE_MEMHIST_H

#include <stddef.h>

#include "edits/history.h"

typedef struct AdjMemHistory AdjMemHistory;

AdjMemHistory *adj_memhist_new(void);
void adj_memhist_free(AdjMemHistory *m);
/* The AdjHistory interface over m (valid while m lives). */
AdjHistory adj_memhist_interface(AdjMemHistory *m);
/* Counting lines held (not retracted). */
size_t adj_memhist_lines(const AdjMemHistory *m);
/* Forget everything. */
void adj_memhist_clear(AdjMemHistory *m);

#endif
