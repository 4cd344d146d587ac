/* The claim mix of one member in one month: CoCM episodes (99492 first
 * month, 99493 later, 99494 add-on, sometimes G2214), BHI 99484 months,
 * psychotherapy and crisis visits from behavioral clinicians, office visits,
 * then resubmissions (exact duplicates), suspect duplicates, replacements,
 * voids and a few malformed claims. Deterministic in (seed, member, month). */
#include "synth/mix.h"

/* Charges before the practice's schedule, cents. */
static AdjMoney base_fee(const char *code)
{
    static const struct { const char *code; AdjMoney cents; } fees[] = {
        {"99492", 18000}, {"99493", 16000}, {"99494", 7000}, {"99484", 5500},
        {"G2214", 4500},  {"90832", 8000},  {"90834", 11000}, {"90837", 15000},
        {"90839", 17000}, {"90840", 8000},  {"99213", 9500},  {"99214", 13500},
    };
    for (size_t i = 0; i < sizeof(fees) / sizeof(fees[0]); i++)
        if (strcmp(fees[i].code, code) == 0)
            return fees[i].cents;
    return 10000;
}

static AdjMoney charge(const SynProvider *p, const char *code)
{
    /* whole dollars, as practices' charge masters usually are */
    return (base_fee(code) * p->charge_pct / 100 + 50) / 100 * 100;
}

static const char *pick_pos(SynRng *r)
{
    uint32_t x = syn_below(r, 100);
    return x < 75 ? "11" : (x < 90 ? "02" : "10");
}

static void claim_init(SynClaim *c, const SynProvider *billing, SynRng *r)
{
    memset(c, 0, sizeof(*c));
    c->billing = billing;
    c->rend_npi = billing->clin_npi;
    c->rend_last = billing->clin_last;
    c->rend_first = billing->clin_first;
    c->rend_tax = billing->clin_taxonomy;
    c->pos = pick_pos(r);
    c->freq = '1';
    if (syn_chance(r, 200)) {
        /* 2310C service location: a credentialed site, rarely an unlisted one */
        c->facility_zip = syn_chance(r, 50) ? "96161"
                                            : billing->zips[syn_below(r, (uint32_t)billing->nzips)];
    }
}

static void add_line(SynClaim *c, const char *code, int qty, bool mj, AdjDate dos, SynRng *r)
{
    SynLine *l = &c->lines[c->nlines++];
    l->code = code;
    l->charge = charge(c->billing, code) * (mj ? 1 : qty);
    l->mj = mj;
    l->qty = qty;
    l->dos = dos;
    l->ptr = c->ndx < 2 ? c->ndx : 2;
    l->pos = syn_chance(r, 100) ? c->pos : NULL;
}

static void behavioral_dx(SynClaim *c, const SynMember *m)
{
    c->dx[c->ndx++] = m->dx[0];
    if (m->dx[1] != NULL)
        c->dx[c->ndx++] = m->dx[1];
}

static AdjDate day_in(AdjMonth month, int day) { return adj_month_first_day(month) + day - 1; }

/* Minutes for an MJ line: at or above the code's threshold, rarely short. */
static int minutes(SynRng *r, int threshold, int spread)
{
    if (syn_chance(r, 20))
        return threshold - 1 - (int)syn_below(r, 5);
    return threshold + (int)syn_below(r, (uint32_t)spread);
}

static void submit(SynMix *x, const SynMember *m, SynClaim *c)
{
    SynRng *r = &x->rng;
    c->number = x->gen->next_claim++;
    if (syn_chance(r, 3)) {
        x->gen->stats.malformed++;
        switch (syn_below(r, 3)) {
        case 0:
            c->bad_npi = true;
            x->gen->stats.bad_npi++;
            break;
        case 1:
            c->total_delta = 1000;
            x->gen->stats.bad_total++;
            break;
        default:
            c->lines[0].ptr = c->ndx + 1; /* one pointer past the last diagnosis */
            x->gen->stats.bad_pointer++;
            break;
        }
        syn_gen_put(x->gen, m, c);
        return;
    }
    syn_gen_put(x->gen, m, c);
    uint32_t roll = syn_below(r, 1000);
    SynClaim copy = *c;
    copy.number = x->gen->next_claim++;
    if (roll < 50) { /* resubmitted as is, under a new claim number */
        x->gen->stats.exact_dups++;
    } else if (roll < 60) { /* corrected: the first line's charge */
        copy.freq = '7';
        copy.original = c->number;
        copy.lines[0].charge += 500;
        x->gen->stats.replacements++;
    } else if (roll < 65) {
        copy.freq = '8';
        copy.original = c->number;
        x->gen->stats.voids++;
    } else {
        x->gen->next_claim--;
        return;
    }
    syn_gen_put(x->gen, m, &copy);
}

