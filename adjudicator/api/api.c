/* The public API (adjudicator.h) over the engine: converts the public claim,
 * history and decision structs to and from the internal ones. Owns the
 * rulesets, reference data and in-memory history of a handle. */
#include "adjudicator.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config/ruleset.h"
#include "core/arena.h"
#include "core/guard.h"
#include "engine/engine.h"
#include "engine/memhist.h"
#include "engine/render.h"

struct AdjApi {
    AdjRulesetSet rules;
    AdjRefdata *ref;
    AdjMemHistory *mem;
    AdjEngine engine;
};

static AdjApi *api_open(const char *rulesets, const char *providers_csv, const char *members_csv,
                        const char *plans_csv, char *errbuf, size_t errlen)
{
    AdjApi *api = adj_xcalloc(1, sizeof(*api));
    AdjError err = {0};
    if (adj_ruleset_set_load(&rulesets, 1, &api->rules, &err) != ADJ_OK ||
        adj_refdata_load(&api->ref, providers_csv, members_csv, plans_csv, &err) != ADJ_OK) {
        if (errbuf != NULL && errlen > 0)
            snprintf(errbuf, errlen, "%s", err.msg);
        adj_api_close(api);
        return NULL;
    }
    api->mem = adj_memhist_new();
    adj_engine_init(&api->engine, &api->rules, api->ref);
    return api;
}

void adj_api_close(AdjApi *api)
{
    if (api == NULL)
        return;
    adj_ruleset_set_free(&api->rules);
    adj_refdata_free(api->ref);
    adj_memhist_free(api->mem);
    free(api);
}

#define COPY(dst, src) snprintf((dst), sizeof(dst), "%s", (src))

static void to_claim(const AdjApiClaim *p, AdjClaim *c)
{
    memset(c, 0, sizeof(*c));
    COPY(c->claim_id, p->claim_id);
    COPY(c->billing_npi, p->billing_npi);
    COPY(c->billing_zip, p->billing_zip);
    COPY(c->facility_zip, p->facility_zip);
    COPY(c->member_id, p->member_id);
    c->patient_is_dependent = p->patient_is_dependent != 0;
    c->patient_birth = p->patient_birth;
    COPY(c->patient_first, p->patient_first);
    COPY(c->pos, p->pos);
    COPY(c->freq, p->freq[0] ? p->freq : "1");
    COPY(c->original_ref, p->original_ref);
    c->ndx = p->ndx < 0 ? 0 : p->ndx > ADJ_MAX_DX ? ADJ_MAX_DX : p->ndx;
    for (int i = 0; i < c->ndx; i++)
        COPY(c->dx[i], p->dx[i]);
    c->nlines = p->nlines < 0 ? 0 : p->nlines > ADJ_MAX_LINES ? ADJ_MAX_LINES : p->nlines;
    for (int i = 0; i < c->nlines; i++) {
        const AdjApiLine *pl = &p->lines[i];
        AdjLine *l = &c->lines[i];
        l->lx = pl->lx ? pl->lx : i + 1;
        COPY(l->qualifier, "HC");
        COPY(l->code, pl->code);
        for (int m = 0; m < 4; m++)
            if (pl->mods[m][0])
                COPY(l->mods[l->nmods++], pl->mods[m]);
        l->charge = pl->charge_cents;
        COPY(l->unit_basis, pl->unit_basis[0] ? pl->unit_basis : "UN");
        l->units_milli = pl->units_milli;
        COPY(l->pos, pl->pos);
        for (int k = 0; k < 4; k++)
            if (pl->dx_ptr[k] > 0)
                l->dx_ptr[l->ndx_ptr++] = pl->dx_ptr[k];
        l->dos_from = pl->dos_from;
        l->dos_to = pl->dos_to ? pl->dos_to : pl->dos_from;
    }
}

static void to_public_hist(const AdjHistLine *h, AdjApiHistLine *p)
{
    memset(p, 0, sizeof(*p));
    COPY(p->claim_id, h->claim_id);
    COPY(p->billing_npi, h->billing_npi);
    p->line = h->line;
    COPY(p->code, h->code);
    for (int i = 0; i < h->nmods && i < 4; i++)
        COPY(p->mods[i], h->mods[i]);
    p->dos = h->dos;
    p->units = h->units;
    p->charge_cents = h->charge;
    p->pending = h->outcome == ADJ_OUT_PEND;
}

static void from_public_hist(const AdjApiHistLine *p, AdjHistLine *h)
{
    memset(h, 0, sizeof(*h));
    COPY(h->claim_id, p->claim_id);
    COPY(h->billing_npi, p->billing_npi);
    h->line = p->line;
    COPY(h->code, p->code);
    for (int i = 0; i < 4; i++)
        if (p->mods[i][0])
            COPY(h->mods[h->nmods++], p->mods[i]);
    h->dos = p->dos;
    h->month = adj_date_month(p->dos);
    h->units = p->units;
    h->charge = p->charge_cents;
    h->outcome = p->pending ? ADJ_OUT_PEND : ADJ_OUT_PAY;
}

