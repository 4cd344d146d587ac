/* Helpers shared by the edits and the history view. Pure. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "edits/edit.h"

/* Appends n bytes at buf[*len], cut at size - 1 like snprintf. */
static void fmt_put(char *buf, size_t size, size_t *len, const char *s, size_t n)
{
    if (n > size - 1 - *len)
        n = size - 1 - *len;
    memcpy(buf + *len, s, n);
    *len += n;
}

static void fmt_int(char *buf, size_t size, size_t *len, unsigned long long v, bool neg)
{
    char d[24];
    size_t i = sizeof(d);
    do {
        d[--i] = (char)('0' + v % 10);
        v /= 10;
    } while (v > 0);
    if (neg)
        d[--i] = '-';
    fmt_put(buf, size, len, d + i, sizeof(d) - i);
}

void adj_edit_vformat(char *buf, size_t size, const char *fmt, va_list ap)
{
    if (size == 0)
        return;
    va_list again; /* for vsnprintf, from the first argument */
    va_copy(again, ap);
    size_t len = 0;
    for (const char *p = fmt; *p != '\0';) {
        if (*p != '%') {
            const char *q = strchr(p, '%');
            size_t n = q != NULL ? (size_t)(q - p) : strlen(p);
            fmt_put(buf, size, &len, p, n);
            p += n;
            continue;
        }
        ++p;
        long prec = -1; /* %.Ns */
        if (*p == '.') {
            prec = 0;
            for (p++; *p >= '0' && *p <= '9' && prec < 100000; p++)
                prec = prec * 10 + (*p - '0');
            if (*p != 's')
                goto other;
        }
        if (*p == 's') {
            const char *s = va_arg(ap, const char *);
            fmt_put(buf, size, &len, s, prec >= 0 ? strnlen(s, (size_t)prec) : strlen(s));
        } else if (*p == 'd') {
            int v = va_arg(ap, int);
            fmt_int(buf, size, &len, v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v,
                    v < 0);
        } else if (*p == 'u') {
            fmt_int(buf, size, &len, va_arg(ap, unsigned), false);
        } else if (p[0] == 'l' && p[1] == 'l' && p[2] == 'd') {
            long long v = va_arg(ap, long long);
            fmt_int(buf, size, &len, v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v,
                    v < 0);
            p += 2;
        } else if (p[0] == 'l' && p[1] == 'l' && p[2] == 'u') {
            fmt_int(buf, size, &len, va_arg(ap, unsigned long long), false);
            p += 2;
        } else if (p[0] == 'z' && p[1] == 'u') {
            fmt_int(buf, size, &len, va_arg(ap, size_t), false);
            p++;
        } else if (*p == 'c') {
            char ch = (char)va_arg(ap, int);
            fmt_put(buf, size, &len, &ch, 1);
        } else if (*p == '%') {
            fmt_put(buf, size, &len, "%", 1);
        } else {
            goto other;
        }
        p++;
    }
    buf[len] = '\0';
    va_end(again);
    return;
other: /* a conversion not handled above: printf's own, from the start */
    vsnprintf(buf, size, fmt, again);
    va_end(again);
}

void adj_edit_format(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    adj_edit_vformat(buf, size, fmt, ap);
    va_end(ap);
}

bool adj_edit_fail(AdjEditOut *out, AdjEditId id, const char *rule, const char *fmt, ...)
{
    out->fail = id;
    out->rule = rule;
    va_list ap;
    va_start(ap, fmt);
    adj_edit_vformat(out->reason, sizeof(out->reason), fmt, ap);
    va_end(ap);
    return false;
}

void adj_edit_copy(char *dst, size_t size, const char *src)
{
    size_t n = strnlen(src, size - 1);
    memcpy(dst, src, n);
    dst[n] = '\0';
}

