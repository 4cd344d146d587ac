/* Report values as text: rates in basis points, tenths, CSV fields, the
 * suppression rule and CARC texts. Integer arithmetic only, so the same
 * counts always print the same digits. Pure. */
#include <string.h>

#include "report/report.h"

int64_t adj_report_rate_bp(int64_t num, int64_t den)
{
    if (den <= 0 || num < 0 || num > den)
        return -1;
    return (num * 20000 + den) / (2 * den);
}

void adj_report_format_bp(int64_t bp, char *buf, size_t size)
{
    if (bp < 0)
        snprintf(buf, size, "%s", "");
    else
        snprintf(buf, size, "%lld.%02lld", (long long)(bp / 100), (long long)(bp % 100));
}

void adj_report_format_tenths(int64_t t, char *buf, size_t size)
{
    if (t < 0)
        snprintf(buf, size, "%s", "");
    else
        snprintf(buf, size, "%lld.%lld", (long long)(t / 10), (long long)(t % 10));
}

void adj_report_format_count(int64_t v, char *buf, size_t size)
{
    if (v < 0)
        snprintf(buf, size, "%s", "");
    else
        snprintf(buf, size, "%lld", (long long)v);
}

int64_t adj_report_min_cell(int64_t configured)
{
    return configured < 11 ? 11 : configured;
}

const AdjReportRow *adj_report_total_row(const AdjReportData *d)
{
    for (size_t i = 0; i < d->nrows; i++)
        if (d->rows[i].level == ADJ_RL_TOTAL)
            return &d->rows[i];
    return NULL;
}

void adj_report_csv_field(FILE *f, const char *s)
{
    bool formula = s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' ||
                   s[0] == '\t' || s[0] == '\r';
    bool quote = formula || strpbrk(s, ",\"\r\n") != NULL;
    if (!quote) {
        fputs(s, f);
        return;
    }
    fputc('"', f);
    if (formula)
        fputc('\'', f);
    for (const char *p = s; *p; p++) {
        if (*p == '"')
            fputc('"', f);
        fputc(*p, f);
    }
    fputc('"', f);
}

void adj_report_suppression_note(const AdjReportOptions *o, char *buf, size_t size)
{
    long long k = (long long)adj_report_min_cell(o->min_cell);
    snprintf(buf, size,
             "Every count from 1 to %lld is suppressed (members, lines, paid, denied, pended, "
             "duplicates, misroutes, any denial-reason row), and so is every figure of a row "
             "counting 1 to %lld distinct members. Complementary suppression: wherever figures "
             "add up (paid + denied + pended = decided; decided + duplicates + forwarded + "
             "rejected + voided + undecided = lines; cells into plan-month, plan and report "
             "totals; denial reasons into their cell and into their totals), no sum is left "
             "with exactly one withheld figure, so none follows from the others by addition "
             "or subtraction. A count of 0 is shown. Totals count every line, suppressed "
             "cells included. The database applies the rule before any figure leaves it.",
             k - 1, k - 1);
}

typedef struct CarcText {
    const char *carc, *text;
} CarcText;

/* the CARCs the engine's edits give (docs/adjudication.md), in short */
static const CarcText carcs[] = {
    {"5", "place of service inconsistent"},
    {"11", "diagnosis inconsistent with procedure"},
    {"16", "claim lacks information"},
    {"18", "exact duplicate"},
    {"26", "before coverage"},
    {"27", "after coverage ended"},
    {"31", "not identified as our insured"},
    {"97", "included in another service"},
    {"107", "related service not paid"},
    {"119", "benefit maximum reached"},
    {"151", "time threshold not met"},
    {"170", "not paid to this provider type"},
    {"181", "code invalid on date of service"},
    {"231", "mutually exclusive in the month"},
    {"236", "not payable with another service that day"},
    {"267", "service dates span months"},
    {"B15", "needs a qualifying primary service"},
};

const char *adj_report_carc_text(const char *carc)
{
    for (size_t i = 0; i < sizeof(carcs) / sizeof(carcs[0]); i++)
        if (strcmp(carcs[i].carc, carc) == 0)
            return carcs[i].text;
    return NULL;
}
