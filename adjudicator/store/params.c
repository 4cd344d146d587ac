/* Parameter lists for multi-row parameterised statements: text values,
 * bytea values in binary format (raw bytes, no escaping), and the SQL text
 * "VALUES ($1::t, ...), (...)". Values are copied into the caller's arena. */
#include "store/store_int.h"

#include <stdio.h>
#include <stdlib.h>

void store_params_init(StoreParams *p, AdjArena *arena)
{
    memset(p, 0, sizeof(*p));
    p->arena = arena;
}

void store_params_free(StoreParams *p)
{
    free(p->v);
    free(p->len);
    free(p->fmt);
    memset(p, 0, sizeof(*p));
}

void store_params_reset(StoreParams *p)
{
    p->n = 0;
}

static void push(StoreParams *p, const char *v, int len, int fmt)
{
    if (p->n == p->cap) {
        p->cap = p->cap ? p->cap * 2 : 256;
        p->v = adj_xrealloc(p->v, (size_t)p->cap * sizeof(*p->v));
        p->len = adj_xrealloc(p->len, (size_t)p->cap * sizeof(*p->len));
        p->fmt = adj_xrealloc(p->fmt, (size_t)p->cap * sizeof(*p->fmt));
    }
    p->v[p->n] = v;
    p->len[p->n] = len;
    p->fmt[p->n] = fmt;
    p->n++;
}

void store_params_text(StoreParams *p, const char *s)
{
    push(p, s ? adj_arena_strndup(p->arena, s, strlen(s)) : NULL, 0, 0);
}

void store_params_int(StoreParams *p, int64_t v)
{
    char buf[24];
    int n = snprintf(buf, sizeof(buf), "%lld", (long long)v);
    push(p, adj_arena_strndup(p->arena, buf, (size_t)n), 0, 0);
}

void store_params_bool(StoreParams *p, bool v)
{
    push(p, v ? "t" : "f", 0, 0);
}

void store_params_bytes(StoreParams *p, const void *b, size_t len)
{
    push(p, adj_arena_strndup(p->arena, b ? b : "", b ? len : 0), (int)len, 1);
}

void store_params_cbytes(StoreParams *p, const char *s)
{
    store_params_bytes(p, s, strlen(s));
}

void store_params_date(StoreParams *p, AdjDate d)
{
    if (!adj_date_valid(d)) {
        push(p, NULL, 0, 0);
        return;
    }
    char buf[11];
    adj_date_format_iso(d, buf, sizeof(buf));
    push(p, adj_arena_strndup(p->arena, buf, 10), 0, 0);
}

/* A bytea[] in text format: {"\\x4631..", ...}; hex keeps any byte safe. */
void store_params_bytea_array(StoreParams *p, const char *const *items, size_t stride, int n)
{
    size_t cap = 3;
    for (int i = 0; i < n; i++)
        cap += 8 + 2 * strlen((const char *)items + (size_t)i * stride);
    char *out = adj_arena_alloc(p->arena, cap);
    size_t at = 0;
    out[at++] = '{';
    for (int i = 0; i < n; i++) {
        const unsigned char *s = (const unsigned char *)((const char *)items + (size_t)i * stride);
        at += (size_t)sprintf(out + at, "%s\"\\\\x", i ? "," : "");
        for (; *s; s++)
            at += (size_t)sprintf(out + at, "%02x", *s);
        out[at++] = '"';
    }
    out[at++] = '}';
    out[at] = '\0';
    push(p, out, 0, 0);
}

void store_params_int_array(StoreParams *p, const int *v, int n)
{
    char *out = adj_arena_alloc(p->arena, (size_t)n * 12 + 3);
    size_t at = 0;
    out[at++] = '{';
    for (int i = 0; i < n; i++)
        at += (size_t)sprintf(out + at, "%s%d", i ? "," : "", v[i]);
    out[at++] = '}';
    out[at] = '\0';
    push(p, out, 0, 0);
}

char *store_values_sql(const char *head, const char *const *casts, int ncols, size_t nrows,
                       const char *tail)
{
    size_t cap = strlen(head) + strlen(tail ? tail : "") + 16 + nrows * (size_t)ncols * 40;
    char *sql = adj_xmalloc(cap);
    size_t len = (size_t)snprintf(sql, cap, "%s VALUES ", head);
    int param = 1;
    for (size_t r = 0; r < nrows; r++) {
        sql[len++] = r ? ',' : ' ';
        sql[len++] = '(';
        for (int c = 0; c < ncols; c++)
            len += (size_t)snprintf(sql + len, cap - len, "%s$%d::%s", c ? "," : "", param++,
                                    casts[c]);
        sql[len++] = ')';
    }
    snprintf(sql + len, cap - len, "%s", tail ? tail : "");
    return sql;
}

PGresult *store_params_exec(AdjStore *store, const char *sql, const StoreParams *p)
{
    return PQexecParams(store->conn, sql, p->n, NULL, p->v, p->len, p->fmt, 0);
}
