/* PostgreSQL-backed engine history; see hist.h. */
#include "pipeline/hist.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/strmap.h"
#include "engine/memhist.h"

typedef struct PcnRef {
    char pcn[24], npi[11], member[ADJ_MEMBER_ID_MAX + 1], claim_id[ADJ_CLAIM_ID_MAX + 1];
} PcnRef;

struct AdjPipelineHist {
    AdjMemHistory *mem;
    AdjHistory inner;
    AdjStrMap loaded;      /* member IDs fetched already */
    PcnRef *pcns;          /* payer claim control numbers of recorded claims */
    size_t npcns, cap;
    int64_t *excluded;     /* re-run: sorted claim_pks whose events are skipped */
    size_t nexcluded;
    AdjStrMap cutoff;      /* re-run: subscriber -> claim_pk after which records are skipped */
    AdjStoreWrite *w;
    int64_t claim_pk;
    char pcn[24];
};

AdjPipelineHist *adj_pipeline_hist_new(void)
{
    AdjPipelineHist *h = adj_xcalloc(1, sizeof(*h));
    h->mem = adj_memhist_new();
    h->inner = adj_memhist_interface(h->mem);
    adj_strmap_init(&h->loaded);
    adj_strmap_init(&h->cutoff);
    return h;
}

void adj_pipeline_hist_free(AdjPipelineHist *h)
{
    if (h == NULL)
        return;
    adj_memhist_free(h->mem);
    adj_strmap_free(&h->loaded);
    free(h->pcns);
    free(h->excluded);
    adj_strmap_free(&h->cutoff);
    free(h);
}

static int cmp_pk(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return x < y ? -1 : x > y;
}

void adj_pipeline_hist_rerun_view(AdjPipelineHist *h, const int64_t *claim_pks,
                                  const char *const *member_ids, size_t n)
{
    free(h->excluded);
    h->excluded = adj_xmalloc((n ? n : 1) * sizeof(*h->excluded));
    if (n)
        memcpy(h->excluded, claim_pks, n * sizeof(*claim_pks));
    qsort(h->excluded, n, sizeof(*h->excluded), cmp_pk);
    h->nexcluded = n;
    for (size_t i = 0; i < n; i++)
        adj_strmap_put(&h->cutoff, member_ids[i], strlen(member_ids[i]), (size_t)claim_pks[i]);
}

void adj_pipeline_hist_skip_own(AdjPipelineHist *h, const int64_t *claim_pks, size_t n)
{
    free(h->excluded);
    h->excluded = adj_xmalloc((n ? n : 1) * sizeof(*h->excluded));
    if (n)
        memcpy(h->excluded, claim_pks, n * sizeof(*claim_pks));
    qsort(h->excluded, n, sizeof(*h->excluded), cmp_pk);
    h->nexcluded = n;
}

/* A re-run skips its claims' own events and later claims' records. */
static bool skipped(const AdjPipelineHist *h, const AdjStoreHistEvent *e)
{
    if (h->nexcluded == 0)
        return false;
    if (bsearch(&e->claim_pk, h->excluded, h->nexcluded, sizeof(int64_t), cmp_pk) != NULL)
        return true;
    size_t cut;
    return !e->retract && adj_strmap_get(&h->cutoff, e->member_id, strlen(e->member_id), &cut) &&
           e->claim_pk > (int64_t)cut;
}

/* The record event whose lines count for each recorded claim: its latest
 * (a re-run records a changed claim again). latest[i] for record event i. */
static size_t *latest_records(const AdjStoreHistory *sh)
{
    size_t *latest = adj_xmalloc((sh->nevents ? sh->nevents : 1) * sizeof(*latest));
    AdjStrMap last; /* claim_pk -> its last record event */
    adj_strmap_init(&last);
    for (size_t i = 0; i < sh->nevents; i++)
        if (!sh->events[i].retract)
            adj_strmap_put(&last, (const char *)&sh->events[i].claim_pk, sizeof(int64_t), i);
    for (size_t i = 0; i < sh->nevents; i++) {
        latest[i] = i;
        if (!sh->events[i].retract)
            adj_strmap_get(&last, (const char *)&sh->events[i].claim_pk, sizeof(int64_t), &latest[i]);
    }
    adj_strmap_free(&last);
    return latest;
}

void adj_pipeline_hist_current(AdjPipelineHist *h, AdjStoreWrite *w, int64_t claim_pk, const char *pcn)
{
    h->w = w;
    h->claim_pk = claim_pk;
    snprintf(h->pcn, sizeof(h->pcn), "%s", pcn ? pcn : "");
}

static void add_pcn(AdjPipelineHist *h, const char *pcn, const char *npi, const char *member,
                    const char *claim_id)
{
    if (h->npcns == h->cap) {
        h->cap = h->cap ? h->cap * 2 : 64;
        h->pcns = adj_xrealloc(h->pcns, h->cap * sizeof(*h->pcns));
    }
    PcnRef *p = &h->pcns[h->npcns++];
    snprintf(p->pcn, sizeof(p->pcn), "%s", pcn);
    snprintf(p->npi, sizeof(p->npi), "%s", npi);
    snprintf(p->member, sizeof(p->member), "%s", member);
    snprintf(p->claim_id, sizeof(p->claim_id), "%s", claim_id);
}

