/* Reference data tables: rows in arrays, hash maps from key to row. See
 * refdata.h. No I/O beyond adj_refdata_load calling the row parsers. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/arena.h"
#include "core/strmap.h"
#include "refdata/refdata.h"

struct AdjRefdata {
    AdjProviderRow *providers;
    size_t nproviders, cap_providers;
    AdjPlanRow *plans;
    size_t nplans, cap_plans;
    AdjMemberRow *members;
    size_t *member_next; /* next row of the same member, or SIZE_MAX */
    size_t *member_plan; /* the row's plan, or SIZE_MAX when added before it */
    size_t nmembers, cap_members;
    AdjStrMap by_npi, by_plan, by_member;
    AdjBenefitRow *benefits;
    size_t nbenefits, cap_benefits;
    struct Person {
        char member_id[ADJ_MEMBER_ID_MAX + 1];
        char first_name[ADJ_NAME_MAX + 1];
        AdjDate birth_date;
        size_t next; /* the member's next person, or SIZE_MAX */
    } *persons;
    size_t npersons, cap_persons;
    AdjStrMap by_person; /* member ID -> its last person */
    bool any_cob;        /* some member row has a cob_order */
};

AdjRefdata *adj_refdata_new(void)
{
    AdjRefdata *r = adj_xcalloc(1, sizeof(*r));
    adj_strmap_init(&r->by_npi);
    adj_strmap_init(&r->by_plan);
    adj_strmap_init(&r->by_member);
    adj_strmap_init(&r->by_person);
    return r;
}

void adj_refdata_free(AdjRefdata *ref)
{
    if (ref == NULL)
        return;
    free(ref->providers);
    free(ref->plans);
    free(ref->members);
    free(ref->member_next);
    free(ref->member_plan);
    free(ref->benefits);
    free(ref->persons);
    adj_strmap_free(&ref->by_person);
    adj_strmap_free(&ref->by_npi);
    adj_strmap_free(&ref->by_plan);
    adj_strmap_free(&ref->by_member);
    free(ref);
}

#define PUSH(arr, n, cap)                                              \
    do {                                                               \
        if ((n) == (cap)) {                                            \
            (cap) = (cap) ? (cap) * 2 : 64;                            \
            (arr) = adj_xrealloc((arr), (cap) * sizeof(*(arr)));       \
        }                                                              \
    } while (0)

AdjStatus adj_refdata_add_provider(AdjRefdata *ref, const AdjProviderRow *row, AdjError *err)
{
    size_t i;
    if (adj_strmap_get(&ref->by_npi, row->npi, strlen(row->npi), &i))
        return ADJ_FAIL(err, ADJ_ERR_INPUT, "provider %s listed twice", row->npi);
    PUSH(ref->providers, ref->nproviders, ref->cap_providers);
    ref->providers[ref->nproviders] = *row;
    adj_strmap_put(&ref->by_npi, row->npi, strlen(row->npi), ref->nproviders++);
    return ADJ_OK;
}

AdjStatus adj_refdata_add_plan(AdjRefdata *ref, const AdjPlanRow *row, AdjError *err)
{
    size_t i;
    if (adj_strmap_get(&ref->by_plan, row->plan_id, strlen(row->plan_id), &i))
        return ADJ_FAIL(err, ADJ_ERR_INPUT, "plan %s listed twice", row->plan_id);
    PUSH(ref->plans, ref->nplans, ref->cap_plans);
    ref->plans[ref->nplans] = *row;
    adj_strmap_put(&ref->by_plan, row->plan_id, strlen(row->plan_id), ref->nplans++);
    return ADJ_OK;
}

AdjStatus adj_refdata_add_benefit(AdjRefdata *ref, const AdjBenefitRow *row, AdjError *err)
{
    if (adj_refdata_plan(ref, row->plan_id) == NULL)
        return ADJ_FAIL(err, ADJ_ERR_INPUT, "benefit of plan '%s', which is not in the plans file",
                        row->plan_id);
    for (size_t i = 0; i < ref->nbenefits; i++) {
        const AdjBenefitRow *b = &ref->benefits[i];
        if (strcmp(b->plan_id, row->plan_id) == 0 && strcmp(b->code, row->code) == 0 &&
            strcmp(b->code_family, row->code_family) == 0)
            return ADJ_FAIL(err, ADJ_ERR_INPUT, "plan %s: benefit for %s listed twice",
                            row->plan_id, row->code[0] ? row->code : row->code_family);
    }
    PUSH(ref->benefits, ref->nbenefits, ref->cap_benefits);
    ref->benefits[ref->nbenefits++] = *row;
    return ADJ_OK;
}

