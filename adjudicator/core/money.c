/* Money as int64 cents; see money.h. Pure. */
#include "core/money.h"

#include <stdio.h>

__extension__ typedef __int128 i128;

static bool parse_fixed(const char *s, size_t len, int max_dec, bool allow_neg,
                        int64_t *out)
{
    size_t i = 0;
    bool neg = false;
    if (len == 0)
        return false;
    if (s[0] == '-') {
        if (!allow_neg)
            return false;
        neg = true;
        i = 1;
    }
    int64_t v = 0;
    int int_digits = 0, dec_digits = 0;
    bool dot = false;
    /* at most 18 digits cannot overflow: no check a digit */
    const bool small = len <= 18;
    for (; i < len; i++) {
        char c = s[i];
        if (c == '.') {
            if (dot)
                return false;
            dot = true;
            continue;
        }
        if (c < '0' || c > '9')
            return false;
        if (dot) {
            if (++dec_digits > max_dec)
                return false;
        } else {
            int_digits++;
        }
        if (!small && v > (INT64_MAX - (c - '0')) / 10)
            return false;
        v = v * 10 + (c - '0');
    }
    if (int_digits + dec_digits == 0)
        return false;
    for (; dec_digits < max_dec; dec_digits++) {
        if (v > INT64_MAX / 10)
            return false;
        v *= 10;
    }
    *out = neg ? -v : v;
    return true;
}

bool adj_money_parse(const char *s, size_t len, AdjMoney *out)
{
    return parse_fixed(s, len, 2, true, out);
}

bool adj_qty_parse(const char *s, size_t len, int64_t *milli)
{
    return parse_fixed(s, len, 3, false, milli);
}

void adj_money_format(AdjMoney cents, char *buf, size_t size)
{
    const char *sign = cents < 0 ? "-" : "";
    uint64_t u = cents < 0 ? (uint64_t)0 - (uint64_t)cents : (uint64_t)cents;
    snprintf(buf, size, "%s%llu.%02llu", sign, (unsigned long long)(u / 100),
             (unsigned long long)(u % 100));
}

AdjMoney adj_money_mul_div(AdjMoney amount, int64_t num, int64_t den)
{
    /* half away from zero: 0.5 cent rounds up for positive amounts */
    int64_t p64; /* 64-bit when everything fits (the common case): the same quotient */
    if (den > 0 && den <= INT64_MAX / 2 && !__builtin_mul_overflow(amount, num, &p64) &&
        p64 != INT64_MIN) {
        bool neg64 = p64 < 0;
        uint64_t u = neg64 ? (uint64_t)(-p64) : (uint64_t)p64;
        if (u <= ((uint64_t)INT64_MAX - (uint64_t)den) / 2) {
            uint64_t q = (2 * u + (uint64_t)den) / (2 * (uint64_t)den);
            return neg64 ? -(AdjMoney)q : (AdjMoney)q;
        }
    }
    i128 p = (i128)amount * num;
    bool neg = p < 0;
    if (neg)
        p = -p;
    i128 q = (2 * p + den) / (2 * (i128)den);
    return (AdjMoney)(neg ? -q : q);
}

size_t adj_money_digits(AdjMoney m, char *buf)
{
    char tmp[24];
    int n = 0;
    uint64_t v = (uint64_t)(m < 0 ? 0 : m);
    do {
        tmp[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v > 0 || n < 3);
    int k = 0;
    for (int i = n - 1; i >= 0; i--) {
        buf[k++] = tmp[i];
        if (i == 2)
            buf[k++] = '.';
    }
    buf[k] = '\0';
    return (size_t)k;
}
