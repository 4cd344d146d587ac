/* Arena allocator: many small allocations freed in one call (one arena per
 * claim or per batch). Out of memory aborts in adj_xmalloc, never returns (inside a public API
 * call it returns to the call's entry instead: core/guard.h). */
#ifndef ADJ_CORE_ARENA_H
#define ADJ_CORE_ARENA_H

#include <stddef.h>

typedef struct AdjArenaBlock AdjArenaBlock;

typedef struct AdjArena {
    AdjArenaBlock *head;
    size_t block_size;
    size_t total; /* bytes handed out, for tests and statistics */
} AdjArena;

/* Allocation wrappers that abort on out-of-memory. */
void *adj_xmalloc(size_t n);
void *adj_xcalloc(size_t count, size_t n);
void *adj_xrealloc(void *p, size_t n);
char *adj_xstrdup(const char *s);

void adj_arena_init(AdjArena *arena, size_t block_size);
/* Zeroed, 16-byte aligned memory owned by the arena. */
void *adj_arena_alloc(AdjArena *arena, size_t n);
/* Copy n bytes and a terminating NUL. */
char *adj_arena_strndup(AdjArena *arena, const char *s, size_t n);
/* Forget everything but keep the first block for reuse. */
void adj_arena_reset(AdjArena *arena);
/* Free every block. The arena may be initialised again. */
void adj_arena_free(AdjArena *arena);

#endif
