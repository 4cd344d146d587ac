/* Ruleset lookups and the code index; see ruleset.h. Pure: no I/O. */
#include "edits/ruleset.h"

#include <stdlib.h>
#include <string.h>

static const char *const edit_keys[ADJ_EDIT_NIDS] = {
    "member_unknown", "before_coverage", "after_coverage", "code_invalid",
    "provider_unknown", "provider_kind", "location", "place_of_service",
    "diagnosis", "span_months", "minutes", "duplicate_exact",
    "duplicate_suspect", "addon_base_denied", "addon_no_base", "episode_repeat",
    "one_base", "ncci", "exclusive_month", "cap_dos", "cap_month", "no_fee",
    "replacement_original_missing", "void_original_missing", "frontend_reject",
    "timely_filing", "person_unknown", "cob_primary_missing", "payer_unknown",
    "mpfs_bundled", "mpfs_not_valid", "mpfs_noncovered",
};

const char *adj_edit_key(AdjEditId id)
{
    return (int)id >= 0 && id < ADJ_EDIT_NIDS ? edit_keys[id] : NULL;
}

/* A code of up to 7 characters as one integer (0: empty or too long), so
 * that a lookup is a multiply and integer compares, not string hashing. */
static uint64_t code_key(const char *code)
{
    uint64_t k = 0;
    for (int i = 0; i <= ADJ_RS_CODE_MAX; i++) {
        if (code[i] == '\0')
            return k;
        if (i == ADJ_RS_CODE_MAX)
            return 0;
        k |= (uint64_t)(uint8_t)code[i] << (8 * i);
    }
    return 0;
}

static uint32_t slot_of(uint64_t key)
{
    return (uint32_t)((key * 0x9e3779b97f4a7c15ull) >> 54) & (ADJ_RS_INDEX_SLOTS - 1);
}

static AdjCodeInfo *slot(AdjRuleset *rs, const char *code, AdjError *err)
{
    uint64_t key = code_key(code);
    if (key == 0) {
        ADJ_FAIL(err, ADJ_ERR_INPUT, "%s: code \"%s\" is empty or too long", rs->path, code);
        return NULL;
    }
    uint32_t i = slot_of(key);
    for (int probes = 0; probes < ADJ_RS_INDEX_SLOTS; probes++) {
        AdjCodeInfo *ci = &rs->info[i];
        if (ci->key == 0) {
            if (rs->ninfo >= ADJ_RS_INDEX_SLOTS / 2) {
                ADJ_FAIL(err, ADJ_ERR_INPUT, "%s: more than %d distinct codes", rs->path,
                         ADJ_RS_INDEX_SLOTS / 2);
                return NULL;
            }
            memcpy(ci->code, code, sizeof(ci->code));
            ci->key = key;
            rs->ninfo++;
            return ci;
        }
        if (ci->key == key)
            return ci;
        i = (i + 1) & (ADJ_RS_INDEX_SLOTS - 1);
    }
    return NULL;
}

static int cmp_ncci(const void *a, const void *b)
{
    const AdjNcciPair *x = a, *y = b;
    int c = strcmp(x->col2, y->col2);
    if (c == 0)
        c = strcmp(x->col1, y->col1);
    if (c == 0)
        c = (y->deleted > x->deleted) - (y->deleted < x->deleted); /* latest first */
    return c;
}

