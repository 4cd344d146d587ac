/* A ruleset: every value the edits, routing and pricing decide with (code
 * lists, validity dates, thresholds, caps, CARC/RARC per edit, fees, NCCI
 * pairs), as a plain struct filled by config/ruleset.c from rulesets/NAME.conf.
 * Pure data: nothing here reads files; lookups are pure functions. */
#ifndef ADJ_EDITS_RULESET_H
#define ADJ_EDITS_RULESET_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "core/date.h"
#include "core/money.h"
#include "core/status.h"
#include "edits/mpfs.h"
#include "claim/decision.h"

#define ADJ_RS_CODE_MAX 7   /* "99492", "G0512" */
#define ADJ_RS_LIST_MAX 96  /* codes per list */
#define ADJ_RS_ENTRIES_MAX 128
#define ADJ_RS_POS_MAX 64
#define ADJ_RS_MODS_MAX 8

typedef char AdjRsCode[ADJ_RS_CODE_MAX + 1];

typedef struct AdjCodeList {
    AdjRsCode codes[ADJ_RS_LIST_MAX];
    int n;
} AdjCodeList;

/* Code lists by role. C knows the roles; the ruleset says which codes. */
typedef enum AdjCodeRole {
    ADJ_CODES_COCM_BHI = 0,   /* routed to medical always; get the CoCM/BHI edits */
    ADJ_CODES_PSYCHOTHERAPY,
    ADJ_CODES_CRISIS,
    ADJ_CODES_PSYCH_EVAL,
    ADJ_CODES_EM,
    ADJ_CODES_CARE_MGMT,      /* CCM, TCM, PCM */
    ADJ_CODES_MONTHLY,        /* duplicate period = calendar month */
    ADJ_CODES_BASE,           /* one base code per member per month */
    ADJ_CODES_INITIAL,        /* first month of an episode only */
    ADJ_CODES_EPISODE,        /* codes that keep an episode open */
    ADJ_CODES_ADDON,          /* need a primary from the same billing provider */
    ADJ_CODES_ADDON_PRIMARY,
    ADJ_CODES_EXCL_BHI,       /* general BHI: exclusive in a month with ... */
    ADJ_CODES_EXCL_COCM,      /* ... CoCM */
    ADJ_CODES_INTERACTIVE,    /* interactive complexity (90785): behavioral family */
    ADJ_CODES_NROLES
} AdjCodeRole;

/* Each edit outcome the ruleset maps to an outcome and reason codes. */
typedef enum AdjEditId {
    ADJ_EDIT_NONE = -1,
    ADJ_EDIT_MEMBER_UNKNOWN = 0,
    ADJ_EDIT_BEFORE_COVERAGE,
    ADJ_EDIT_AFTER_COVERAGE,
    ADJ_EDIT_CODE_INVALID,
    ADJ_EDIT_PROVIDER_UNKNOWN,
    ADJ_EDIT_PROVIDER_KIND,
    ADJ_EDIT_LOCATION,
    ADJ_EDIT_POS,
    ADJ_EDIT_DIAGNOSIS,
    ADJ_EDIT_SPAN_MONTHS,
    ADJ_EDIT_MINUTES,
    ADJ_EDIT_DUP_EXACT,
    ADJ_EDIT_DUP_SUSPECT,
    ADJ_EDIT_ADDON_BASE_DENIED,
    ADJ_EDIT_ADDON_NO_BASE,
    ADJ_EDIT_EPISODE_REPEAT,
    ADJ_EDIT_ONE_BASE,
    ADJ_EDIT_NCCI,
    ADJ_EDIT_EXCLUSIVE,
    ADJ_EDIT_CAP_DOS,
    ADJ_EDIT_CAP_MONTH,
    ADJ_EDIT_NO_FEE,
    ADJ_EDIT_REPLACE_MISSING,
    ADJ_EDIT_VOID_MISSING,
    ADJ_EDIT_FRONTEND,
    ADJ_EDIT_POS_INVALID,          /* place of service unassigned or not in the table */
    ADJ_EDIT_ADDON_PRIMARY_PENDED, /* add-on whose primary pends: pends with it */
    ADJ_EDIT_HIGH_DOLLAR,          /* allowed above the review threshold */
    ADJ_EDIT_PRICE_OVERFLOW,       /* fee x units beyond what int64 cents hold */
    /* benefits (issue 13) */
    ADJ_EDIT_TIMELY,           /* received after the plan's timely-filing limit */
    ADJ_EDIT_PERSON,           /* not an enrolled person of the subscriber ID */
    ADJ_EDIT_COB_MISSING,      /* secondary without the primary's adjudication */
    ADJ_EDIT_PAYER,            /* addressed to another payer ID */
    ADJ_EDIT_MPFS_BUNDLED,     /* MPFS status B/P/T: bundled, no separate payment */
    ADJ_EDIT_MPFS_NOT_VALID,   /* MPFS status I: not valid for Medicare purposes */
    ADJ_EDIT_MPFS_NONCOVERED,  /* MPFS status N/E/X/...: not covered */
    ADJ_EDIT_NIDS
} AdjEditId;

