/* Calendar dates and months. A date is the integer CCYYMMDD (sortable,
 * readable in a debugger); a month is year*12 + (month-1), so month
 * arithmetic is integer arithmetic. Pure: no clock, no locale. */
#ifndef ADJ_CORE_DATE_H
#define ADJ_CORE_DATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef int32_t AdjDate;  /* 20260115; 0 = none */
typedef int32_t AdjMonth; /* 2026*12 + 0 for 2026-01 */

#define ADJ_DATE_NONE 0

bool adj_date_is_leap(int year);
int adj_date_days_in_month(int year, int month);
/* Year 1000-9999, real month and day of month. */
bool adj_date_valid(AdjDate date);
static inline int adj_date_year(AdjDate d) { return d / 10000; }
static inline int adj_date_mon(AdjDate d) { return (d / 100) % 100; }
static inline int adj_date_day(AdjDate d) { return d % 100; }
AdjDate adj_date_make(int year, int month, int day);

/* X12 CCYYMMDD: exactly 8 digits and a valid date. */
bool adj_date_parse_x12(const char *s, size_t len, AdjDate *out);
/* ISO YYYY-MM-DD: exactly 10 characters and a valid date. */
bool adj_date_parse_iso(const char *s, size_t len, AdjDate *out);
/* "YYYY-MM-DD" into buf (at least 11 bytes). */
void adj_date_format_iso(AdjDate date, char *buf, size_t size);

/* inline: the engine takes the month of every line several times */
static inline AdjMonth adj_month_make(int year, int month) { return year * 12 + (month - 1); }
static inline AdjMonth adj_date_month(AdjDate date)
{
    int ym = date / 100; /* CCYYMM: one division fewer than year and month apart */
    return adj_month_make(ym / 100, ym % 100);
}
static inline int adj_month_year(AdjMonth m) { return m / 12; }
static inline int adj_month_mon(AdjMonth m) { return m % 12 + 1; }
static inline AdjMonth adj_month_add(AdjMonth m, int n) { return m + n; }
/* Months from a to b (b - a). */
static inline int adj_month_diff(AdjMonth a, AdjMonth b) { return b - a; }
/* "YYYY-MM": exactly 7 characters. */
bool adj_month_parse(const char *s, size_t len, AdjMonth *out);
void adj_month_format(AdjMonth m, char *buf, size_t size);
/* First and last day of a month. */
AdjDate adj_month_first_day(AdjMonth m);
AdjDate adj_month_last_day(AdjMonth m);
/* Days since 1970-01-01 (for day differences). */
int64_t adj_date_to_days(AdjDate date);

#endif
