/* Table-driven engine tests: every tests/fixtures/cases/NAME.cases file
 * (format in its README) decided through the engine with the in-memory
 * history. A failed expectation names the file and line. */
#include <dirent.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config/ruleset.h"
#include "engine/engine.h"
#include "engine/memhist.h"
#include "unit.h"

#define CASES_DIR ADJ_FIXTURES "/cases"

typedef struct Expect {
    int src_line;
    char text[512];
} Expect;

typedef struct Runner {
    const char *file;
    AdjRulesetSet rules;
    bool have_rules;
    AdjRefdata *ref;
    AdjMemHistory *mem;
    char payer[64]; /* `payer ID`: this plan's payer ID (issue 13) */
    AdjClaim claim;
    bool have_claim;
    Expect expect[ADJ_MAX_LINES];
    int failures, cases;
    unsigned claims; /* every other claim with its reasons left to output (defer_reasons) */
} Runner;

static void failf(Runner *r, int line, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void failf(Runner *r, int line, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    fprintf(stderr, "%s:%d: %s\n", r->file, line, msg);
    CU_assertImplementation(CU_FALSE, (unsigned)line, msg, r->file, "", CU_FALSE);
    r->failures++;
}

static bool date_arg(const char *s, AdjDate *out)
{
    return adj_date_parse_iso(s, strlen(s), out);
}

static const char *opt(char **toks, int n, const char *key)
{
    size_t k = strlen(key);
    for (int i = 0; i < n; i++)
        if (strncmp(toks[i], key, k) == 0 && toks[i][k] == '=')
            return toks[i] + k + 1;
    return NULL;
}

static void check_line(Runner *r, const AdjDecision *d, const Expect *e)
{
    char buf[512];
    snprintf(buf, sizeof(buf), "%s", e->text);
    char *toks[32];
    int n = 0;
    for (char *save, *t = strtok_r(buf, " \t", &save); t && n < 32; t = strtok_r(NULL, " \t", &save))
        toks[n++] = t;
    r->cases++;
    if (n == 0) {
        failf(r, e->src_line, "no expected outcome after =>");
        return;
    }
    char got[ADJ_MONEY_FMT_MAX];
    if (strcmp(toks[0], adj_outcome_name(d->outcome)) != 0)
        failf(r, e->src_line, "line %d %s: expected %s, got %s %s-%s (%s)", d->line, d->code,
              toks[0], adj_outcome_name(d->outcome), d->group, d->carc, d->reason);
    for (int i = 1; i < n; i++) {
        char *t = toks[i], *eq = strchr(t, '=');
        if (eq == NULL) { /* GROUP-CARC or - */
            char gc[16];
            snprintf(gc, sizeof(gc), "%s-%s", d->group, d->carc);
            if (strcmp(t, "-") == 0 ? d->carc[0] != '\0' : strcmp(t, gc) != 0)
                failf(r, e->src_line, "line %d %s: expected %s, got %s (%s)", d->line, d->code, t,
                      gc, d->reason);
            continue;
        }
        *eq = '\0';
        const char *v = eq + 1;
        if (strcmp(t, "rarc") == 0) {
            char have[64] = "";
            for (int k = 0; k < d->nrarc; k++)
                snprintf(have + strlen(have), sizeof(have) - strlen(have), "%s%s", k ? "," : "",
                         d->rarc[k]);
            if (strcmp(v, "-") == 0 ? d->nrarc != 0 : strcmp(v, have) != 0)
                failf(r, e->src_line, "line %d %s: expected rarc %s, got '%s'", d->line, d->code, v,
                      have);
        } else if (strcmp(t, "allowed") == 0 || strcmp(t, "paid") == 0 || strcmp(t, "resp") == 0) {
            AdjMoney m = t[0] == 'a' ? d->allowed : t[0] == 'p' ? d->paid : d->patient_resp;
            adj_money_format(m, got, sizeof(got));
            if (!d->has_amounts || strcmp(got, v) != 0)
                failf(r, e->src_line, "line %d %s: expected %s %s, got %s", d->line, d->code, t, v,
                      d->has_amounts ? got : "null");
        } else if (strcmp(t, "ded") == 0 || strcmp(t, "coins") == 0 || strcmp(t, "copay") == 0 ||
                   strcmp(t, "cob") == 0 || strcmp(t, "primary") == 0) {
            /* the member share split and coordination of benefits (issue 13) */
            AdjMoney m = t[0] == 'd' ? d->deductible : strcmp(t, "coins") == 0 ? d->coinsurance
                       : strcmp(t, "copay") == 0 ? d->copay : t[0] == 'c' ? d->cob_reduction
                       : d->primary_paid;
            adj_money_format(m, got, sizeof(got));
            if (!d->has_amounts || strcmp(got, v) != 0)
                failf(r, e->src_line, "line %d %s: expected %s %s, got %s", d->line, d->code, t, v,
                      d->has_amounts ? got : "null");
            if (d->has_amounts && d->deductible + d->coinsurance + d->copay != d->patient_resp)
                failf(r, e->src_line, "line %d %s: split does not sum to patient_resp", d->line,
                      d->code);
        } else if (strcmp(t, "rule") == 0) {
            bool found = false;
            for (int k = 0; k < d->nrules && !found; k++)
                found = strcmp(d->rules[k], v) == 0;
            if (!found)
                failf(r, e->src_line, "line %d %s: rule %s did not fire (%s)", d->line, d->code, v,
                      d->reason);
        } else if (strcmp(t, "why") == 0) {
            /* a piece of the reason text, '_' for a space: the trace names
             * the table row that fired (docs/adjudication.md) */
            char want[128];
            snprintf(want, sizeof(want), "%s", v);
            for (char *c = want; *c; c++)
                if (*c == '_')
                    *c = ' ';
            if (strstr(d->reason, want) == NULL)
                failf(r, e->src_line, "line %d %s: reason lacks '%s' (%s)", d->line, d->code, want,
                      d->reason);
        } else if (strcmp(t, "match") == 0) {
            if (strcmp(d->matched_claim, v) != 0)
                failf(r, e->src_line, "line %d %s: expected match %s, got '%s'", d->line, d->code,
                      v, d->matched_claim);
        } else if (strcmp(t, "ruleset") == 0) {
            if (strcmp(d->ruleset_id, v) != 0)
                failf(r, e->src_line, "line %d %s: expected ruleset %s, got '%s'", d->line,
                      d->code, v, d->ruleset_id);
        } else if (strcmp(t, "route") == 0) {
            if (strcmp(adj_route_name(d->route), v) != 0)
                failf(r, e->src_line, "line %d %s: expected route %s, got %s", d->line, d->code, v,
                      adj_route_name(d->route));
        } else {
            failf(r, e->src_line, "unknown expectation '%s'", t);
        }
    }
    if (d->reason[0] == '\0')
        failf(r, e->src_line, "line %d %s: empty reason", d->line, d->code);
}

static void decide(Runner *r)
{
    if (!r->have_claim)
        return;
    r->have_claim = false;
    if (!r->have_rules) {
        const char *def = "rulesets";
        AdjError err = {0};
        if (adj_ruleset_set_load(&def, 1, &r->rules, &err) != ADJ_OK) {
            failf(r, 0, "rulesets: %s", err.msg);
            return;
        }
        r->have_rules = true;
    }
    AdjEngine e;
    adj_engine_init(&e, &r->rules, r->ref);
    e.payer_id = r->payer[0] ? r->payer : NULL;
    e.defer_reasons = (r->claims++ & 1u) != 0;
    AdjHistory h = adj_memhist_interface(r->mem);
    AdjDecision out[ADJ_MAX_LINES];
    int n = 0;
    AdjError err = {0};
    if (adj_engine_decide(&e, &r->claim, &h, out, &n, &err) != ADJ_OK) {
        failf(r, r->expect[0].src_line, "engine: %s", err.msg);
        return;
    }
    /* a deferred reason reads the same through adj_engine_reason as once
     * written into the decision: both must give the expected text */
    for (int i = 0; i < n && e.defer_reasons; i++) {
        char tmp[sizeof(out[i].reason)], buf[sizeof(out[i].reason)];
        snprintf(buf, sizeof(buf), "%s", adj_engine_reason(&out[i], tmp, sizeof(tmp)));
        adj_engine_reasons_fill(&out[i], 1);
        if (strcmp(buf, out[i].reason) != 0)
            failf(r, r->expect[i].src_line, "line %d: deferred reason '%s' filled as '%s'",
                  out[i].line, buf, out[i].reason);
    }
    for (int i = 0; i < n; i++)
        check_line(r, &out[i], &r->expect[i]);
}

static void parse_claim(Runner *r, int ln, char **toks, int n)
{
    AdjClaim *c = &r->claim;
    memset(c, 0, sizeof(*c));
    r->have_claim = true;
    snprintf(c->claim_id, sizeof(c->claim_id), "%s", toks[1]);
    const char *v;
    snprintf(c->billing_npi, sizeof(c->billing_npi), "%s", (v = opt(toks, n, "npi")) ? v : "");
    snprintf(c->member_id, sizeof(c->member_id), "%s", (v = opt(toks, n, "member")) ? v : "");
    snprintf(c->freq, sizeof(c->freq), "%s", (v = opt(toks, n, "freq")) ? v : "1");
    snprintf(c->original_ref, sizeof(c->original_ref), "%s", (v = opt(toks, n, "ref")) ? v : "");
    snprintf(c->pos, sizeof(c->pos), "%s", (v = opt(toks, n, "pos")) ? v : "11");
    const AdjProviderRow *p = adj_refdata_provider(r->ref, c->billing_npi);
    snprintf(c->billing_zip, sizeof(c->billing_zip), "%s",
             (v = opt(toks, n, "zip")) ? v : (p && p->nzips ? p->zips[0] : "00000"));
    snprintf(c->facility_zip, sizeof(c->facility_zip), "%s", (v = opt(toks, n, "facility")) ? v : "");
    snprintf(c->rendering_npi, sizeof(c->rendering_npi), "%s", (v = opt(toks, n, "rendering")) ? v : "");
    char dx[128];
    snprintf(dx, sizeof(dx), "%s", (v = opt(toks, n, "dx")) ? v : "F331");
    for (char *save, *t = strtok_r(dx, ",", &save); t && c->ndx < ADJ_MAX_DX; t = strtok_r(NULL, ",", &save))
        snprintf(c->dx[c->ndx++], 8, "%s", t);
    if ((v = opt(toks, n, "dep")) != NULL) {
        c->patient_is_dependent = true;
        if (strlen(v) < 12 || !adj_date_parse_iso(v, 10, &c->patient_birth))
            failf(r, ln, "dep=YYYY-MM-DD:FIRST");
        snprintf(c->patient_first, sizeof(c->patient_first), "%s", v + 11);
    }
    /* issue 13: receipt date, subscriber, payer addressed, COB */
    if ((v = opt(toks, n, "received")) != NULL && !date_arg(v, &c->received))
        failf(r, ln, "received=YYYY-MM-DD");
    if ((v = opt(toks, n, "gs04")) != NULL && !date_arg(v, &c->interchange_date))
        failf(r, ln, "gs04=YYYY-MM-DD");
    if ((v = opt(toks, n, "sub")) != NULL) {
        if (strlen(v) < 12 || !adj_date_parse_iso(v, 10, &c->subscriber_birth))
            failf(r, ln, "sub=YYYY-MM-DD:FIRST");
        snprintf(c->subscriber_first, sizeof(c->subscriber_first), "%s", v + 11);
    }
    if ((v = opt(toks, n, "payer")) != NULL)
        snprintf(c->payer_id, sizeof(c->payer_id), "%s", v);
    if ((v = opt(toks, n, "sbr")) != NULL)
        c->sbr01 = v[0];
    if ((v = opt(toks, n, "other")) != NULL) {
        c->has_other_payer = c->has_other_paid = true;
        if (!adj_money_parse(v, strlen(v), &c->other_paid))
            failf(r, ln, "other=AMOUNT");
    }
    if ((v = opt(toks, n, "problem")) != NULL) {
        char buf[64], *save;
        snprintf(buf, sizeof(buf), "%s", v);
        char *el = strtok_r(buf, ":", &save), *loop = strtok_r(NULL, ":", &save),
             *kind = strtok_r(NULL, ":", &save);
        int k = kind != NULL ? adj_problem_kind_parse(kind) : ADJ_PROBLEM_OTHER;
        if (k < 0)
            failf(r, ln, "problem=ELEMENT:LOOP:KIND (billing_npi, other, ...)");
        adj_claim_problem(c, 7, "NM1", loop ? loop : "", el ? el : "",
                          k < 0 ? ADJ_PROBLEM_OTHER : (AdjProblemKind)k, "invalid value");
    }
}

static void parse_line(Runner *r, int ln, char **toks, int n, const char *expect)
{
    AdjClaim *c = &r->claim;
    if (!r->have_claim || c->nlines >= ADJ_MAX_LINES || n < 4) {
        failf(r, ln, "line needs a claim and CODE DOS CHARGE");
        return;
    }
    AdjLine *l = &c->lines[c->nlines];
    memset(l, 0, sizeof(*l));
    l->lx = c->nlines + 1;
    snprintf(l->qualifier, sizeof(l->qualifier), "HC");
    snprintf(l->code, sizeof(l->code), "%s", toks[1]);
    if (!date_arg(toks[2], &l->dos_from) || !adj_money_parse(toks[3], strlen(toks[3]), &l->charge))
        failf(r, ln, "bad DOS or charge");
    const char *v;
    l->dos_to = (v = opt(toks, n, "to")) && date_arg(v, &l->dos_to) ? l->dos_to : l->dos_from;
    snprintf(l->unit_basis, sizeof(l->unit_basis), "UN");
    l->units_milli = 1000;
    if ((v = opt(toks, n, "units")) != NULL)
        adj_qty_parse(v, strlen(v), &l->units_milli);
    if ((v = opt(toks, n, "mj")) != NULL) {
        snprintf(l->unit_basis, sizeof(l->unit_basis), "MJ");
        adj_qty_parse(v, strlen(v), &l->units_milli);
    }
    if ((v = opt(toks, n, "pos")) != NULL)
        snprintf(l->pos, sizeof(l->pos), "%s", v);
    if ((v = opt(toks, n, "mods")) != NULL) {
        char buf[32];
        snprintf(buf, sizeof(buf), "%s", v);
        for (char *save, *t = strtok_r(buf, ",", &save); t && l->nmods < ADJ_MAX_MODS; t = strtok_r(NULL, ",", &save))
            snprintf(l->mods[l->nmods++], 3, "%s", t);
    }
    if ((v = opt(toks, n, "svd")) != NULL) { /* 2430: the primary's line payment */
        l->has_svd = true;
        if (!adj_money_parse(v, strlen(v), &l->svd_paid))
            failf(r, ln, "svd=AMOUNT");
    }
    if ((v = opt(toks, n, "ptr")) != NULL) {
        char buf[32];
        snprintf(buf, sizeof(buf), "%s", v);
        for (char *save, *t = strtok_r(buf, ",", &save); t && l->ndx_ptr < ADJ_MAX_DX_PTR; t = strtok_r(NULL, ",", &save))
            l->dx_ptr[l->ndx_ptr++] = atoi(t);
    }
    r->expect[c->nlines].src_line = ln;
    snprintf(r->expect[c->nlines].text, sizeof(r->expect[c->nlines].text), "%s", expect ? expect : "");
    if (expect == NULL)
        failf(r, ln, "line without '=> OUTCOME'");
    c->nlines++;
}

/* benefitplan ID ADMIN|- PCT COPAY [deductible=D] [family_deductible=D]
 * [oop_max=D] [family_oop_max=D] [year_start=MM-DD] [timely=DAYS]
 * [cob=standard|non_duplication] [pricing=mpfs] [pct_of_medicare=P] */
static void benefit_plan(Runner *r, int ln, char **toks, int n)
{
    AdjPlanRow p = {0};
    AdjError err = {0};
    snprintf(p.plan_id, sizeof(p.plan_id), "%s", toks[1]);
    snprintf(p.bh_administrator, sizeof(p.bh_administrator), "%s", strcmp(toks[2], "-") ? toks[2] : "");
    bool ok = adj_qty_parse(toks[3], strlen(toks[3]), &p.coinsurance_milli) &&
              adj_money_parse(toks[4], strlen(toks[4]), &p.copay);
    const char *v;
    AdjMoney *money[] = {&p.deductible, &p.family_deductible, &p.oop_max, &p.family_oop_max};
    const char *keys[] = {"deductible", "family_deductible", "oop_max", "family_oop_max"};
    for (int i = 0; i < 4; i++)
        if ((v = opt(toks, n, keys[i])) != NULL)
            ok = ok && adj_money_parse(v, strlen(v), money[i]);
    p.year_start = 101;
    if ((v = opt(toks, n, "year_start")) != NULL)
        ok = ok && adj_refdata_mmdd_parse(v, &p.year_start);
    if ((v = opt(toks, n, "timely")) != NULL)
        p.timely_filing_days = atoi(v);
    if ((v = opt(toks, n, "cob")) != NULL)
        p.cob_method = strcmp(v, "non_duplication") == 0 ? ADJ_COB_NON_DUPLICATION : ADJ_COB_STANDARD;
    if ((v = opt(toks, n, "pricing")) != NULL)
        p.pricing = strcmp(v, "mpfs") == 0 ? ADJ_PRICING_MPFS : ADJ_PRICING_FEE_TABLE;
    p.pct_of_medicare_milli = 100000;
    if ((v = opt(toks, n, "pct_of_medicare")) != NULL)
        ok = ok && adj_qty_parse(v, strlen(v), &p.pct_of_medicare_milli);
    if (!ok || adj_refdata_add_plan(r->ref, &p, &err) != ADJ_OK)
        failf(r, ln, "bad benefitplan %s", err.msg);
}

static void directive(Runner *r, int ln, char *text)
{
    char *expect = strstr(text, "=>");
    if (expect != NULL) {
        *expect = '\0';
        expect += 2;
    }
    char *toks[32];
    int n = 0;
    for (char *save, *t = strtok_r(text, " \t", &save); t && n < 32; t = strtok_r(NULL, " \t", &save))
        toks[n++] = t;
    if (n == 0)
        return;
    AdjError err = {0};
    if (strcmp(toks[0], "line") == 0) {
        parse_line(r, ln, toks, n, expect);
        return;
    }
    decide(r);
    if (strcmp(toks[0], "claim") == 0 && n >= 2) {
        parse_claim(r, ln, toks, n);
    } else if (strcmp(toks[0], "reset") == 0) {
        adj_memhist_clear(r->mem);
    } else if (strcmp(toks[0], "ruleset") == 0 && n >= 2) {
        if (r->have_rules)
            adj_ruleset_set_free(&r->rules);
        r->have_rules = adj_ruleset_set_load((const char *const *)toks + 1, n - 1, &r->rules, &err) == ADJ_OK;
        if (!r->have_rules)
            failf(r, ln, "ruleset: %s", err.msg);
    } else if (strcmp(toks[0], "provider") == 0 && (n == 4 || n == 5)) {
        AdjProviderRow p = {0};
        const char *tax = opt(toks, n, "taxonomy");
        if (tax != NULL)
            snprintf(p.taxonomy, sizeof(p.taxonomy), "%s", tax);
        snprintf(p.npi, sizeof(p.npi), "%s", toks[1]);
        p.kind = strcmp(toks[2], "behavioral") == 0 ? ADJ_PROVIDER_BEHAVIORAL : ADJ_PROVIDER_MEDICAL;
        for (char *save, *t = strtok_r(toks[3], ",", &save); t && p.nzips < ADJ_REF_ZIPS_MAX; t = strtok_r(NULL, ",", &save))
            snprintf(p.zips[p.nzips++], 6, "%s", t);
        if (adj_refdata_add_provider(r->ref, &p, &err) != ADJ_OK)
            failf(r, ln, "%s", err.msg);
    } else if (strcmp(toks[0], "plan") == 0 && n == 5) {
        AdjPlanRow p = {0};
        snprintf(p.plan_id, sizeof(p.plan_id), "%s", toks[1]);
        snprintf(p.bh_administrator, sizeof(p.bh_administrator), "%s", strcmp(toks[2], "-") ? toks[2] : "");
        if (!adj_qty_parse(toks[3], strlen(toks[3]), &p.coinsurance_milli) ||
            !adj_money_parse(toks[4], strlen(toks[4]), &p.copay) || adj_refdata_add_plan(r->ref, &p, &err))
            failf(r, ln, "bad plan %s", err.msg);
    } else if (strcmp(toks[0], "benefitplan") == 0 && n >= 5) {
        benefit_plan(r, ln, toks, n);
    } else if (strcmp(toks[0], "benefit") == 0 && n == 6) {
        AdjBenefitRow b = {0};
        snprintf(b.plan_id, sizeof(b.plan_id), "%s", toks[1]);
        if (strncmp(toks[2], "family:", 7) == 0)
            snprintf(b.code_family, sizeof(b.code_family), "%s", toks[2] + 7);
        else
            snprintf(b.code, sizeof(b.code), "%s", toks[2]);
        b.deductible_applies = strcmp(toks[5], "yes") == 0;
        if (!adj_money_parse(toks[3], strlen(toks[3]), &b.copay) ||
            !adj_qty_parse(toks[4], strlen(toks[4]), &b.coinsurance_milli) ||
            adj_refdata_add_benefit(r->ref, &b, &err) != ADJ_OK)
            failf(r, ln, "bad benefit %s", err.msg);
    } else if (strcmp(toks[0], "provider_loc") == 0 && n == 5) { /* with an MPFS locality */
        AdjProviderRow p = {0};
        snprintf(p.npi, sizeof(p.npi), "%s", toks[1]);
        p.kind = strcmp(toks[2], "behavioral") == 0 ? ADJ_PROVIDER_BEHAVIORAL : ADJ_PROVIDER_MEDICAL;
        snprintf(p.zips[p.nzips++], 6, "%s", toks[3]);
        snprintf(p.locality, sizeof(p.locality), "%s", toks[4]);
        if (adj_refdata_add_provider(r->ref, &p, &err) != ADJ_OK)
            failf(r, ln, "%s", err.msg);
    } else if (strcmp(toks[0], "payer") == 0 && n == 2) {
        snprintf(r->payer, sizeof(r->payer), "%s", strcmp(toks[1], "-") ? toks[1] : "");
    } else if (strcmp(toks[0], "cob_member") == 0 && n == 6) {
        AdjMemberRow m = {0};
        snprintf(m.member_id, sizeof(m.member_id), "%s", toks[1]);
        snprintf(m.plan_id, sizeof(m.plan_id), "%s", toks[2]);
        m.cob_order = toks[5][0];
        if (!date_arg(toks[3], &m.effective_from) ||
            (strcmp(toks[4], "-") != 0 && !date_arg(toks[4], &m.effective_to)))
            failf(r, ln, "bad cob_member dates");
        adj_refdata_add_member(r->ref, &m, &err);
    } else if (strcmp(toks[0], "person") == 0 && n == 7) {
        AdjMemberRow m = {0};
        snprintf(m.member_id, sizeof(m.member_id), "%s", toks[1]);
        snprintf(m.plan_id, sizeof(m.plan_id), "%s", toks[2]);
        snprintf(m.first_name, sizeof(m.first_name), "%s", toks[5]);
        if (!date_arg(toks[3], &m.effective_from) ||
            (strcmp(toks[4], "-") != 0 && !date_arg(toks[4], &m.effective_to)) ||
            !date_arg(toks[6], &m.birth_date))
            failf(r, ln, "bad person dates");
        adj_refdata_add_member(r->ref, &m, &err);
    } else if (strcmp(toks[0], "member") == 0 && n == 5) {
        AdjMemberRow m = {0};
        snprintf(m.member_id, sizeof(m.member_id), "%s", toks[1]);
        snprintf(m.plan_id, sizeof(m.plan_id), "%s", toks[2]);
        if (!date_arg(toks[3], &m.effective_from) ||
            (strcmp(toks[4], "-") != 0 && !date_arg(toks[4], &m.effective_to)))
            failf(r, ln, "bad member dates");
        adj_refdata_add_member(r->ref, &m, &err);
    } else {
        failf(r, ln, "unknown or malformed directive '%s'", toks[0]);
    }
}

static void run_file(const char *path, int *failures, int *cases)
{
    FILE *f = fopen(path, "r");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    Runner *r = calloc(1, sizeof(*r));
    r->file = path;
    r->ref = adj_refdata_new();
    r->mem = adj_memhist_new();
    char buf[1024];
    int ln = 0;
    while (fgets(buf, sizeof(buf), f) != NULL) {
        ln++;
        buf[strcspn(buf, "#\r\n")] = '\0';
        directive(r, ln, buf);
    }
    decide(r);
    fclose(f);
    *failures += r->failures;
    *cases += r->cases;
    if (r->have_rules)
        adj_ruleset_set_free(&r->rules);
    adj_refdata_free(r->ref);
    adj_memhist_free(r->mem);
    free(r);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void test_cases(void)
{
    DIR *d = opendir(CASES_DIR);
    CU_ASSERT_PTR_NOT_NULL_FATAL(d);
    char *names[256];
    int n = 0;
    struct dirent *de;
    while ((de = readdir(d)) != NULL && n < 256) {
        size_t len = strlen(de->d_name);
        if (len > 6 && strcmp(de->d_name + len - 6, ".cases") == 0)
            names[n++] = strdup(de->d_name);
    }
    closedir(d);
    qsort(names, (size_t)n, sizeof(char *), cmp_str);
    int failures = 0, cases = 0;
    for (int i = 0; i < n; i++) {
        char path[512];
        snprintf(path, sizeof(path), "%s/%s", CASES_DIR, names[i]);
        int before = cases;
        run_file(path, &failures, &cases);
        printf("  %s: %d line expectations\n", path, cases - before);
        free(names[i]);
    }
    printf("  %d files, %d line expectations, %d failures\n", n, cases, failures);
    CU_ASSERT(n > 0);
    CU_ASSERT(cases > 0);
    CU_ASSERT_EQUAL(failures, 0);
}

static const UnitTest tests[] = {
    {"engine cases (tests/fixtures/cases)", test_cases},
    {NULL, NULL},
};

ADJ_UNIT_MAIN("engine_cases", tests)
