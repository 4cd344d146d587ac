/* Claim model helpers; see claim.h. Pure. */
#include "claim/claim.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/fields.h"

static void copy_field(char *dst, size_t size, const char *src)
{
    snprintf(dst, size, "%s", src ? src : "");
}

void adj_claim_problem(AdjClaim *claim, uint32_t segment, const char *segment_id,
                       const char *loop, const char *element, AdjProblemKind kind,
                       const char *fmt, ...)
{
    if (claim->nproblems >= ADJ_MAX_PROBLEMS) {
        claim->problems_dropped++;
        return;
    }
    AdjProblem *p = &claim->problems[claim->nproblems++];
    p->segment = segment;
    copy_field(p->segment_id, sizeof(p->segment_id), segment_id);
    copy_field(p->loop, sizeof(p->loop), loop);
    copy_field(p->element, sizeof(p->element), element);
    p->kind = (uint8_t)(kind < ADJ_PROBLEM_NKINDS ? kind : ADJ_PROBLEM_OTHER);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(p->msg, sizeof(p->msg), fmt, ap);
    va_end(ap);
}

static const char *const kind_names[ADJ_PROBLEM_NKINDS] = {
    "other",      "billing_npi",  "rendering_npi", "procedure",  "diagnosis", "dx_not_billable",
    "claim_charge", "line_charge", "service_date", "subscriber", "patient",
};

const char *adj_problem_kind_name(AdjProblemKind kind)
{
    return (unsigned)kind < ADJ_PROBLEM_NKINDS ? kind_names[kind] : "";
}

int adj_problem_kind_parse(const char *name)
{
    for (int k = 0; k < ADJ_PROBLEM_NKINDS; k++)
        if (strcmp(name, kind_names[k]) == 0)
            return k;
    return -1;
}

/* Appends src[0..len) to buf, truncated to size - 1 bytes like snprintf. */
static void append(char *buf, size_t size, size_t *n, const char *src, size_t len)
{
    if (*n + len > size - 1)
        len = size - 1 - *n;
    memcpy(buf + *n, src, len);
    *n += len;
}

/* Built without printf: the engine makes one per claim (hot path). */
size_t adj_claim_person_key(const AdjClaim *claim, char *buf, size_t size)
{
    if (size == 0)
        return 0;
    size_t n = 0;
    append(buf, size, &n, claim->member_id, strnlen(claim->member_id, sizeof(claim->member_id)));
    if (claim->patient_is_dependent) {
        char mid[16];
        int birth = (int)claim->patient_birth;
        if (birth >= 0 && birth <= 99999999) { /* "%08d" */
            mid[0] = '|';
            for (int i = 8; i >= 1; i--, birth /= 10)
                mid[i] = (char)('0' + birth % 10);
            mid[9] = '|';
            mid[10] = '\0';
        } else {
            snprintf(mid, sizeof(mid), "|%08d|", birth);
        }
        append(buf, size, &n, mid, strlen(mid));
        for (size_t i = 0; i < ADJ_NAME_MAX && claim->patient_first[i] != '\0'; i++) {
            char up = (char)toupper((unsigned char)claim->patient_first[i]);
            append(buf, size, &n, &up, 1);
        }
    }
    buf[n] = '\0';
    return n;
}

void adj_claim_service_zip5(const AdjClaim *claim, char out[6])
{
    const char *zip = claim->facility_zip[0] ? claim->facility_zip : claim->billing_zip;
    snprintf(out, 6, "%.5s", zip);
}

const char *adj_line_pos(const AdjClaim *claim, const AdjLine *line)
{
    return line->pos[0] ? line->pos : claim->pos;
}

const char *adj_line_rendering_npi(const AdjClaim *claim, const AdjLine *line)
{
    return line->rendering_npi[0] ? line->rendering_npi : claim->rendering_npi;
}

int64_t adj_line_units(const AdjLine *line)
{
    if (strcmp(line->unit_basis, "MJ") == 0)
        return 1;
    /* rounded up, without overflowing at the top of the range */
    return line->units_milli / 1000 + (line->units_milli % 1000 > 0);
}

/* "b1 SBR01|- len:first len:payer other(0|1) paid|- n [lx paid adj date]..." */
size_t adj_claim_benefit_encode(const AdjClaim *c, char *buf, size_t size)
{
    size_t at = 0;
    int n = snprintf(buf, size, "b1 %c %zu:%s %zu:%s %d ", c->sbr01 ? c->sbr01 : '-',
                     strlen(c->subscriber_first), c->subscriber_first, strlen(c->payer_id),
                     c->payer_id, c->has_other_payer ? 1 : 0);
    if (n < 0 || (size_t)n >= size)
        return 0;
    at = (size_t)n;
    n = c->has_other_paid ? snprintf(buf + at, size - at, "%lld", (long long)c->other_paid)
                          : snprintf(buf + at, size - at, "-");
    at += (size_t)n;
    int nsvd = 0;
    for (int i = 0; i < c->nlines; i++)
        nsvd += c->lines[i].has_svd;
    at += (size_t)snprintf(buf + at, size - at, " %d", nsvd);
    for (int i = 0; i < c->nlines && at < size; i++) {
        const AdjLine *l = &c->lines[i];
        if (l->has_svd)
            at += (size_t)snprintf(buf + at, size - at, " %d %lld %lld %d", i,
                                   (long long)l->svd_paid, (long long)l->svd_adjusted,
                                   (int)l->svd_date);
    }
    return at < size ? at : size - 1;
}

bool adj_claim_benefit_decode(AdjClaim *c, const char *s, size_t len)
{
    if (len == 0)
        return true;
    const char *p = s, *end = s + len;
    if (len < 5 || memcmp(p, "b1 ", 3) != 0)
        return false;
    p += 3;
    char sbr = *p++;
    if (p >= end || *p++ != ' ')
        return false;
    long long other, paid = 0, nsvd;
    if (!adj_field_str(&p, end, c->subscriber_first, sizeof(c->subscriber_first)) ||
        !adj_field_str(&p, end, c->payer_id, sizeof(c->payer_id)) ||
        !adj_field_int(&p, end, &other))
        return false;
    bool has_paid = p < end && *p != '-';
    if (has_paid ? !adj_field_int(&p, end, &paid) : (p += 2, p > end))
        return false;
    if (!adj_field_int(&p, end, &nsvd) || nsvd < 0 || nsvd > c->nlines)
        return false;
    c->sbr01 = sbr == '-' ? 0 : sbr;
    c->has_other_payer = other != 0;
    c->has_other_paid = has_paid;
    c->other_paid = paid;
    for (long long k = 0; k < nsvd; k++) {
        long long i, lp, la, ld;
        if (!adj_field_int(&p, end, &i) || !adj_field_int(&p, end, &lp) ||
            !adj_field_int(&p, end, &la) || !adj_field_int(&p, end, &ld) || i < 0 ||
            i >= c->nlines)
            return false;
        AdjLine *l = &c->lines[i];
        l->has_svd = true;
        l->svd_paid = lp;
        l->svd_adjusted = la;
        l->svd_date = (AdjDate)ld;
    }
    return true;
}
