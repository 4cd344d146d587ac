/* Comparing a re-run's decision with the decision in force, describing
 * either for people, and counting changes by old -> new outcome and CARC.
 * Pure: no I/O. */
#include "rerun/rerun.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* the decision's array joined by LF, as store/rerun.c reads it back */
static bool same_joined(const char *stored, const char *const *items, int n, size_t stride)
{
    const char *at = stored;
    for (int i = 0; i < n; i++) {
        const char *s = *(const char *const *)((const char *)items + (size_t)i * stride);
        size_t len = strlen(s);
        if (i > 0) {
            if (*at != '\n')
                return false;
            at++;
        }
        if (strncmp(at, s, len) != 0)
            return false;
        at += len;
    }
    return *at == '\0';
}

bool adj_rerun_same(const AdjDecision *d, int line_no, const AdjStoreCurrent *c)
{
    if (c->line_no != line_no || strcmp(c->code, d->code) != 0 ||
        strcmp(c->route, adj_route_name(d->route)) != 0 ||
        strcmp(c->outcome, adj_outcome_name(d->outcome)) != 0 ||
        strcmp(c->grp, d->group) != 0 || strcmp(c->carc, d->carc) != 0 ||
        c->has_amounts != d->has_amounts || strcmp(c->ruleset_id, d->ruleset_id) != 0 ||
        strcmp(c->ruleset_sha256, d->ruleset_sha256) != 0 ||
        strcmp(c->matched_claim, d->matched_claim) != 0 || strcmp(c->reason, d->reason) != 0)
        return false;
    if (d->has_amounts &&
        (c->allowed != d->allowed || c->paid != d->paid || c->patient_resp != d->patient_resp))
        return false;
    const char *rarc[ADJ_MAX_RARC];
    for (int k = 0; k < d->nrarc; k++)
        rarc[k] = d->rarc[k];
    return same_joined(c->rarc, rarc, d->nrarc, sizeof(rarc[0])) &&
           same_joined(c->rules, (const char *const *)d->rules, d->nrules, sizeof(d->rules[0]));
}

static void outcome_key(char *buf, size_t size, const char *outcome, const char *grp,
                        const char *carc)
{
    if (carc[0])
        snprintf(buf, size, "%s %s-%s", outcome, grp, carc);
    else
        snprintf(buf, size, "%s", outcome);
}

static void describe(char *buf, size_t size, const char *outcome, const char *grp,
                     const char *carc, const char *rarc, bool has_amounts, AdjMoney allowed,
                     AdjMoney paid)
{
    char key[24], a[ADJ_MONEY_FMT_MAX], p[ADJ_MONEY_FMT_MAX];
    outcome_key(key, sizeof(key), outcome, grp, carc);
    if (!has_amounts) {
        snprintf(buf, size, "%s%s%s", key, rarc[0] ? " " : "", rarc);
        return;
    }
    adj_money_format(allowed, a, sizeof(a));
    adj_money_format(paid, p, sizeof(p));
    snprintf(buf, size, "%s%s%s allowed %s paid %s", key, rarc[0] ? " " : "", rarc, a, p);
}

void adj_rerun_describe_new(const AdjDecision *d, char *buf, size_t size)
{
    char rarc[ADJ_MAX_RARC * 7] = "";
    for (int k = 0; k < d->nrarc; k++) {
        size_t at = strlen(rarc);
        snprintf(rarc + at, sizeof(rarc) - at, "%s%s", k ? " " : "", d->rarc[k]);
    }
    describe(buf, size, adj_outcome_name(d->outcome), d->group, d->carc, rarc, d->has_amounts,
             d->allowed, d->paid);
}

void adj_rerun_describe_old(const AdjStoreCurrent *c, char *buf, size_t size)
{
    char rarc[ADJ_MAX_RARC * 7];
    snprintf(rarc, sizeof(rarc), "%s", c->rarc);
    for (char *s = rarc; *s; s++)
        if (*s == '\n')
            *s = ' ';
    describe(buf, size, c->outcome, c->grp, c->carc, rarc, c->has_amounts, c->allowed, c->paid);
}

void adj_rerun_tally(AdjRerunResult *res, const AdjStoreCurrent *old, const AdjDecision *d)
{
    char from[24], to[24];
    outcome_key(from, sizeof(from), old->outcome, old->grp, old->carc);
    outcome_key(to, sizeof(to), adj_outcome_name(d->outcome), d->group, d->carc);
    AdjRerunTally *t = NULL;
    for (size_t i = 0; i < res->ntally && t == NULL; i++)
        if (strcmp(res->tally[i].from, from) == 0 && strcmp(res->tally[i].to, to) == 0)
            t = &res->tally[i];
    if (t == NULL) {
        res->tally = adj_xrealloc(res->tally, (res->ntally + 1) * sizeof(*res->tally));
        t = &res->tally[res->ntally++];
        memset(t, 0, sizeof(*t));
        snprintf(t->from, sizeof(t->from), "%s", from);
        snprintf(t->to, sizeof(t->to), "%s", to);
    }
    t->lines++;
    t->paid_from += old->has_amounts ? old->paid : 0;
    t->paid_to += d->has_amounts ? d->paid : 0;
}
