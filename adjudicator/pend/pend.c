/* The pend work queue: see pend/pend.h. Loads the claim and its decisions
 * in force under the workers' member lock, checks the request, and writes
 * the claim's next decision version and history event in one transaction
 * with a checkpoint, as the pipeline and re-runs do. */
#include "pend/pend.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "config/ruleset.h"
#include "core/arena.h"
#include "edits/history.h"
#include "engine/engine.h"
#include "store/pend.h"
#include "rerun/rerun.h"
#include "store/rerun.h"
#include "store/show_view.h"
#include "store/store.h"

AdjStatus adj_pend_parse_amount(const char *s, AdjMoney *out, AdjError *err)
{
    AdjMoney v = 0;
    if (!adj_money_parse(s, strlen(s), &v))
        return ADJ_FAIL(err, ADJ_ERR_USAGE,
                        "amount '%s' is not a decimal amount with at most two decimals", s);
    if (v <= 0)
        return ADJ_FAIL(err, ADJ_ERR_INPUT, "amount %s: a paid line's amount must be positive", s);
    if (v > ADJ_PEND_MAX_ALLOWED)
        return ADJ_FAIL(err, ADJ_ERR_INPUT, "amount %s is absurd for one service line (limit 100000.00)",
                        s);
    *out = v;
    return ADJ_OK;
}

AdjStatus adj_pend_check_reason(const char *reason, AdjError *err)
{
    size_t len = reason ? strlen(reason) : 0;
    bool blank = true;
    for (size_t i = 0; i < len; i++) {
        unsigned char ch = (unsigned char)reason[i];
        if (ch < 0x20 || ch == 0x7f)
            return ADJ_FAIL(err, ADJ_ERR_USAGE, "the reason holds a control character");
        if (!isspace(ch))
            blank = false;
    }
    if (blank)
        return ADJ_FAIL(err, ADJ_ERR_USAGE, "a reason is required (--reason TEXT)");
    if (len > ADJ_PEND_REASON_MAX)
        return ADJ_FAIL(err, ADJ_ERR_USAGE, "the reason is longer than %d bytes",
                        ADJ_PEND_REASON_MAX);
    return ADJ_OK;
}

AdjStatus adj_pend_max_allowed(bool has_fee, AdjMoney fee, int64_t units, AdjMoney charge,
                               AdjMoney *out, AdjError *err)
{
    AdjMoney max = charge;
    if (has_fee) {
        AdjMoney schedule = 0;
        if (units < 0 || __builtin_mul_overflow(fee, units, &schedule))
            return ADJ_FAIL(err, ADJ_ERR_INPUT, "fee x units overflows: the line cannot be paid");
        if (schedule < max)
            max = schedule;
    }
    if (max > ADJ_PEND_MAX_ALLOWED)
        max = ADJ_PEND_MAX_ALLOWED;
    *out = max < 0 ? 0 : max;
    return ADJ_OK;
}

static AdjOutcome outcome_of(const char *s)
{
    for (int o = ADJ_OUT_PAY; o <= ADJ_OUT_VOID; o++)
        if (strcmp(adj_outcome_name((AdjOutcome)o), s) == 0)
            return (AdjOutcome)o;
    return ADJ_OUT_PEND;
}

/* "a\nb" into up to max copies of at most width-1 bytes */
static int split_lf(const char *s, char (*out)[6], int max)
{
    int n = 0;
    while (*s && n < max) {
        const char *nl = strchr(s, '\n');
        size_t len = nl ? (size_t)(nl - s) : strlen(s);
        snprintf(out[n++], 6, "%.*s", (int)len, s);
        s += len + (nl != NULL);
    }
    return n;
}

