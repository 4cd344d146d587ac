/* NPI check digit; see npi.h. Pure. */
#include "core/npi.h"

int adj_npi_check_digit(const char *nine, size_t len)
{
    if (len != 9)
        return -1;
    /* The 80840 prefix contributes a constant 24 to the Luhn sum. */
    int sum = 24;
    for (int i = 0; i < 9; i++) {
        char c = nine[8 - i];
        if (c < '0' || c > '9')
            return -1;
        int d = c - '0';
        if (i % 2 == 0) { /* rightmost of the nine is doubled */
            d *= 2;
            if (d > 9)
                d -= 9;
        }
        sum += d;
    }
    return (10 - sum % 10) % 10;
}

bool adj_npi_valid(const char *s, size_t len)
{
    if (len != 10 || s[9] < '0' || s[9] > '9')
        return false;
    int check = adj_npi_check_digit(s, 9);
    return check >= 0 && check == s[9] - '0';
}
