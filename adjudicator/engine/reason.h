/* A decision's reason built by appending, cut like snprintf at the
 * buffer's end, without printf: the reasons of the common outcomes are on
 * the hot path (engine.c, costshare.c). */
#ifndef ADJ_ENGINE_REASON_H
#define ADJ_ENGINE_REASON_H

#include <stddef.h>
#include <stdint.h>
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

/* Two decimal digits at a time, from the right (hot path: a paid line's
 * reason carries three numbers). */
static const char adj_reason_pairs[201] = "00010203040506070809101112131415161718192021222324"
                                          "25262728293031323334353637383940414243444546474849"
                                          "50515253545556575859606162636465666768697071727374"
                                          "75767778798081828384858687888990919293949596979899";

/* The decimal digits of v, written to end at end; returns the first. */
static inline char *adj_reason_uint_at(uint64_t v, char *end)
{
    char *p = end;
    while (v >= 100) {
        p -= 2;
        memcpy(p, adj_reason_pairs + 2 * (v % 100), 2);
        v /= 100;
    }
    if (v >= 10) {
        p -= 2;
        memcpy(p, adj_reason_pairs + 2 * v, 2);
    } else {
        *--p = (char)('0' + v);
    }
    return p;
}

/* A whole number, "12" */
static inline void adj_reason_uint(AdjReason *r, uint64_t v)
{
    char buf[24];
    char *p = adj_reason_uint_at(v, buf + sizeof(buf));
    adj_reason_put(r, p, (size_t)(buf + sizeof(buf) - p));
}

/* "1234.56" for a non-negative amount (a negative one prints 0.00): the
 * text of adj_money_digits */
static inline void adj_reason_money(AdjReason *r, AdjMoney m)
{
    char buf[24];
    uint64_t v = m < 0 ? 0 : (uint64_t)m;
    char *end = buf + sizeof(buf);
    memcpy(end - 2, adj_reason_pairs + 2 * (v % 100), 2);
    end[-3] = '.';
    char *p = adj_reason_uint_at(v / 100, end - 3);
    adj_reason_put(r, p, (size_t)(buf + sizeof(buf) - p));
}

#define PUT_LIT(r, lit) adj_reason_put((r), "" lit, sizeof(lit) - 1)
#define PUT_STR(r, s) adj_reason_put((r), (s), strlen(s))

#endif
