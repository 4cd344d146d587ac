/* Calendar dates and months; see date.h. Pure. */
#include "core/date.h"

#include <stdio.h>

bool adj_date_is_leap(int year)
{
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int adj_date_days_in_month(int year, int month)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12)
        return 0;
    if (month == 2 && adj_date_is_leap(year))
        return 29;
    return days[month - 1];
}

bool adj_date_valid(AdjDate date)
{
    int y = adj_date_year(date), m = adj_date_mon(date), d = adj_date_day(date);
    if (y < 1000 || y > 9999)
        return false;
    return d >= 1 && d <= adj_date_days_in_month(y, m);
}

AdjDate adj_date_make(int year, int month, int day)
{
    return (AdjDate)(year * 10000 + month * 100 + day);
}

static bool digits(const char *s, size_t len, int *out)
{
    int v = 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return true;
}

bool adj_date_parse_x12(const char *s, size_t len, AdjDate *out)
{
    if (len != 8)
        return false;
    /* the parts as read, not divided back out of the number */
    unsigned d[8];
    for (int i = 0; i < 8; i++) {
        d[i] = (unsigned)(unsigned char)s[i] - '0';
        if (d[i] > 9)
            return false;
    }
    int y = (int)(d[0] * 1000 + d[1] * 100 + d[2] * 10 + d[3]);
    int m = (int)(d[4] * 10 + d[5]), day = (int)(d[6] * 10 + d[7]);
    if (y < 1000 || day < 1 || day > adj_date_days_in_month(y, m))
        return false;
    *out = adj_date_make(y, m, day);
    return true;
}

bool adj_date_parse_iso(const char *s, size_t len, AdjDate *out)
{
    int y, m, d;
    if (len != 10 || s[4] != '-' || s[7] != '-' || !digits(s, 4, &y) ||
        !digits(s + 5, 2, &m) || !digits(s + 8, 2, &d))
        return false;
    AdjDate v = adj_date_make(y, m, d);
    if (!adj_date_valid(v))
        return false;
    *out = v;
    return true;
}

void adj_date_format_iso(AdjDate date, char *buf, size_t size)
{
    snprintf(buf, size, "%04d-%02d-%02d", adj_date_year(date) % 10000,
             adj_date_mon(date) % 100, adj_date_day(date) % 100);
}

bool adj_month_parse(const char *s, size_t len, AdjMonth *out)
{
    int y, m;
    if (len != 7 || s[4] != '-' || !digits(s, 4, &y) || !digits(s + 5, 2, &m) ||
        y < 1000 || m < 1 || m > 12)
        return false;
    *out = adj_month_make(y, m);
    return true;
}

void adj_month_format(AdjMonth m, char *buf, size_t size)
{
    snprintf(buf, size, "%04d-%02d", adj_month_year(m) % 10000, adj_month_mon(m) % 100);
}

AdjDate adj_month_first_day(AdjMonth m)
{
    return adj_date_make(adj_month_year(m), adj_month_mon(m), 1);
}

AdjDate adj_month_last_day(AdjMonth m)
{
    int y = adj_month_year(m), mo = adj_month_mon(m);
    return adj_date_make(y, mo, adj_date_days_in_month(y, mo));
}

int64_t adj_date_to_days(AdjDate date)
{
    /* days from civil, Howard Hinnant's algorithm */
    int64_t y = adj_date_year(date), m = adj_date_mon(date), d = adj_date_day(date);
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}