/* The stored decision back as the engine's value (rules point into arena). */
static void from_current(AdjDecision *d, const AdjStoreCurrent *c, const AdjClaim *cl,
                         const AdjLine *l, AdjArena *arena)
{
    memset(d, 0, sizeof(*d));
    snprintf(d->claim_id, sizeof(d->claim_id), "%s", cl->claim_id);
    snprintf(d->billing_npi, sizeof(d->billing_npi), "%s", cl->billing_npi);
    d->line = l->lx;
    snprintf(d->code, sizeof(d->code), "%s", c->code);
    d->dos = l->dos_from;
    d->route = strcmp(c->route, "behavioral") == 0 ? ADJ_ROUTE_BEHAVIORAL : ADJ_ROUTE_MEDICAL;
    d->outcome = outcome_of(c->outcome);
    snprintf(d->group, sizeof(d->group), "%s", c->grp);
    snprintf(d->carc, sizeof(d->carc), "%s", c->carc);
    d->nrarc = split_lf(c->rarc, d->rarc, ADJ_MAX_RARC);
    d->has_amounts = c->has_amounts;
    d->allowed = c->allowed;
    d->paid = c->paid;
    d->patient_resp = c->patient_resp;
    snprintf(d->ruleset_id, sizeof(d->ruleset_id), "%s", c->ruleset_id);
    snprintf(d->ruleset_sha256, sizeof(d->ruleset_sha256), "%s", c->ruleset_sha256);
    const char *s = c->rules;
    while (*s && d->nrules < ADJ_MAX_RULES) {
        const char *nl = strchr(s, '\n');
        size_t len = nl ? (size_t)(nl - s) : strlen(s);
        d->rules[d->nrules++] = adj_arena_strndup(arena, s, len);
        s += len + (nl != NULL);
    }
    snprintf(d->matched_claim, sizeof(d->matched_claim), "%s", c->matched_claim);
    snprintf(d->reason, sizeof(d->reason), "%s", c->reason);
}

static void hist_line(AdjHistLine *h, const AdjClaim *c, const AdjLine *l, AdjOutcome o)
{
    memset(h, 0, sizeof(*h));
    snprintf(h->claim_id, sizeof(h->claim_id), "%s", c->claim_id);
    snprintf(h->billing_npi, sizeof(h->billing_npi), "%s", c->billing_npi);
    h->line = l->lx;
    snprintf(h->code, sizeof(h->code), "%s", l->code);
    memcpy(h->mods, l->mods, sizeof(h->mods));
    h->nmods = l->nmods;
    h->dos = l->dos_from;
    h->month = adj_date_month(l->dos_from);
    h->units = adj_line_units(l);
    h->charge = l->charge;
    h->outcome = o;
}

typedef struct Ctx {
    const AdjPendDecide *req;
    AdjPendResult *res;
    AdjStore *store;
    AdjRulesetSet rules;
    AdjRefdata *ref;
    AdjStoreFound claim;
    char login[64];
    int64_t refver;
    AdjArena arena;
} Ctx;

static AdjStatus resolve_claim(Ctx *x, AdjError *err)
{
    const char *id = x->req->claim;
    bool digits = strlen(id) > 0;
    for (const char *p = id; *p; p++)
        digits &= isdigit((unsigned char)*p) != 0;
    AdjStoreLookup q = {.pcn = id, .limit = 10};
    AdjStoreFound *f = NULL;
    size_t n = 0;
    bool more = false;
    AdjStatus st = digits ? adj_store_lookup(x->store, &q, &f, &n, &more, err) : ADJ_OK;
    if (st == ADJ_OK && n == 0) {
        free(f);
        q.pcn = NULL;
        q.claim_id = id;
        st = adj_store_lookup(x->store, &q, &f, &n, &more, err);
    }
    if (st == ADJ_OK && n == 0)
        st = ADJ_FAIL(err, ADJ_ERR_INPUT, "no claim %s is stored", id);
    if (st == ADJ_OK && n > 1) {
        char list[200] = "";
        for (size_t i = 0; i < n && i < 5; i++)
            snprintf(list + strlen(list), sizeof(list) - strlen(list), "%s%s", i ? ", " : "",
                     f[i].pcn);
        st = ADJ_FAIL(err, ADJ_ERR_INPUT,
                      "claim %s names %zu%s claims: give the payer claim control number (%s)", id,
                      n, more ? "+" : "", list);
    }
    if (st == ADJ_OK)
        x->claim = f[0];
    free(f);
    char by[24] = "";
    if (st == ADJ_OK)
        st = adj_store_claim_superseded(x->store, x->claim.claim_pk, by, sizeof(by), err);
    if (st == ADJ_OK && by[0])
        st = ADJ_FAIL(err, ADJ_ERR_INPUT,
                      "claim %s was replaced or voided later (pcn %s): work that claim instead",
                      x->claim.pcn, by);
    return st;
}

