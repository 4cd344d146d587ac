/* Arena allocator; see arena.h. */
#include "core/arena.h"

#include "core/guard.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct AdjArenaBlock {
    AdjArenaBlock *next;
    size_t size;
    size_t used;
    _Alignas(16) unsigned char data[];
};

static void oom(size_t n)
{
    adj_guard_oom(); /* a guarded API call gets ADJ_API_ERR_NOMEM */
    fprintf(stderr, "adjudicator: error: out of memory allocating %zu bytes\n", n);
    abort();
}

void *adj_xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (p == NULL)
        oom(n);
    return p;
}

void *adj_xcalloc(size_t count, size_t n)
{
    void *p = calloc(count ? count : 1, n ? n : 1);
    if (p == NULL)
        oom(count * n);
    return p;
}

void *adj_xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (q == NULL)
        oom(n);
    return q;
}

char *adj_xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *p = adj_xmalloc(n);
    memcpy(p, s, n);
    return p;
}

void adj_arena_init(AdjArena *arena, size_t block_size)
{
    arena->head = NULL;
    arena->block_size = block_size ? block_size : 8192;
    arena->total = 0;
}

void *adj_arena_alloc(AdjArena *arena, size_t n)
{
    size_t need = (n + 15) & ~(size_t)15;
    if (need < n)
        oom(n);
    AdjArenaBlock *b = arena->head;
    if (b == NULL || b->size - b->used < need) {
        size_t size = need > arena->block_size ? need : arena->block_size;
        b = adj_xmalloc(sizeof(AdjArenaBlock) + size);
        b->size = size;
        b->used = 0;
        b->next = arena->head;
        arena->head = b;
    }
    void *p = b->data + b->used;
    b->used += need;
    arena->total += n;
    memset(p, 0, n);
    return p;
}

char *adj_arena_strndup(AdjArena *arena, const char *s, size_t n)
{
    char *p = adj_arena_alloc(arena, n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

void adj_arena_reset(AdjArena *arena)
{
    AdjArenaBlock *b = arena->head;
    if (b == NULL)
        return;
    /* keep the oldest block (the last in the list), free the rest */
    while (b->next != NULL) {
        AdjArenaBlock *next = b->next;
        free(b);
        b = next;
    }
    b->used = 0;
    arena->head = b;
    arena->total = 0;
}

void adj_arena_free(AdjArena *arena)
{
    AdjArenaBlock *b = arena->head;
    while (b != NULL) {
        AdjArenaBlock *next = b->next;
        free(b);
        b = next;
    }
    arena->head = NULL;
    arena->total = 0;
}