/* Config key of an edit ("member_unknown", ...); NULL when out of range. */
const char *adj_edit_key(AdjEditId id);

typedef struct AdjEditCodes {
    AdjOutcome outcome;     /* deny, pend or reject */
    char group[3];
    char carc[6];
    char rarc[ADJ_MAX_RARC][6];
    int nrarc;
    bool set;               /* present in the file */
} AdjEditCodes;

typedef struct AdjValidity {
    AdjRsCode code;
    AdjDate from; /* 0 = no lower bound */
    AdjDate to;   /* 0 = no upper bound; last valid DOS */
} AdjValidity;

typedef struct AdjMinutes {
    AdjRsCode code;
    int min;       /* minimum minutes on an MJ line */
    int per_unit;  /* further minutes per unit (99494: 30), 0 = none */
} AdjMinutes;

typedef struct AdjCap {
    AdjRsCode code;
    int per_dos;   /* 0 = none; a plan limit tighter than the MUE */
    int per_month; /* 0 = none (plan policy) */
} AdjCap;

/* Who may bill a code (docs/adjudication.md): provider kinds and/or taxonomy prefixes;
 * both must match when both are given. */
#define ADJ_RS_TAX_MAX 8
#define ADJ_RS_BILLERS_MAX 16
typedef struct AdjBiller {
    AdjRsCode codes[ADJ_RS_LIST_MAX];  /* the codes this entry governs */
    int ncodes;
    uint32_t kinds;                    /* bit (1u << AdjProviderKind); 0 = any */
    char taxonomy[ADJ_RS_TAX_MAX][11]; /* prefixes; none = any */
    int ntaxonomy;
    int src_line;                      /* line in the ruleset file */
} AdjBiller;

/* An add-on code of the NCCI add-on table and the primaries it needs. */
typedef struct AdjAddon {
    AdjRsCode code;
    int type;       /* aoc_edit_type: 1 only the listed primaries; 2, 3 contractor may allow others */
    int first, n;   /* into AdjRuleset.addon_primaries */
} AdjAddon;

typedef struct AdjFee {
    AdjRsCode code;
    AdjMoney amount;
    bool estimate; /* placeholder, not a sourced figure */
} AdjFee;

typedef struct AdjNcciPair {
    AdjRsCode col1, col2;
    AdjDate deleted;   /* last DOS the pair applies to (9999-12-31 active) */
    int indicator;     /* 0 never bypassed, 1 bypass with a modifier, 9 n/a */
} AdjNcciPair;

/* Everything the ruleset says about one code, indexed at load time so that
 * a line costs one hash lookup, not a scan of every list. */
typedef struct AdjCodeInfo {
    AdjRsCode code;
    uint64_t key;              /* code's bytes, zero-padded: the index key (0 = empty) */
    uint32_t roles;            /* bit (1u << AdjCodeRole) */
    const AdjValidity *validity;
    const AdjMinutes *minutes;
    const AdjCap *cap;
    const AdjFee *fee;
    const AdjBiller *biller;
    const AdjAddon *addon;     /* the line's code is an add-on */
    const struct AdjMue *mue;  /* its MUE row (NULL: the ruleset's default) */
} AdjCodeInfo;

/* MUE: units per member, date of service and billing provider. */
typedef struct AdjMue AdjMue;
struct AdjMue {
    uint64_t key;  /* code key, 0 = empty slot */
    int32_t units;
    int32_t mai;   /* 1 per line, 2 policy (per day), 3 clinical (per day) */
};

/* Open-addressing index of the NCCI pairs: (col1, col2) -> first row. */
typedef struct AdjPtpSlot {
    uint64_t k1, k2; /* 0 = empty */
    int32_t first;   /* into AdjRuleset.ncci, rows of one pair are adjacent */
} AdjPtpSlot;

