/* Ruleset loader (libconfig); see ruleset.h. Reads files, never decides:
 * what the values mean is the business of edits/, routing/ and engine/. */
#include "config/ruleset.h"

#include <ctype.h>
#include <dirent.h>
#include <libconfig.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config/ruleset_int.h"
#include "config/mpfs.h"
#include "core/arena.h"
#include "crypto/crypto.h"
#include "refdata/refdata.h"

typedef RsCtx Ctx;

/* Sanity bounds of amounts read from a ruleset: a fee or threshold outside
 * them is a typo, never a policy (a professional fee above 100,000.00 for
 * one unit, a review threshold above 1,000,000.00). */
#define FEE_CEILING_CENTS 10000000LL
#define THRESHOLD_CEILING_CENTS 100000000LL

static int line_of(const config_setting_t *s)
{
    return (int)config_setting_source_line(s);
}

/* An error at a setting: "FILE:LINE: message". */
AdjStatus rs_fail_at(const Ctx *c, const config_setting_t *s, const char *fmt, ...)
{
    char msg[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    return ADJ_FAIL(c->err, ADJ_ERR_INPUT, "%.200s:%d: %.280s", c->path, line_of(s), msg);
}
#define FAILAT rs_fail_at

static const char *const role_keys[ADJ_CODES_NROLES] = {
    "cocm_bhi", "psychotherapy", "crisis", "psychiatric_evaluation", "em",
    "care_management", "monthly", "base", "initial", "episode", NULL /* add-on table */,
    NULL /* add-on table */, "exclusive_bhi", "exclusive_cocm", "interactive_complexity",
};

/* A CPT/HCPCS code: five characters, digits or upper-case letters. */
bool rs_code_ok(const char *s)
{
    if (strlen(s) != 5)
        return false;
    for (; *s; s++)
        if (!isdigit((unsigned char)*s) && !isupper((unsigned char)*s))
            return false;
    return true;
}

static AdjStatus get_string(Ctx *c, const config_setting_t *s, const char **out)
{
    if (config_setting_type(s) != CONFIG_TYPE_STRING)
        return FAILAT(c, s, "'%s' must be a string", config_setting_name(s));
    *out = config_setting_get_string(s);
    return ADJ_OK;
}

static AdjStatus get_code(Ctx *c, const config_setting_t *s, char out[ADJ_RS_CODE_MAX + 1])
{
    if (config_setting_type(s) != CONFIG_TYPE_STRING)
        return FAILAT(c, s, "code must be a string");
    const char *v = config_setting_get_string(s);
    if (!rs_code_ok(v))
        return FAILAT(c, s, "malformed code '%s' (five letters or digits)", v);
    snprintf(out, ADJ_RS_CODE_MAX + 1, "%s", v);
    return ADJ_OK;
}

static AdjStatus get_date(Ctx *c, const config_setting_t *s, AdjDate *out)
{
    const char *v = "";
    if (get_string(c, s, &v) != ADJ_OK)
        return ADJ_ERR_INPUT;
    if (!adj_date_parse_iso(v, strlen(v), out))
        return FAILAT(c, s, "'%s' is not a date (YYYY-MM-DD): '%s'", config_setting_name(s), v);
    return ADJ_OK;
}

static AdjStatus get_int(Ctx *c, const config_setting_t *s, int lo, int hi, int *out)
{
    if (config_setting_type(s) != CONFIG_TYPE_INT)
        return FAILAT(c, s, "'%s' must be an integer", config_setting_name(s));
    int v = config_setting_get_int(s);
    if (v < lo || v > hi)
        return FAILAT(c, s, "'%s' out of range %d..%d: %d", config_setting_name(s), lo, hi, v);
    *out = v;
    return ADJ_OK;
}

/* A reason code's shape: min..max letters or digits, the first an upper-case
 * letter when upper_first (RARCs). */
static bool codes_ok(const char *v, size_t min, size_t max, bool upper_first)
{
    size_t n = strlen(v);
    bool ok = n >= min && n <= max && (n == 0 || !upper_first || isupper((unsigned char)v[0]));
    for (size_t k = 0; k < n; k++)
        ok = ok && isalnum((unsigned char)v[k]);
    return ok;
}

static AdjStatus expect_type(Ctx *c, const config_setting_t *s, int type, const char *what)
{
    if (config_setting_type(s) != type)
        return FAILAT(c, s, "'%s' must be %s", config_setting_name(s) ? config_setting_name(s) : "entry", what);
    return ADJ_OK;
}

static AdjStatus load_codes(Ctx *c, const config_setting_t *grp)
{
    if (expect_type(c, grp, CONFIG_TYPE_GROUP, "a group") != ADJ_OK)
        return ADJ_ERR_INPUT;
    bool seen[ADJ_CODES_NROLES] = {false};
    for (int i = 0; i < config_setting_length(grp); i++) {
        config_setting_t *s = config_setting_get_elem(grp, (unsigned)i);
        const char *name = config_setting_name(s);
        int r = 0;
        while (r < ADJ_CODES_NROLES && (role_keys[r] == NULL || strcmp(role_keys[r], name) != 0))
            r++;
        if (r == ADJ_CODES_NROLES)
            return FAILAT(c, s, "unknown key 'codes.%s'%s", name,
                          strcmp(name, "addon") == 0 || strcmp(name, "addon_primary") == 0
                              ? " (add-on codes and their primaries come from the addons table)"
                              : "");
        if (config_setting_type(s) != CONFIG_TYPE_ARRAY && config_setting_type(s) != CONFIG_TYPE_LIST)
            return FAILAT(c, s, "'codes.%s' must be an array of codes", name);
        seen[r] = true;
        AdjCodeList *list = &c->rs->codes[r];
        for (int j = 0; j < config_setting_length(s); j++) {
            if (list->n >= ADJ_RS_LIST_MAX)
                return FAILAT(c, s, "'codes.%s': more than %d codes", name, ADJ_RS_LIST_MAX);
            if (get_code(c, config_setting_get_elem(s, (unsigned)j), list->codes[list->n]) != ADJ_OK)
                return ADJ_ERR_INPUT;
            list->n++;
        }
    }
    for (int r = 0; r < ADJ_CODES_NROLES; r++)
        if (!seen[r] && role_keys[r] != NULL)
            return FAILAT(c, grp, "missing 'codes.%s'", role_keys[r]);
    return ADJ_OK;
}

/* Check that every member of a group entry is one of names. */
static AdjStatus known_members(Ctx *c, const config_setting_t *e, const char *where,
                               const char *const *names)
{
    if (expect_type(c, e, CONFIG_TYPE_GROUP, "a group { ... }") != ADJ_OK)
        return ADJ_ERR_INPUT;
    for (int i = 0; i < config_setting_length(e); i++) {
        config_setting_t *s = config_setting_get_elem(e, (unsigned)i);
        const char *const *n = names;
        while (*n != NULL && strcmp(*n, config_setting_name(s)) != 0)
            n++;
        if (*n == NULL)
            return FAILAT(c, s, "unknown key '%s' in %s", config_setting_name(s), where);
    }
    return ADJ_OK;
}

static AdjStatus entry_code(Ctx *c, const config_setting_t *e, char out[ADJ_RS_CODE_MAX + 1])
{
    config_setting_t *s = config_setting_get_member(e, "code");
    if (s == NULL)
        return FAILAT(c, e, "entry without 'code'");
    return get_code(c, s, out);
}

static AdjStatus load_list(Ctx *c, const config_setting_t *list, const char *what)
{
    if (expect_type(c, list, CONFIG_TYPE_LIST, "a list ( { ... }, ... )") != ADJ_OK)
        return ADJ_ERR_INPUT;
    AdjRuleset *rs = c->rs;
    int n = config_setting_length(list);
    if (n > ADJ_RS_ENTRIES_MAX)
        return FAILAT(c, list, "'%s': more than %d entries", what, ADJ_RS_ENTRIES_MAX);
    for (int i = 0; i < n; i++) {
        config_setting_t *e = config_setting_get_elem(list, (unsigned)i);
        config_setting_t *s;
        if (strcmp(what, "validity") == 0) {
            static const char *const names[] = {"code", "valid_from", "valid_to", NULL};
            AdjValidity *v = &rs->validity[rs->nvalidity++];
            if (known_members(c, e, what, names) != ADJ_OK || entry_code(c, e, v->code) != ADJ_OK)
                return ADJ_ERR_INPUT;
            if ((s = config_setting_get_member(e, "valid_from")) && get_date(c, s, &v->from))
                return ADJ_ERR_INPUT;
            if ((s = config_setting_get_member(e, "valid_to")) && get_date(c, s, &v->to))
                return ADJ_ERR_INPUT;
        } else if (strcmp(what, "minutes") == 0) {
            static const char *const names[] = {"code", "min", "per_unit", NULL};
            AdjMinutes *m = &rs->minutes[rs->nminutes++];
            if (known_members(c, e, what, names) != ADJ_OK || entry_code(c, e, m->code) != ADJ_OK)
                return ADJ_ERR_INPUT;
            if ((s = config_setting_get_member(e, "min")) == NULL)
                return FAILAT(c, e, "minutes entry without 'min'");
            if (get_int(c, s, 1, 600, &m->min) != ADJ_OK)
                return ADJ_ERR_INPUT;
            if ((s = config_setting_get_member(e, "per_unit")) && get_int(c, s, 1, 600, &m->per_unit))
                return ADJ_ERR_INPUT;
        } else if (strcmp(what, "caps") == 0) {
            static const char *const names[] = {"code", "per_dos", "per_month", NULL};
            AdjCap *cap = &rs->caps[rs->ncaps++];
            if (known_members(c, e, what, names) != ADJ_OK || entry_code(c, e, cap->code) != ADJ_OK)
                return ADJ_ERR_INPUT;
            if ((s = config_setting_get_member(e, "per_dos")) && get_int(c, s, 1, 999, &cap->per_dos))
                return ADJ_ERR_INPUT;
            if ((s = config_setting_get_member(e, "per_month")) &&
                get_int(c, s, 1, 999, &cap->per_month))
                return ADJ_ERR_INPUT;
        } else { /* fees */
            static const char *const names[] = {"code", "amount", "estimate", NULL};
            AdjFee *f = &rs->fees[rs->nfees++];
            const char *amount = "";
            if (known_members(c, e, what, names) != ADJ_OK || entry_code(c, e, f->code) != ADJ_OK)
                return ADJ_ERR_INPUT;
            if ((s = config_setting_get_member(e, "amount")) == NULL)
                return FAILAT(c, e, "fee entry without 'amount'");
            if (get_string(c, s, &amount) != ADJ_OK)
                return ADJ_ERR_INPUT;
            if (!adj_money_parse(amount, strlen(amount), &f->amount) || f->amount <= 0 ||
                f->amount > FEE_CEILING_CENTS)
                return FAILAT(c, s,
                              "fee of %s: '%s' is not an amount above 0.00 and at most 100000.00",
                              f->code, amount);
            if ((s = config_setting_get_member(e, "estimate"))) {
                if (config_setting_type(s) != CONFIG_TYPE_BOOL)
                    return FAILAT(c, s, "'estimate' must be true or false");
                f->estimate = config_setting_get_bool(s) != 0;
            }
        }
    }
    return ADJ_OK;
}

static AdjStatus load_edits(Ctx *c, const config_setting_t *grp)
{
    if (expect_type(c, grp, CONFIG_TYPE_GROUP, "a group") != ADJ_OK)
        return ADJ_ERR_INPUT;
    static const char *const names[] = {"outcome", "group", "carc", "rarc", NULL};
    for (int i = 0; i < config_setting_length(grp); i++) {
        config_setting_t *e = config_setting_get_elem(grp, (unsigned)i);
        int id = 0;
        while (id < ADJ_EDIT_NIDS && strcmp(adj_edit_key((AdjEditId)id), config_setting_name(e)) != 0)
            id++;
        if (id == ADJ_EDIT_NIDS)
            return FAILAT(c, e, "unknown key 'edits.%s'", config_setting_name(e));
        if (known_members(c, e, config_setting_name(e), names) != ADJ_OK)
            return ADJ_ERR_INPUT;
        AdjEditCodes *ec = &c->rs->edits[id];
        config_setting_t *s;
        const char *v = "";
        ec->set = true;
        ec->outcome = ADJ_OUT_DENY;
        if ((s = config_setting_get_member(e, "outcome"))) {
            if (get_string(c, s, &v) != ADJ_OK)
                return ADJ_ERR_INPUT;
            if (strcmp(v, "deny") == 0)
                ec->outcome = ADJ_OUT_DENY;
            else if (strcmp(v, "pend") == 0)
                ec->outcome = ADJ_OUT_PEND;
            else if (strcmp(v, "reject") == 0)
                ec->outcome = ADJ_OUT_REJECT;
            else
                return FAILAT(c, s, "outcome must be deny, pend or reject: '%s'", v);
        }
        if ((s = config_setting_get_member(e, "group"))) {
            if (get_string(c, s, &v) != ADJ_OK)
                return ADJ_ERR_INPUT;
            if (strcmp(v, "CO") != 0 && strcmp(v, "OA") != 0 && strcmp(v, "PR") != 0 &&
                strcmp(v, "PI") != 0)
                return FAILAT(c, s, "group must be CO, OA, PR or PI: '%s'", v);
            snprintf(ec->group, sizeof(ec->group), "%s", v);
        }
        if ((s = config_setting_get_member(e, "carc"))) {
            if (get_string(c, s, &v) != ADJ_OK)
                return ADJ_ERR_INPUT;
            if (!codes_ok(v, 1, 3, false))
                return FAILAT(c, s, "malformed CARC '%s'", v);
            snprintf(ec->carc, sizeof(ec->carc), "%s", v);
        }
        if ((s = config_setting_get_member(e, "rarc"))) {
            if (config_setting_type(s) != CONFIG_TYPE_ARRAY)
                return FAILAT(c, s, "rarc must be an array of strings");
            for (int k = 0; k < config_setting_length(s); k++) {
                config_setting_t *r = config_setting_get_elem(s, (unsigned)k);
                if (get_string(c, r, &v) != ADJ_OK)
                    return ADJ_ERR_INPUT;
                if (!codes_ok(v, 2, 5, true) || ec->nrarc >= ADJ_MAX_RARC)
                    return FAILAT(c, r, "malformed RARC '%s' (or more than %d)", v, ADJ_MAX_RARC);
                snprintf(ec->rarc[ec->nrarc++], 6, "%s", v);
            }
        }
        if (ec->outcome == ADJ_OUT_DENY && (ec->group[0] == '\0' || ec->carc[0] == '\0'))
            return FAILAT(c, e, "edit '%s' denies but has no group and carc", config_setting_name(e));
    }
    /* `edits` names every edit but the benefit edits (issue 13), which
     * `benefit_edits` names (checked when the whole file is read) */
    if (strcmp(config_setting_name(grp), "edits") == 0)
        for (int id = 0; id < ADJ_EDIT_TIMELY; id++)
            if (!c->rs->edits[id].set)
                return FAILAT(c, grp, "missing 'edits.%s'", adj_edit_key((AdjEditId)id));
    return ADJ_OK;
}

static AdjStatus load_ncci(Ctx *c, const config_setting_t *grp)
{
    config_setting_t *m =
        config_setting_type(grp) == CONFIG_TYPE_GROUP ? config_setting_get_member(grp, "bypass_modifiers") : NULL;
    if (m == NULL || config_setting_type(m) != CONFIG_TYPE_ARRAY)
        return FAILAT(c, grp, "ncci needs table, sha256 and bypass_modifiers (an array of strings)");
    for (int i = 0; i < config_setting_length(m); i++) {
        const char *v = "";
        config_setting_t *e = config_setting_get_elem(m, (unsigned)i);
        if (get_string(c, e, &v) != ADJ_OK)
            return ADJ_ERR_INPUT;
        if (strlen(v) != 2 || c->rs->nncci_bypass_mods >= ADJ_RS_MODS_MAX)
            return FAILAT(c, e, "malformed modifier '%s'", v);
        snprintf(c->rs->ncci_bypass_mods[c->rs->nncci_bypass_mods++], 3, "%s", v);
    }
    return rs_load_ncci_table(c, grp);
}

/* An array of two-character modifiers. */
static AdjStatus load_mods(Ctx *c, const config_setting_t *s, char (*out)[3], int *n)
{
    if (config_setting_type(s) != CONFIG_TYPE_ARRAY)
        return FAILAT(c, s, "'%s' must be an array of modifiers", config_setting_name(s));
    for (int i = 0; i < config_setting_length(s); i++) {
        const char *v = "";
        config_setting_t *e = config_setting_get_elem(s, (unsigned)i);
        if (get_string(c, e, &v) != ADJ_OK)
            return ADJ_ERR_INPUT;
        if (strlen(v) != 2 || !isalnum((unsigned char)v[0]) || !isalnum((unsigned char)v[1]) ||
            *n >= ADJ_RS_MODS_MAX)
            return FAILAT(c, e, "malformed modifier '%s' (or more than %d)", v, ADJ_RS_MODS_MAX);
        snprintf(out[(*n)++], 3, "%s", v);
    }
    return ADJ_OK;
}

/* billers = ( { codes = [...]; kinds = ["medical"]; taxonomy = ["103T", ...]; }, ... ) */
static AdjStatus load_billers(Ctx *c, const config_setting_t *list)
{
    if (config_setting_type(list) != CONFIG_TYPE_LIST)
        return FAILAT(c, list, "'billers' must be a list ( { codes = [...]; ... }, ... )");
    static const char *const names[] = {"codes", "kinds", "taxonomy", NULL};
    AdjRuleset *rs = c->rs;
    for (int i = 0; i < config_setting_length(list); i++) {
        config_setting_t *e = config_setting_get_elem(list, (unsigned)i);
        if (known_members(c, e, "billers", names) != ADJ_OK)
            return ADJ_ERR_INPUT;
        if (rs->nbillers >= ADJ_RS_BILLERS_MAX)
            return FAILAT(c, e, "more than %d billers entries", ADJ_RS_BILLERS_MAX);
        AdjBiller *b = &rs->billers[rs->nbillers++];
        b->src_line = line_of(e);
        config_setting_t *codes = config_setting_get_member(e, "codes");
        if (codes == NULL || config_setting_type(codes) != CONFIG_TYPE_ARRAY ||
            config_setting_length(codes) == 0)
            return FAILAT(c, e, "billers entry needs a non-empty 'codes' array");
        for (int j = 0; j < config_setting_length(codes); j++) {
            if (b->ncodes >= ADJ_RS_LIST_MAX)
                return FAILAT(c, codes, "more than %d codes", ADJ_RS_LIST_MAX);
            if (get_code(c, config_setting_get_elem(codes, (unsigned)j), b->codes[b->ncodes++]) != ADJ_OK)
                return ADJ_ERR_INPUT;
        }
        config_setting_t *s;
        if ((s = config_setting_get_member(e, "kinds")) != NULL) {
            if (config_setting_type(s) != CONFIG_TYPE_ARRAY)
                return FAILAT(c, s, "'kinds' must be an array of medical|behavioral");
            for (int j = 0; j < config_setting_length(s); j++) {
                const char *v = "";
                config_setting_t *k = config_setting_get_elem(s, (unsigned)j);
                if (get_string(c, k, &v) != ADJ_OK)
                    return ADJ_ERR_INPUT;
                if (strcmp(v, "medical") == 0)
                    b->kinds |= 1u << ADJ_PROVIDER_MEDICAL;
                else if (strcmp(v, "behavioral") == 0)
                    b->kinds |= 1u << ADJ_PROVIDER_BEHAVIORAL;
                else
                    return FAILAT(c, k, "provider kind must be medical or behavioral: '%s'", v);
            }
        }
        if ((s = config_setting_get_member(e, "taxonomy")) != NULL) {
            if (config_setting_type(s) != CONFIG_TYPE_ARRAY)
                return FAILAT(c, s, "'taxonomy' must be an array of taxonomy code prefixes");
            for (int j = 0; j < config_setting_length(s); j++) {
                const char *v = "";
                config_setting_t *k = config_setting_get_elem(s, (unsigned)j);
                if (get_string(c, k, &v) != ADJ_OK)
                    return ADJ_ERR_INPUT;
                size_t n = strlen(v);
                bool ok = n >= 1 && n <= 10 && b->ntaxonomy < ADJ_RS_TAX_MAX;
                for (size_t q = 0; q < n && ok; q++)
                    ok = isdigit((unsigned char)v[q]) || isupper((unsigned char)v[q]);
                if (!ok)
                    return FAILAT(c, k, "malformed taxonomy prefix '%s' (or more than %d)", v,
                                  ADJ_RS_TAX_MAX);
                snprintf(b->taxonomy[b->ntaxonomy++], 11, "%s", v);
            }
        }
        if (b->kinds == 0 && b->ntaxonomy == 0)
            return FAILAT(c, e, "billers entry needs 'kinds' or 'taxonomy'");
    }
    return ADJ_OK;
}

/* frontend_problems = { billing_npi = { rarc = "N257"; status = "562"; entity = "85"; }; ... }:
 * per kind of front-end problem (claim.h AdjProblemKind), the RARC a
 * reject adds to edits.frontend_reject's and the 277CA status code and
 * entity. Every kind must be named: a kind the reader finds never goes
 * without codes. */
static AdjStatus load_frontend_problems(Ctx *c, const config_setting_t *grp)
{
    if (expect_type(c, grp, CONFIG_TYPE_GROUP, "a group { kind = { ... }; ... }") != ADJ_OK)
        return ADJ_ERR_INPUT;
    bool seen[ADJ_PROBLEM_NKINDS] = {false};
    for (int i = 0; i < config_setting_length(grp); i++) {
        config_setting_t *e = config_setting_get_elem(grp, (unsigned)i);
        int k = adj_problem_kind_parse(config_setting_name(e));
        if (k < 0)
            return FAILAT(c, e, "unknown front-end problem kind '%s'", config_setting_name(e));
        static const char *const names[] = {"rarc", "status", "entity", NULL};
        AdjStatus st = known_members(c, e, "frontend_problems", names);
        if (st != ADJ_OK)
            return st;
        AdjProblemCodes *pc = &c->rs->frontend[k];
        const char *v = "";
        config_setting_t *s;
        if ((s = config_setting_get_member(e, "rarc")) != NULL) {
            if (get_string(c, s, &v) != ADJ_OK)
                return ADJ_ERR_INPUT;
            if (!codes_ok(v, 2, 5, true))
                return FAILAT(c, s, "malformed RARC '%s'", v);
            snprintf(pc->rarc, sizeof(pc->rarc), "%s", v);
        }
        if ((s = config_setting_get_member(e, "status")) == NULL)
            return FAILAT(c, e, "frontend_problems.%s needs status (the 277CA status code)",
                          config_setting_name(e));
        if (get_string(c, s, &v) != ADJ_OK)
            return ADJ_ERR_INPUT;
        if (!codes_ok(v, 1, 5, false))
            return FAILAT(c, s, "malformed 277CA status code '%s'", v);
        snprintf(pc->status, sizeof(pc->status), "%s", v);
        if ((s = config_setting_get_member(e, "entity")) != NULL) {
            if (get_string(c, s, &v) != ADJ_OK)
                return ADJ_ERR_INPUT;
            if (!codes_ok(v, 2, 3, false))
                return FAILAT(c, s, "malformed entity identifier code '%s'", v);
            snprintf(pc->entity, sizeof(pc->entity), "%s", v);
        }
        seen[k] = true;
    }
    for (int k = 0; k < ADJ_PROBLEM_NKINDS; k++)
        if (!seen[k])
            return FAILAT(c, grp, "missing 'frontend_problems.%s'",
                          adj_problem_kind_name((AdjProblemKind)k));
    return ADJ_OK;
}

/* report_families = ( { family = "cocm_initial"; codes = ["99492"]; }, ... ):
 * the regulator report's code families, in report order. */
static AdjStatus load_report_families(Ctx *c, const config_setting_t *list)
{
    if (config_setting_type(list) != CONFIG_TYPE_LIST)
        return FAILAT(c, list, "report_families must be a list of groups");
    AdjRuleset *rs = c->rs;
    for (int i = 0; i < config_setting_length(list); i++) {
        config_setting_t *e = config_setting_get_elem(list, (unsigned)i);
        static const char *const names[] = {"family", "codes", NULL};
        AdjStatus st = known_members(c, e, "report_families", names);
        if (st != ADJ_OK)
            return st;
        config_setting_t *f = config_setting_get_member(e, "family");
        config_setting_t *codes = config_setting_get_member(e, "codes");
        const char *family = "";
        if (f == NULL || codes == NULL || config_setting_type(codes) != CONFIG_TYPE_ARRAY)
            return FAILAT(c, e, "report_families: each needs family and codes = [...]");
        if ((st = get_string(c, f, &family)) != ADJ_OK)
            return st;
        if (family[0] == '\0' || strlen(family) >= sizeof(rs->report_families[0].family))
            return FAILAT(c, f, "report_families: family must be 1-%zu characters",
                          sizeof(rs->report_families[0].family) - 1);
        for (int k = 0; k < config_setting_length(codes); k++) {
            if (rs->nreport_families == ADJ_RS_REPORT_CODES_MAX)
                return FAILAT(c, codes, "report_families: more than %d codes",
                              ADJ_RS_REPORT_CODES_MAX);
            AdjReportFamily *r = &rs->report_families[rs->nreport_families];
            if ((st = get_code(c, config_setting_get_elem(codes, (unsigned)k), r->code)) != ADJ_OK)
                return st;
            snprintf(r->family, sizeof(r->family), "%s", family);
            r->ord = i + 1;
            rs->nreport_families++;
        }
    }
    return ADJ_OK;
}

static AdjStatus load_amount(Ctx *c, const config_setting_t *s, AdjMoney ceiling, AdjMoney *out)
{
    const char *v = "";
    if (get_string(c, s, &v) != ADJ_OK)
        return ADJ_ERR_INPUT;
    char ceil_s[32];
    adj_money_format(ceiling, ceil_s, sizeof(ceil_s));
    if (!adj_money_parse(v, strlen(v), out) || *out <= 0 || *out > ceiling)
        return FAILAT(c, s, "'%s' must be an amount above 0.00 and at most %s: '%s'",
                      config_setting_name(s), ceil_s, v);
    return ADJ_OK;
}

static AdjStatus load_top(Ctx *c, config_t *cf)
{
    config_setting_t *root = config_root_setting(cf);
    AdjRuleset *rs = c->rs;
    bool have_id = false, have_from = false, have_to = false, have_codes = false,
         have_edits = false, have_ncci = false, have_gap = false, have_dx = false,
         have_mue = false, have_addons = false, have_pos = false, have_diag = false,
         have_high = false, have_frontend = false;
    for (int i = 0; i < config_setting_length(root); i++) {
        config_setting_t *s = config_setting_get_elem(root, (unsigned)i);
        const char *name = config_setting_name(s);
        AdjStatus st = ADJ_OK;
        const char *v = "";
        if (strcmp(name, "id") == 0) {
            if ((st = get_string(c, s, &v)) == ADJ_OK) {
                if (v[0] == '\0' || strlen(v) > ADJ_RULESET_ID_MAX)
                    return FAILAT(c, s, "id must be 1-%d characters", ADJ_RULESET_ID_MAX);
                snprintf(rs->id, sizeof(rs->id), "%s", v);
                have_id = true;
            }
        } else if (strcmp(name, "effective_from") == 0) {
            st = get_date(c, s, &rs->effective_from);
            have_from = true;
        } else if (strcmp(name, "effective_to") == 0) {
            st = get_date(c, s, &rs->effective_to);
            have_to = true;
        } else if (strcmp(name, "codes") == 0) {
            st = load_codes(c, s);
            have_codes = true;
        } else if (strcmp(name, "validity") == 0 || strcmp(name, "minutes") == 0 ||
                   strcmp(name, "caps") == 0 || strcmp(name, "fees") == 0) {
            st = load_list(c, s, name);
        } else if (strcmp(name, "episode_gap_months") == 0) {
            st = get_int(c, s, 1, 120, &rs->episode_gap_months);
            have_gap = true;
        } else if (strcmp(name, "pos_not_allowed") == 0) {
            if (config_setting_type(s) != CONFIG_TYPE_ARRAY)
                return FAILAT(c, s, "pos_not_allowed must be an array of strings");
            for (int k = 0; k < config_setting_length(s) && st == ADJ_OK; k++) {
                config_setting_t *e = config_setting_get_elem(s, (unsigned)k);
                if ((st = get_string(c, e, &v)) != ADJ_OK)
                    break;
                if (strlen(v) != 2 || !isdigit((unsigned char)v[0]) || !isdigit((unsigned char)v[1]) ||
                    rs->npos_not_allowed >= ADJ_RS_POS_MAX)
                    return FAILAT(c, e, "malformed place of service '%s'", v);
                snprintf(rs->pos_not_allowed[rs->npos_not_allowed++], 3, "%s", v);
            }
        } else if (strcmp(name, "bh_diagnosis") == 0) {
            static const char *const names[] = {"from", "to", "extra", NULL};
            if ((st = known_members(c, s, name, names)) != ADJ_OK)
                return st;
            config_setting_t *x = config_setting_get_member(s, "extra");
            for (int k = 0; x != NULL && k < config_setting_length(x); k++) {
                config_setting_t *e = config_setting_get_elem(x, (unsigned)k);
                if (config_setting_type(x) != CONFIG_TYPE_ARRAY || get_string(c, e, &v) != ADJ_OK)
                    return FAILAT(c, x, "bh_diagnosis.extra must be an array of ICD-10-CM codes");
                size_t n = strlen(v);
                bool ok = n >= 3 && n <= 7 && isupper((unsigned char)v[0]) &&
                          rs->nbh_dx_extra < ADJ_RS_DX_EXTRA_MAX;
                for (size_t q = 1; q < n && ok; q++)
                    ok = isdigit((unsigned char)v[q]) || isupper((unsigned char)v[q]);
                if (!ok)
                    return FAILAT(c, e, "malformed ICD-10-CM code '%s' (no dot: R45851)", v);
                snprintf(rs->bh_dx_extra[rs->nbh_dx_extra++], 8, "%s", v);
            }
            config_setting_t *f = config_setting_get_member(s, "from");
            config_setting_t *t = config_setting_get_member(s, "to");
            const char *fv = "", *tv = "";
            if (f == NULL || t == NULL)
                return FAILAT(c, s, "bh_diagnosis needs from and to");
            if (get_string(c, f, &fv) || get_string(c, t, &tv))
                return ADJ_ERR_INPUT;
            if (strlen(fv) != 3 || strlen(tv) != 3)
                return FAILAT(c, s, "bh_diagnosis from/to are ICD-10 categories like F01");
            snprintf(rs->bh_dx_from, sizeof(rs->bh_dx_from), "%s", fv);
            snprintf(rs->bh_dx_to, sizeof(rs->bh_dx_to), "%s", tv);
            have_dx = true;
        } else if (strcmp(name, "edits") == 0) {
            st = load_edits(c, s);
            have_edits = true;
        } else if (strcmp(name, "ncci") == 0) {
            st = load_ncci(c, s);
            have_ncci = true;
        } else if (strcmp(name, "mue") == 0) {
            st = rs_load_mue(c, s);
            have_mue = true;
        } else if (strcmp(name, "addons") == 0) {
            st = rs_load_addons(c, s);
            have_addons = true;
        } else if (strcmp(name, "pos") == 0) {
            st = rs_load_pos(c, s);
            have_pos = true;
        } else if (strcmp(name, "diagnoses") == 0) {
            st = rs_load_diagnoses(c, s);
            have_diag = true;
        } else if (strcmp(name, "billers") == 0) {
            st = load_billers(c, s);
        } else if (strcmp(name, "informational_modifiers") == 0) {
            st = load_mods(c, s, rs->info_mods, &rs->ninfo_mods);
        } else if (strcmp(name, "high_dollar_review") == 0) {
            st = load_amount(c, s, THRESHOLD_CEILING_CENTS, &rs->high_dollar);
            have_high = true;
        } else if (strcmp(name, "benefit_edits") == 0) {
            st = load_edits(c, s); /* issue 13 */
        } else if (strcmp(name, "report_families") == 0) {
            st = load_report_families(c, s);
        } else if (strcmp(name, "frontend_problems") == 0) {
            st = load_frontend_problems(c, s);
            have_frontend = true;
        } else if (strcmp(name, "mpfs") == 0 && rs->mpfs == NULL) {
            st = adj_config_mpfs_load(c->path, s, &rs->mpfs, c->err); /* issue 13 */
            if (st == ADJ_OK)
                adj_config_mpfs_note(s, rs);
        } else {
            return FAILAT(c, s, "unknown key '%s'", name);
        }
        if (st != ADJ_OK)
            return st;
    }
    const char *missing = !have_id ? "id" : !have_from ? "effective_from"
                        : !have_to ? "effective_to" : !have_codes ? "codes"
                        : !have_edits ? "edits" : !have_ncci ? "ncci"
                        : !have_gap ? "episode_gap_months" : !have_dx ? "bh_diagnosis"
                        : !have_mue ? "mue" : !have_addons ? "addons" : !have_pos ? "pos"
                        : !have_diag ? "diagnoses" : !have_high ? "high_dollar_review"
                        : !have_frontend ? "frontend_problems" : NULL;
    if (missing != NULL)
        return ADJ_FAIL(c->err, ADJ_ERR_INPUT, "%s: missing '%s'", c->path, missing);
    /* the benefit edits (issue 13) are named in `benefit_edits`, every one:
     * their codes are data, with no default in the program */
    for (int id = ADJ_EDIT_TIMELY; id < ADJ_EDIT_NIDS; id++)
        if (!rs->edits[id].set)
            return ADJ_FAIL(c->err, ADJ_ERR_INPUT, "%s: missing 'benefit_edits.%s'", c->path,
                            adj_edit_key((AdjEditId)id));
    if (rs->effective_to < rs->effective_from)
        return ADJ_FAIL(c->err, ADJ_ERR_INPUT, "%s: effective_to before effective_from", c->path);
    return ADJ_OK;
}

AdjStatus adj_ruleset_load(const char *path, AdjRuleset **out, AdjError *err)
{
    *out = NULL;
    AdjRuleset *rs = adj_xcalloc(1, sizeof(*rs));
    snprintf(rs->path, sizeof(rs->path), "%s", path);
    if (adj_sha256_file(path, rs->sha256, err) != ADJ_OK) {
        adj_error_prefix(err, "ruleset %s: ", path);
        adj_ruleset_free(rs);
        return ADJ_ERR_INPUT;
    }
    config_t cf;
    config_init(&cf);
    AdjStatus st;
    if (config_read_file(&cf, path) != CONFIG_TRUE) {
        st = ADJ_FAIL(err, ADJ_ERR_INPUT, "%s:%d: %s", path, config_error_line(&cf),
                      config_error_text(&cf));
    } else {
        Ctx c = {.path = path, .rs = rs, .err = err};
        st = load_top(&c, &cf);
        if (st == ADJ_OK)
            st = adj_ruleset_index(rs, err);
    }
    config_destroy(&cf);
    if (st != ADJ_OK) {
        adj_ruleset_free(rs);
        return st;
    }
    *out = rs;
    return ADJ_OK;
}

static int cmp_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int cmp_from(const void *a, const void *b)
{
    const AdjRuleset *x = *(AdjRuleset *const *)a, *y = *(AdjRuleset *const *)b;
    return (x->effective_from > y->effective_from) - (x->effective_from < y->effective_from);
}

static AdjStatus add_file(AdjRulesetSet *set, int *cap, const char *path, AdjError *err)
{
    AdjRuleset *rs;
    AdjStatus st = adj_ruleset_load(path, &rs, err);
    if (st != ADJ_OK)
        return st;
    if (set->n == *cap) {
        *cap = *cap ? *cap * 2 : 8;
        set->sets = adj_xrealloc(set->sets, (size_t)*cap * sizeof(AdjRuleset *));
    }
    set->sets[set->n++] = rs;
    return ADJ_OK;
}

static AdjStatus add_dir(AdjRulesetSet *set, int *cap, const char *dir, DIR *d, AdjError *err)
{
    char **names = NULL;
    size_t n = 0, ncap = 0;
    struct dirent *de;
    while ((de = readdir(d)) != NULL) {
        size_t len = strlen(de->d_name);
        if (len < 6 || de->d_name[0] == '.' || strcmp(de->d_name + len - 5, ".conf") != 0)
            continue;
        if (n == ncap) {
            ncap = ncap ? ncap * 2 : 16;
            names = adj_xrealloc(names, ncap * sizeof(char *));
        }
        names[n++] = adj_xstrdup(de->d_name);
    }
    qsort(names, n, sizeof(char *), cmp_name);
    AdjStatus st = ADJ_OK;
    for (size_t i = 0; i < n; i++) {
        char path[2048];
        snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
        if (st == ADJ_OK)
            st = add_file(set, cap, path, err);
        free(names[i]);
    }
    free(names);
    if (st == ADJ_OK && n == 0)
        st = ADJ_FAIL(err, ADJ_ERR_INPUT, "%s: no *.conf ruleset in the directory", dir);
    return st;
}

AdjStatus adj_ruleset_set_load(const char *const *paths, int npaths, AdjRulesetSet *set,
                               AdjError *err)
{
    set->sets = NULL;
    set->n = 0;
    int cap = 0;
    AdjStatus st = ADJ_OK;
    for (int i = 0; i < npaths && st == ADJ_OK; i++) {
        DIR *d = opendir(paths[i]);
        if (d != NULL) {
            st = add_dir(set, &cap, paths[i], d, err);
            closedir(d);
        } else {
            st = add_file(set, &cap, paths[i], err);
        }
    }
    if (st == ADJ_OK && set->n == 0)
        st = ADJ_FAIL(err, ADJ_ERR_USAGE, "no ruleset given");
    if (st == ADJ_OK) {
        qsort(set->sets, (size_t)set->n, sizeof(AdjRuleset *), cmp_from);
        for (int i = 0; i < set->n && st == ADJ_OK; i++)
            for (int j = i + 1; j < set->n && st == ADJ_OK; j++) {
                const AdjRuleset *a = set->sets[i], *b = set->sets[j];
                if (strcmp(a->id, b->id) == 0)
                    st = ADJ_FAIL(err, ADJ_ERR_INPUT, "%s and %s: both have id '%s'", a->path,
                                  b->path, a->id);
                else if (b->effective_from <= a->effective_to)
                    st = ADJ_FAIL(err, ADJ_ERR_INPUT,
                                  "%s (%s) and %s (%s): effective date ranges overlap", a->path,
                                  a->id, b->path, b->id);
            }
    }
    if (st != ADJ_OK)
        adj_ruleset_set_free(set);
    return st;
}
