/* Member cost share and accumulators; see costshare.h. Pure. */
#include "engine/costshare.h"

#include <stdio.h>
#include <string.h>

#include "core/strmap.h"
#include "engine/cob.h"
#include "engine/reason.h"

#define NONE INT64_MAX

static const char RULE_DEDUCTIBLE[] = "cost.deductible";
static const char RULE_OOP[] = "cost.oop_max";

static AdjMoney min2(AdjMoney a, AdjMoney b)
{
    return a < b ? a : b;
}

/* What is left of a limit given what was met; NONE when there is none. */
static AdjMoney left(AdjMoney limit, AdjMoney met)
{
    if (limit <= 0)
        return NONE;
    return met >= limit ? 0 : limit - met;
}

bool adj_costshare_split(const AdjCostShareIn *in, AdjCostShare *out)
{
    AdjCostShare s = {0};
    AdjMoney allowed = in->allowed > 0 ? in->allowed : 0;
    if (in->coinsurance_milli < 0 || in->coinsurance_milli > 100000 || in->copay < 0)
        return false;
    s.copay = min2(in->copay, allowed);
    AdjMoney rest = allowed - s.copay;
    if (in->deductible_applies) {
        AdjMoney ded = min2(left(in->deductible, in->met.person.ded),
                            left(in->family_deductible, in->met.family.ded));
        if (ded != NONE)
            s.deductible = min2(rest, ded);
    }
    rest -= s.deductible;
    s.coinsurance = adj_money_mul_div(rest, in->coinsurance_milli, 100000);
    if (s.coinsurance < 0 || s.coinsurance > rest)
        return false;
    AdjMoney oop = min2(left(in->oop_max, in->met.person.oop),
                        left(in->family_oop_max, in->met.family.oop));
    AdjMoney total;
    if (__builtin_add_overflow(s.copay, s.deductible, &total) ||
        __builtin_add_overflow(total, s.coinsurance, &total))
        return false;
    if (oop != NONE && total > oop) {
        s.oop_reached = true;
        AdjMoney r = oop;
        s.deductible = min2(s.deductible, r);
        r -= s.deductible;
        s.copay = min2(s.copay, r);
        r -= s.copay;
        s.coinsurance = min2(s.coinsurance, r);
        total = s.deductible + s.copay + s.coinsurance;
    } else if (oop == 0) {
        s.oop_reached = true;
    }
    if (total > allowed)
        return false;
    s.patient_resp = total;
    s.paid = allowed - total;
    *out = s;
    return true;
}

void adj_costshare_claim_begin(AdjClaimShare *cs, int n)
{
    cs->copay_used = false;
    cs->other_init = false;
    cs->other_left = 0;
    if (n > ADJ_MAX_LINES)
        n = ADJ_MAX_LINES;
    for (int i = 0; i < n; i++) { /* most claims have a line or two: no memset call */
        cs->line[i].year = 0;
        cs->line[i].plan = 0;
        cs->line[i].ded = cs->line[i].oop = 0;
    }
}

uint64_t adj_costshare_plan_key(const char *plan_id)
{
    uint64_t k = adj_strmap_hash(plan_id, strlen(plan_id));
    return k != 0 ? k : 1;
}

/* benefits.csv's names of the ruleset's code families */
static const struct {
    const char *name;
    AdjCodeRole role;
} families[] = {
    {"cocm_bhi", ADJ_CODES_COCM_BHI},         {"psychotherapy", ADJ_CODES_PSYCHOTHERAPY},
    {"crisis", ADJ_CODES_CRISIS},             {"psychiatric_evaluation", ADJ_CODES_PSYCH_EVAL},
    {"em", ADJ_CODES_EM},                     {"office_visit", ADJ_CODES_EM},
    {"care_management", ADJ_CODES_CARE_MGMT},
};

bool adj_costshare_family_known(const char *name)
{
    for (size_t i = 0; i < sizeof(families) / sizeof(families[0]); i++)
        if (strcmp(families[i].name, name) == 0)
            return true;
    return false;
}

static bool in_family(const AdjCodeInfo *ci, const char *name)
{
    for (size_t i = 0; i < sizeof(families) / sizeof(families[0]); i++)
        if (strcmp(families[i].name, name) == 0 && adj_code_is(ci, families[i].role))
            return true;
    return false;
}

/* The plan's override for the line: its code first, else its family. */
static const AdjBenefitRow *benefit(const AdjCostShareLine *ln)
{
    const AdjBenefitRow *fam = NULL, *b;
    for (size_t i = 0; (b = adj_refdata_benefit_at(ln->ref, ln->plan->plan_id, i)) != NULL; i++) {
        if (b->code[0] != '\0' && strcmp(b->code, ln->code) == 0)
            return b;
        if (fam == NULL && b->code_family[0] != '\0' && in_family(ln->ci, b->code_family))
            fam = b;
    }
    return fam;
}