/* ICD-10-CM chapter F: billable flag by code (no dot). */
typedef struct AdjDxSlot {
    uint64_t key;
    int32_t valid;
} AdjDxSlot;

typedef enum AdjPosType {
    ADJ_POS_UNKNOWN = 0,   /* not in the table */
    ADJ_POS_FACILITY,
    ADJ_POS_NON_FACILITY,
    ADJ_POS_UNASSIGNED
} AdjPosType;

#define ADJ_RS_DX_EXTRA_MAX 32
#define ADJ_RS_TABLES 8

#define ADJ_RS_INDEX_SLOTS 1024
#define ADJ_RS_REPORT_CODES_MAX 32

/* One code of the regulator report's code families (report_families):
 * the report counts these codes, by family, families in list order. */
typedef struct AdjReportFamily {
    AdjRsCode code;
    char family[24];
    int ord; /* 1-based place of the family in the report */
} AdjReportFamily;

typedef struct AdjRuleset {
    char id[ADJ_RULESET_ID_MAX + 1];
    char path[1024];
    char sha256[65];
    AdjDate effective_from, effective_to;
    AdjCodeList codes[ADJ_CODES_NROLES];
    AdjValidity validity[ADJ_RS_ENTRIES_MAX];
    int nvalidity;
    AdjMinutes minutes[ADJ_RS_ENTRIES_MAX];
    int nminutes;
    AdjCap caps[ADJ_RS_ENTRIES_MAX];
    int ncaps;
    AdjFee fees[ADJ_RS_ENTRIES_MAX * 2];
    int nfees;
    int episode_gap_months;
    char pos_not_allowed[ADJ_RS_POS_MAX][3];
    int npos_not_allowed;
    char bh_dx_from[8], bh_dx_to[8];        /* "F01" .. "F99" by prefix */
    char bh_dx_extra[ADJ_RS_DX_EXTRA_MAX][8]; /* plan's additions, e.g. R45851 */
    int nbh_dx_extra;
    char info_mods[ADJ_RS_MODS_MAX][3];     /* ignored by the duplicate comparison */
    int ninfo_mods;
    AdjMoney high_dollar;                   /* allowed above it pends for review */
    AdjBiller billers[ADJ_RS_BILLERS_MAX];
    int nbillers;
    AdjAddon *addons;                       /* owned: the add-on table */
    int naddons;
    uint64_t *addon_primaries;              /* owned: code keys */
    int naddon_primaries;
    AdjMue *mue;                            /* owned: open addressing, mue_mask + 1 slots */
    uint32_t mue_mask;
    int nmue;
    int mue_default;                        /* units per day for codes the table lacks */
    AdjPtpSlot *ptp;                        /* owned: index of ncci */
    uint32_t ptp_mask;
    AdjDxSlot *dx;                          /* owned: chapter F codes */
    uint32_t dx_mask;
    int ndx;
    uint8_t pos_type[100];                  /* AdjPosType by place-of-service code */
    struct {
        char name[16], file[256], sha256[65];
    } tables[ADJ_RS_TABLES];                /* the dated tables used, for ruleset check */
    int ntables;
    char ncci_bypass_mods[ADJ_RS_MODS_MAX][3];
    int nncci_bypass_mods;
    AdjEditCodes edits[ADJ_EDIT_NIDS];
    AdjProblemCodes frontend[ADJ_PROBLEM_NKINDS]; /* frontend_problems, by kind */
    AdjNcciPair *ncci;  /* owned; sorted by col2, col1, deleted */
    int nncci;
    AdjMpfs *mpfs;      /* owned; the fee schedule it names (issue 13), or NULL */
    AdjCodeInfo info[ADJ_RS_INDEX_SLOTS]; /* open addressing, built by _index */
    int ninfo;
    AdjReportFamily report_families[ADJ_RS_REPORT_CODES_MAX]; /* report_families */
    int nreport_families;
} AdjRuleset;

/* The rulesets in force, sorted by effective_from; no two overlap. */
typedef struct AdjRulesetSet {
    AdjRuleset **sets;
    int n;
} AdjRulesetSet;

/* A code as one integer (0: empty or longer than 7): the key of every
 * code index; byte i of the code is bits 8i..8i+7. Inline: every look-up
 * of the hot path starts here. */