static AdjStatus check_codes(Ctx *x, char group[3], char carc[6], AdjError *err)
{
    const AdjPendDecide *r = x->req;
    const char *c = r->deny;
    const char *dash = strchr(c, '-');
    snprintf(group, 3, "CO");
    if (dash != NULL) {
        if (dash - c != 2)
            return ADJ_FAIL(err, ADJ_ERR_INPUT, "'%s': a group is CO, OA, PI or PR", c);
        memcpy(group, c, 2);
        group[2] = '\0';
        if (strcmp(group, "CO") && strcmp(group, "OA") && strcmp(group, "PI") &&
            strcmp(group, "PR"))
            return ADJ_FAIL(err, ADJ_ERR_INPUT, "'%s': a group is CO, OA, PI or PR", c);
        c = dash + 1;
    }
    if (strlen(c) == 0 || strlen(c) > 5)
        return ADJ_FAIL(err, ADJ_ERR_INPUT, "'%s' is not a CARC", r->deny);
    snprintf(carc, 6, "%s", c);
    bool known = false;
    AdjStatus st = adj_store_reason_code(x->store, "CARC", carc, &known, NULL, 0, err);
    if (st == ADJ_OK && !known)
        st = ADJ_FAIL(err, ADJ_ERR_INPUT, "unknown CARC '%s': not in the reason code list", carc);
    if (st == ADJ_OK && r->nrarc > ADJ_MAX_RARC)
        st = ADJ_FAIL(err, ADJ_ERR_INPUT, "at most %d RARCs", ADJ_MAX_RARC);
    for (int i = 0; st == ADJ_OK && i < r->nrarc; i++) {
        known = strlen(r->rarc[i]) <= 5;
        if (known)
            st = adj_store_reason_code(x->store, "RARC", r->rarc[i], &known, NULL, 0, err);
        if (st == ADJ_OK && !known)
            st = ADJ_FAIL(err, ADJ_ERR_INPUT, "unknown RARC '%s': not in the reason code list",
                          r->rarc[i]);
    }
    return st;
}

/* A suspect duplicate is paid only when the reason names its match. */
static AdjStatus check_match_named(Ctx *x, const AdjDecision *d, const AdjClaim *c,
                                   AdjError *err)
{
    bool suspect = false;
    for (int i = 0; i < d->nrules; i++)
        suspect |= strcmp(d->rules[i], "edit.duplicate.suspect") == 0;
    if (!suspect || d->matched_claim[0] == '\0')
        return ADJ_OK;
    if (strstr(x->req->reason, d->matched_claim) != NULL)
        return ADJ_OK;
    AdjStoreLookup q = {.claim_id = d->matched_claim, .member_id = c->member_id, .limit = 10};
    AdjStoreFound *f = NULL;
    size_t n = 0;
    bool more = false;
    AdjStatus st = adj_store_lookup(x->store, &q, &f, &n, &more, err);
    bool named = false;
    for (size_t i = 0; st == ADJ_OK && i < n; i++)
        named |= f[i].claim_pk != x->claim.claim_pk && strstr(x->req->reason, f[i].pcn) != NULL;
    free(f);
    if (st == ADJ_OK && !named)
        st = ADJ_FAIL(err, ADJ_ERR_INPUT,
                      "line %d is a suspect duplicate of claim %s: the reason must name that "
                      "claim (its number or control number) and why it is not a duplicate",
                      x->req->line, d->matched_claim);
    return st;
}

