/* The decision flow of one claim (docs/adjudication.md): front-end rejects, voids
 * and replacements, then per line: ruleset by date of service, routing, the
 * edits in order (first failure decides), pricing, and the trace. Earlier
 * lines of the claim are history for later ones. No I/O of its own: history
 * is reached only through the AdjHistory interface. */
#include "engine/engine.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "edits/edit.h"
#include "engine/reason.h"
#include "engine/benefits.h"
#include "engine/costshare.h"
#include "engine/mpfs.h"
#include "routing/routing.h"

/* docs/adjudication.md order: every line kept on the medical benefit gets the
 * medical edits; CoCM/BHI lines get the CoCM/BHI edits besides, in one
 * order. Coverage (eligibility) runs before routing, on every line. */
static const AdjEditFn cocm_edits[] = {
    adj_edit_validity,  adj_edit_provider_known, adj_edit_provider_kind, adj_edit_pos_valid,
    adj_edit_location,  adj_edit_pos,            adj_edit_diagnosis,     adj_edit_span,
    adj_edit_minutes,   adj_edit_duplicate,      adj_edit_addon,         adj_edit_episode,
    adj_edit_one_base,  adj_edit_ncci,           adj_edit_exclusive,     adj_edit_caps,
};
static const AdjEditFn medical_edits[] = {
    adj_edit_validity,  adj_edit_provider_known, adj_edit_provider_kind, adj_edit_pos_valid,
    adj_edit_duplicate, adj_edit_addon,          adj_edit_ncci,          adj_edit_caps,
};
#define NCOCM_EDITS (sizeof(cocm_edits) / sizeof(cocm_edits[0]))
#define NMEDICAL_EDITS (sizeof(medical_edits) / sizeof(medical_edits[0]))

void adj_engine_init(AdjEngine *e, const AdjRulesetSet *rules, const AdjRefdata *ref)
{
    e->rules = rules;
    e->ref = ref;
    e->payer_id = NULL;
    e->defer_reasons = false;
}

/* strcpy bounded by the destination: the hot path avoids printf */
static void copy_str(char *dst, size_t size, const char *src)
{
    size_t n = strnlen(src, size - 1);
    memcpy(dst, src, n);
    dst[n] = '\0';
}
#define COPY(dst, src) copy_str((dst), sizeof(dst), (src))
/* The same between fields of one size: a fixed-size copy the compiler
 * inlines (hot path), then the terminator COPY would write. */
#define COPY_FIELD(dst, src)                                                  \
    do {                                                                      \
        _Static_assert(sizeof(dst) == sizeof(src), "field sizes differ");     \
        memcpy((dst), (src), sizeof(dst));                                    \
        (dst)[sizeof(dst) - 1] = '\0';                                        \
    } while (0)

static void add_rule(AdjDecision *d, const char *rule)
{
    if (rule != NULL && d->nrules < ADJ_MAX_RULES)
        d->rules[d->nrules++] = rule;
}

