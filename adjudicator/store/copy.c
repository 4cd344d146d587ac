/* COPY ... FROM STDIN in text format for the bulk writes (decisions,
 * claims, lines): values escaped per the COPY text rules, bytea as hex,
 * sent in large chunks. The rows are the same the parameterised INSERTs
 * would write; nothing is interpolated into SQL. */
#include "store/store_int.h"

#include <stdio.h>
#include <stdlib.h>

#define COPY_CHUNK (1 << 20)

AdjStatus store_copy_begin(AdjStore *store, const char *sql, StoreCopy *c, AdjError *err)
{
    memset(c, 0, sizeof(*c));
    c->store = store;
    PGresult *res = PQexec(store->conn, sql);
    if (PQresultStatus(res) != PGRES_COPY_IN) {
        AdjStatus st = store_result_error(store, res, "copy", err);
        PQclear(res);
        return st;
    }
    PQclear(res);
    c->cap = COPY_CHUNK + 4096;
    c->buf = adj_xmalloc(c->cap);
    c->first = true;
    return ADJ_OK;
}

static void room(StoreCopy *c, size_t n)
{
    if (c->len + n + 16 > c->cap) {
        while (c->len + n + 16 > c->cap)
            c->cap *= 2;
        c->buf = adj_xrealloc(c->buf, c->cap);
    }
}

static void field_start(StoreCopy *c)
{
    room(c, 1);
    if (!c->first)
        c->buf[c->len++] = '\t';
    c->first = false;
}

static void put_escaped(StoreCopy *c, const char *s, size_t n)
{
    room(c, 2 * n);
    for (size_t i = 0; i < n; i++) {
        char ch = s[i];
        switch (ch) {
        case '\\': c->buf[c->len++] = '\\'; c->buf[c->len++] = '\\'; break;
        case '\t': c->buf[c->len++] = '\\'; c->buf[c->len++] = 't'; break;
        case '\n': c->buf[c->len++] = '\\'; c->buf[c->len++] = 'n'; break;
        case '\r': c->buf[c->len++] = '\\'; c->buf[c->len++] = 'r'; break;
        default: c->buf[c->len++] = ch;
        }
    }
}

void store_copy_null(StoreCopy *c)
{
    field_start(c);
    room(c, 2);
    c->buf[c->len++] = '\\';
    c->buf[c->len++] = 'N';
}

void store_copy_text(StoreCopy *c, const char *s)
{
    if (s == NULL) {
        store_copy_null(c);
        return;
    }
    field_start(c);
    put_escaped(c, s, strlen(s));
}

void store_copy_int(StoreCopy *c, int64_t v)
{
    field_start(c);
    room(c, 24);
    c->len += (size_t)sprintf(c->buf + c->len, "%lld", (long long)v);
}

void store_copy_bytea(StoreCopy *c, const void *b, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    field_start(c);
    room(c, 3 + 2 * n);
    /* "\x..." with the backslash itself escaped for COPY */
    c->buf[c->len++] = '\\';
    c->buf[c->len++] = '\\';
    c->buf[c->len++] = 'x';
    const unsigned char *p = b;
    for (size_t i = 0; i < n; i++) {
        c->buf[c->len++] = hex[p[i] >> 4];
        c->buf[c->len++] = hex[p[i] & 15];
    }
}

void store_copy_date(StoreCopy *c, AdjDate d)
{
    if (!adj_date_valid(d)) {
        store_copy_null(c);
        return;
    }
    char buf[11];
    adj_date_format_iso(d, buf, sizeof(buf));
    store_copy_text(c, buf);
}

/* A text[] from LF-separated elements: {"a","b"} with each element quoted
 * (backslash and quote escaped), then the whole escaped for COPY. */
void store_copy_lf_array(StoreCopy *c, const char *joined)
{
    field_start(c);
    size_t n = strlen(joined);
    char *lit = adj_xmalloc(2 * n + 8);
    size_t at = 0;
    lit[at++] = '{';
    if (n > 0) {
        lit[at++] = '"';
        for (size_t i = 0; i < n; i++) {
            char ch = joined[i];
            if (ch == '\n') {
                lit[at++] = '"';
                lit[at++] = ',';
                lit[at++] = '"';
                continue;
            }
            if (ch == '"' || ch == '\\')
                lit[at++] = '\\';
            lit[at++] = ch;
        }
        lit[at++] = '"';
    }
    lit[at++] = '}';
    put_escaped(c, lit, at);
    free(lit);
}

static AdjStatus send(StoreCopy *c, AdjError *err)
{
    if (c->len > 0 && PQputCopyData(c->store->conn, c->buf, (int)c->len) != 1)
        return store_result_error(c->store, NULL, "copy", err);
    c->len = 0;
    return ADJ_OK;
}

AdjStatus store_copy_row_end(StoreCopy *c, AdjError *err)
{
    room(c, 1);
    c->buf[c->len++] = '\n';
    c->first = true;
    c->rows++;
    return c->len >= COPY_CHUNK ? send(c, err) : ADJ_OK;
}

AdjStatus store_copy_end(StoreCopy *c, AdjError *err)
{
    AdjStatus st = send(c, err);
    free(c->buf);
    c->buf = NULL;
    if (PQputCopyEnd(c->store->conn, st == ADJ_OK ? NULL : "aborted") != 1 && st == ADJ_OK)
        st = store_result_error(c->store, NULL, "copy end", err);
    PGresult *res;
    while ((res = PQgetResult(c->store->conn)) != NULL) {
        if (PQresultStatus(res) != PGRES_COMMAND_OK && st == ADJ_OK)
            st = store_result_error(c->store, res, "copy", err);
        PQclear(res);
    }
    return st;
}
