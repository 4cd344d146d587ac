/* The acknowledgements of one input file, from the reader's callbacks
 * (x12out.h AdjAckBuilder): TA1 for a rejected interchange, 999 per group
 * and 277CA per accepted set for an accepted one. Pure: finished
 * interchanges go to the caller's emit. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "x12out/x12out.h"

void adj_ack_init(AdjAckBuilder *b)
{
    AdjDate date = b->date;
    int hhmm = b->hhmm;
    void *ctx = b->ctx;
    __typeof__(b->next_control) nc = b->next_control;
    __typeof__(b->emit) emit = b->emit;
    __typeof__(b->frontend) frontend = b->frontend;
    memset(b, 0, sizeof(*b));
    b->date = date;
    b->hhmm = hhmm;
    b->ctx = ctx;
    b->next_control = nc;
    b->emit = emit;
    b->frontend = frontend;
    adj_x12out_init(&b->sets277);
    adj_x12out_init(&b->out);
}

void adj_ack_free(AdjAckBuilder *b)
{
    if (b->in_277)
        adj_x12out_277_free(&b->ca);
    b->in_277 = false;
    adj_x12out_free(&b->sets277);
    adj_x12out_free(&b->out);
    free(b->groups);
    free(b->sets);
    free(b->errs);
    b->groups = NULL;
    b->sets = NULL;
    b->errs = NULL;
}

const char *adj_ack_kind_ext(AdjAckKind kind)
{
    return kind == ADJ_ACK_TA1 ? "ta1" : kind == ADJ_ACK_999 ? "999" : "277";
}

static AdjStatus envelope(AdjAckBuilder *b, AdjX12Env *env, size_t gi, AdjError *err)
{
    memset(env, 0, sizeof(*env));
    adj_x12out_env_reply(env, &b->ix, gi);
    env->date = b->date;
    env->hhmm = b->hhmm;
    uint32_t n = 0;
    AdjStatus st = b->next_control(b->ctx, &b->ix, &n, err);
    env->isa13 = n;
    env->gs06 = n;
    return st;
}

static AdjStatus envelope(AdjAckBuilder *b, AdjX12Env *env, size_t gi, AdjError *err);

/* Close the 277CA of the set being read, if any, and stream it out (the
 * first one after the ISA and GS of the 277CA interchange). */
static AdjStatus end_277(AdjAckBuilder *b, AdjError *err)
{
    if (!b->in_277)
        return ADJ_OK;
    b->in_277 = false;
    AdjStatus st = ADJ_OK;
    if (b->ca.accepted + b->ca.rejected > 0) {
        adj_x12out_reset(&b->sets277);
        if (b->n277 == 0) {
            st = envelope(b, &b->env277, 0, err);
            adj_x12out_isa(&b->sets277, &b->env277);
            adj_x12out_gs(&b->sets277, &b->env277, "HN", "005010X214");
        }
        adj_x12out_277_end(&b->ca, &b->sets277, ++b->n277);
        if (st == ADJ_OK)
            st = b->emit(b->ctx, ADJ_ACK_277, &b->ix, &b->env277, b->sets277.buf,
                         b->sets277.len, false, err);
    }
    adj_x12out_277_free(&b->ca);
    return st;
}