static void set_reason(AdjDecision *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void set_reason(AdjDecision *d, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(d->reason, sizeof(d->reason), fmt, ap);
    va_end(ap);
}

typedef AdjReason Reason;

static void apply_codes(AdjDecision *d, const AdjEditCodes *ec)
{
    d->outcome = ec->outcome;
    COPY_FIELD(d->group, ec->group);
    COPY_FIELD(d->carc, ec->carc);
    d->nrarc = 0;
    for (int i = 0; i < ec->nrarc; i++)
        copy_str(d->rarc[d->nrarc++], 6, ec->rarc[i]);
    /* deny lines carry zero amounts; pend/reject carry none (docs/adjudication.md) */
    d->has_amounts = d->outcome == ADJ_OUT_DENY;
    d->allowed = d->paid = d->patient_resp = 0;
}

static void stamp_ruleset(AdjDecision *d, const AdjRuleset *rs)
{
    if (rs == NULL)
        return;
    COPY_FIELD(d->ruleset_id, rs->id);
    COPY_FIELD(d->ruleset_sha256, rs->sha256);
}

static const char *outcome_verb(AdjOutcome o)
{
    switch (o) {
    case ADJ_OUT_PAY: return "paid";
    case ADJ_OUT_DENY: return "denied";
    case ADJ_OUT_PEND: return "pended";
    case ADJ_OUT_FORWARD: return "forwarded";
    case ADJ_OUT_REJECT: return "rejected";
    case ADJ_OUT_VOID: return "voided";
    }
    return "?";
}

/* Any ruleset for claim-level outcomes: the line's, else the latest. */
static const AdjRuleset *ruleset_any(const AdjEngine *e, AdjDate dos)
{
    const AdjRuleset *rs = adj_ruleset_for_dos(e->rules, dos);
    return rs != NULL ? rs : (e->rules->n > 0 ? e->rules->sets[e->rules->n - 1] : NULL);
}

/* Every field set without clearing the ~950 bytes of the decision (hot
 * path): strings empty, counts and amounts zero, outcome pay (0). */
static void base_decision(AdjDecision *d, const AdjClaim *c, const AdjLine *l)
{
    memset(d->group, 0, sizeof(d->group));
    memset(d->carc, 0, sizeof(d->carc));
    memset(d->rarc, 0, sizeof(d->rarc));
    d->nrarc = 0;
    d->outcome = ADJ_OUT_PAY;
    d->has_amounts = d->has_cob = false;
    d->allowed = d->paid = d->patient_resp = 0;
    d->deductible = d->coinsurance = d->copay = 0;
    d->primary_paid = d->cob_reduction = 0;
    d->ruleset_id[0] = d->ruleset_sha256[0] = '\0';
    d->nrules = 0;
    d->matched_claim[0] = d->reason[0] = '\0';
    d->reason_kind = ADJ_REASON_TEXT;
    COPY_FIELD(d->claim_id, c->claim_id);
    COPY_FIELD(d->billing_npi, c->billing_npi);
    d->line = l->lx;
    COPY_FIELD(d->code, l->code);
    d->dos = l->dos_from;
    d->charge = l->charge;
    d->units_milli = l->units_milli;
    d->route = ADJ_ROUTE_MEDICAL;
}

/* The RARC the ruleset gives a front-end problem of this kind
 * (frontend_problems), after edits.frontend_reject's. */
static void add_problem_rarc(AdjDecision *d, const AdjRuleset *rs, AdjProblemKind kind)
{
    const char *r = rs->frontend[kind < ADJ_PROBLEM_NKINDS ? kind : ADJ_PROBLEM_OTHER].rarc;
    if (r[0] != '\0' && d->nrarc < ADJ_MAX_RARC)
        memcpy(d->rarc[d->nrarc++], r, sizeof(d->rarc[0]));
}

static void reject_frontend(const AdjEngine *e, const AdjClaim *c, AdjDecision *out)
{
    const AdjProblem *p = &c->problems[0];
    for (int i = 0; i < c->nlines; i++) {
        AdjDecision *d = &out[i];
        base_decision(d, c, &c->lines[i]);
        const AdjRuleset *rs = ruleset_any(e, d->dos);
        if (rs != NULL) {
            apply_codes(d, &rs->edits[ADJ_EDIT_FRONTEND]);
            stamp_ruleset(d, rs);
            add_problem_rarc(d, rs, (AdjProblemKind)p->kind);
        } else {
            d->outcome = ADJ_OUT_REJECT;
        }
        add_rule(d, "claim.frontend.reject");
        set_reason(d, "%s rejected at the front end: %s in loop %s (segment %s %u): %s%s",
                   d->code, p->element, p->loop, p->segment_id, (unsigned)p->segment, p->msg,
                   c->nproblems > 1 ? " (and other problems)" : "");
    }
}

/* docs/adjudication.md "Diagnoses": a chapter F code must be billable in the ruleset's
 * ICD-10-CM table; a category header (F32) or an unknown F code rejects the
 * claim at the front end (CO-16, MA130, M76). The reason names the HI
 * position, never the code (no diagnosis in reasons or logs). Returns
 * false when the claim was rejected here. */
static bool diagnoses_billable(const AdjEngine *e, const AdjClaim *c, AdjDecision *out)
{
    if (c->nlines == 0)
        return true;
    const AdjRuleset *rs = ruleset_any(e, c->lines[0].dos_from);
    if (rs == NULL || rs->dx == NULL)
        return true;
    for (int i = 0; i < c->ndx; i++) {
        if (c->dx[i][0] != 'F')
            continue;
        int b = adj_ruleset_dx_billable(rs, c->dx[i]);
        if (b == 1)
            continue;
        for (int k = 0; k < c->nlines; k++) {
            AdjDecision *d = &out[k];
            base_decision(d, c, &c->lines[k]);
            const AdjRuleset *lrs = ruleset_any(e, d->dos);
            apply_codes(d, &lrs->edits[ADJ_EDIT_FRONTEND]);
            stamp_ruleset(d, lrs);
            add_problem_rarc(d, lrs, ADJ_PROBLEM_DX_NOT_BILLABLE);
            add_rule(d, "claim.frontend.diagnosis_not_billable");
            set_reason(d, "%s rejected at the front end: the diagnosis at HI position %d in loop "
                       "2300 (segment HI %u) is %s chapter F code of ICD-10-CM (ruleset %s)",
                       d->code, i + 1, (unsigned)c->dx_segment[i],
                       b == 0 ? "a category header, not a billable" : "not a", lrs->id);
        }
        return false;
    }
    return true;
}

static void whole_claim(const AdjEngine *e, const AdjClaim *c, AdjDecision *out, AdjEditId id,
                        AdjOutcome outcome, const char *rule, const char *why)
{
    for (int i = 0; i < c->nlines; i++) {
        AdjDecision *d = &out[i];
        base_decision(d, c, &c->lines[i]);
        const AdjRuleset *rs = ruleset_any(e, d->dos);
        if (id != ADJ_EDIT_NONE && rs != NULL)
            apply_codes(d, &rs->edits[id]);
        else
            d->outcome = outcome;
        stamp_ruleset(d, rs);
        add_rule(d, rule);
        set_reason(d, "%s %s: %s", d->code, outcome_verb(d->outcome), why);
    }
}

/* The line decided by a failed edit: its outcome and reason codes from the
 * ruleset, the matched claim, "CODE denied: <the edit's reason>". */
static void edit_failed(AdjDecision *d, const AdjRuleset *rs, const AdjLine *l,
                        const AdjEditOut *eo)
{
    apply_codes(d, &rs->edits[eo->fail]);
    COPY(d->matched_claim, eo->matched_claim);
    Reason why = {d->reason, 0, sizeof(d->reason)};
    PUT_STR(&why, l->code);
    PUT_LIT(&why, " ");
    PUT_STR(&why, outcome_verb(d->outcome));
    PUT_LIT(&why, ": ");
    PUT_STR(&why, eo->reason);
}

typedef struct ClaimState {
    AdjHistLine lines[ADJ_MAX_LINES]; /* paid, pending and forwarded lines so far */
    int nlines;
    bool done[ADJ_MAX_LINES];         /* decided lines, by index */
    int64_t units[ADJ_MAX_LINES];     /* whole units per line (99494 MJ from minutes) */
    const AdjRuleset *rs[ADJ_MAX_LINES];  /* per line: the ruleset of its date of service */
    const AdjCodeInfo *ci[ADJ_MAX_LINES]; /* and its code there (NULL: not mentioned) */
    bool copay_used;
    char person[ADJ_PERSON_KEY_MAX];
    AdjClaimShare share;  /* cost share and accumulators (costshare.c) */
    bool original_timely; /* a replacement whose original had counting lines */
    AdjHistCache hcache;  /* the person-months the edits walk, copied once */
    const AdjProviderRow *billing; /* the claim's billing provider, once known */
    bool billing_known, member_known;
    const AdjMemberRow *member; /* the member row of member_dos */
    AdjDate member_dos;
} ClaimState;

/* Units of a line (docs/adjudication.md "Minutes", 10 "Units per day"): whole units
 * for caps and duplicates, thousandths for the MUE and pricing. An MJ line
 * is one unit, except a code whose minutes entry gives units per further
 * minutes (99494: 16-45 minutes beyond the base is one unit, 46-75 two). */
static void line_units(const AdjCodeInfo *ci, const AdjLine *l, int64_t *whole, int64_t *milli)
{
    if (strcmp(l->unit_basis, "MJ") == 0) {
        int64_t u = 1;
        const AdjMinutes *m = ci != NULL ? ci->minutes : NULL;
        int64_t minutes = l->units_milli / 1000;
        if (m != NULL && m->per_unit > 0 && minutes >= m->min)
            u = 1 + (minutes - m->min) / m->per_unit;
        *whole = u;
        *milli = u * 1000;
        return;
    }
    *whole = adj_line_units(l);
    *milli = l->units_milli;
}

/* The primary of an add-on on this claim, already decided (same date of
 * service, or month for a monthly add-on), or -1. */
static int claim_primary(const AdjClaim *c, int idx, const AdjRuleset *rs, const AdjCodeInfo *ci,
                         const ClaimState *st)
{
    const AdjLine *l = &c->lines[idx];
    bool monthly = adj_code_is(ci, ADJ_CODES_MONTHLY);
    for (int j = 0; j < c->nlines; j++) {
        const AdjLine *o = &c->lines[j];
        if (j == idx || !st->done[j] ||
            (monthly ? adj_date_month(o->dos_from) != adj_date_month(l->dos_from)
                     : o->dos_from != l->dos_from) ||
            !adj_ruleset_addon_primary(rs, ci->addon, o->code))
            continue;
        return j;
    }
    return -1;
}

/* "CODE forwarded to the BH administrator NAME: ..." (a line routed by
 * its code or by its billing provider) */
static void forward_text(Reason *why, const char *code, const char *admin, AdjReasonKind kind)
{
    PUT_STR(why, code);
    PUT_LIT(why, " forwarded to the BH administrator ");
    PUT_STR(why, admin);
    if (kind == ADJ_REASON_FORWARD_CODE)
        PUT_LIT(why, ": a behavioral service in a carve-out plan");
    else
        PUT_LIT(why, ": billed by a behavioral provider in a carve-out plan");
}

/* "CODE paid on the medical benefit ...; allowed A (fee F x U units)",
 * from the decision's fields */
static void paid_text(Reason *why, const AdjDecision *d)
{
    PUT_STR(why, d->code);
    PUT_LIT(why, " paid on the medical benefit");
    if (d->reason_cocm)
        PUT_LIT(why, " by code, whatever the diagnosis: all CoCM/BHI edits passed");
    else
        PUT_LIT(why, ": every edit of the professional claim passed");
    PUT_LIT(why, "; allowed ");
    adj_reason_money(why, d->allowed);
    PUT_LIT(why, " (fee ");
    adj_reason_money(why, d->reason_fee);
    if (d->reason_fee_estimate)
        PUT_LIT(why, " estimate");
    PUT_LIT(why, " x ");
    int64_t units_milli = d->reason_units_milli;
    if (units_milli % 1000 == 0) {
        adj_reason_uint(why, units_milli > 0 ? (uint64_t)(units_milli / 1000) : 0);
    } else { /* rare: decimal units, "1.5" */
        char num[48];
        int n = snprintf(num, sizeof(num), "%lld.%03lld", (long long)(units_milli / 1000),
                         (long long)(units_milli % 1000));
        while (n > 0 && num[n - 1] == '0')
            n--;
        adj_reason_put(why, num, (size_t)n);
    }
    if (units_milli == 1000)
        PUT_LIT(why, " unit)");
    else
        PUT_LIT(why, " units)");
}

static void decide_line(const AdjEngine *e, const AdjClaim *c, int idx, const AdjHistory *hist,
                        ClaimState *st, AdjDecision *out, bool replacement)
{
    const AdjLine *l = &c->lines[idx];
    AdjDecision *d = &out[idx];
    base_decision(d, c, l);
    if (replacement)
        add_rule(d, "claim.replacement");
    const AdjRuleset *rs = st->rs[idx];
    if (rs == NULL) {
        char ds[11];
        adj_date_format_iso(l->dos_from, ds, sizeof(ds));
        d->outcome = ADJ_OUT_PEND;
        add_rule(d, "ruleset.none");
        set_reason(d, "%s pended: no ruleset covers the date of service %s", l->code, ds);
        return;
    }
    stamp_ruleset(d, rs);
    /* one look-up per claim for the billing provider, per date of service
     * for the member row */
    if (!st->billing_known) {
        st->billing = adj_refdata_provider(e->ref, c->billing_npi);
        st->billing_known = true;
    }
    const AdjProviderRow *billing = st->billing;
    if (!st->member_known || st->member_dos != l->dos_from) {
        st->member = adj_refdata_member(e->ref, c->member_id, l->dos_from);
        st->member_dos = l->dos_from;
        st->member_known = true;
    }
    const AdjMemberRow *member = st->member;
    const AdjPlanRow *plan = member != NULL ? adj_refdata_member_plan(e->ref, member) : NULL;
    bool has_admin = plan != NULL && plan->bh_administrator[0] != '\0';
    const AdjCodeInfo *ci = st->ci[idx];
    int64_t units = 0, units_milli = 0;
    line_units(ci, l, &units, &units_milli);
    st->units[idx] = units;
    bool cocm = adj_code_is(ci, ADJ_CODES_COCM_BHI);
    AdjHistView view = {hist, st->person, st->lines, st->nlines, out, st->done, &st->hcache};
    AdjEditSums sums;
    sums.valid = false;
    AdjEditIn in = {c, l, idx, rs, ci, &view, billing, member, l->dos_from,
                    adj_date_month(l->dos_from), units, units_milli, &sums};
    AdjEditOut eo; /* reset per edit without clearing its 250 bytes (hot path) */
    /* coverage first (docs/adjudication.md): with no plan in force there is no
     * administrator to forward to */
    eo.fail = ADJ_EDIT_NONE;
    eo.matched_claim[0] = eo.reason[0] = '\0';
    bool covered = adj_edit_eligibility(&in, &eo);
    add_rule(d, eo.rule);
    if (!covered) {
        edit_failed(d, rs, l, &eo);
        return;
    }
    /* an add-on (90785, 90833, 90840, ...) follows its primary's route */
    int primary = ci != NULL && ci->addon != NULL && !cocm ? claim_primary(c, idx, rs, ci, st) : -1;
    AdjRouting r;
    if (primary >= 0) {
        bool fwd = out[primary].outcome == ADJ_OUT_FORWARD;
        r = (AdjRouting){out[primary].route, fwd && has_admin, "route.addon.follows_primary"};
    } else {
        r = adj_routing_route_info(ci, billing != NULL && billing->kind == ADJ_PROVIDER_BEHAVIORAL,
                                   has_admin);
    }
    d->route = r.route;
    add_rule(d, r.rule);
    if (r.forward) {
        d->outcome = ADJ_OUT_FORWARD;
        AdjReasonKind kind = primary >= 0 ? ADJ_REASON_TEXT
                             : strcmp(r.rule, "route.code.behavioral") == 0
                                 ? ADJ_REASON_FORWARD_CODE
                                 : ADJ_REASON_FORWARD_PROVIDER;
        if (e->defer_reasons && !replacement && kind != ADJ_REASON_TEXT) {
            d->reason_kind = kind;
            d->reason_admin = plan->bh_administrator;
            return;
        }
        Reason why = {d->reason, 0, sizeof(d->reason)};
        if (kind != ADJ_REASON_TEXT) {
            forward_text(&why, l->code, plan->bh_administrator, kind);
            return;
        }
        PUT_STR(&why, l->code);
        PUT_LIT(&why, " forwarded to the BH administrator ");
        PUT_STR(&why, plan->bh_administrator);
        PUT_LIT(&why, ": an add-on follows its primary ");
        PUT_STR(&why, c->lines[primary].code);
        PUT_LIT(&why, ", forwarded");
        return;
    }
    char late[160]; /* timely filing (issue 13) */
    if (adj_benefits_late(c, l, member, plan, st->original_timely, late, sizeof(late))) {
        apply_codes(d, &rs->edits[ADJ_EDIT_TIMELY]);
        add_rule(d, "edit.timely.late");
        set_reason(d, "%s %s: %s", l->code, outcome_verb(d->outcome), late);
        return;
    }
    const AdjEditFn *edits = cocm ? cocm_edits : medical_edits;
    size_t nedits = cocm ? NCOCM_EDITS : NMEDICAL_EDITS;
    for (size_t k = 0; k < nedits; k++) {
        eo.fail = ADJ_EDIT_NONE;
        eo.rule = NULL;
        eo.matched_claim[0] = eo.reason[0] = '\0';
        bool ok = edits[k](&in, &eo);
        add_rule(d, eo.rule);
        if (!ok) {
            edit_failed(d, rs, l, &eo);
            return;
        }
    }
    AdjFee mpfs_fee; /* a plan priced at a percentage of Medicare (engine/mpfs.c) */
    AdjEditId mpfs_edit = ADJ_EDIT_NONE;
    char mpfs_why[200];
    mpfs_why[0] = '\0';
    AdjMpfsLine ml = adj_engine_mpfs(plan, rs, billing, c, l, &mpfs_fee, &mpfs_edit, mpfs_why,
                                     sizeof(mpfs_why));
    if (ml == ADJ_MPFS_LINE_EDIT) {
        apply_codes(d, &rs->edits[mpfs_edit]);
        add_rule(d, mpfs_edit == ADJ_EDIT_NO_FEE ? "price.mpfs.none" : "price.mpfs.status");
        set_reason(d, "%s %s: %s", l->code, outcome_verb(d->outcome), mpfs_why);
        return;
    }
    const AdjFee *fee = ml == ADJ_MPFS_LINE_PRICED ? &mpfs_fee : ci != NULL ? ci->fee : NULL;
    if (fee == NULL) {
        apply_codes(d, &rs->edits[ADJ_EDIT_NO_FEE]);
        add_rule(d, "price.no_fee");
        set_reason(d, "%s %s: no fee for the code in ruleset %s; manual pricing needed", l->code,
                   outcome_verb(d->outcome), rs->id);
        return;
    }
    int64_t pct = plan != NULL ? plan->coinsurance_milli : 0;
    AdjMoney copay = plan != NULL ? plan->copay : 0;
    AdjPrice p = adj_engine_price_milli(fee->amount, in.units_milli, l->charge, pct, copay,
                                        !st->copay_used);
    char num[24], num2[24];
    if (p.overflow) {
        apply_codes(d, &rs->edits[ADJ_EDIT_PRICE_OVERFLOW]);
        add_rule(d, "price.overflow");
        set_reason(d, "%s %s for manual review: fee x units does not fit in the amounts the engine "
                   "keeps (checked arithmetic)", l->code, outcome_verb(d->outcome));
        return;
    }
    if (p.allowed > rs->high_dollar) {
        apply_codes(d, &rs->edits[ADJ_EDIT_HIGH_DOLLAR]);
        add_rule(d, "price.high_dollar_review");
        num[adj_money_digits(p.allowed, num)] = '\0';
        num2[adj_money_digits(rs->high_dollar, num2)] = '\0';
        set_reason(d, "%s %s for manual review: the allowed amount %s is above the high-dollar "
                   "review threshold %s of ruleset %s", l->code, outcome_verb(d->outcome), num,
                   num2, rs->id);
        return;
    }
    st->copay_used = true;
    d->outcome = ADJ_OUT_PAY;
    d->has_amounts = true;
    d->allowed = p.allowed;
    d->paid = p.paid;
    d->patient_resp = p.patient_resp;
    /* the member share split and accumulators, COB (issue 13) */
    AdjCostShareLine csl = {e->ref,      plan,        ci, l->code, l->dos_from,
                            hist,        st->person,  c->member_id, c, l,
                            adj_benefits_secondary(c, member)};
    if (!adj_costshare_apply(&csl, &st->share, idx, d)) {
        apply_codes(d, &rs->edits[ADJ_EDIT_PRICE_OVERFLOW]);
        add_rule(d, "cost.overflow");
        set_reason(d, "%s %s for manual review: the member's share does not compute in range",
                   l->code, outcome_verb(d->outcome));
        return;
    }
    if (ml == ADJ_MPFS_LINE_PRICED)
        add_rule(d, "price.mpfs");
    add_rule(d, fee->estimate ? "price.fee_estimate" : "price.fee");
    d->reason_cocm = cocm;
    d->reason_fee = fee->amount;
    d->reason_fee_estimate = fee->estimate;
    d->reason_units_milli = in.units_milli;
    if (e->defer_reasons && !replacement && ml != ADJ_MPFS_LINE_PRICED) {
        d->reason_kind = ADJ_REASON_PAID;
        return;
    }
    Reason why = {d->reason, 0, sizeof(d->reason)};
    paid_text(&why, d);
    if (ml == ADJ_MPFS_LINE_PRICED)
        PUT_STR(&why, mpfs_why);
    adj_costshare_reason(d);
}

const char *adj_engine_reason(const AdjDecision *d, char *buf, size_t size)
{
    if (d->reason_kind == ADJ_REASON_TEXT || size == 0)
        return d->reason;
    Reason why = {buf, 0, size};
    buf[0] = '\0';
    if (d->reason_kind == ADJ_REASON_PAID) {
        paid_text(&why, d);
        adj_costshare_reason_put(d, &why);
    } else {
        forward_text(&why, d->code, d->reason_admin, d->reason_kind);
    }
    return buf;
}

void adj_engine_reasons_fill(AdjDecision *out, int n)
{
    for (int i = 0; i < n; i++) {
        AdjDecision *d = &out[i];
        if (d->reason_kind == ADJ_REASON_TEXT)
            continue;
        char buf[sizeof(d->reason)];
        adj_engine_reason(d, buf, sizeof(buf));
        memcpy(d->reason, buf, strlen(buf) + 1);
        d->reason_kind = ADJ_REASON_TEXT;
    }
}

static void hist_line(AdjHistLine *h, const AdjClaim *c, const AdjLine *l, int64_t units,
                      AdjOutcome o)
{
    /* every field set (strings whole), without clearing the line first */
    COPY_FIELD(h->claim_id, c->claim_id);
    COPY_FIELD(h->billing_npi, c->billing_npi);
    h->line = l->lx;
    COPY_FIELD(h->code, l->code);
    memcpy(h->mods, l->mods, sizeof(h->mods));
    h->nmods = l->nmods;
    h->dos = l->dos_from;
    h->month = adj_date_month(l->dos_from);
    h->units = units;
    h->charge = l->charge;
    h->outcome = o;
    h->year = 0;
    h->plan = 0;
    h->ded = h->oop = 0;
}

/* Whether add-on line j is a listed primary of add-on line i. */
static bool precedes(const ClaimState *st, const AdjClaim *c, int j, int i)
{
    const AdjCodeInfo *ci = st->ci[i];
    return ci != NULL && ci->addon != NULL &&
           adj_ruleset_addon_primary(st->rs[i], ci->addon, c->lines[j].code);
}

static void decide_one(const AdjEngine *e, const AdjClaim *c, int i, const AdjHistory *hist,
                       ClaimState *st, AdjDecision *out, bool replacement)
{
    decide_line(e, c, i, hist, st, out, replacement);
    st->done[i] = true;
    if (replacement) {
        size_t len = strlen(out[i].reason);
        snprintf(out[i].reason + len, sizeof(out[i].reason) - len, " (replaces claim %.38s)",
                 c->original_ref[0] ? c->original_ref : c->claim_id);
    }
    AdjOutcome o = out[i].outcome;
    if (o == ADJ_OUT_PAY || o == ADJ_OUT_PEND || o == ADJ_OUT_FORWARD) {
        int64_t units = st->units[i] > 0 ? st->units[i] : adj_line_units(&c->lines[i]);
        hist_line(&st->lines[st->nlines++], c, &c->lines[i], units, o);
        if (o == ADJ_OUT_PAY)
            adj_costshare_hist_line(&st->share, i, &st->lines[st->nlines - 1]);
    }
}

AdjStatus adj_engine_decide(const AdjEngine *e, const AdjClaim *c, const AdjHistory *hist,
                            AdjDecision *out, int *nout, AdjError *err)
{
    *nout = c->nlines;
    if (c->nproblems > 0) {
        reject_frontend(e, c, out);
        return ADJ_OK;
    }
    if (!diagnoses_billable(e, c, out))
        return ADJ_OK;
    ClaimState st;
    st.nlines = 0;
    st.copay_used = false;
    memset(st.done, 0, sizeof(st.done[0]) * (size_t)(c->nlines > 0 ? c->nlines : 1));
    memset(st.units, 0, sizeof(st.units[0]) * (size_t)(c->nlines > 0 ? c->nlines : 1));
    adj_costshare_claim_begin(&st.share, c->nlines);
    st.original_timely = false;
    st.hcache.nsnap = 0;
    st.billing_known = st.member_known = false;
    adj_claim_person_key(c, st.person, sizeof(st.person));
    AdjGate gate; /* the payer addressed, the enrolled person, COB (issue 13) */
    if (c->freq[0] != '8' && adj_benefits_gate(e, c, &gate)) {
        whole_claim(e, c, out, gate.id, ADJ_OUT_DENY, gate.rule, gate.why);
        if (out[0].outcome == ADJ_OUT_REJECT)
            return ADJ_OK; /* rejected claims are not history */
        return hist->record(hist->ctx, st.person, c->member_id, c->billing_npi, c->claim_id,
                            NULL, 0, err);
    }
    bool replacement = false;
    if (c->freq[0] == '7' || c->freq[0] == '8') {
        const char *orig = c->original_ref[0] ? c->original_ref : c->claim_id;
        bool found = hist->claim_find(hist->ctx, c->billing_npi, orig, c->member_id);
        char why[200];
        if (!found) {
            snprintf(why, sizeof(why), "the original claim %s was not found", orig);
            if (c->freq[0] == '8')
                whole_claim(e, c, out, ADJ_EDIT_VOID_MISSING, ADJ_OUT_REJECT,
                            "claim.void.original_missing", why);
            else
                whole_claim(e, c, out, ADJ_EDIT_REPLACE_MISSING, ADJ_OUT_PEND,
                            "claim.replacement.original_missing", why);
            return ADJ_OK;
        }
        st.original_timely = hist->claim_counts != NULL &&
                             hist->claim_counts(hist->ctx, c->billing_npi, orig, c->member_id) > 0;
        AdjStatus s = hist->claim_retract(hist->ctx, c->billing_npi, orig, c->member_id, err);
        if (s != ADJ_OK)
            return s;
        if (c->freq[0] == '8') {
            snprintf(why, sizeof(why), "voids claim %s, whose lines no longer count as history",
                     orig);
            whole_claim(e, c, out, ADJ_EDIT_NONE, ADJ_OUT_VOID, "claim.void", why);
            for (int i = 0; i < c->nlines; i++)
                snprintf(out[i].matched_claim, sizeof(out[i].matched_claim), "%.38s", orig);
            return hist->record(hist->ctx, st.person, c->member_id, c->billing_npi, c->claim_id,
                                NULL, 0, err);
        }
        replacement = true;
    }
    /* add-ons after every other line of the claim, whatever the LX order
     * (docs/adjudication.md): an add-on's primary is decided first */
    bool addon[ADJ_MAX_LINES], any_addon = false;
    for (int i = 0; i < c->nlines; i++) {
        const AdjRuleset *rs = i > 0 && c->lines[i].dos_from == c->lines[i - 1].dos_from
                                   ? st.rs[i - 1]
                                   : adj_ruleset_for_dos(e->rules, c->lines[i].dos_from);
        const AdjCodeInfo *ci = rs != NULL ? adj_ruleset_code(rs, c->lines[i].code) : NULL;
        st.rs[i] = rs;
        st.ci[i] = ci;
        addon[i] = ci != NULL && ci->addon != NULL;
        any_addon |= addon[i];
    }
    for (int round = 0; round < (any_addon ? 2 : 1); round++)
        for (int i = 0; i < c->nlines; i++) {
            if (addon[i] != (round == 1) || st.done[i])
                continue;
            int k = i;
            if (round == 1) /* an add-on that is itself another's primary goes first */
                for (int j = 0; j < c->nlines; j++)
                    if (addon[j] && !st.done[j] && j != i && precedes(&st, c, j, i)) {
                        k = j;
                        break;
                    }
            if (k != i)
                i--; /* come back to i */
            decide_one(e, c, k, hist, &st, out, replacement);
        }
    return hist->record(hist->ctx, st.person, c->member_id, c->billing_npi, c->claim_id, st.lines,
                        st.nlines, err);
}
