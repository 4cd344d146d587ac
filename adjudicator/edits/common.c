/* Helpers shared by the edits and the history view. Pure. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "edits/edit.h"

bool adj_edit_fail(AdjEditOut *out, AdjEditId id, const char *rule, const char *fmt, ...)
{
    out->fail = id;
    out->rule = rule;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(out->reason, sizeof(out->reason), fmt, ap);
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

void adj_hist_each(const AdjHistView *v, AdjMonth month, AdjHistVisit fn, void *arg)
{
    Wrap w = {fn, arg, false};
    if (v->hist != NULL && v->hist->month_lines != NULL)
        v->hist->month_lines(v->hist->ctx, v->person, month, wrap_visit, &w);
    for (int i = 0; i < v->nclaim_lines && !w.stopped; i++)
        if (v->claim_lines[i].month == month && v->claim_lines[i].outcome != ADJ_OUT_FORWARD &&
            !fn(arg, &v->claim_lines[i]))
            return;
}

void adj_hist_each_all(const AdjHistView *v, AdjMonth month, AdjHistVisit fn, void *arg)
{
    if (v->hist != NULL && v->hist->month_lines != NULL)
        v->hist->month_lines(v->hist->ctx, v->person, month, fn, arg);
}
