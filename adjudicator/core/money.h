/* Money as int64 cents; never floating point. Pure. */
#ifndef ADJ_CORE_MONEY_H
#define ADJ_CORE_MONEY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef int64_t AdjMoney; /* cents */

#define ADJ_MONEY_FMT_MAX 32

/* Parse a decimal amount: optional leading '-', digits, optional '.' and
 * one or two digits ("150", "150.5", "150.50", ".5"). Rejects exponents,
 * signs other than a leading '-', more than two decimals, empty input and
 * overflow. "-0.001" is rejected (three decimals). */
bool adj_money_parse(const char *s, size_t len, AdjMoney *out);
/* "-12.30" into buf (at least ADJ_MONEY_FMT_MAX bytes). */
void adj_money_format(AdjMoney cents, char *buf, size_t size);
/* Round-half-up of amount * num / den, computed without overflow for the
 * amounts a claim carries (|amount| < 2^53). den > 0. */
AdjMoney adj_money_mul_div(AdjMoney amount, int64_t num, int64_t den);

/* Decimal quantity with up to three decimals, as thousandths ("1", "1.5",
 * "21.00"): service units. Same rules as money otherwise, never negative. */
bool adj_qty_parse(const char *s, size_t len, int64_t *milli);

/* "1234.56" into buf (at least 24 bytes) without printf, for the hot
 * path; a negative amount writes 0.00. Returns the length. */
size_t adj_money_digits(AdjMoney m, char *buf);

#endif
