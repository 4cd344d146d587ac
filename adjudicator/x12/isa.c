/* The interchange header as a TA1 needs it: sender, receiver, date, time
 * and control number read element by element (also from an ISA that is not
 * the fixed-width header the reader requires), and the TA1 note code (TA105)
 * of an ISA the reader refused. Pure; no allocation. */
#include <ctype.h>
#include <string.h>

#include "x12/x12_int.h"

/* Copy element text, trimming the fixed-width padding. */
static void field(char *dst, size_t size, const char *p, size_t n)
{
    while (n > 0 && p[n - 1] == ' ')
        n--;
    if (n >= size)
        n = size - 1;
    memcpy(dst, p, n);
    dst[n] = '\0';
}

/* Offsets of the 16 elements of the ISA at p (up to 120 bytes); the
 * number found. ends[i] is the end of element i (1-based). */
static int isa_split(const char *p, size_t avail, size_t starts[17], size_t ends[17])
{
    if (avail < 4)
        return 0;
    char e = p[3];
    if (isalnum((unsigned char)e) || e == ' ' || e == '\n' || e == '\r')
        return 0;
    int n = 0;
    size_t at = 4;
    size_t lim = avail < 130 ? avail : 130;
    while (n < 16 && at <= lim) {
        size_t s = at;
        if (n == 15) { /* ISA16: one character */
            if (s >= lim)
                break;
            starts[16] = s;
            ends[16] = s + 1;
            return 16;
        }
        while (at < lim && p[at] != e)
            at++;
        if (at >= lim)
            break;
        n++;
        starts[n] = s;
        ends[n] = at;
        at++;
    }
    return n;
}

static bool all_digits(const char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!isdigit((unsigned char)p[i]))
            return false;
    return n > 0;
}

void x12_isa_fields(const char *data, size_t len, size_t pos, AdjX12Interchange *ix)
{
    const char *p = data + pos;
    size_t st[17], en[17];
    int n = isa_split(p, len - pos, st, en);
    ix->readable = false;
    if (n < 16)
        return;
#define F(dst, i) field(dst, sizeof(dst), p + st[i], en[i] - st[i])
    F(ix->isa05, 5);
    F(ix->isa06, 6);
    F(ix->isa07, 7);
    F(ix->isa08, 8);
    F(ix->isa09, 9);
    F(ix->isa10, 10);
    F(ix->isa13, 13);
    F(ix->isa15, 15);
#undef F
    ix->readable = ix->isa06[0] != '\0' && ix->isa08[0] != '\0';
}

const char *x12_isa_note(const char *data, size_t len, size_t pos)
{
    const char *p = data + pos;
    size_t st[17], en[17];
    if (len - pos < 4)
        return "023";
    char e = p[3];
    if (isalnum((unsigned char)e) || e == ' ')
        return "026";
    int n = isa_split(p, len - pos, st, en);
    if (n < 16)
        return len - pos < X12_ISA_LEN ? "023" : "022";
    if (!all_digits(p + st[13], en[13] - st[13]) || en[13] - st[13] != 9)
        return "018";
    if (!all_digits(p + st[9], en[9] - st[9]) || en[9] - st[9] != 6)
        return "014";
    if (!all_digits(p + st[10], en[10] - st[10]) || en[10] - st[10] != 4)
        return "015";
    if (en[12] - st[12] != 5 || memcmp(p + st[12], "00501", 5) != 0)
        return "017";
    char comp = p[st[16]];
    if (isalnum((unsigned char)comp) || comp == e || comp == ' ')
        return "027";
    if (len - pos < X12_ISA_LEN)
        return "023";
    if (st[16] + 1 < len - pos) {
        char term = p[st[16] + 1];
        if (isalnum((unsigned char)term) || term == e || term == comp || term == ' ')
            return "004";
    }
    return "022"; /* not the fixed-width header */
}