static AdjStatus price_pay(Ctx *x, AdjDecision *out, const AdjDecision *all, int n, int idx,
                           const AdjClaim *c, const AdjLine *l, AdjError *err)
{
    const AdjRuleset *rs = adj_ruleset_for_dos(&x->rules, l->dos_from);
    const AdjCodeInfo *ci = rs ? adj_ruleset_code(rs, l->code) : NULL;
    bool has_fee = ci != NULL && ci->fee != NULL;
    AdjMoney max = 0, allowed = 0;
    int64_t units = adj_line_units(l);
    AdjStatus st = adj_pend_max_allowed(has_fee, has_fee ? ci->fee->amount : 0, units, l->charge,
                                        &max, err);
    if (st != ADJ_OK)
        return st;
    char maxs[ADJ_MONEY_FMT_MAX], fees[ADJ_MONEY_FMT_MAX], charges[ADJ_MONEY_FMT_MAX];
    adj_money_format(max, maxs, sizeof(maxs));
    adj_money_format(has_fee ? ci->fee->amount : 0, fees, sizeof(fees));
    adj_money_format(l->charge, charges, sizeof(charges));
    if (x->req->allowed != NULL) {
        st = adj_pend_parse_amount(x->req->allowed, &allowed, err);
        if (st != ADJ_OK)
            return st;
        if (allowed > max)
            return has_fee ? ADJ_FAIL(err, ADJ_ERR_INPUT,
                                      "allowed %s is above the most line %d may be paid: %s "
                                      "(fee %s x %lld unit%s, charge %s)",
                                      x->req->allowed, x->req->line, maxs, fees, (long long)units,
                                      units == 1 ? "" : "s", charges)
                           : ADJ_FAIL(err, ADJ_ERR_INPUT,
                                      "allowed %s is above the line's charge %s",
                                      x->req->allowed, charges);
    } else if (!has_fee) {
        return ADJ_FAIL(err, ADJ_ERR_INPUT,
                        "line %d's code %s has no fee in the ruleset in force: give --allowed "
                        "AMOUNT (at most the charge %s)",
                        x->req->line, l->code, charges);
    } else {
        allowed = max;
    }
    if (allowed <= 0)
        return ADJ_FAIL(err, ADJ_ERR_INPUT, "line %d would be paid nothing: deny it instead",
                        x->req->line);
    /* cost share as the engine's: the plan on the date of service; the
     * copay once per claim, on its first paid line */
    const AdjMemberRow *m = adj_refdata_member(x->ref, c->member_id, l->dos_from);
    const AdjPlanRow *p = m ? adj_refdata_member_plan(x->ref, m) : NULL;
    if (p == NULL)
        return ADJ_FAIL(err, ADJ_ERR_INPUT,
                        "the member has no plan in force on %04d-%02d-%02d: the line cannot be paid",
                        adj_date_year(l->dos_from), adj_date_mon(l->dos_from),
                        adj_date_day(l->dos_from));
    bool copay = true;
    for (int i = 0; i < n; i++)
        if (i != idx && all[i].outcome == ADJ_OUT_PAY)
            copay = false;
    AdjPrice pr = adj_engine_price(allowed, 1, allowed, p->coinsurance_milli, p->copay, copay);
    out->outcome = ADJ_OUT_PAY;
    out->has_amounts = true;
    out->allowed = pr.allowed;
    out->paid = pr.paid;
    out->patient_resp = pr.patient_resp;
    return ADJ_OK;
}

