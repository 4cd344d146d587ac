/* The synthetic world: billing providers (medical practices and behavioral
 * clinicians) with valid NPIs and credentialed ZIPs, a fixed set of plans
 * (carve-out and carved-in), and member profiles derived from (seed, index)
 * so that no per-member state is kept. No I/O. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/npi.h"
#include "synth/synth_int.h"

const SynPlan syn_plans[] = {
    {"PLAN01", "Golden Valley Health HMO", "60054", "Harbor Behavioral Partners", "20", "0"},
    {"PLAN02", "Golden Valley Health PPO", "60054", "", "20", "10"},
    {"PLAN03", "Sierra Community Care", "61271", "Sierra Mind MBHO", "12.5", "25"},
    {"PLAN04", "Coastal Medicare Advantage", "62308", "", "0", "0"},
    {"PLAN05", "Coastal Medi-Cal Plan", "62308", "Harbor Behavioral Partners", "0", "0"},
    {"PLAN06", "Redwood Employer Plan", "64157", "", "15", "20"},
};
const int syn_nplans = (int)(sizeof(syn_plans) / sizeof(syn_plans[0]));

static const char *const last_names[] = {
    "SMITH", "JOHNSON", "WILLIAMS", "BROWN", "JONES", "GARCIA", "MILLER", "DAVIS",
    "RODRIGUEZ", "MARTINEZ", "HERNANDEZ", "LOPEZ", "GONZALEZ", "WILSON", "ANDERSON", "THOMAS",
    "TAYLOR", "MOORE", "JACKSON", "MARTIN", "LEE", "PEREZ", "THOMPSON", "WHITE",
    "HARRIS", "SANCHEZ", "CLARK", "RAMIREZ", "LEWIS", "ROBINSON", "NGUYEN", "OBRIEN"};
static const char *const first_f[] = {"MARY", "PATRICIA", "JENNIFER", "LINDA", "ELIZABETH",
                                      "MARIA", "SUSAN", "JESSICA", "SARAH", "KAREN",
                                      "NANCY", "LISA", "ANA", "SOFIA", "EMMA", "GRACE"};
static const char *const first_m[] = {"JAMES", "ROBERT", "JOHN", "MICHAEL", "DAVID",
                                      "WILLIAM", "RICHARD", "JOSEPH", "THOMAS", "CARLOS",
                                      "DANIEL", "MATTHEW", "LUIS", "KEVIN", "BRIAN", "OMAR"};
static const char *const streets[] = {"100 MAIN ST", "2200 OAK AVE", "415 PINE ST",
                                      "78 MARKET ST", "1600 ELM DR", "930 LAKE BLVD",
                                      "12 HILL RD", "501 RIVER WAY"};
static const char *const cities[] = {"OAKLAND", "FRESNO", "SACRAMENTO", "SAN JOSE",
                                     "STOCKTON", "MODESTO", "BERKELEY", "MERCED"};
static const char *const med_tax[] = {"207Q00000X", "207R00000X", "208D00000X", "207RG0300X"};
static const char *const beh_tax[] = {"103T00000X", "1041C0700X", "101YP2500X", "106H00000X"};
static const char *const practice_words[] = {"FAMILY MEDICINE", "PRIMARY CARE", "INTERNAL MEDICINE",
                                             "COMMUNITY HEALTH", "MEDICAL GROUP"};
static const char *const bh_words[] = {"COUNSELING", "PSYCHOLOGY", "THERAPY", "BEHAVIORAL HEALTH"};
/* Behavioral diagnoses as sent (no dot): depression, anxiety, PTSD, ... */
static const char *const bh_dx[] = {"F321", "F329", "F331", "F411", "F419", "F4310",
                                    "F332", "F341", "F4323", "F39"};
static const char *const med_dx[] = {"E119", "I10", "E785", "Z0000", "J449", "M545"};

#define N(a) ((uint32_t)(sizeof(a) / sizeof((a)[0])))

void syn_npi(uint64_t nine, char out[11])
{
    snprintf(out, 11, "%09llu", (unsigned long long)(nine % 1000000000ULL));
    out[9] = (char)('0' + adj_npi_check_digit(out, 9));
    out[10] = '\0';
}

/* Distinct NPIs by construction: an affine bijection of 10^8 (multiplier
 * coprime with 10), so provider i and j never share one. */
static void make_npi(uint64_t seed, uint64_t i, char out[11])
{
    uint64_t body = (i * 7919ULL * 1000003ULL + seed * 104729ULL) % 100000000ULL;
    syn_npi(100000000ULL + body, out);
}

static void make_zip(SynRng *r, char out[6])
{
    snprintf(out, 6, "%05u", 93000u + syn_below(r, 2900));
}