/* docs/adjudication.md "Replacement and void": REF*F8 is matched first against the payer claim control
 * number, else against CLM01. */
static const char *resolve(const AdjPipelineHist *h, const char *npi, const char *ref,
                           const char *member)
{
    for (size_t i = 0; i < h->npcns; i++) {
        const PcnRef *p = &h->pcns[i];
        if (strcmp(p->pcn, ref) == 0 && strcmp(p->npi, npi) == 0 && strcmp(p->member, member) == 0)
            return p->claim_id;
    }
    return ref;
}

AdjStatus adj_pipeline_hist_load(AdjPipelineHist *h, AdjStore *store, const char *const *member_ids,
                          size_t n, AdjError *err)
{
    const char **want = adj_xmalloc((n ? n : 1) * sizeof(*want));
    size_t *lens = adj_xmalloc((n ? n : 1) * sizeof(*lens));
    size_t nwant = 0, v;
    for (size_t i = 0; i < n; i++) {
        size_t len = strlen(member_ids[i]);
        if (adj_strmap_get(&h->loaded, member_ids[i], len, &v))
            continue;
        adj_strmap_put(&h->loaded, member_ids[i], len, 1);
        want[nwant] = member_ids[i];
        lens[nwant++] = len;
    }
    AdjStoreHistory sh;
    AdjStatus st = adj_store_history_fetch(store, want, lens, nwant, &sh, err);
    free(want);
    free(lens);
    if (st != ADJ_OK)
        return st;
    /* replay in the order the engine made them; a claim recorded again
     * counts once, with its latest lines, where it was first recorded */
    size_t *latest = latest_records(&sh);
    AdjStrMap seen; /* claim_pks recorded so far */
    adj_strmap_init(&seen);
    for (size_t i = 0; i < sh.nevents && st == ADJ_OK; i++) {
        const AdjStoreHistEvent *e = &sh.events[i];
        if (skipped(h, e))
            continue;
        if (!e->retract) {
            size_t one;
            if (adj_strmap_get(&seen, (const char *)&e->claim_pk, sizeof(int64_t), &one))
                continue;
            adj_strmap_put(&seen, (const char *)&e->claim_pk, sizeof(int64_t), 1);
            e = &sh.events[latest[i]];
        }
        if (e->retract) {
            st = h->inner.claim_retract(h->inner.ctx, e->billing_npi, e->claim_id, e->member_id,
                                        err);
            continue;
        }
        add_pcn(h, e->pcn, e->billing_npi, e->member_id, e->claim_id);
        st = h->inner.record(h->inner.ctx, e->person_key, e->member_id, e->billing_npi,
                             e->claim_id, sh.lines + e->first_line, e->nlines, err);
    }
    adj_strmap_free(&seen);
    free(latest);
    adj_store_history_free(&sh);
    return st;
}

static void month_lines(void *ctx, const char *person, AdjMonth month, AdjHistVisit fn, void *arg)
{
    AdjPipelineHist *h = ctx;
    h->inner.month_lines(h->inner.ctx, person, month, fn, arg);
}

static bool claim_find(void *ctx, const char *npi, const char *claim_id, const char *member)
{
    AdjPipelineHist *h = ctx;
    return h->inner.claim_find(h->inner.ctx, npi, resolve(h, npi, claim_id, member), member);
}

static AdjStatus claim_retract(void *ctx, const char *npi, const char *claim_id,
                               const char *member, AdjError *err)
{
    AdjPipelineHist *h = ctx;
    const char *orig = resolve(h, npi, claim_id, member);
    if (h->w != NULL)
        adj_store_write_event(h->w, h->claim_pk, h->pcn, true, "", member, npi, orig, NULL, 0);
    return h->inner.claim_retract(h->inner.ctx, npi, orig, member, err);
}

static AdjStatus record(void *ctx, const char *person, const char *member, const char *npi,
                        const char *claim_id, const AdjHistLine *lines, int n, AdjError *err)
{
    AdjPipelineHist *h = ctx;
    if (h->w != NULL)
        adj_store_write_event(h->w, h->claim_pk, h->pcn, false, person, member, npi, claim_id,
                              lines, n);
    if (h->pcn[0])
        add_pcn(h, h->pcn, npi, member, claim_id);
    return h->inner.record(h->inner.ctx, person, member, npi, claim_id, lines, n, err);
}

static void accum(void *ctx, const char *person, const char *member, uint64_t plan, AdjDate year,
                  AdjAccumState *out)
{
    AdjPipelineHist *h = ctx;
    h->inner.accum(h->inner.ctx, person, member, plan, year, out);
}

static int claim_counts(void *ctx, const char *npi, const char *claim_id, const char *member)
{
    AdjPipelineHist *h = ctx;
    return h->inner.claim_counts(h->inner.ctx, npi, resolve(h, npi, claim_id, member), member);
}

AdjHistory adj_pipeline_hist_interface(AdjPipelineHist *h)
{
    return (AdjHistory){h, month_lines, claim_find, claim_retract, record, accum, claim_counts};
}
