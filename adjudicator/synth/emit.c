/* Writes one generated claim as 837P segments (2000A billing provider,
 * 2000B subscriber, 2000C patient, 2300 claim, 2310B/C, 2400 lines) into the
 * output buffer. Hot path: appends only, no formatting library calls. */
#include "synth/synth_int.h"

static void emit_npi(SynOut *o, const char *npi, bool corrupt)
{
    syn_put(o, npi, 9);
    char check = npi[9];
    if (corrupt) /* any other digit fails the Luhn check */
        check = (char)('0' + (check - '0' + 1) % 10);
    syn_ch(o, check);
}

static void emit_2000a(SynOut *o, const SynClaim *c, uint32_t hl)
{
    const SynProvider *p = c->billing;
    SYN_LIT(o, "HL*");
    syn_u64(o, hl);
    SYN_LIT(o, "**20*1");
    syn_seg_end(o);
    SYN_LIT(o, "PRV*BI*PXC*");
    syn_str(o, p->taxonomy);
    syn_seg_end(o);
    SYN_LIT(o, "NM1*85*2*");
    syn_str(o, p->name);
    SYN_LIT(o, "*****XX*");
    emit_npi(o, p->npi, c->bad_npi);
    syn_seg_end(o);
    SYN_LIT(o, "N3*");
    syn_str(o, p->street);
    syn_seg_end(o);
    SYN_LIT(o, "N4*");
    syn_str(o, p->city);
    SYN_LIT(o, "*CA*");
    syn_put(o, p->zips[0], 5);
    SYN_LIT(o, "0001");
    syn_seg_end(o);
    SYN_LIT(o, "REF*EI*");
    syn_str(o, p->ein);
    syn_seg_end(o);
}

static void emit_person(SynOut *o, const SynMember *m, AdjDate birth, char sex)
{
    SYN_LIT(o, "N3*");
    syn_str(o, m->street);
    syn_seg_end(o);
    SYN_LIT(o, "N4*");
    syn_str(o, m->city);
    SYN_LIT(o, "*CA*");
    syn_put(o, m->zip, 5);
    syn_seg_end(o);
    SYN_LIT(o, "DMG*D8*");
    syn_date(o, birth);
    syn_ch(o, '*');
    syn_ch(o, sex);
    syn_seg_end(o);
}

static void emit_2000b_c(SynOut *o, const SynMember *m, uint32_t *hl)
{
    uint32_t parent = *hl - 1;
    SYN_LIT(o, "HL*");
    syn_u64(o, *hl);
    syn_ch(o, '*');
    syn_u64(o, parent);
    SYN_LIT(o, "*22*");
    syn_ch(o, m->dependent ? '1' : '0');
    syn_seg_end(o);
    const SynPlan *plan = &syn_plans[m->plan];
    /* SBR02 18 (self) only when the subscriber is the patient */
    SYN_LIT(o, "SBR*P*");
    if (!m->dependent)
        SYN_LIT(o, "18");
    syn_ch(o, '*');
    syn_str(o, plan->id);
    SYN_LIT(o, "******CI");
    syn_seg_end(o);
    SYN_LIT(o, "NM1*IL*1*");
    syn_str(o, m->last);
    syn_ch(o, '*');
    syn_str(o, m->sub_first);
    SYN_LIT(o, "****MI*");
    syn_str(o, m->id);
    syn_seg_end(o);
    emit_person(o, m, m->sub_birth, m->sub_sex);
    SYN_LIT(o, "NM1*PR*2*");
    syn_str(o, plan->name);
    SYN_LIT(o, "*****PI*");
    syn_str(o, plan->payer_id);
    syn_seg_end(o);
    (*hl)++;
    if (m->dependent) {
        SYN_LIT(o, "HL*");
        syn_u64(o, *hl);
        syn_ch(o, '*');
        syn_u64(o, *hl - 1);
        SYN_LIT(o, "*23*0");
        syn_seg_end(o);
        SYN_LIT(o, "PAT*19");
        syn_seg_end(o);
        SYN_LIT(o, "NM1*QC*1*");
        syn_str(o, m->last);
        syn_ch(o, '*');
        syn_str(o, m->pat_first);
        syn_seg_end(o);
        emit_person(o, m, m->pat_birth, m->pat_sex);
        (*hl)++;
    }
}

static void emit_line(SynOut *o, int lx, const SynLine *l)
{
    SYN_LIT(o, "LX*");
    syn_u64(o, (uint64_t)lx);
    syn_seg_end(o);
    SYN_LIT(o, "SV1*HC:");
    syn_str(o, l->code);
    syn_ch(o, '*');
    syn_money(o, l->charge);
    if (l->mj)
        SYN_LIT(o, "*MJ*");
    else
        SYN_LIT(o, "*UN*");
    syn_u64(o, (uint64_t)l->qty);
    syn_ch(o, '*');
    if (l->pos != NULL)
        syn_str(o, l->pos);
    SYN_LIT(o, "**");
    for (int p = 1; p <= l->ptr; p++) {
        if (p > 1)
            syn_ch(o, ':');
        syn_u64(o, (uint64_t)p);
    }
    syn_seg_end(o);
    SYN_LIT(o, "DTP*472*D8*");
    syn_date(o, l->dos);
    syn_seg_end(o);
}

int syn_emit_claim(SynOut *o, const SynMember *m, const SynClaim *c, uint32_t *hl)
{
    syn_out_room(o);
    emit_2000a(o, c, *hl);
    (*hl)++;
    emit_2000b_c(o, m, hl);

    AdjMoney total = c->total_delta;
    for (int i = 0; i < c->nlines; i++)
        total += c->lines[i].charge;
    SYN_LIT(o, "CLM*C");
    syn_u64w(o, c->number, 10);
    syn_ch(o, '*');
    syn_money(o, total);
    SYN_LIT(o, "***");
    syn_str(o, c->pos);
    SYN_LIT(o, ":B:");
    syn_ch(o, c->freq);
    SYN_LIT(o, "*Y*A*Y*Y");
    syn_seg_end(o);
    if (c->freq != '1') {
        SYN_LIT(o, "REF*F8*C");
        syn_u64w(o, c->original, 10);
        syn_seg_end(o);
    }
    SYN_LIT(o, "HI");
    for (int i = 0; i < c->ndx; i++) {
        syn_put(o, i == 0 ? "*ABK:" : "*ABF:", 5);
        syn_str(o, c->dx[i]);
    }
    syn_seg_end(o);
    SYN_LIT(o, "NM1*82*1*");
    syn_str(o, c->rend_last);
    syn_ch(o, '*');
    syn_str(o, c->rend_first);
    SYN_LIT(o, "****XX*");
    syn_str(o, c->rend_npi);
    syn_seg_end(o);
    SYN_LIT(o, "PRV*PE*PXC*");
    syn_str(o, c->rend_tax);
    syn_seg_end(o);
    if (c->facility_zip != NULL) {
        SYN_LIT(o, "NM1*77*2*");
        syn_str(o, c->billing->name);
        SYN_LIT(o, " SITE");
        syn_seg_end(o);
        SYN_LIT(o, "N3*");
        syn_str(o, c->billing->street);
        syn_seg_end(o);
        SYN_LIT(o, "N4*");
        syn_str(o, c->billing->city);
        SYN_LIT(o, "*CA*");
        syn_put(o, c->facility_zip, 5);
        syn_seg_end(o);
    }
    for (int i = 0; i < c->nlines; i++)
        emit_line(o, i + 1, &c->lines[i]);
    return c->nlines;
}