AdjStatus syn_world_new(SynWorld *w, const AdjSynthOptions *opts, AdjError *err)
{
    (void)err;
    memset(w, 0, sizeof(*w));
    w->seed = opts->seed;
    uint64_t m = opts->members;
    w->nmed = (uint32_t)(m / 150 < 4 ? 4 : (m / 150 > 3000 ? 3000 : m / 150));
    w->nbeh = (uint32_t)(m / 200 < 3 ? 3 : (m / 200 > 2000 ? 2000 : m / 200));
    uint32_t n = w->nmed + w->nbeh;
    w->prov = adj_xcalloc(n, sizeof(SynProvider));
    for (uint32_t i = 0; i < n; i++) {
        SynProvider *p = &w->prov[i];
        SynRng r;
        syn_rng_init(&r, opts->seed, i, 0, 0x50524f56ULL);
        p->kind = i < w->nmed ? SYN_MEDICAL : SYN_BEHAVIORAL;
        make_npi(opts->seed, i, p->npi);
        make_npi(opts->seed, (uint64_t)n + i, p->clin_npi);
        p->clin_last = last_names[syn_below(&r, N(last_names))];
        p->clin_first = syn_chance(&r, 500) ? first_f[syn_below(&r, N(first_f))]
                                            : first_m[syn_below(&r, N(first_m))];
        if (p->kind == SYN_MEDICAL) {
            snprintf(p->name, sizeof(p->name), "%s %s %u", p->clin_last,
                     practice_words[syn_below(&r, N(practice_words))], i + 1);
            p->taxonomy = med_tax[syn_below(&r, N(med_tax))];
            p->clin_taxonomy = p->taxonomy;
        } else {
            snprintf(p->name, sizeof(p->name), "%s %s %u", p->clin_last,
                     bh_words[syn_below(&r, N(bh_words))], i + 1);
            p->taxonomy = beh_tax[syn_below(&r, N(beh_tax))];
            p->clin_taxonomy = p->taxonomy;
        }
        p->street = streets[syn_below(&r, N(streets))];
        p->city = cities[syn_below(&r, N(cities))];
        p->nzips = 1 + (int)syn_below(&r, SYN_MAX_ZIPS);
        for (int z = 0; z < p->nzips; z++)
            make_zip(&r, p->zips[z]);
        snprintf(p->ein, sizeof(p->ein), "%09u", 100000000u + syn_below(&r, 800000000u));
        p->charge_pct = 100 + (int)syn_below(&r, 30);
    }
    return ADJ_OK;
}

void syn_world_free(SynWorld *w)
{
    free(w->prov);
    w->prov = NULL;
}

void syn_member(const SynWorld *w, const AdjSynthOptions *opts, uint64_t index, SynMember *m)
{
    SynRng r;
    syn_rng_init(&r, opts->seed, index, 0, 0x4d454d42ULL);
    memset(m, 0, sizeof(*m));
    /* IDs follow the index so members.csv and the claims agree. */
    snprintf(m->id, sizeof(m->id), "SYN%09llu", (unsigned long long)(index + 1));
    m->plan = (int)syn_below(&r, (uint32_t)syn_nplans);
    m->pcp = syn_below(&r, w->nmed);
    m->other_pcp = (m->pcp + 1 + syn_below(&r, w->nmed - 1)) % w->nmed;
    m->therapist = w->nmed + syn_below(&r, w->nbeh);
    m->last = last_names[syn_below(&r, N(last_names))];
    m->sub_sex = syn_chance(&r, 550) ? 'F' : 'M';
    m->sub_first = m->sub_sex == 'F' ? first_f[syn_below(&r, N(first_f))]
                                     : first_m[syn_below(&r, N(first_m))];
    m->sub_birth = adj_date_make(1945 + (int)syn_below(&r, 60), 1 + (int)syn_below(&r, 12),
                                 1 + (int)syn_below(&r, 28));
    m->dependent = syn_chance(&r, 120);
    if (m->dependent) {
        m->pat_sex = syn_chance(&r, 500) ? 'F' : 'M';
        m->pat_first = m->pat_sex == 'F' ? first_f[syn_below(&r, N(first_f))]
                                         : first_m[syn_below(&r, N(first_m))];
        m->pat_birth = adj_date_make(2006 + (int)syn_below(&r, 12), 1 + (int)syn_below(&r, 12),
                                     1 + (int)syn_below(&r, 28));
    }
    m->street = streets[syn_below(&r, N(streets))];
    m->city = cities[syn_below(&r, N(cities))];
    make_zip(&r, m->zip);
    uint32_t prog = syn_below(&r, 100);
    m->program = prog < 38 ? SYN_PROG_COCM : (prog < 58 ? SYN_PROG_BHI : SYN_PROG_NONE);
    /* Episodes may have begun before the file's first month. */
    m->ep_start = (int)syn_below(&r, (uint32_t)opts->months + 2) - 2;
    m->ep_len = 3 + (int)syn_below(&r, 7);
    m->ep_gap = 7 + (int)syn_below(&r, 6);
    m->therapy = syn_chance(&r, m->program == SYN_PROG_NONE ? 250 : 450)
                     ? 1 + (int)syn_below(&r, 4) : 0;
    m->em_permille = 150 + (int)syn_below(&r, 200);
    m->term_month = syn_chance(&r, 30) ? (int)syn_below(&r, (uint32_t)opts->months) : -1;
    m->dx[0] = bh_dx[syn_below(&r, N(bh_dx))];
    m->dx[1] = bh_dx[syn_below(&r, N(bh_dx))];
    if (m->dx[1] == m->dx[0])
        m->dx[1] = NULL;
    m->medical_dx = med_dx[syn_below(&r, N(med_dx))];
}