AdjStatus adj_ruleset_index(AdjRuleset *rs, AdjError *err)
{
    memset(rs->info, 0, sizeof(rs->info));
    rs->ninfo = 0;
    for (int r = 0; r < ADJ_CODES_NROLES; r++)
        for (int i = 0; i < rs->codes[r].n; i++) {
            AdjCodeInfo *ci = slot(rs, rs->codes[r].codes[i], err);
            if (ci == NULL)
                return ADJ_ERR_INPUT;
            ci->roles |= 1u << r;
        }
#define INDEX(arr, n, field)                                  \
    for (int i = 0; i < rs->n; i++) {                         \
        AdjCodeInfo *ci = slot(rs, rs->arr[i].code, err);     \
        if (ci == NULL)                                       \
            return ADJ_ERR_INPUT;                             \
        ci->field = &rs->arr[i];                              \
    }
    INDEX(validity, nvalidity, validity)
    INDEX(minutes, nminutes, minutes)
    INDEX(caps, ncaps, cap)
    INDEX(fees, nfees, fee)
#undef INDEX
    if (rs->nncci > 0)
        qsort(rs->ncci, (size_t)rs->nncci, sizeof(AdjNcciPair), cmp_ncci);
    return ADJ_OK;
}

const AdjCodeInfo *adj_ruleset_code(const AdjRuleset *rs, const char *code)
{
    uint64_t key = code_key(code);
    if (key == 0)
        return NULL;
    for (uint32_t i = slot_of(key);; i = (i + 1) & (ADJ_RS_INDEX_SLOTS - 1)) {
        const AdjCodeInfo *ci = &rs->info[i];
        if (ci->key == key)
            return ci;
        if (ci->key == 0) /* at most half the slots are used: a probe ends */
            return NULL;
    }
}

bool adj_ruleset_has(const AdjRuleset *rs, AdjCodeRole role, const char *code)
{
    return adj_code_is(adj_ruleset_code(rs, code), role);
}

bool adj_ruleset_pos_denied(const AdjRuleset *rs, const char *pos)
{
    for (int i = 0; i < rs->npos_not_allowed; i++)
        if (strcmp(rs->pos_not_allowed[i], pos) == 0)
            return true;
    return false;
}

bool adj_ruleset_bh_dx(const AdjRuleset *rs, const char *dx)
{
    /* compare the category (first three characters) with the range */
    size_t n = strlen(rs->bh_dx_from);
    if (n == 0 || strlen(dx) < n)
        return false;
    return strncmp(dx, rs->bh_dx_from, n) >= 0 && strncmp(dx, rs->bh_dx_to, n) <= 0;
}

bool adj_ruleset_bypass_mod(const AdjRuleset *rs, const char *mod)
{
    for (int i = 0; i < rs->nncci_bypass_mods; i++)
        if (strcmp(rs->ncci_bypass_mods[i], mod) == 0)
            return true;
    return false;
}

const AdjNcciPair *adj_ruleset_ncci(const AdjRuleset *rs, const char *col1,
                                    const char *col2, AdjDate dos)
{
    int lo = 0, hi = rs->nncci;
    while (lo < hi) { /* first pair >= (col2, col1) */
        int mid = lo + (hi - lo) / 2;
        const AdjNcciPair *p = &rs->ncci[mid];
        int c = strcmp(p->col2, col2);
        if (c == 0)
            c = strcmp(p->col1, col1);
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (int i = lo; i < rs->nncci; i++) {
        const AdjNcciPair *p = &rs->ncci[i];
        if (strcmp(p->col2, col2) != 0 || strcmp(p->col1, col1) != 0)
            break;
        if (p->deleted >= dos && p->indicator != 9)
            return p;
    }
    return NULL;
}

const AdjRuleset *adj_ruleset_for_dos(const AdjRulesetSet *set, AdjDate dos)
{
    for (int i = 0; i < set->n; i++)
        if (dos >= set->sets[i]->effective_from && dos <= set->sets[i]->effective_to)
            return set->sets[i];
    return NULL;
}

void adj_ruleset_free(AdjRuleset *rs)
{
    if (rs == NULL)
        return;
    free(rs->ncci);
    adj_mpfs_free(rs->mpfs);
    free(rs);
}

void adj_ruleset_set_free(AdjRulesetSet *set)
{
    if (set == NULL)
        return;
    for (int i = 0; i < set->n; i++)
        adj_ruleset_free(set->sets[i]);
    free(set->sets);
    set->sets = NULL;
    set->n = 0;
}