const AdjBenefitRow *adj_refdata_benefit_at(const AdjRefdata *ref, const char *plan_id, size_t i)
{
    for (size_t k = 0; k < ref->nbenefits; k++)
        if (strcmp(ref->benefits[k].plan_id, plan_id) == 0 && i-- == 0)
            return &ref->benefits[k];
    return NULL;
}

size_t adj_refdata_nbenefits(const AdjRefdata *ref)
{
    return ref->nbenefits;
}

const AdjBenefitRow *adj_refdata_benefit(const AdjRefdata *ref, size_t i)
{
    return i < ref->nbenefits ? &ref->benefits[i] : NULL;
}

AdjDate adj_plan_year_start(const AdjPlanRow *p, AdjDate dos)
{
    int mmdd = p->year_start > 0 ? p->year_start : 101;
    int y = adj_date_year(dos);
    AdjDate start = adj_date_make(y, mmdd / 100, mmdd % 100);
    return start <= dos ? start : adj_date_make(y - 1, mmdd / 100, mmdd % 100);
}

bool adj_refdata_persons(const AdjRefdata *ref, const char *member_id, AdjDate birth,
                         const char *first, bool *match)
{
    *match = false;
    size_t i;
    if (ref->npersons == 0 || !adj_strmap_get(&ref->by_person, member_id, strlen(member_id), &i))
        return false;
    for (; i != SIZE_MAX && !*match; i = ref->persons[i].next)
        *match = ref->persons[i].birth_date == birth &&
                 strcasecmp(ref->persons[i].first_name, first) == 0;
    return true;
}

bool adj_refdata_member_benefits(const AdjRefdata *ref)
{
    return ref->npersons > 0 || ref->any_cob;
}

void adj_refdata_add_person(AdjRefdata *ref, const char *member_id, const char *first_name,
                            AdjDate birth_date)
{
    PUSH(ref->persons, ref->npersons, ref->cap_persons);
    struct Person *p = &ref->persons[ref->npersons];
    snprintf(p->member_id, sizeof(p->member_id), "%s", member_id);
    snprintf(p->first_name, sizeof(p->first_name), "%s", first_name);
    p->birth_date = birth_date;
    size_t len = strlen(member_id), head;
    p->next = adj_strmap_get(&ref->by_person, member_id, len, &head) ? head : SIZE_MAX;
    adj_strmap_put(&ref->by_person, member_id, len, ref->npersons++);
}

AdjStatus adj_refdata_add_member(AdjRefdata *ref, const AdjMemberRow *row, AdjError *err)
{
    (void)err;
    if (row->first_name[0] != '\0')
        adj_refdata_add_person(ref, row->member_id, row->first_name, row->birth_date);
    if (row->cob_order != 0)
        ref->any_cob = true;
    if (ref->nmembers == ref->cap_members) {
        ref->cap_members = ref->cap_members ? ref->cap_members * 2 : 64;
        ref->members = adj_xrealloc(ref->members, ref->cap_members * sizeof(AdjMemberRow));
        ref->member_next = adj_xrealloc(ref->member_next, ref->cap_members * sizeof(size_t));
        ref->member_plan = adj_xrealloc(ref->member_plan, ref->cap_members * sizeof(size_t));
    }
    size_t idx = ref->nmembers++, head;
    ref->members[idx] = *row;
    size_t len = strlen(row->member_id);
    ref->member_next[idx] = adj_strmap_get(&ref->by_member, row->member_id, len, &head) ? head : SIZE_MAX;
    if (!adj_strmap_get(&ref->by_plan, row->plan_id, strlen(row->plan_id), &ref->member_plan[idx]))
        ref->member_plan[idx] = SIZE_MAX;
    adj_strmap_put(&ref->by_member, row->member_id, len, idx);
    return ADJ_OK;
}