static AdjStatus decide(Ctx *x, AdjError *err)
{
    const AdjPendDecide *r = x->req;
    int64_t pk = x->claim.claim_pk;
    AdjStoreBatch b = {0};
    AdjStoreCurrent *cur = NULL;
    size_t ncur = 0;
    AdjStatus st = adj_store_begin(x->store, err);
    if (st == ADJ_OK)
        st = adj_store_rerun_lock(x->store, &pk, 1, err);
    if (st == ADJ_OK)
        st = adj_store_batch_load(x->store, &pk, 1, &b, err);
    if (st == ADJ_OK)
        st = adj_store_rerun_current(x->store, &pk, 1, &x->arena, &cur, &ncur, err);
    const AdjClaim *c = st == ADJ_OK && b.n == 1 ? &b.claims[0] : NULL;
    if (st == ADJ_OK && (c == NULL || ncur == 0 || (int)ncur != c->nlines))
        st = ADJ_FAIL(err, ADJ_ERR_INPUT, "claim %s has no decision to work yet", x->claim.pcn);
    if (st == ADJ_OK && (r->line < 1 || r->line > c->nlines))
        st = ADJ_FAIL(err, ADJ_ERR_INPUT, "claim %s has no line %d (it has %d)", x->claim.pcn,
                      r->line, c ? c->nlines : 0);
    AdjDecision d[ADJ_MAX_LINES];
    for (int i = 0; st == ADJ_OK && i < c->nlines; i++)
        from_current(&d[i], &cur[i], c, &c->lines[i], &x->arena);
    int idx = r->line - 1;
    if (st == ADJ_OK && d[idx].outcome != ADJ_OUT_PEND) {
        char was[64];
        adj_rerun_describe_old(&cur[idx], was, sizeof(was));
        st = ADJ_FAIL(err, ADJ_ERR_INPUT,
                      "line %d of claim %s is not pended: its decision in force is %s", r->line,
                      x->claim.pcn, was);
    }
    char group[3] = "", carc[6] = "";
    if (st == ADJ_OK && !r->pay)
        st = check_codes(x, group, carc, err);
    if (st == ADJ_OK && r->pay)
        st = check_match_named(x, &d[idx], c, err);
    AdjDecision *nd = st == ADJ_OK ? &d[idx] : NULL;
    if (st == ADJ_OK && r->pay)
        st = price_pay(x, nd, d, c->nlines, idx, c, &c->lines[idx], err);
    if (st == ADJ_OK && !r->pay) {
        nd->outcome = ADJ_OUT_DENY;
        nd->has_amounts = true;
        nd->allowed = nd->paid = nd->patient_resp = 0;
        snprintf(nd->group, sizeof(nd->group), "%s", group);
        snprintf(nd->carc, sizeof(nd->carc), "%s", carc);
        nd->nrarc = r->nrarc;
        for (int i = 0; i < r->nrarc; i++)
            snprintf(nd->rarc[i], sizeof(nd->rarc[i]), "%s", r->rarc[i]);
    }
    if (st == ADJ_OK) {
        if (nd->nrules < ADJ_MAX_RULES)
            nd->rules[nd->nrules++] = r->pay ? "manual.pay" : "manual.deny";
        char why[512];
        snprintf(why, sizeof(why), "%s by hand (%s): %s", r->pay ? "paid" : "denied",
                 x->res->decided_by, r->reason);
        size_t wl = strlen(why);
        if (wl >= sizeof(nd->reason))
            wl = sizeof(nd->reason) - 1;
        memcpy(nd->reason, why, wl);
        nd->reason[wl] = '\0';
        if (r->pay) {
            char a[ADJ_MONEY_FMT_MAX], p[ADJ_MONEY_FMT_MAX];
            adj_money_format(nd->allowed, a, sizeof(a));
            adj_money_format(nd->paid, p, sizeof(p));
            snprintf(x->res->outcome, sizeof(x->res->outcome), "pay allowed %s paid %s", a, p);
        } else {
            snprintf(x->res->outcome, sizeof(x->res->outcome), "deny %s-%s", group, carc);
            for (int i = 0; i < r->nrarc; i++)
                snprintf(x->res->outcome + strlen(x->res->outcome),
                         sizeof(x->res->outcome) - strlen(x->res->outcome), " %s", r->rarc[i]);
        }
    }
    AdjStoreWrite *w = adj_store_write_new(x->login, r->reason);
    adj_store_write_who(w, r->app_user, x->refver);
    if (r->sign_key != NULL)
        adj_store_write_sign_with(w, r->sign_key);
    if (st == ADJ_OK)
        st = adj_store_write_add(w, pk, b.person_keys[0], b.person_key_lens[0], d, c->nlines, err);
    if (st == ADJ_OK) {
        /* the claim's paid and pending lines count as history from now on */
        AdjHistLine h[ADJ_MAX_LINES];
        int nh = 0;
        for (int i = 0; i < c->nlines; i++)
            if (d[i].outcome == ADJ_OUT_PAY || d[i].outcome == ADJ_OUT_PEND)
                hist_line(&h[nh++], c, &c->lines[i], d[i].outcome);
        char person[ADJ_PERSON_KEY_MAX];
        adj_claim_person_key(c, person, sizeof(person));
        adj_store_write_event(w, pk, x->claim.pcn, false, person, c->member_id, c->billing_npi,
                              c->claim_id, h, nh);
    }
    AdjStoreWriteResult wr = {0};
    if (st == ADJ_OK)
        st = adj_store_write_flush(x->store, w, r->key, r->key_len, &wr, err);
    if (st == ADJ_OK)
        st = adj_store_commit(x->store, err);
    if (st != ADJ_OK)
        adj_store_rollback(x->store);
    adj_store_write_free(w);
    free(cur);
    adj_store_batch_free(&b);
    return st;
}

