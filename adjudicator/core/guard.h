/* A call through the public API (adjudicator.h) runs guarded: running out of
 * memory inside it returns to the call's entry (ADJ_API_ERR_NOMEM) instead
 * of aborting the caller's process, and the library's log is silent, so a
 * program linking the library gets errors only as return values.
 *
 *     AdjGuard g;
 *     adj_guard_push(&g);
 *     if (setjmp(g.env) != 0) { adj_guard_pop(&g); return ADJ_API_ERR_NOMEM; }
 *     ... r = the call ...
 *     adj_guard_pop(&g);
 *
 * Memory allocated before the failure is not freed: close the handle. */
#ifndef ADJ_CORE_GUARD_H
#define ADJ_CORE_GUARD_H

#include <setjmp.h>
#include <stdbool.h>

typedef struct AdjGuard {
    jmp_buf env;
    struct AdjGuard *prev;
} AdjGuard;

void adj_guard_push(AdjGuard *g);
void adj_guard_pop(AdjGuard *g);
/* True inside a guarded call on this thread. */
bool adj_guard_active(void);
/* Out of memory: longjmp to the innermost guard; returns only unguarded. */
void adj_guard_oom(void);

#endif
