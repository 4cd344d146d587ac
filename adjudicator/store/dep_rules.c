/* The rule values of adj_dependents() (sql/061) as array parameters, taken
 * from the loaded rulesets: rule values live in rulesets/, never in SQL.
 * Builds parameter text only; runs no statement. */
#include "store/store_int.h"

#include <stdio.h>
#include <stdlib.h>

typedef struct Set {
    AdjRsCode v[ADJ_RS_LIST_MAX * 4];
    size_t n;
} Set;

static void add(Set *s, const char *v)
{
    if (v[0] == '\0')
        return;
    for (size_t i = 0; i < s->n; i++)
        if (strcmp(s->v[i], v) == 0)
            return;
    if (s->n < sizeof(s->v) / sizeof(s->v[0]))
        snprintf(s->v[s->n++], sizeof(s->v[0]), "%s", v);
}

static char *literal(const Set *s, bool bytea)
{
    StoreArray a = {0};
    for (size_t i = 0; i < s->n; i++) {
        if (bytea)
            store_array_cbytes(&a, s->v[i]);
        else
            store_array_text(&a, s->v[i]);
    }
    return store_array_end(&a);
}

static void dep_arrays(const AdjRulesetSet *rules, char *out[3])
{
    Set *addon = adj_xcalloc(1, sizeof(*addon));
    Set *primary = adj_xcalloc(1, sizeof(*primary));
    Set *carc = adj_xcalloc(1, sizeof(*carc));
    for (int i = 0; rules != NULL && i < rules->n; i++) {
        const AdjRuleset *rs = rules->sets[i];
        /* add-ons whose period is the month (99494) and their primaries:
         * the relations that reach across claims (a per-visit add-on and
         * its primary share a date of service) */
        for (int a = 0; a < rs->naddons; a++) {
            const AdjAddon *ad = &rs->addons[a];
            if (!adj_ruleset_has(rs, ADJ_CODES_MONTHLY, ad->code))
                continue;
            add(addon, ad->code);
            for (int k = 0; k < ad->n; k++) {
                AdjRsCode code = {0};
                uint64_t key = rs->addon_primaries[ad->first + k];
                for (int b = 0; b < ADJ_RS_CODE_MAX && (key >> (8 * b) & 0xff) != 0; b++)
                    code[b] = (char)(key >> (8 * b) & 0xff);
                add(primary, code);
            }
        }
        add(carc, rs->edits[ADJ_EDIT_CAP_DOS].carc);
        add(carc, rs->edits[ADJ_EDIT_CAP_MONTH].carc);
    }
    out[0] = literal(addon, true);
    out[1] = literal(primary, true);
    out[2] = literal(carc, false);
    free(addon);
    free(primary);
    free(carc);
}

void store_params_dep_arrays(StoreParams *p, const AdjRulesetSet *rules)
{
    char *deps[3];
    dep_arrays(rules, deps);
    for (int i = 0; i < 3; i++) {
        store_params_text(p, deps[i]);
        free(deps[i]);
    }
}