AdjStatus adj_pend_decide(const AdjPendDecide *req, AdjPendResult *res, AdjError *err)
{
    memset(res, 0, sizeof(*res));
    AdjStatus st = adj_pend_check_reason(req->reason, err);
    if (st != ADJ_OK)
        return st;
    if (req->pay == (req->deny != NULL))
        return ADJ_FAIL(err, ADJ_ERR_USAGE, "give one of --pay and --deny CARC");
    if (!req->pay && req->allowed != NULL)
        return ADJ_FAIL(err, ADJ_ERR_USAGE, "--allowed goes with --pay");
    if (req->pay && req->nrarc > 0)
        return ADJ_FAIL(err, ADJ_ERR_USAGE, "--rarc goes with --deny");
    if (req->pay && req->allowed != NULL) { /* malformed before anything is opened */
        AdjMoney v;
        st = adj_pend_parse_amount(req->allowed, &v, err);
        if (st != ADJ_OK)
            return st;
    }
    if (req->sign_key == NULL && (req->key == NULL || req->key_len == 0))
        return ADJ_FAIL(err, ADJ_ERR_USAGE,
                        "no audit key: set audit.signing_key (decisions are checkpointed)");
    Ctx x = {.req = req, .res = res};
    adj_arena_init(&x.arena, 1 << 14);
    const char *rpath = req->rulesets_path;
    st = adj_ruleset_set_load(&rpath, 1, &x.rules, err);
    if (st != ADJ_OK) {
        adj_error_prefix(err, "ruleset: ");
        st = ADJ_ERR_USAGE;
    }
    if (st == ADJ_OK)
        st = adj_store_open(req->conninfo, &x.store, err);
    if (st == ADJ_OK)
        st = adj_store_session_user(x.store, x.login, sizeof(x.login), err);
    if (st == ADJ_OK)
        st = adj_store_set_role(x.store, "adj_staff", err);
    /* decided_by is the database login; the console's account goes beside
     * it (app_user), as for re-runs */
    if (st == ADJ_OK) {
        if (req->app_user)
            snprintf(res->decided_by, sizeof(res->decided_by), "%s for user %s", x.login,
                     req->app_user);
        else
            snprintf(res->decided_by, sizeof(res->decided_by), "%s", x.login);
    }
    if (st == ADJ_OK)
        st = adj_store_refdata_version(x.store, &x.refver, err);
    if (st == ADJ_OK)
        st = adj_store_refdata_read(x.store, &x.ref, err);
    if (st == ADJ_OK)
        st = resolve_claim(&x, err);
    if (st == ADJ_OK)
        st = decide(&x, err);
    if (st == ADJ_OK) {
        snprintf(res->pcn, sizeof(res->pcn), "%s", x.claim.pcn);
        snprintf(res->claim_id, sizeof(res->claim_id), "%s", x.claim.claim_id);
        snprintf(res->npi, sizeof(res->npi), "%s", x.claim.npi);
    }
    if (st == ADJ_OK && req->deps_arena != NULL) {
        AdjShowDep *deps = NULL;
        st = adj_store_show_deps(x.store, &x.rules, x.claim.claim_id, x.claim.npi,
                                 req->deps_arena, &deps, &res->ndeps, err);
        res->deps = deps;
    }
    adj_refdata_free(x.ref);
    adj_store_close(x.store);
    adj_ruleset_set_free(&x.rules);
    adj_arena_free(&x.arena);
    return st;
}