/* Adapter: the caller's AdjApiHistory behind the internal interface. */
typedef struct Emit {
    AdjHistVisit fn;
    void *arg;
    int stopped;
} Emit;

static void emit(void *sink, const AdjApiHistLine *line)
{
    Emit *e = sink;
    if (e->stopped)
        return;
    AdjHistLine h;
    from_public_hist(line, &h);
    if (!e->fn(e->arg, &h))
        e->stopped = 1;
}

static void pub_month_lines(void *ctx, const char *person, AdjMonth month, AdjHistVisit fn, void *arg)
{
    const AdjApiHistory *p = ctx;
    Emit e = {fn, arg, 0};
    if (p->month_lines != NULL)
        p->month_lines(p->ctx, person, month, emit, &e);
}

static bool pub_claim_find(void *ctx, const char *npi, const char *claim_id, const char *member)
{
    const AdjApiHistory *p = ctx;
    return p->claim_find != NULL && p->claim_find(p->ctx, npi, claim_id, member) == 1;
}

static AdjStatus pub_retract(void *ctx, const char *npi, const char *claim_id, const char *member,
                             AdjError *err)
{
    const AdjApiHistory *p = ctx;
    if (p->claim_retract != NULL && p->claim_retract(p->ctx, npi, claim_id, member) != 0)
        return ADJ_FAIL(err, ADJ_ERR_IO, "history: retracting claim %s failed", claim_id);
    return ADJ_OK;
}

static AdjStatus pub_record(void *ctx, const char *person, const char *member, const char *npi,
                            const char *claim_id, const AdjHistLine *lines, int n, AdjError *err)
{
    const AdjApiHistory *p = ctx;
    if (p->record == NULL)
        return ADJ_OK;
    AdjApiHistLine pub[ADJ_MAX_LINES];
    for (int i = 0; i < n && i < ADJ_MAX_LINES; i++)
        to_public_hist(&lines[i], &pub[i]);
    if (p->record(p->ctx, person, member, npi, claim_id, pub, n) != 0)
        return ADJ_FAIL(err, ADJ_ERR_IO, "history: recording claim %s failed", claim_id);
    return ADJ_OK;
}

static void to_public_decision(const AdjDecision *d, AdjApiDecision *p)
{
    memset(p, 0, sizeof(*p));
    COPY(p->claim_id, d->claim_id);
    p->line = d->line;
    COPY(p->code, d->code);
    COPY(p->route, adj_route_name(d->route));
    COPY(p->outcome, adj_outcome_name(d->outcome));
    COPY(p->group, d->group);
    COPY(p->carc, d->carc);
    p->nrarc = d->nrarc;
    for (int i = 0; i < d->nrarc; i++)
        COPY(p->rarc[i], d->rarc[i]);
    p->has_amounts = d->has_amounts;
    p->allowed_cents = d->allowed;
    p->paid_cents = d->paid;
    p->patient_resp_cents = d->patient_resp;
    COPY(p->ruleset_id, d->ruleset_id);
    COPY(p->ruleset_sha256, d->ruleset_sha256);
    p->nrules = d->nrules;
    for (int i = 0; i < d->nrules; i++)
        p->rules[i] = d->rules[i];
    COPY(p->matched_claim, d->matched_claim);
    COPY(p->reason, d->reason);
    COPY(p->billing_npi, d->billing_npi);
    p->dos = d->dos == ADJ_DATE_NONE ? 0 : d->dos;
    p->charge_cents = d->charge;
    p->units_milli = d->units_milli;
}

/* The public status of an internal one. */
static int api_status(AdjStatus st)
{
    switch (st) {
    case ADJ_OK:
        return ADJ_API_OK;
    case ADJ_ERR_INPUT:
        return ADJ_API_ERR_INPUT;
    case ADJ_ERR_USAGE:
        return ADJ_API_ERR_ARG;
    case ADJ_ERR_DB:
    case ADJ_ERR_IO:
        return ADJ_API_ERR_HISTORY;
    default:
        return ADJ_API_ERR_INTERNAL;
    }
}

static int api_decide(AdjApi *api, const AdjApiClaim *claim, const AdjApiHistory *hist,
                      AdjApiDecision *out, char *errbuf, size_t errlen)
{
    AdjClaim *c = adj_xmalloc(sizeof(*c));
    to_claim(claim, c);
    AdjHistory h = hist != NULL ? (AdjHistory){(void *)hist, pub_month_lines, pub_claim_find,
                                               pub_retract, pub_record, NULL, NULL}
                                : adj_memhist_interface(api->mem);
    AdjDecision d[ADJ_MAX_LINES];
    int n = 0;
    AdjError err = {0};
    AdjStatus st = adj_engine_decide(&api->engine, c, &h, d, &n, &err);
    free(c);
    if (st != ADJ_OK) {
        if (errbuf != NULL && errlen > 0)
            snprintf(errbuf, errlen, "%s", err.msg);
        return api_status(st);
    }
    for (int i = 0; i < n; i++)
        to_public_decision(&d[i], &out[i]);
    return n;
}

