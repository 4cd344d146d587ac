/* Ruleset lookups and the code index; see ruleset.h. Pure: no I/O. */
#include "edits/ruleset.h"

#include <stdlib.h>
#include <string.h>

#include "core/arena.h"

static const char *const edit_keys[ADJ_EDIT_NIDS] = {
    "member_unknown", "before_coverage", "after_coverage", "code_invalid",
    "provider_unknown", "provider_kind", "location", "place_of_service",
    "diagnosis", "span_months", "minutes", "duplicate_exact",
    "duplicate_suspect", "addon_base_denied", "addon_no_base", "episode_repeat",
    "one_base", "ncci", "exclusive_month", "cap_dos", "cap_month", "no_fee",
    "replacement_original_missing", "void_original_missing", "frontend_reject",
    "pos_invalid", "addon_primary_pended", "high_dollar", "price_overflow",
    "timely_filing", "person_unknown", "cob_primary_missing", "payer_unknown",
    "mpfs_bundled", "mpfs_not_valid", "mpfs_noncovered",
};

const char *adj_edit_key(AdjEditId id)
{
    return (int)id >= 0 && id < ADJ_EDIT_NIDS ? edit_keys[id] : NULL;
}

/* A code of up to 7 characters as one integer (0: empty or too long), so
 * that a lookup is a multiply and integer compares, not string hashing. */

#define slot_of_wide adj_ruleset_hash64

static uint32_t slot_of(uint64_t key)
{
    return (uint32_t)((key * 0x9e3779b97f4a7c15ull) >> 54) & (ADJ_RS_INDEX_SLOTS - 1);
}