bool adj_costshare_apply(const AdjCostShareLine *ln, AdjClaimShare *cs, int idx, AdjDecision *d)
{
    cs->line[idx].year = 0;
    AdjCostShareIn in = {.allowed = d->allowed, .deductible_applies = true};
    const AdjPlanRow *plan = ln->plan;
    bool accumulates = plan != NULL && adj_plan_accumulates(plan);
    AdjDate year = 0;
    uint64_t key = 0;
    if (plan != NULL) {
        in.coinsurance_milli = plan->coinsurance_milli;
        in.copay = plan->copay;
        const AdjBenefitRow *b = adj_refdata_nbenefits(ln->ref) > 0 ? benefit(ln) : NULL;
        if (b != NULL) {
            in.coinsurance_milli = b->coinsurance_milli;
            in.copay = b->copay;
            in.deductible_applies = b->deductible_applies;
        }
        if (cs->copay_used)
            in.copay = 0;
        if (accumulates) {
            in.deductible = plan->deductible;
            in.family_deductible = plan->family_deductible;
            in.oop_max = plan->oop_max;
            in.family_oop_max = plan->family_oop_max;
            year = adj_plan_year_start(plan, ln->dos);
            key = adj_costshare_plan_key(plan->plan_id);
            if (ln->hist->accum != NULL)
                ln->hist->accum(ln->hist->ctx, ln->person, ln->member, key, year, &in.met);
            /* this claim's lines decided so far (add-ons come last, whatever
             * the LX order): the patient's own, one person a claim */
            int n = ln->claim != NULL ? ln->claim->nlines : idx;
            for (int i = 0; i < n; i++)
                if (i != idx && cs->line[i].year == year && cs->line[i].plan == key) {
                    in.met.person.ded += cs->line[i].ded;
                    in.met.person.oop += cs->line[i].oop;
                    in.met.family.ded += cs->line[i].ded;
                    in.met.family.oop += cs->line[i].oop;
                }
        }
    }
    AdjCostShare s;
    if (!adj_costshare_split(&in, &s))
        return false;
    if (ln->secondary && ln->claim != NULL && ln->line != NULL) {
        /* the primary's payment for the line: its 2430 SVD, else the
         * claim's AMT*D given to the lines in order, up to each charge */
        AdjMoney primary = 0;
        bool any_svd = false;
        for (int i = 0; i < ln->claim->nlines; i++)
            any_svd = any_svd || ln->claim->lines[i].has_svd;
        if (any_svd) {
            primary = ln->line->svd_paid;
        } else if (ln->claim->has_other_paid) {
            if (!cs->other_init) {
                cs->other_left = ln->claim->other_paid;
                cs->other_init = true;
            }
            primary = cs->other_left < ln->line->charge ? cs->other_left : ln->line->charge;
            if (primary < 0)
                primary = 0;
            cs->other_left -= primary;
        }
        AdjCostShare normal = s;
        adj_cob_split(plan != NULL ? plan->cob_method : ADJ_COB_STANDARD, d->allowed, primary,
                      &normal, &s, &d->cob_reduction);
        d->has_cob = true;
        d->primary_paid = primary;
        if (d->nrules < ADJ_MAX_RULES)
            d->rules[d->nrules++] = plan != NULL && plan->cob_method == ADJ_COB_NON_DUPLICATION
                                        ? "cob.non_duplication"
                                        : "cob.standard";
    }
    if (s.copay > 0)
        cs->copay_used = true;
    d->patient_resp = s.patient_resp;
    d->paid = s.paid;
    d->deductible = s.deductible;
    d->coinsurance = s.coinsurance;
    d->copay = s.copay;
    if (accumulates) {
        cs->line[idx].year = year;
        cs->line[idx].plan = key;
        cs->line[idx].ded = s.deductible;
        cs->line[idx].oop = s.patient_resp;
        if (s.deductible > 0 && d->nrules < ADJ_MAX_RULES)
            d->rules[d->nrules++] = RULE_DEDUCTIBLE;
        if (s.oop_reached && d->nrules < ADJ_MAX_RULES)
            d->rules[d->nrules++] = RULE_OOP;
    }
    return true;
}

void adj_costshare_hist_line(const AdjClaimShare *cs, int idx, AdjHistLine *h)
{
    h->year = cs->line[idx].year;
    h->plan = cs->line[idx].plan;
    h->ded = cs->line[idx].ded;
    h->oop = cs->line[idx].oop;
}

void adj_costshare_reason_put(const AdjDecision *d, AdjReason *o)
{
    bool oop = false;
    for (int i = d->nrules - 1; i >= 0 && i >= d->nrules - 4 && !oop; i--)
        oop = d->rules[i] == RULE_OOP; /* among the last rules: this module's own string */
    if (d->deductible == 0 && !oop && !d->has_cob)
        return;
    if (d->has_cob) {
        PUT_LIT(o, "; secondary payer: the primary paid ");
        adj_reason_money(o, d->primary_paid);
        PUT_LIT(o, ", coordination of benefits reduces our payment by ");
        adj_reason_money(o, d->cob_reduction);
    }
    /* the amounts are the decision's deductible/coinsurance/copay fields;
     * the sentence only says what shaped them (no formatting: hot path) */
    if (oop)
        PUT_LIT(o, "; the out-of-pocket maximum is reached");
    else if (d->deductible > 0)
        PUT_LIT(o, "; toward the deductible");
}

void adj_costshare_reason(AdjDecision *d)
{
    AdjReason o = {d->reason, strlen(d->reason), sizeof(d->reason)};
    adj_costshare_reason_put(d, &o);
}
