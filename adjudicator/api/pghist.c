/* The public API's PostgreSQL-backed history (adjudicator.h): the pipeline's
 * own history (pipeline/hist.c) behind the public callbacks, loading each
 * member's history from the database the first time the engine asks about
 * that member. Reads only. */
#include "adjudicator.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/guard.h"
#include "pipeline/hist.h"

struct AdjApiPgHistory {
    AdjStore *store;
    AdjPipelineHist *hist;
    AdjHistory inner;
    AdjApiHistory pub;
    char error[ADJ_ERROR_MSG_MAX];
};

#define COPY(dst, src) snprintf((dst), sizeof(dst), "%s", (src))

/* The member part of a person key ("ID" or "ID|CCYYMMDD|FIRST"). */
static void member_of(const char *person, char *out, size_t size)
{
    const char *bar = strchr(person, '|');
    size_t n = bar ? (size_t)(bar - person) : strlen(person);
    if (n >= size)
        n = size - 1;
    memcpy(out, person, n);
    out[n] = '\0';
}

static void ensure(AdjApiPgHistory *h, const char *member)
{
    AdjError err = {0};
    const char *m[1] = {member};
    if (adj_pipeline_hist_load(h->hist, h->store, m, 1, &err) != ADJ_OK)
        COPY(h->error, err.msg);
}

typedef struct Sink {
    void (*emit)(void *sink, const AdjApiHistLine *line);
    void *sink;
} Sink;

static bool visit(void *arg, const AdjHistLine *l)
{
    Sink *s = arg;
    AdjApiHistLine p;
    memset(&p, 0, sizeof(p));
    COPY(p.claim_id, l->claim_id);
    COPY(p.billing_npi, l->billing_npi);
    p.line = l->line;
    COPY(p.code, l->code);
    for (int i = 0; i < l->nmods && i < 4; i++)
        COPY(p.mods[i], l->mods[i]);
    p.dos = l->dos;
    p.units = l->units;
    p.charge_cents = l->charge;
    p.pending = l->outcome == ADJ_OUT_PEND;
    s->emit(s->sink, &p);
    return true;
}

static void month_lines(void *ctx, const char *person, int32_t month,
                        void (*emit)(void *sink, const AdjApiHistLine *line), void *sink)
{
    AdjApiPgHistory *h = ctx;
    char member[ADJ_MEMBER_ID_MAX + 1];
    member_of(person, member, sizeof(member));
    ensure(h, member);
    Sink s = {emit, sink};
    h->inner.month_lines(h->inner.ctx, person, month, visit, &s);
}

static int claim_find(void *ctx, const char *npi, const char *claim_id, const char *member)
{
    AdjApiPgHistory *h = ctx;
    ensure(h, member);
    return h->inner.claim_find(h->inner.ctx, npi, claim_id, member) ? 1 : 0;
}

static int claim_retract(void *ctx, const char *npi, const char *claim_id, const char *member)
{
    AdjApiPgHistory *h = ctx;
    AdjError err = {0};
    ensure(h, member);
    if (h->inner.claim_retract(h->inner.ctx, npi, claim_id, member, &err) != ADJ_OK) {
        COPY(h->error, err.msg);
        return -1;
    }
    return 0;
}

static int record(void *ctx, const char *person, const char *member, const char *npi,
                  const char *claim_id, const AdjApiHistLine *lines, int n)
{
    AdjApiPgHistory *h = ctx;
    ensure(h, member);
    AdjHistLine in[ADJ_MAX_LINES];
    if (n > ADJ_MAX_LINES)
        n = ADJ_MAX_LINES;
    for (int i = 0; i < n; i++) {
        const AdjApiHistLine *p = &lines[i];
        AdjHistLine *l = &in[i];
        memset(l, 0, sizeof(*l));
        COPY(l->claim_id, p->claim_id);
        COPY(l->billing_npi, p->billing_npi);
        l->line = p->line;
        COPY(l->code, p->code);
        for (int m = 0; m < 4; m++)
            if (p->mods[m][0])
                COPY(l->mods[l->nmods++], p->mods[m]);
        l->dos = p->dos;
        l->month = adj_date_month(p->dos);
        l->units = p->units;
        l->charge = p->charge_cents;
        l->outcome = p->pending ? ADJ_OUT_PEND : ADJ_OUT_PAY;
    }
    AdjError err = {0};
    if (h->inner.record(h->inner.ctx, person, member, npi, claim_id, in, n, &err) != ADJ_OK) {
        COPY(h->error, err.msg);
        return -1;
    }
    return 0;
}

static AdjApiPgHistory *pg_history_open(const char *conninfo, char *errbuf, size_t errlen)
{
    AdjApiPgHistory *h = adj_xcalloc(1, sizeof(*h));
    AdjError err = {0};
    if (adj_store_open(conninfo, &h->store, &err) != ADJ_OK) {
        if (errbuf != NULL && errlen > 0)
            snprintf(errbuf, errlen, "%s", err.msg);
        free(h);
        return NULL;
    }
    h->hist = adj_pipeline_hist_new();
    adj_pipeline_hist_current(h->hist, NULL, 0, NULL);
    h->inner = adj_pipeline_hist_interface(h->hist);
    h->pub = (AdjApiHistory){h, month_lines, claim_find, claim_retract, record};
    return h;
}

int adj_api_pg_history_open(const char *conninfo, AdjApiPgHistory **out, char *errbuf,
                            size_t errlen)
{
    if (out == NULL) {
        if (errbuf != NULL && errlen > 0)
            snprintf(errbuf, errlen, "adj_api_pg_history_open: out is NULL");
        return ADJ_API_ERR_ARG;
    }
    *out = NULL;
    AdjGuard g;
    adj_guard_push(&g);
    if (setjmp(g.env) != 0) {
        adj_guard_pop(&g);
        if (errbuf != NULL && errlen > 0)
            snprintf(errbuf, errlen, "out of memory");
        return ADJ_API_ERR_NOMEM;
    }
    *out = pg_history_open(conninfo != NULL ? conninfo : "", errbuf, errlen);
    adj_guard_pop(&g);
    return *out != NULL ? ADJ_API_OK : ADJ_API_ERR_HISTORY;
}

void adj_api_pg_history_close(AdjApiPgHistory *h)
{
    if (h == NULL)
        return;
    adj_pipeline_hist_free(h->hist);
    adj_store_close(h->store);
    free(h);
}

const AdjApiHistory *adj_api_pg_history(AdjApiPgHistory *h)
{
    return h != NULL ? &h->pub : NULL;
}

const char *adj_api_pg_history_error(const AdjApiPgHistory *h)
{
    return h != NULL ? h->error : "";
}
