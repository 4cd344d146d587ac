/* Claim model helpers; see claim.h. Pure. */
#include "claim/claim.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static void copy_field(char *dst, size_t size, const char *src)
{
    snprintf(dst, size, "%s", src ? src : "");
}

void adj_claim_problem(AdjClaim *claim, uint32_t segment, const char *segment_id,
                       const char *loop, const char *element, const char *rarc,
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
    copy_field(p->rarc, sizeof(p->rarc), rarc);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(p->msg, sizeof(p->msg), fmt, ap);
    va_end(ap);
}

size_t adj_claim_person_key(const AdjClaim *claim, char *buf, size_t size)
{
    int n;
    if (!claim->patient_is_dependent) {
        n = snprintf(buf, size, "%s", claim->member_id);
    } else {
        char first[ADJ_NAME_MAX + 1];
        size_t i = 0;
        for (; claim->patient_first[i] != '\0' && i < ADJ_NAME_MAX; i++)
            first[i] = (char)toupper((unsigned char)claim->patient_first[i]);
        first[i] = '\0';
        n = snprintf(buf, size, "%s|%08d|%s", claim->member_id,
                     (int)claim->patient_birth, first);
    }
    if (n < 0)
        return 0;
    return (size_t)n < size ? (size_t)n : size - 1;
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
    return (line->units_milli + 999) / 1000;
}