static inline uint64_t adj_ruleset_code_key(const char *code)
{
    /* byte by byte: no strnlen and memcpy calls for a five-byte code */
    uint64_t k = 0;
    size_t i = 0;
    for (; i < ADJ_RS_CODE_MAX && code[i] != '\0'; i++)
        k |= (uint64_t)(uint8_t)code[i] << (8 * i);
    if (i == 0 || code[i] != '\0') /* empty, or longer than ADJ_RS_CODE_MAX */
        return 0;
    return k;
}
/* Loader helpers: size the MUE and diagnosis indexes, then add rows (false
 * for a malformed or repeated code, or a full index). */
void adj_ruleset_mue_init(AdjRuleset *rs, int nmue);
void adj_ruleset_dx_init(AdjRuleset *rs, int ndx);
bool adj_ruleset_mue_put(AdjRuleset *rs, const char *code, int32_t units, int32_t mai);
bool adj_ruleset_dx_put(AdjRuleset *rs, const char *code, int32_t valid);
/* Build info[] from the lists (after loading; sorts ncci). */
AdjStatus adj_ruleset_index(AdjRuleset *rs, AdjError *err);
/* The code's entry, or NULL for a code the ruleset does not mention. */
const AdjCodeInfo *adj_ruleset_code(const AdjRuleset *rs, const char *code);
bool adj_ruleset_has(const AdjRuleset *rs, AdjCodeRole role, const char *code);
static inline bool adj_code_is(const AdjCodeInfo *ci, AdjCodeRole role)
{
    return ci != NULL && (ci->roles & (1u << role)) != 0;
}
bool adj_ruleset_pos_denied(const AdjRuleset *rs, const char *pos);
bool adj_ruleset_bh_dx(const AdjRuleset *rs, const char *dx);
/* The hash of a code key in the MUE and diagnosis indexes. */
static inline uint32_t adj_ruleset_hash64(uint64_t key)
{
    return (uint32_t)((key * 0x9e3779b97f4a7c15ull) >> 32);
}
/* Chapter F code (no dot) in the ICD table: 1 billable, 0 a header, -1 not
 * in the table. Inline: checked for every diagnosis of every claim. */
static inline int adj_ruleset_dx_billable(const AdjRuleset *rs, const char *dx)
{
    uint64_t k = adj_ruleset_code_key(dx);
    if (k == 0 || rs->dx == NULL)
        return -1;
    for (uint32_t j = adj_ruleset_hash64(k) & rs->dx_mask; rs->dx[j].key != 0;
         j = (j + 1) & rs->dx_mask)
        if (rs->dx[j].key == k)
            return rs->dx[j].valid;
    return -1;
}
bool adj_ruleset_info_mod(const AdjRuleset *rs, const char *mod);
/* The MUE row of a code, or NULL (then rs->mue_default applies). */
const AdjMue *adj_ruleset_mue(const AdjRuleset *rs, const char *code);
static inline AdjPosType adj_ruleset_pos_type(const AdjRuleset *rs, const char *pos)
{
    if (pos[0] < '0' || pos[0] > '9' || pos[1] < '0' || pos[1] > '9' || pos[2] != '\0')
        return ADJ_POS_UNKNOWN;
    return (AdjPosType)rs->pos_type[(pos[0] - '0') * 10 + (pos[1] - '0')];
}
/* Whether code is a listed primary of add-on a. */
bool adj_ruleset_addon_primary(const AdjRuleset *rs, const AdjAddon *a, const char *code);
bool adj_ruleset_bypass_mod(const AdjRuleset *rs, const char *mod);
/* The NCCI pair col1 x col2 in force on dos (not deleted, indicator 0 or 1),
 * or NULL. */
const AdjNcciPair *adj_ruleset_ncci(const AdjRuleset *rs, const char *col1,
                                    const char *col2, AdjDate dos);
/* The ruleset covering a date of service, or NULL. */
const AdjRuleset *adj_ruleset_for_dos(const AdjRulesetSet *set, AdjDate dos);
/* The front-end problem codes for a claim's 277CA (ADJ_PROBLEM_NKINDS
 * entries): the ruleset in force at its first line's date of service, else
 * the newest, as the engine's front-end reject picks; NULL for no ruleset. */
const AdjProblemCodes *adj_ruleset_frontend(const AdjRulesetSet *set, const AdjClaim *claim);

void adj_ruleset_free(AdjRuleset *rs);
void adj_ruleset_set_free(AdjRulesetSet *set);

#endif
