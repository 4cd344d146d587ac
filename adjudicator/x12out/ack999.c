/* The 999 implementation acknowledgement (005010X231A1) of one functional
 * group: AK1, then per transaction set AK2, the IK3 (with its CTX) and IK4
 * of each syntax problem found in it, IK5; then AK9. Pure. */
#include <stdio.h>
#include <string.h>

#include "x12out/x12out.h"

static bool set_has_errors(size_t si, const AdjX12SyntaxError *errs, size_t nerrs)
{
    for (size_t i = 0; i < nerrs; i++)
        if (errs[i].set == si)
            return true;
    return false;
}

const char *adj_x12out_ik501(const AdjX12Interchange *ix, size_t si, bool has_errors)
{
    if (!ix->sets[si].ok)
        return "R";
    return has_errors ? "E" : "A";
}

const char *adj_x12out_ak901(const AdjX12Interchange *ix, size_t gi, const AdjX12SyntaxError *errs,
                             size_t nerrs)
{
    size_t n = 0, ok = 0, noted = 0;
    for (size_t si = 0; si < ix->nsets; si++) {
        if (ix->sets[si].group != gi)
            continue;
        n++;
        if (ix->sets[si].ok) {
            ok++;
            if (set_has_errors(si, errs, nerrs))
                noted++;
        }
    }
    if (!ix->groups[gi].ok || ok == 0)
        return "R";
    if (ok < n)
        return "P";
    return noted > 0 ? "E" : "A";
}

void adj_x12out_999(AdjX12Out *w, uint32_t st02, const AdjX12Interchange *ix, size_t gi,
                    const AdjX12SyntaxError *errs, size_t nerrs)
{
    const AdjX12GroupAck *g = &ix->groups[gi];
    adj_x12out_st(w, "999", st02, "005010X231A1");
    adj_x12out_seg(w, "AK1", g->gs01[0] ? g->gs01 : "HC", g->gs06[0] ? g->gs06 : "0",
                   g->gs08[0] ? g->gs08 : "005010X222A1", (const char *)NULL);
    unsigned n = 0, accepted = 0;
    for (size_t si = 0; si < ix->nsets; si++) {
        const AdjX12SetAck *s = &ix->sets[si];
        if (s->group != gi)
            continue;
        n++;
        adj_x12out_seg(w, "AK2", s->st01[0] ? s->st01 : "837", s->st02[0] ? s->st02 : "0",
                       s->st03, (const char *)NULL);
        bool noted = false;
        if (s->ok) {
            accepted++;
            for (size_t i = 0; i < nerrs; i++) {
                const AdjX12SyntaxError *e = &errs[i];
                if (e->set != si)
                    continue;
                noted = true;
                char pos[12];
                snprintf(pos, sizeof(pos), "%u", (unsigned)e->segment);
                adj_x12out_seg(w, "IK3", e->segment_id, pos, e->loop,
                               e->ik304[0] ? e->ik304 : "8", (const char *)NULL);
                /* 2100 CTX, business unit identifier: the TR3 requires it
                 * when the error is inside a business unit of the set, for
                 * an 837 a claim (CLM01). The other CTX of 2100 (segment
                 * context, CTX01 "SITUATIONAL TRIGGER") is for an error
                 * caused by a situational rule whose trigger sits in
                 * another segment; the reader reports none of those: each
                 * of its errors is in the element it names. */
                if (e->claim_id[0] != '\0') {
                    char ctx[ADJ_CLAIM_ID_MAX + 16];
                    ADJ_X12OUT_COMP(ctx, "CLM01", e->claim_id);
                    adj_x12out_seg(w, "CTX", ctx, (const char *)NULL);
                }
                if (e->element > 0) {
                    char el[16], comp[16], ik401[40];
                    snprintf(el, sizeof(el), "%d", e->element);
                    snprintf(comp, sizeof(comp), "%d", e->component);
                    ADJ_X12OUT_COMP(ik401, el, e->component > 0 ? comp : "");
                    adj_x12out_seg(w, "IK4", ik401, "", e->ik403[0] ? e->ik403 : "7",
                                   (const char *)NULL);
                }
            }
        }
        /* a set rejected only with its group has no reason of its own: AK9
         * gives the group's */
        const char *code = !s->ok ? s->ik502 : noted ? "I5" : "";
        adj_x12out_seg(w, "IK5", adj_x12out_ik501(ix, si, noted), code, (const char *)NULL);
    }
    char sn[12], sa[12];
    snprintf(sn, sizeof(sn), "%u", n);
    snprintf(sa, sizeof(sa), "%u", accepted);
    adj_x12out_seg(w, "AK9", adj_x12out_ak901(ix, gi, errs, nerrs), sn, sn, sa, g->ak905,
                   (const char *)NULL);
    adj_x12out_se(w, st02);
}