static AdjCodeInfo *slot(AdjRuleset *rs, const char *code, AdjError *err)
{
    uint64_t key = adj_ruleset_code_key(code);
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

static uint32_t mix2(uint64_t a, uint64_t b)
{
    uint64_t h = (a * 0x9e3779b97f4a7c15ull) ^ (b * 0xc2b2ae3d27d4eb4full);
    return (uint32_t)(h >> 32);
}

static uint32_t pow2_above(int n)
{
    uint32_t size = 16;
    while (size < (uint32_t)n * 2u + 1u)
        size <<= 1;
    return size;
}

/* (col1, col2) -> first row of the pair in the sorted table. */
static void index_ptp(AdjRuleset *rs)
{
    free(rs->ptp);
    uint32_t size = pow2_above(rs->nncci);
    rs->ptp = adj_xcalloc(size, sizeof(AdjPtpSlot));
    rs->ptp_mask = size - 1;
    for (int i = 0; i < rs->nncci; i++) {
        if (i > 0 && strcmp(rs->ncci[i].col1, rs->ncci[i - 1].col1) == 0 &&
            strcmp(rs->ncci[i].col2, rs->ncci[i - 1].col2) == 0)
            continue; /* same pair, another period */
        uint64_t k1 = adj_ruleset_code_key(rs->ncci[i].col1), k2 = adj_ruleset_code_key(rs->ncci[i].col2);
        uint32_t j = mix2(k1, k2) & rs->ptp_mask;
        while (rs->ptp[j].k1 != 0)
            j = (j + 1) & rs->ptp_mask;
        rs->ptp[j] = (AdjPtpSlot){k1, k2, i};
    }
}

void adj_ruleset_mue_init(AdjRuleset *rs, int nmue)
{
    free(rs->mue);
    uint32_t size = pow2_above(nmue);
    rs->mue = adj_xcalloc(size, sizeof(AdjMue));
    rs->mue_mask = size - 1;
    rs->nmue = 0;
}

void adj_ruleset_dx_init(AdjRuleset *rs, int ndx)
{
    free(rs->dx);
    uint32_t size = pow2_above(ndx);
    rs->dx = adj_xcalloc(size, sizeof(AdjDxSlot));
    rs->dx_mask = size - 1;
    rs->ndx = 0;
}

bool adj_ruleset_mue_put(AdjRuleset *rs, const char *code, int32_t units, int32_t mai)
{
    uint64_t k = adj_ruleset_code_key(code);
    if (k == 0 || rs->mue == NULL || (uint32_t)rs->nmue * 2u >= rs->mue_mask)
        return false;
    uint32_t j = slot_of_wide(k) & rs->mue_mask;
    for (; rs->mue[j].key != 0; j = (j + 1) & rs->mue_mask)
        if (rs->mue[j].key == k)
            return false; /* a code twice */
    rs->mue[j] = (AdjMue){k, units, mai};
    rs->nmue++;
    return true;
}

bool adj_ruleset_dx_put(AdjRuleset *rs, const char *code, int32_t valid)
{
    uint64_t k = adj_ruleset_code_key(code);
    if (k == 0 || rs->dx == NULL || (uint32_t)rs->ndx * 2u >= rs->dx_mask)
        return false;
    uint32_t j = slot_of_wide(k) & rs->dx_mask;
    for (; rs->dx[j].key != 0; j = (j + 1) & rs->dx_mask)
        if (rs->dx[j].key == k)
            return false;
    rs->dx[j] = (AdjDxSlot){k, valid};
    rs->ndx++;
    return true;
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
    for (int i = 0; i < rs->naddons; i++) {
        AdjCodeInfo *ci = slot(rs, rs->addons[i].code, err);
        if (ci == NULL)
            return ADJ_ERR_INPUT;
        ci->addon = &rs->addons[i];
        ci->roles |= 1u << ADJ_CODES_ADDON;
    }
    for (int i = 0; i < rs->nbillers; i++)
        for (int j = 0; j < rs->billers[i].ncodes; j++) {
            AdjCodeInfo *ci = slot(rs, rs->billers[i].codes[j], err);
            if (ci == NULL)
                return ADJ_ERR_INPUT;
            if (ci->biller != NULL)
                return ADJ_FAIL(err, ADJ_ERR_INPUT, "%s:%d: %s is already in another billers entry",
                                rs->path, rs->billers[i].src_line, rs->billers[i].codes[j]);
            ci->biller = &rs->billers[i];
        }
    for (int i = 0; i < ADJ_RS_INDEX_SLOTS; i++) /* every indexed code's MUE, once */
        if (rs->info[i].key != 0)
            rs->info[i].mue = adj_ruleset_mue(rs, rs->info[i].code);
    if (rs->nncci > 0)
        qsort(rs->ncci, (size_t)rs->nncci, sizeof(AdjNcciPair), cmp_ncci);
    index_ptp(rs);
    return ADJ_OK;
}

const AdjCodeInfo *adj_ruleset_code(const AdjRuleset *rs, const char *code)
{
    uint64_t key = adj_ruleset_code_key(code);
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
    for (int i = 0; i < rs->nbh_dx_extra; i++)
        if (strncmp(dx, rs->bh_dx_extra[i], strlen(rs->bh_dx_extra[i])) == 0)
            return true;
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
    if (rs->ptp == NULL)
        return NULL;
    uint64_t k1 = adj_ruleset_code_key(col1), k2 = adj_ruleset_code_key(col2);
    if (k1 == 0 || k2 == 0)
        return NULL;
    for (uint32_t j = mix2(k1, k2) & rs->ptp_mask; rs->ptp[j].k1 != 0; j = (j + 1) & rs->ptp_mask) {
        if (rs->ptp[j].k1 != k1 || rs->ptp[j].k2 != k2)
            continue;
        /* rows of the pair are adjacent, latest deletion date first */
        for (int i = rs->ptp[j].first; i < rs->nncci; i++) {
            const AdjNcciPair *p = &rs->ncci[i];
            if (strcmp(p->col2, col2) != 0 || strcmp(p->col1, col1) != 0)
                break;
            if (p->deleted >= dos && p->indicator != 9)
                return p;
        }
        return NULL;
    }
    return NULL;
}

const AdjMue *adj_ruleset_mue(const AdjRuleset *rs, const char *code)
{
    uint64_t k = adj_ruleset_code_key(code);
    if (k == 0 || rs->mue == NULL)
        return NULL;
    for (uint32_t j = slot_of_wide(k) & rs->mue_mask; rs->mue[j].key != 0; j = (j + 1) & rs->mue_mask)
        if (rs->mue[j].key == k)
            return &rs->mue[j];
    return NULL;
}


bool adj_ruleset_info_mod(const AdjRuleset *rs, const char *mod)
{
    for (int i = 0; i < rs->ninfo_mods; i++)
        if (strcmp(rs->info_mods[i], mod) == 0)
            return true;
    return false;
}


bool adj_ruleset_addon_primary(const AdjRuleset *rs, const AdjAddon *a, const char *code)
{
    uint64_t k = adj_ruleset_code_key(code);
    for (int i = 0; i < a->n; i++)
        if (rs->addon_primaries[a->first + i] == k)
            return true;
    return false;
}

const AdjRuleset *adj_ruleset_for_dos(const AdjRulesetSet *set, AdjDate dos)
{
    for (int i = 0; i < set->n; i++)
        if (dos >= set->sets[i]->effective_from && dos <= set->sets[i]->effective_to)
            return set->sets[i];
    return NULL;
}

const AdjProblemCodes *adj_ruleset_frontend(const AdjRulesetSet *set, const AdjClaim *claim)
{
    const AdjRuleset *rs =
        claim->nlines > 0 ? adj_ruleset_for_dos(set, claim->lines[0].dos_from) : NULL;
    if (rs == NULL && set->n > 0)
        rs = set->sets[set->n - 1];
    return rs != NULL ? rs->frontend : NULL;
}

void adj_ruleset_free(AdjRuleset *rs)
{
    if (rs == NULL)
        return;
    free(rs->ncci);
    free(rs->ptp);
    free(rs->mue);
    free(rs->dx);
    free(rs->addons);
    free(rs->addon_primaries);
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
