/* The edits: pure functions, claim + line + history view + ruleset in,
 * result out. No I/O, no globals, no allocation. Each returns true when the
 * line passes; on failure it names the AdjEditId whose outcome and reason
 * codes the ruleset gives, and a short reason. out->rule is the rule that
 * fired ("edit.addon.base_found", "edit.addon.no_base") or NULL when the
 * edit does not apply to the line. Order: engine/engine.c (docs/adjudication.md). */
#ifndef ADJ_EDITS_EDIT_H
#define ADJ_EDITS_EDIT_H

#include <stdarg.h>
#include <stdbool.h>

#include "claim/claim.h"
#include "edits/history.h"
#include "edits/ruleset.h"
#include "refdata/refdata.h"

/* Units of the line's code already paid or pending, gathered by the
 * duplicate edit's pass over the month so that the unit limits need not
 * walk it again (valid: filled for this line). */
typedef struct AdjEditSums {
    bool valid;
    int64_t dos_units;   /* same date of service and billing provider */
    int64_t month_units; /* the month, every billing provider */
} AdjEditSums;

typedef struct AdjEditIn {
    const AdjClaim *claim;
    const AdjLine *line;
    int index;                     /* into claim->lines */
    const AdjRuleset *rs;
    const AdjCodeInfo *ci;         /* the line's code in rs, or NULL */
    const AdjHistView *hist;
    const AdjProviderRow *billing; /* NULL: not in providers.csv */
    const AdjMemberRow *member;    /* NULL: not in members.csv */
    AdjDate dos;
    AdjMonth month;
    int64_t units;                 /* whole units (MJ = 1; 99494 MJ: from its minutes) */
    int64_t units_milli;           /* the units counted by MUE, in thousandths */
    AdjEditSums *sums;             /* scratch shared by duplicate and caps, or NULL */
} AdjEditIn;

typedef struct AdjEditOut {
    AdjEditId fail;
    const char *rule;
    char matched_claim[ADJ_CLAIM_ID_MAX + 1];
    char reason[200];
} AdjEditOut;

typedef bool (*AdjEditFn)(const AdjEditIn *in, AdjEditOut *out);

bool adj_edit_eligibility(const AdjEditIn *in, AdjEditOut *out);
bool adj_edit_validity(const AdjEditIn *in, AdjEditOut *out);
bool adj_edit_provider_known(const AdjEditIn *in, AdjEditOut *out);
bool adj_edit_provider_kind(const AdjEditIn *in, AdjEditOut *out);
bool adj_edit_pos_valid(const AdjEditIn *in, AdjEditOut *out);
bool adj_edit_location(const AdjEditIn *in, AdjEditOut *out);
bool adj_edit_pos(const AdjEditIn *in, AdjEditOut *out);
bool adj_edit_diagnosis(const AdjEditIn *in, AdjEditOut *out);
bool adj_edit_span(const AdjEditIn *in, AdjEditOut *out);
bool adj_edit_minutes(const AdjEditIn *in, AdjEditOut *out);
bool adj_edit_duplicate(const AdjEditIn *in, AdjEditOut *out);
bool adj_edit_addon(const AdjEditIn *in, AdjEditOut *out);
bool adj_edit_episode(const AdjEditIn *in, AdjEditOut *out);
bool adj_edit_one_base(const AdjEditIn *in, AdjEditOut *out);
bool adj_edit_ncci(const AdjEditIn *in, AdjEditOut *out);
bool adj_edit_exclusive(const AdjEditIn *in, AdjEditOut *out);
bool adj_edit_caps(const AdjEditIn *in, AdjEditOut *out);

/* Helpers shared by the edits. */
bool adj_edit_fail(AdjEditOut *out, AdjEditId id, const char *rule, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static inline bool adj_edit_pass(AdjEditOut *out, const char *rule)
{
    out->fail = ADJ_EDIT_NONE;
    out->rule = rule;
    return true;
}
/* vsnprintf's text (cut at size - 1) without printf for %s, %.Ns, %d, %u,
 * %lld, %llu, %zu, %c and %%, the conversions of the reasons (denials are
 * formatted on the decision path); anything else goes to vsnprintf. */
void adj_edit_vformat(char *buf, size_t size, const char *fmt, va_list ap);
void adj_edit_format(char *buf, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Bounded string copy without printf (edits run per line, hot path). */
void adj_edit_copy(char *dst, size_t size, const char *src);
/* Same modifiers, in any order. */
bool adj_edit_mods_equal(const char (*a)[3], int na, const char (*b)[3], int nb);
/* Same modifiers, in any order, ignoring the ruleset's informational ones. */
bool adj_edit_mods_equal_info(const AdjRuleset *rs, const char (*a)[3], int na,
                              const char (*b)[3], int nb);

#endif
