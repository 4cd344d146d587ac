/* NPI check digit; see npi.h. Pure. */
#include "core/npi.h"

int adj_npi_check_digit(const char *nine, size_t len)
{
    if (len != 9)
        return -1;
    /* Luhn: the rightmost of the nine and every other one leftwards are
     * doubled (a doubled digit over 9 counts its digit sum) */
    static const unsigned char twice[10] = {0, 2, 4, 6, 8, 1, 3, 5, 7, 9};
    /* The 80840 prefix contributes a constant 24 to the Luhn sum. */
    unsigned sum = 24;
    for (int i = 0; i < 9; i++) {
        unsigned d = (unsigned)(unsigned char)nine[i] - '0';
        if (d > 9)
            return -1;
        sum += i % 2 == 0 ? twice[d] : d; /* nine[8], nine[6], ... nine[0] */
    }
    return (int)((10 - sum % 10) % 10);
}

bool adj_npi_valid(const char *s, size_t len)
{
    if (len != 10 || s[9] < '0' || s[9] > '9')
        return false;
    int check = adj_npi_check_digit(s, 9);
    return check >= 0 && check == s[9] - '0';
}