const AdjProviderRow *adj_refdata_provider(const AdjRefdata *ref, const char *npi)
{
    size_t i;
    return adj_strmap_get(&ref->by_npi, npi, strlen(npi), &i) ? &ref->providers[i] : NULL;
}

const AdjPlanRow *adj_refdata_plan(const AdjRefdata *ref, const char *plan_id)
{
    size_t i;
    return adj_strmap_get(&ref->by_plan, plan_id, strlen(plan_id), &i) ? &ref->plans[i] : NULL;
}

const AdjPlanRow *adj_refdata_member_plan(const AdjRefdata *ref, const AdjMemberRow *m)
{
    size_t i = ref->member_plan[m - ref->members];
    return i != SIZE_MAX ? &ref->plans[i] : adj_refdata_plan(ref, m->plan_id);
}

static int64_t distance(const AdjMemberRow *m, AdjDate dos)
{
    if (dos < m->effective_from)
        return adj_date_to_days(m->effective_from) - adj_date_to_days(dos);
    if (m->effective_to != ADJ_DATE_NONE && dos > m->effective_to)
        return adj_date_to_days(dos) - adj_date_to_days(m->effective_to);
    return 0;
}

const AdjMemberRow *adj_refdata_member(const AdjRefdata *ref, const char *member_id, AdjDate dos)
{
    size_t i;
    if (!adj_strmap_get(&ref->by_member, member_id, strlen(member_id), &i))
        return NULL;
    const AdjMemberRow *best = NULL;
    int64_t best_d = INT64_MAX;
    for (; i != SIZE_MAX; i = ref->member_next[i]) {
        int64_t d = distance(&ref->members[i], dos);
        if (d < best_d) {
            best_d = d;
            best = &ref->members[i];
        }
    }
    return best;
}

bool adj_refdata_provider_zip(const AdjProviderRow *p, const char *zip5)
{
    for (int i = 0; i < p->nzips; i++)
        if (strncmp(p->zips[i], zip5, 5) == 0)
            return true;
    return false;
}

static AdjStatus at_line(AdjStatus st, const char *file, int line, AdjError *err)
{
    if (st != ADJ_OK)
        adj_error_prefix(err, "%s:%d: ", file, line);
    return st;
}

static AdjStatus on_provider(void *ctx, const AdjProviderRow *row, const char *file, int line,
                             AdjError *err)
{
    return at_line(adj_refdata_add_provider(ctx, row, err), file, line, err);
}

static AdjStatus on_plan(void *ctx, const AdjPlanRow *row, const char *file, int line, AdjError *err)
{
    return at_line(adj_refdata_add_plan(ctx, row, err), file, line, err);
}

static AdjStatus on_member(void *ctx, const AdjMemberRow *row, const char *file, int line,
                           AdjError *err)
{
    AdjRefdata *ref = ctx;
    if (adj_refdata_plan(ref, row->plan_id) == NULL)
        return ADJ_FAIL(err, ADJ_ERR_INPUT, "%s:%d: plan_id '%s' is not in the plans file", file,
                        line, row->plan_id);
    return at_line(adj_refdata_add_member(ref, row, err), file, line, err);
}

static AdjStatus on_benefit(void *ctx, const AdjBenefitRow *row, const char *file, int line,
                            AdjError *err)
{
    return at_line(adj_refdata_add_benefit(ctx, row, err), file, line, err);
}

AdjStatus adj_refdata_load_benefits(AdjRefdata *ref, const char *path, AdjError *err)
{
    return adj_refdata_read_benefits(path, on_benefit, ref, err);
}

AdjStatus adj_refdata_load(AdjRefdata **out, const char *providers, const char *members,
                           const char *plans, AdjError *err)
{
    AdjRefdata *ref = adj_refdata_new();
    AdjStatus st = adj_refdata_read_providers(providers, on_provider, ref, err);
    if (st == ADJ_OK)
        st = adj_refdata_read_plans(plans, on_plan, ref, err);
    if (st == ADJ_OK)
        st = adj_refdata_read_members(members, on_member, ref, err);
    if (st != ADJ_OK) {
        adj_refdata_free(ref);
        ref = NULL;
    }
    *out = ref;
    return st;
}
