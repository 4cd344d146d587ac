/* Small-cell suppression of the approval-rates report, primary and
 * complementary, decided once per rendering so that CSV, JSON and HTML hide
 * exactly the same figures. Pure and deterministic: no clock, no database. */
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "report/report.h"

typedef struct Keys {
    const char *plan, *family, *kind;
    AdjMonth month;
    size_t index;
} Keys;

static int keys_cmp(const void *pa, const void *pb)
{
    const Keys *a = pa, *b = pb;
    int c = strcmp(a->plan, b->plan);
    if (c == 0)
        c = (a->month > b->month) - (a->month < b->month);
    if (c == 0)
        c = strcmp(a->family, b->family);
    if (c == 0)
        c = strcmp(a->kind, b->kind);
    return c;
}

/* keys, then input order: qsort is not stable, the index makes it so */
static int keys_cmp_index(const void *pa, const void *pb)
{
    int c = keys_cmp(pa, pb);
    if (c != 0)
        return c;
    const Keys *a = pa, *b = pb;
    return (a->index > b->index) - (a->index < b->index);
}

/* The shown row a single suppressed row is paired with: fewest members,
 * then fewest final denials, then fewest first-pass denials, then the
 * first in report order. True when row a comes before row b. */
static bool smaller(const AdjReportDenial *a, size_t ia, const AdjReportDenial *b, size_t ib)
{
    if (a->members != b->members)
        return a->members < b->members;
    if (a->denied_final != b->denied_final)
        return a->denied_final < b->denied_final;
    if (a->denied_first != b->denied_first)
        return a->denied_first < b->denied_first;
    return ia < ib;
}

static void group(AdjReportMask *m, const AdjReportData *d, const Keys *g, size_t n,
                  const Keys *cells, size_t ncells)
{
    size_t hidden = 0, pick = SIZE_MAX;
    for (size_t i = 0; i < n; i++) {
        size_t k = g[i].index;
        if (m->denial[k]) {
            hidden++;
        } else if (pick == SIZE_MAX ||
                   smaller(&d->denials[k], k, &d->denials[pick], pick)) {
            pick = k;
        }
    }
    if (hidden != 1)
        return; /* none hidden, or two or more: only their sum is known */
    if (pick != SIZE_MAX) {
        m->denial[pick] = true;
        m->denials_complement++;
        return;
    }
    /* the cell's only denial row: its figures are the cell's denied_*, and
     * denied = decided - paid - pended, so pended_* go too */
    const Keys *c = bsearch(&g[0], cells, ncells, sizeof(*cells), keys_cmp);
    if (c != NULL && !m->cell[c->index]) {
        m->cell_outcome[c->index] = true;
        m->cells_outcome++;
    }
}

void adj_report_mask_build(AdjReportMask *m, const AdjReportData *d, const AdjReportOptions *o)
{
    memset(m, 0, sizeof(*m));
    m->cell = adj_xcalloc(d->ncells + 1, sizeof(bool));
    m->cell_outcome = adj_xcalloc(d->ncells + 1, sizeof(bool));
    m->denial = adj_xcalloc(d->ndenials + 1, sizeof(bool));
    Keys *cells = adj_xcalloc(d->ncells + 1, sizeof(Keys));
    for (size_t i = 0; i < d->ncells; i++) {
        const AdjReportCell *c = &d->cells[i];
        m->cell[i] = adj_report_suppressed(c->members, o->min_cell);
        if (m->cell[i])
            m->cells_hidden++;
        cells[i] = (Keys){c->plan_id, c->family, c->provider_kind, c->month, i};
    }
    Keys *den = adj_xcalloc(d->ndenials + 1, sizeof(Keys));
    for (size_t i = 0; i < d->ndenials; i++) {
        const AdjReportDenial *x = &d->denials[i];
        m->denial[i] = adj_report_suppressed(x->members, o->min_cell);
        if (m->denial[i])
            m->denials_primary++;
        den[i] = (Keys){x->plan_id, x->family, x->provider_kind, x->month, i};
    }
    qsort(cells, d->ncells, sizeof(Keys), keys_cmp_index);
    qsort(den, d->ndenials, sizeof(Keys), keys_cmp_index);
    for (size_t i = 0; i < d->ndenials;) {
        size_t j = i + 1;
        while (j < d->ndenials && keys_cmp(&den[i], &den[j]) == 0)
            j++;
        group(m, d, den + i, j - i, cells, d->ncells);
        i = j;
    }
    free(cells);
    free(den);
}

void adj_report_mask_free(AdjReportMask *m)
{
    free(m->cell);
    free(m->cell_outcome);
    free(m->denial);
    memset(m, 0, sizeof(*m));
}
