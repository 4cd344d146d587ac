/* The patient's name before a claim, for `show` and the console: the
 * claim model keeps only the first name (DESIGN 3.2), the set's raw text
 * keeps all. Pure: a scan of a buffer, no allocation. */
#include <stdbool.h>
#include <string.h>

#include "x12/x12.h"

/* the element after n separators of the segment at s (end: its terminator) */
static const char *element(const char *s, const char *end, char sep, int n, size_t *len)
{
    for (int i = 0; i < n; i++) {
        const char *p = memchr(s, sep, (size_t)(end - s));
        if (p == NULL)
            return NULL;
        s = p + 1;
    }
    const char *p = memchr(s, sep, (size_t)(end - s));
    *len = (size_t)((p ? p : end) - s);
    return s;
}

bool adj_x12_patient_name(const char *chunk, size_t len, bool dependent, char *out,
                          size_t size)
{
    if (size == 0)
        return false;
    out[0] = '\0';
    /* the terminator is the last byte that is not white space */
    size_t end = len;
    while (end > 0 && (chunk[end - 1] == '\n' || chunk[end - 1] == '\r' ||
                       chunk[end - 1] == ' ' || chunk[end - 1] == '\t'))
        end--;
    if (end < 8)
        return false;
    char term = chunk[end - 1];
    /* segments from the end backwards; the element separator follows "NM1" */
    const char *seg_end = chunk + end - 1;
    while (seg_end > chunk) {
        const char *start = seg_end;
        while (start > chunk && start[-1] != term)
            start--;
        while (start < seg_end && (*start == '\n' || *start == '\r' || *start == ' '))
            start++;
        if (seg_end - start >= 3 && memcmp(start, "CLM", 3) == 0)
            return false; /* an earlier claim: its subscriber is not ours to guess */
        if (seg_end - start > 7 && memcmp(start, "NM1", 3) == 0) {
            char sep = start[3];
            size_t qlen = 0, llen = 0, flen = 0;
            const char *q = element(start, seg_end, sep, 1, &qlen);
            if (q != NULL && qlen == 2 && memcmp(q, dependent ? "QC" : "IL", 2) == 0) {
                const char *last = element(start, seg_end, sep, 3, &llen);
                const char *first = element(start, seg_end, sep, 4, &flen);
                size_t at = 0;
                if (last && llen > 0 && llen < size) {
                    memcpy(out, last, llen);
                    at = llen;
                }
                if (first && flen > 0 && at + 2 + flen < size) {
                    memcpy(out + at, ", ", 2);
                    memcpy(out + at + 2, first, flen);
                    at += 2 + flen;
                }
                out[at] = '\0';
                return at > 0;
            }
        }
        seg_end = start > chunk ? start - 1 : chunk;
    }
    return false;
}