/* Answer the interchange in b->ix: 999s and 277CAs. */
static AdjStatus close_interchange(AdjAckBuilder *b, AdjError *err)
{
    if (!b->open)
        return ADJ_OK;
    b->open = false;
    AdjStatus st = end_277(b, err);
    if (st != ADJ_OK)
        return st;
    if (b->ix.ngroups > 0) {
        AdjX12Env env;
        st = envelope(b, &env, 0, err);
        if (st != ADJ_OK)
            return st;
        adj_x12out_reset(&b->out);
        adj_x12out_isa(&b->out, &env);
        adj_x12out_gs(&b->out, &env, "FA", "005010X231A1");
        for (size_t gi = 0; gi < b->ix.ngroups; gi++)
            adj_x12out_999(&b->out, (uint32_t)gi + 1, &b->ix, gi, b->errs, b->nerrs);
        adj_x12out_ge(&b->out, (uint32_t)b->ix.ngroups, &env);
        adj_x12out_iea(&b->out, 1, &env);
        st = b->emit(b->ctx, ADJ_ACK_999, &b->ix, &env, b->out.buf, b->out.len, true, err);
        if (st != ADJ_OK)
            return st;
    }
    if (b->n277 > 0) {
        adj_x12out_reset(&b->out);
        adj_x12out_ge(&b->out, b->n277, &b->env277);
        adj_x12out_iea(&b->out, 1, &b->env277);
        st = b->emit(b->ctx, ADJ_ACK_277, &b->ix, &b->env277, b->out.buf, b->out.len, true, err);
    }
    adj_x12out_reset(&b->sets277);
    b->n277 = 0;
    b->nerrs = 0;
    return st;
}

AdjStatus adj_ack_interchange(AdjAckBuilder *b, const AdjX12Interchange *ix, AdjError *err)
{
    AdjStatus st = close_interchange(b, err);
    if (st != ADJ_OK)
        return st;
    for (size_t i = 0; i < ix->nsets; i++) {
        if (ix->sets[i].ok)
            b->sets_accepted++;
        else
            b->sets_rejected++;
    }
    if (!ix->ok) {
        b->ix = *ix;
        b->ix.ngroups = 0;
        b->ix.nsets = 0;
        if (!ix->readable) {
            b->unanswerable++;
            return ADJ_OK;
        }
        AdjX12Env env;
        st = envelope(b, &env, (size_t)-1, err);
        if (st != ADJ_OK)
            return st;
        adj_x12out_reset(&b->out);
        adj_x12out_ta1(&b->out, &env, ix);
        b->ta1++;
        return b->emit(b->ctx, ADJ_ACK_TA1, ix, &env, b->out.buf, b->out.len, true, err);
    }
    /* keep a copy: the reader's arrays are reused for the next interchange */
    b->ix = *ix;
    if (ix->ngroups > b->groups_cap) {
        b->groups_cap = ix->ngroups;
        b->groups = adj_xrealloc(b->groups, b->groups_cap * sizeof(*b->groups));
    }
    if (ix->nsets > b->sets_cap) {
        b->sets_cap = ix->nsets;
        b->sets = adj_xrealloc(b->sets, b->sets_cap * sizeof(*b->sets));
    }
    if (ix->ngroups > 0)
        memcpy(b->groups, ix->groups, ix->ngroups * sizeof(*b->groups));
    if (ix->nsets > 0)
        memcpy(b->sets, ix->sets, ix->nsets * sizeof(*b->sets));
    b->ix.groups = b->groups;
    b->ix.sets = b->sets;
    b->next_set = 0;
    b->open = true;
    return ADJ_OK;
}

AdjStatus adj_ack_set(AdjAckBuilder *b, const AdjX12Set *set, AdjError *err)
{
    AdjStatus st = end_277(b, err);
    if (st != ADJ_OK)
        return st;
    while (b->next_set < b->ix.nsets && !b->ix.sets[b->next_set].ok)
        b->next_set++;
    b->cur_set = b->next_set++;
    char trace[40];
    snprintf(trace, sizeof(trace), "%s%s", set->isa13, set->st02);
    adj_x12out_277_begin(&b->ca, trace, set->gs_date > 0 ? set->gs_date : b->date, b->date);
    b->in_277 = true;
    return ADJ_OK;
}

#define MAX_SYNTAX_ERRORS 1000 /* per interchange: the 999 stays small */

/* A reader problem as a 999 IK3/IK4: the element's position from its name
 * ("CLM02", "SV101-2", "CLM05-3"), the error code from what was wrong. */
