/* Statement parameters, the one way the store passes them: text values,
 * bytea values in binary format (raw bytes, no escaping), array literals
 * from one builder, and the SQL text "VALUES ($1::t, ...), (...)" of
 * multi-row statements. Values are copied into the caller's arena (or the
 * params' own). Builds parameters only; store_run runs the statement. */
#include "store/store_int.h"

#include <stdio.h>
#include <stdlib.h>

void store_params_init(StoreParams *p, AdjArena *arena)
{
    memset(p, 0, sizeof(*p));
    adj_arena_init(&p->own, 4096);
    p->arena = arena != NULL ? arena : &p->own;
}

void store_params_free(StoreParams *p)
{
    adj_arena_free(&p->own);
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
    if (s == NULL)
        push(p, NULL, 0, 1);
    else
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

static void array_put(StoreArray *a, const char *s, size_t n)
{
    if (a->len + n + 3 > a->cap) {
        a->cap = (a->len + n + 3) * 2 + 64;
        a->s = adj_xrealloc(a->s, a->cap);
    }
    if (a->len == 0)
        a->s[a->len++] = '{';
    else if (s != NULL)
        a->s[a->len++] = ',';
    if (s != NULL) {
        memcpy(a->s + a->len, s, n);
        a->len += n;
    }
}

void store_array_int(StoreArray *a, int64_t v)
{
    char buf[24];
    array_put(a, buf, (size_t)snprintf(buf, sizeof(buf), "%lld", (long long)v));
}

void store_array_bool(StoreArray *a, bool v)
{
    array_put(a, v ? "t" : "f", 1);
}

/* "\\x4631..": hex keeps any byte safe */
void store_array_bytes(StoreArray *a, const void *b, size_t len)
{
    char *hex = adj_xmalloc(2 * len + 6);
    size_t at = (size_t)sprintf(hex, "\"\\\\x");
    for (size_t i = 0; i < len; i++)
        at += (size_t)sprintf(hex + at, "%02x", ((const unsigned char *)b)[i]);
    hex[at++] = '"';
    array_put(a, hex, at);
    free(hex);
}

void store_array_cbytes(StoreArray *a, const char *s)
{
    store_array_bytes(a, s, strlen(s));
}

void store_array_text(StoreArray *a, const char *s)
{
    char *q = adj_xmalloc(2 * strlen(s) + 3);
    size_t at = 0;
    q[at++] = '"';
    for (; *s; s++) {
        if (*s == '"' || *s == '\\')
            q[at++] = '\\';
        q[at++] = *s;
    }
    q[at++] = '"';
    array_put(a, q, at);
    free(q);
}

char *store_array_end(StoreArray *a)
{
    array_put(a, NULL, 0); /* "{" of an empty array */
    a->s[a->len++] = '}';
    a->s[a->len] = '\0';
    char *out = a->s;
    memset(a, 0, sizeof(*a));
    return out;
}

void store_params_array(StoreParams *p, StoreArray *a)
{
    char *s = store_array_end(a);
    push(p, adj_arena_strndup(p->arena, s, strlen(s)), 0, 0);
    free(s);
}

void store_params_bytea_array(StoreParams *p, const char *const *items, size_t stride, int n)
{
    StoreArray a = {0};
    for (int i = 0; i < n; i++)
        store_array_cbytes(&a, (const char *)items + (size_t)i * stride);
    store_params_array(p, &a);
}

void store_params_int_array(StoreParams *p, const int *v, int n)
{
    StoreArray a = {0};
    for (int i = 0; i < n; i++)
        store_array_int(&a, v[i]);
    store_params_array(p, &a);
}

void store_params_int64_array(StoreParams *p, const int64_t *v, size_t n)
{
    StoreArray a = {0};
    for (size_t i = 0; i < n; i++)
        store_array_int(&a, v[i]);
    store_params_array(p, &a);
}

char *store_int64_array(const int64_t *v, size_t n)
{
    StoreArray a = {0};
    for (size_t i = 0; i < n; i++)
        store_array_int(&a, v[i]);
    return store_array_end(&a);
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
