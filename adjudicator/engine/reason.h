/* A decision's reason built by appending, cut like snprintf at the
 * buffer's end, without printf: the reasons of the common outcomes are on
 * the hot path (engine.c, costshare.c). */
#ifndef ADJ_ENGINE_REASON_H
#define ADJ_ENGINE_REASON_H

#include <stddef.h>
#include <string.h>

#include "core/money.h"

typedef struct AdjReason {
    char *buf;
    size_t len, cap;
} AdjReason;

static inline void adj_reason_put(AdjReason *r, const char *s, size_t n)
{
    if (n > r->cap - 1 - r->len)
        n = r->cap - 1 - r->len;
    memcpy(r->buf + r->len, s, n);
    r->len += n;
    r->buf[r->len] = '\0';
}

/* "1234.56" for a non-negative amount (a negative one prints 0.00) */
static inline void adj_reason_money(AdjReason *r, AdjMoney m)
{
    char buf[24];
    adj_reason_put(r, buf, adj_money_digits(m, buf));
}

#define PUT_LIT(r, lit) adj_reason_put((r), "" lit, sizeof(lit) - 1)
#define PUT_STR(r, s) adj_reason_put((r), (s), strlen(s))

#endif