static void cocm_month(SynMix *x, const SynMember *m, AdjMonth month, int k)
{
    SynRng *r = &x->rng;
    const SynWorld *w = x->gen->world;
    SynClaim c;
    /* now and then the member's therapist bills CoCM itself (a misbilling:
     * CoCM is billed by the treating medical practitioner) */
    claim_init(&c, &w->prov[syn_chance(r, 5) ? m->therapist : m->pcp], r);
    if (syn_chance(r, 300)) { /* the practice's BH care manager renders */
        const SynProvider *cm = &w->prov[m->therapist];
        c.rend_npi = cm->clin_npi;
        c.rend_last = cm->clin_last;
        c.rend_first = cm->clin_first;
        c.rend_tax = cm->clin_taxonomy;
    }
    if (syn_chance(r, 20))
        c.dx[c.ndx++] = m->medical_dx; /* no behavioral diagnosis at all */
    else
        behavioral_dx(&c, m);
    AdjDate dos = day_in(month, 1 + (int)syn_below(r, 28));
    bool mj = syn_chance(r, 150);
    const char *base = k == 0 ? "99492" : (syn_chance(r, 60) ? "G2214" : "99493");
    int threshold = k == 0 ? 36 : (base[0] == 'G' ? 16 : 31);
    add_line(&c, base, mj ? minutes(r, threshold, 40) : 1, mj, dos, r);
    if (base[0] != 'G' && syn_chance(r, 300)) {
        if (mj)
            add_line(&c, "99494", 16 + (int)syn_below(r, 45), true, dos, r);
        else
            add_line(&c, "99494", syn_chance(r, 200) ? 2 : 1, false, dos, r);
    }
    submit(x, m, &c);
    if (syn_chance(r, 15)) {
        SynClaim suspect;
        /* another practice bills the same base code for the same month */
        const SynProvider *other = &w->prov[m->other_pcp];
        claim_init(&suspect, other, r);
        behavioral_dx(&suspect, m);
        add_line(&suspect, base, 1, false, day_in(month, 1 + (int)syn_below(r, 28)), r);
        x->gen->stats.suspect_dups++;
        submit(x, m, &suspect);
    }
    if (syn_chance(r, 10)) {
        /* misbilled: BHI in a CoCM month (exclusive), or an add-on alone */
        SynClaim extra;
        claim_init(&extra, &w->prov[m->pcp], r);
        behavioral_dx(&extra, m);
        add_line(&extra, syn_chance(r, 500) ? "99484" : "99494", 1, false,
                 day_in(month, 1 + (int)syn_below(r, 28)), r);
        submit(x, m, &extra);
    }
}

static void bhi_month(SynMix *x, const SynMember *m, AdjMonth month)
{
    SynRng *r = &x->rng;
    SynClaim c;
    claim_init(&c, &x->gen->world->prov[m->pcp], r);
    behavioral_dx(&c, m);
    bool mj = syn_chance(r, 200);
    add_line(&c, "99484", mj ? minutes(r, 20, 30) : 1, mj,
             day_in(month, 1 + (int)syn_below(r, 28)), r);
    submit(x, m, &c);
}

static void therapy_month(SynMix *x, const SynMember *m, AdjMonth month)
{
    SynRng *r = &x->rng;
    const SynProvider *t = &x->gen->world->prov[m->therapist];
    for (int s = 0; s < m->therapy; s++) {
        SynClaim c;
        claim_init(&c, t, r);
        behavioral_dx(&c, m);
        uint32_t v = syn_below(r, 100);
        const char *code = v < 60 ? "90834" : (v < 85 ? "90837" : "90832");
        add_line(&c, code, 1, false, day_in(month, 1 + 7 * s + (int)syn_below(r, 7)), r);
        submit(x, m, &c);
    }
    if (syn_chance(r, 20)) {
        SynClaim c;
        claim_init(&c, t, r);
        behavioral_dx(&c, m);
        AdjDate dos = day_in(month, 1 + (int)syn_below(r, 28));
        add_line(&c, "90839", 1, false, dos, r);
        if (syn_chance(r, 400))
            add_line(&c, "90840", 1, false, dos, r);
        submit(x, m, &c);
    }
}

static void office_visit(SynMix *x, const SynMember *m, AdjMonth month)
{
    SynRng *r = &x->rng;
    SynClaim c;
    claim_init(&c, &x->gen->world->prov[m->pcp], r);
    c.dx[c.ndx++] = m->medical_dx;
    if (m->program != SYN_PROG_NONE && syn_chance(r, 500))
        c.dx[c.ndx++] = m->dx[0];
    add_line(&c, syn_chance(r, 600) ? "99213" : "99214", 1, false,
             day_in(month, 1 + (int)syn_below(r, 28)), r);
    submit(x, m, &c);
}

void syn_mix_member_month(SynGen *g, const SynMember *m, uint64_t index, int mo)
{
    SynMix x = {.gen = g};
    syn_rng_init(&x.rng, g->opts->seed, index, (uint64_t)mo + 1, 0x4d4f4e54ULL);
    AdjMonth month = g->opts->start + mo;
    int rel = mo - m->ep_start;
    int k = rel >= 0 ? rel % (m->ep_len + m->ep_gap) : -1;
    bool active = rel >= 0 && k < m->ep_len;
    if (m->program == SYN_PROG_COCM && active)
        cocm_month(&x, m, month, k);
    else if (m->program == SYN_PROG_BHI && active && syn_chance(&x.rng, 850))
        bhi_month(&x, m, month);
    if (m->therapy > 0)
        therapy_month(&x, m, month);
    if (syn_chance(&x.rng, (uint32_t)m->em_permille))
        office_visit(&x, m, month);
}
