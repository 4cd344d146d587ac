/* The one-line error format of the reader (DESIGN 3.1). Pure. */
#include <stdio.h>

#include "x12/x12.h"

char *adj_x12_diag_format(const AdjX12Diag *d, char *buf, size_t size)
{
    int n = snprintf(buf, size, "%s:", d->file ? d->file : "<input>");
    size_t at = n > 0 ? (size_t)n : 0;
    if (d->segment > 0 && at < size) {
        if (d->segment_id[0] != '\0')
            n = snprintf(buf + at, size - at, " segment %llu (%s):",
                         (unsigned long long)d->segment, d->segment_id);
        else
            n = snprintf(buf + at, size - at, " segment %llu:", (unsigned long long)d->segment);
        at += n > 0 ? (size_t)n : 0;
    }
    if (d->claim_id[0] != '\0' && at < size) {
        n = snprintf(buf + at, size - at, " claim %s:", d->claim_id);
        at += n > 0 ? (size_t)n : 0;
    }
    if (at < size)
        snprintf(buf + at, size - at, " %s", d->msg);
    /* one line whatever the input held: control bytes become '?' */
    for (char *p = buf; *p != '\0'; p++)
        if ((unsigned char)*p < 0x20 || *p == 0x7F)
            *p = '?';
    return buf;
}