void adj_x12out_syntax_claim(AdjX12SyntaxError *e, const char *claim_id)
{
    /* the claim's own loops: 2300 (claim), 2310x, 2320/2330x (other
     * payers), 2400 and below (lines) */
    bool in_claim = (e->loop[0] == '2' && (e->loop[1] == '3' || e->loop[1] == '4'));
    e->claim_id[0] = '\0';
    if (in_claim && claim_id != NULL)
        snprintf(e->claim_id, sizeof(e->claim_id), "%s", claim_id);
}

void adj_x12out_syntax_of(const AdjProblem *p, AdjX12SyntaxError *e)
{
    memset(e, 0, sizeof(*e));
    e->segment = p->segment;
    snprintf(e->segment_id, sizeof(e->segment_id), "%s", p->segment_id);
    snprintf(e->loop, sizeof(e->loop), "%s", p->loop);
    size_t idn = strlen(p->segment_id);
    const char *el = p->element;
    if (strncmp(el, p->segment_id, idn) == 0 && el[idn] >= '0' && el[idn] <= '9') {
        e->element = atoi(el + idn);
        const char *dash = strchr(el, '-');
        if (dash != NULL)
            e->component = atoi(dash + 1);
    }
    const char *m = p->msg;
    const char *code = "7"; /* invalid code value */
    if (strstr(m, "date") != NULL)
        code = "8";
    else if (strstr(m, "not a number") != NULL || strstr(m, "not an amount") != NULL ||
             strstr(m, "not a quantity") != NULL)
        code = "6";
    else if (strstr(m, "longer than") != NULL || strstr(m, "too long") != NULL)
        code = "5";
    else if (strstr(m, "missing") != NULL)
        code = "1";
    else if (strstr(m, "characters") != NULL || strstr(m, "digits") != NULL)
        code = "4";
    snprintf(e->ik403, sizeof(e->ik403), "%s", code);
    /* segment-level problems: no element to name */
    if (strstr(m, "outside a service line") != NULL) {
        snprintf(e->ik304, sizeof(e->ik304), "2"); /* unexpected segment */
        e->element = 0;
    } else if (strstr(m, "second ") != NULL) {
        snprintf(e->ik304, sizeof(e->ik304), "5"); /* exceeds maximum use */
        e->element = 0;
    } else if (strncmp(m, "more than", 9) == 0) {
        snprintf(e->ik304, sizeof(e->ik304), "4"); /* loop occurs over maximum */
        e->element = 0;
    } else {
        snprintf(e->ik304, sizeof(e->ik304), "8"); /* segment has element errors */
        if (e->element == 0)
            e->element = 1;
    }
}

void adj_ack_claim(AdjAckBuilder *b, const AdjClaim *claim, const char *pcn)
{
    if (!b->in_277)
        return;
    for (int i = 0; i < claim->nsyntax && i < claim->nproblems; i++) {
        if (b->nerrs >= MAX_SYNTAX_ERRORS)
            break;
        if (b->nerrs == b->errs_cap) {
            b->errs_cap = b->errs_cap ? b->errs_cap * 2 : 16;
            b->errs = adj_xrealloc(b->errs, b->errs_cap * sizeof(*b->errs));
        }
        AdjX12SyntaxError *e = &b->errs[b->nerrs++];
        adj_x12out_syntax_of(&claim->problems[i], e);
        adj_x12out_syntax_claim(e, claim->claim_id);
        e->set = (uint32_t)b->cur_set;
    }
    adj_x12out_277_claim(&b->ca, claim, pcn,
                         claim->nproblems > 0 && b->frontend != NULL ? b->frontend(b->ctx, claim)
                                                                     : NULL);
    if (claim->nproblems > 0)
        b->claims_rejected++;
    else
        b->claims_accepted++;
}

AdjStatus adj_ack_finish(AdjAckBuilder *b, AdjError *err)
{
    return close_interchange(b, err);
}