bool adj_edit_mods_equal(const char (*a)[3], int na, const char (*b)[3], int nb)
{
    if (na != nb)
        return false;
    for (int i = 0; i < na; i++) {
        bool found = false;
        for (int j = 0; j < nb && !found; j++)
            found = strcmp(a[i], b[j]) == 0;
        if (!found)
            return false;
    }
    return true;
}

bool adj_edit_mods_equal_info(const AdjRuleset *rs, const char (*a)[3], int na,
                              const char (*b)[3], int nb)
{
    /* every non-informational modifier of one side is on the other */
    for (int pass = 0; pass < 2; pass++) {
        const char(*x)[3] = pass ? b : a, (*y)[3] = pass ? a : b;
        int nx = pass ? nb : na, ny = pass ? na : nb;
        for (int i = 0; i < nx; i++) {
            if (adj_ruleset_info_mod(rs, x[i]))
                continue;
            bool found = false;
            for (int j = 0; j < ny && !found; j++)
                found = strcmp(x[i], y[j]) == 0;
            if (!found)
                return false;
        }
    }
    return true;
}

typedef struct Wrap {
    AdjHistVisit fn;
    void *arg;
    bool stopped;
} Wrap;

static bool wrap_visit(void *arg, const AdjHistLine *line)
{
    Wrap *w = arg;
    if (line->outcome == ADJ_OUT_FORWARD)
        return true;
    if (!w->fn(w->arg, line))
        w->stopped = true;
    return !w->stopped;
}

static bool fill_visit(void *arg, const AdjHistLine *line)
{
    AdjHistSnap *s = arg;
    if (s->n >= ADJ_HIST_SNAP_LINES) {
        s->n = -1; /* too many to copy: the walks ask the history */
        return false;
    }
    s->lines[s->n++] = *line;
    return true;
}

/* The claim's copy of the person-month, made at its first walk; NULL when
 * there is no cache, no room for another month, or too many lines. */
static const AdjHistSnap *snap_of(const AdjHistView *v, AdjMonth month)
{
    AdjHistCache *c = v->cache;
    if (c == NULL)
        return NULL;
    for (int i = 0; i < c->nsnap; i++)
        if (c->snap[i].month == month)
            return c->snap[i].n >= 0 ? &c->snap[i] : NULL;
    if (c->nsnap == ADJ_HIST_SNAPS)
        return NULL;
    AdjHistSnap *s = &c->snap[c->nsnap++];
    s->month = month;
    s->n = 0;
    v->hist->month_lines(v->hist->ctx, v->person, month, fill_visit, s);
    return s->n >= 0 ? s : NULL;
}

void adj_hist_each(const AdjHistView *v, AdjMonth month, AdjHistVisit fn, void *arg)
{
    bool stopped = false;
    if (v->hist != NULL && v->hist->month_lines != NULL) {
        const AdjHistSnap *s = snap_of(v, month);
        if (s != NULL) {
            for (int i = 0; i < s->n && !stopped; i++)
                stopped = s->lines[i].outcome != ADJ_OUT_FORWARD && !fn(arg, &s->lines[i]);
        } else {
            Wrap w = {fn, arg, false};
            v->hist->month_lines(v->hist->ctx, v->person, month, wrap_visit, &w);
            stopped = w.stopped;
        }
    }
    for (int i = 0; i < v->nclaim_lines && !stopped; i++)
        if (v->claim_lines[i].month == month && v->claim_lines[i].outcome != ADJ_OUT_FORWARD &&
            !fn(arg, &v->claim_lines[i]))
            return;
}

void adj_hist_each_all(const AdjHistView *v, AdjMonth month, AdjHistVisit fn, void *arg)
{
    if (v->hist == NULL || v->hist->month_lines == NULL)
        return;
    const AdjHistSnap *s = snap_of(v, month);
    if (s == NULL) {
        v->hist->month_lines(v->hist->ctx, v->person, month, fn, arg);
        return;
    }
    for (int i = 0; i < s->n; i++)
        if (!fn(arg, &s->lines[i]))
            return;
}
