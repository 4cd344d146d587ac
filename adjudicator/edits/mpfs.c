/* MPFS lookups and pricing; see mpfs.h. Pure. */
#include "edits/mpfs.h"

#include <stdlib.h>
#include <string.h>

uint64_t adj_mpfs_key(const char *code, size_t code_len, const char *mod, size_t mod_len)
{
    uint64_t k = 0;
    for (size_t i = 0; i < 5; i++)
        k = (k << 8) | (i < code_len ? (unsigned char)code[i] : 0u);
    for (size_t i = 0; i < 2; i++)
        k = (k << 8) | (i < mod_len ? (unsigned char)mod[i] : 0u);
    return k;
}

const AdjRvu *adj_mpfs_rvu(const AdjMpfs *m, const char *code, const char *mod)
{
    size_t cl = strlen(code), ml = strlen(mod);
    if (cl != 5 || ml > 2)
        return NULL;
    uint64_t k = adj_mpfs_key(code, cl, mod, ml);
    int lo = 0, hi = m->nrvu - 1;
    while (lo <= hi) {
        int mid = (lo + hi) / 2;
        if (m->rvu[mid].key == k)
            return &m->rvu[mid];
        if (k < m->rvu[mid].key)
            hi = mid - 1;
        else
            lo = mid + 1;
    }
    return NULL;
}

const AdjGpci *adj_mpfs_gpci(const AdjMpfs *m, const char *locality)
{
    int lo = 0, hi = m->ngpci - 1;
    while (lo <= hi) {
        int mid = (lo + hi) / 2;
        int c = strcmp(locality, m->gpci[mid].locality);
        if (c == 0)
            return &m->gpci[mid];
        if (c < 0)
            hi = mid - 1;
        else
            lo = mid + 1;
    }
    return NULL;
}

AdjMpfsResult adj_mpfs_price(const AdjMpfs *m, const char *code, const char *mod,
                             const char *pos, const char *locality, int64_t pct_milli,
                             AdjMpfsPrice *out)
{
    memset(out, 0, sizeof(*out));
    const AdjRvu *r = mod != NULL && mod[0] ? adj_mpfs_rvu(m, code, mod) : NULL;
    if (r == NULL)
        r = adj_mpfs_rvu(m, code, "");
    if (r == NULL)
        return ADJ_MPFS_NO_RVU;
    out->rvu = r;
    switch (r->status) {
    case 'A':
    case 'R':
    case 'T':
        break;
    case 'B':
    case 'P':
        return ADJ_MPFS_BUNDLED;
    case 'I':
        return ADJ_MPFS_NOT_VALID;
    case 'N':
    case 'E':
    case 'X':
    case 'M':
    case 'J':
        return ADJ_MPFS_NONCOVERED;
    default: /* C carrier priced, and anything unknown */
        return ADJ_MPFS_NO_RVU;
    }
    int p = pos != NULL && pos[0] >= '0' && pos[0] <= '9' && pos[1] >= '0' && pos[1] <= '9'
                ? (pos[0] - '0') * 10 + (pos[1] - '0')
                : -1;
    out->facility = p >= 0 && m->pos[p] == 1;
    const AdjGpci *g = locality != NULL && locality[0] ? adj_mpfs_gpci(m, locality) : NULL;
    if (g == NULL && locality != NULL && locality[0])
        return ADJ_MPFS_NO_LOCALITY;
    if (g != NULL) {
        out->gpci = *g;
    } else {
        out->national = true;
        out->gpci = (AdjGpci){"", 1000, 1000, 1000};
    }
    int64_t pe = out->facility ? r->pe_fac : r->pe_nonfac;
    if (r->work + pe + r->mp <= 0)
        return ADJ_MPFS_NO_RVU;
    /* hundredths x thousandths = 1e-5 RVU; x ten-thousandths of a dollar =
     * 1e-9 dollars = 1e-7 cents; every factor is bounded by the loader */
    int64_t s = (int64_t)r->work * out->gpci.work + pe * out->gpci.pe + (int64_t)r->mp * out->gpci.mp;
    out->medicare = adj_money_mul_div(s, m->cf, 10000000);
    out->fee = adj_money_mul_div(out->medicare, pct_milli, 100000);
    return ADJ_MPFS_PRICED;
}

void adj_mpfs_free(AdjMpfs *m)
{
    if (m == NULL)
        return;
    if (m->release != NULL) {
        m->release(m);
        return;
    }
    free(m->rvu);
    free(m->gpci);
    free(m);
}
