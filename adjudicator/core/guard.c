/* Guarded API calls; see guard.h. */
#include "core/guard.h"

#include <stddef.h>

static _Thread_local AdjGuard *current;

void adj_guard_push(AdjGuard *g)
{
    g->prev = current;
    current = g;
}

void adj_guard_pop(AdjGuard *g)
{
    current = g->prev;
}

bool adj_guard_active(void)
{
    return current != NULL;
}

void adj_guard_oom(void)
{
    if (current != NULL)
        longjmp(current->env, 1);
}
