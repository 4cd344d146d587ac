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