static size_t api_decision_json(const AdjApiDecision *p, const char *member_id, char *buf,
                                size_t size)
{
    AdjDecision d;
    memset(&d, 0, sizeof(d));
    COPY(d.claim_id, p->claim_id);
    d.line = p->line;
    COPY(d.code, p->code);
    d.route = strcmp(p->route, "behavioral") == 0 ? ADJ_ROUTE_BEHAVIORAL : ADJ_ROUTE_MEDICAL;
    for (int o = ADJ_OUT_PAY; o <= ADJ_OUT_VOID; o++)
        if (strcmp(adj_outcome_name((AdjOutcome)o), p->outcome) == 0)
            d.outcome = (AdjOutcome)o;
    COPY(d.group, p->group);
    COPY(d.carc, p->carc);
    d.nrarc = p->nrarc;
    for (int i = 0; i < p->nrarc && i < ADJ_MAX_RARC; i++)
        COPY(d.rarc[i], p->rarc[i]);
    d.has_amounts = p->has_amounts != 0;
    d.allowed = p->allowed_cents;
    d.paid = p->paid_cents;
    d.patient_resp = p->patient_resp_cents;
    COPY(d.ruleset_id, p->ruleset_id);
    d.nrules = p->nrules;
    for (int i = 0; i < p->nrules && i < ADJ_MAX_RULES; i++)
        d.rules[i] = p->rules[i];
    COPY(d.reason, p->reason);
    COPY(d.billing_npi, p->billing_npi);
    d.dos = p->dos != 0 ? p->dos : ADJ_DATE_NONE;
    d.charge = p->charge_cents;
    d.units_milli = p->units_milli;
    COPY(d.matched_claim, p->matched_claim);
    char *mem = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&mem, &len);
    if (f == NULL)
        return 0;
    adj_render_jsonl(f, &d, member_id);
    fclose(f);
    if (len > 0 && mem[len - 1] == '\n')
        mem[--len] = '\0';
    if (size > 0)
        snprintf(buf, size, "%s", mem);
    free(mem);
    return len;
}

/* The exported entry points: guarded (core/guard.h), so out of memory is a
 * status and nothing reaches stderr. */

int adj_api_version(void)
{
    return ADJ_API_VERSION;
}

const char *adj_api_status_name(int status)
{
    switch (status) {
    case ADJ_API_OK:
        return "ok";
    case ADJ_API_ERR_ARG:
        return "argument";
    case ADJ_API_ERR_INPUT:
        return "input";
    case ADJ_API_ERR_NOMEM:
        return "nomem";
    case ADJ_API_ERR_HISTORY:
        return "history";
    case ADJ_API_ERR_INTERNAL:
        return "internal";
    default:
        return status > 0 ? "ok" : "unknown";
    }
}

static void nomem(char *errbuf, size_t errlen)
{
    if (errbuf != NULL && errlen > 0)
        snprintf(errbuf, errlen, "out of memory");
}

int adj_api_open(const char *rulesets, const char *providers_csv, const char *members_csv,
                 const char *plans_csv, AdjApi **out, char *errbuf, size_t errlen)
{
    if (out != NULL)
        *out = NULL;
    if (rulesets == NULL || providers_csv == NULL || members_csv == NULL || plans_csv == NULL ||
        out == NULL) {
        if (errbuf != NULL && errlen > 0)
            snprintf(errbuf, errlen, "adj_api_open: a path or out is NULL");
        return ADJ_API_ERR_ARG;
    }
    AdjGuard g;
    adj_guard_push(&g);
    if (setjmp(g.env) != 0) {
        adj_guard_pop(&g);
        nomem(errbuf, errlen);
        return ADJ_API_ERR_NOMEM;
    }
    *out = api_open(rulesets, providers_csv, members_csv, plans_csv, errbuf, errlen);
    adj_guard_pop(&g);
    return *out != NULL ? ADJ_API_OK : ADJ_API_ERR_INPUT;
}

int adj_api_decide(AdjApi *api, const AdjApiClaim *claim, const AdjApiHistory *hist,
                   AdjApiDecision *out, char *errbuf, size_t errlen)
{
    if (api == NULL || claim == NULL || out == NULL) {
        if (errbuf != NULL && errlen > 0)
            snprintf(errbuf, errlen, "adj_api_decide: a handle, claim or output is NULL");
        return ADJ_API_ERR_ARG;
    }
    AdjGuard g;
    adj_guard_push(&g);
    if (setjmp(g.env) != 0) {
        adj_guard_pop(&g);
        nomem(errbuf, errlen);
        return ADJ_API_ERR_NOMEM;
    }
    int n = api_decide(api, claim, hist, out, errbuf, errlen);
    adj_guard_pop(&g);
    return n;
}

size_t adj_api_decision_json(const AdjApiDecision *d, const char *member_id, char *buf,
                             size_t size)
{
    if (d == NULL)
        return 0;
    AdjGuard g;
    adj_guard_push(&g);
    if (setjmp(g.env) != 0) {
        adj_guard_pop(&g);
        if (buf != NULL && size > 0)
            buf[0] = '\0';
        return 0;
    }
    size_t n = api_decision_json(d, member_id != NULL ? member_id : "", buf, size);
    adj_guard_pop(&g);
    return n;
}
