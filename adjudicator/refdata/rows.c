/* Row parsers of providers.csv, members.csv and plans.csv; see refdata.h.
 * They validate each field and call back per row; they keep nothing. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/npi.h"
#include "refdata/csv.h"
#include "refdata/refdata.h"

typedef struct Cols {
    const char *names[8];
    int idx[8];
    int n;
} Cols;

static AdjStatus header(AdjCsv *csv, Cols *cols, AdjError *err)
{
    bool have;
    AdjStatus st = adj_csv_next(csv, &have, err);
    if (st != ADJ_OK)
        return st;
    if (!have)
        return ADJ_FAIL(err, ADJ_ERR_INPUT, "%s:1: empty file (a header row is required)", csv->path);
    for (int i = 0; i < cols->n; i++) {
        cols->idx[i] = adj_csv_column(csv, cols->names[i]);
        if (cols->idx[i] < 0)
            return ADJ_FAIL(err, ADJ_ERR_INPUT, "%s:%d: header lacks column '%s'", csv->path,
                            csv->line, cols->names[i]);
    }
    return ADJ_OK;
}

/* An optional column's value ("" when the header lacks it). */
static const char *opt_field(const AdjCsv *csv, int idx)
{
    return idx >= 0 && idx < csv->nfields ? csv->fields[idx] : "";
}

static const char *field(const AdjCsv *csv, const Cols *cols, int i)
{
    int k = cols->idx[i];
    return k < csv->nfields ? csv->fields[k] : "";
}

static AdjStatus copy(const AdjCsv *csv, const char *col, const char *v, char *dst, size_t size,
                      bool required, AdjError *err)
{
    if (required && v[0] == '\0')
        return ADJ_FAIL(err, ADJ_ERR_INPUT, "%s:%d: %s is empty", csv->path, csv->line, col);
    if (strlen(v) >= size)
        return ADJ_FAIL(err, ADJ_ERR_INPUT, "%s:%d: %s longer than %zu characters", csv->path,
                        csv->line, col, size - 1);
    memcpy(dst, v, strlen(v) + 1);
    return ADJ_OK;
}

AdjStatus adj_refdata_read_providers(const char *path, AdjProviderFn fn, void *ctx, AdjError *err)
{
    AdjCsv csv;
    AdjStatus st = adj_csv_open(&csv, path, err);
    Cols cols = {{"npi", "name", "kind", "taxonomy", "zips"}, {0}, 5};
    if (st == ADJ_OK)
        st = header(&csv, &cols, err);
    int loc_col = st == ADJ_OK ? adj_csv_column(&csv, "locality") : -1;
    if (st == ADJ_OK) {
        for (;;) {
            bool have;
            if ((st = adj_csv_next(&csv, &have, err)) != ADJ_OK || !have)
                break;
            AdjProviderRow r = {0};
            const char *loc = opt_field(&csv, loc_col);
            if (loc[0] != '\0' && !adj_refdata_locality_valid(loc)) {
                st = ADJ_FAIL(err, ADJ_ERR_INPUT,
                              "%s:%d: locality must be MAC-locality like 01112-05: '%.20s'", path,
                              csv.line, loc);
                break;
            }
            snprintf(r.locality, sizeof(r.locality), "%s", loc);
            const char *npi = field(&csv, &cols, 0), *kind = field(&csv, &cols, 2);
            if (!adj_npi_valid(npi, strlen(npi))) {
                st = ADJ_FAIL(err, ADJ_ERR_INPUT, "%s:%d: npi '%.20s' is not a valid NPI", path,
                              csv.line, npi);
                break;
            }
            memcpy(r.npi, npi, 11);
            if ((st = copy(&csv, "name", field(&csv, &cols, 1), r.name, sizeof(r.name), false, err)))
                break;
            if (strcmp(kind, "medical") == 0)
                r.kind = ADJ_PROVIDER_MEDICAL;
            else if (strcmp(kind, "behavioral") == 0)
                r.kind = ADJ_PROVIDER_BEHAVIORAL;
            else {
                st = ADJ_FAIL(err, ADJ_ERR_INPUT, "%s:%d: kind must be medical or behavioral: '%.20s'",
                              path, csv.line, kind);
                break;
            }
            if ((st = copy(&csv, "taxonomy", field(&csv, &cols, 3), r.taxonomy, sizeof(r.taxonomy),
                           false, err)))
                break;
            const char *z = field(&csv, &cols, 4);
            while (*z != '\0' && st == ADJ_OK) {
                while (*z == ' ')
                    z++;
                size_t n = strcspn(z, " ");
                if (n == 0)
                    break;
                bool ok = n == 5 && r.nzips < ADJ_REF_ZIPS_MAX;
                for (size_t i = 0; i < n && ok; i++)
                    ok = isdigit((unsigned char)z[i]) != 0;
                if (!ok)
                    st = ADJ_FAIL(err, ADJ_ERR_INPUT, "%s:%d: zips: '%.*s' is not a ZIP5 (or more than %d)",
                                  path, csv.line, (int)(n > 20 ? 20 : n), z, ADJ_REF_ZIPS_MAX);
                else
                    memcpy(r.zips[r.nzips++], z, 5);
                z += n;
            }
            if (st == ADJ_OK)
                st = fn(ctx, &r, path, csv.line, err);
            if (st != ADJ_OK)
                break;
        }
    }
    adj_csv_close(&csv);
    return st;
}

static AdjStatus iso(const AdjCsv *csv, const char *col, const char *v, bool optional,
                     AdjDate *out, AdjError *err)
{
    *out = ADJ_DATE_NONE;
    if (optional && v[0] == '\0')
        return ADJ_OK;
    if (!adj_date_parse_iso(v, strlen(v), out))
        return ADJ_FAIL(err, ADJ_ERR_INPUT, "%s:%d: %s is not a date (YYYY-MM-DD): '%.20s'",
                        csv->path, csv->line, col, v);
    return ADJ_OK;
}

AdjStatus adj_refdata_read_members(const char *path, AdjMemberFn fn, void *ctx, AdjError *err)
{
    AdjCsv csv;
    AdjStatus st = adj_csv_open(&csv, path, err);
    Cols cols = {{"member_id", "plan_id", "effective_from", "effective_to"}, {0}, 4};
    if (st == ADJ_OK)
        st = header(&csv, &cols, err);
    int first_col = -1, birth_col = -1, cob_col = -1;
    if (st == ADJ_OK) {
        first_col = adj_csv_column(&csv, "first_name");
        birth_col = adj_csv_column(&csv, "birth_date");
        cob_col = adj_csv_column(&csv, "cob_order");
    }
    if (st == ADJ_OK) {
        for (;;) {
            bool have;
            if ((st = adj_csv_next(&csv, &have, err)) != ADJ_OK || !have)
                break;
            AdjMemberRow r = {0};
            if ((st = copy(&csv, "member_id", field(&csv, &cols, 0), r.member_id,
                           sizeof(r.member_id), true, err)) ||
                (st = copy(&csv, "plan_id", field(&csv, &cols, 1), r.plan_id, sizeof(r.plan_id),
                           true, err)) ||
                (st = iso(&csv, "effective_from", field(&csv, &cols, 2), false, &r.effective_from, err)) ||
                (st = iso(&csv, "effective_to", field(&csv, &cols, 3), true, &r.effective_to, err)) ||
                (st = copy(&csv, "first_name", opt_field(&csv, first_col), r.first_name,
                           sizeof(r.first_name), false, err)) ||
                (st = iso(&csv, "birth_date", opt_field(&csv, birth_col), true, &r.birth_date, err)))
                break;
            if ((r.first_name[0] != '\0') != (r.birth_date != ADJ_DATE_NONE)) {
                st = ADJ_FAIL(err, ADJ_ERR_INPUT,
                              "%s:%d: first_name and birth_date name a person together: give both or neither",
                              path, csv.line);
                break;
            }
            const char *cob = opt_field(&csv, cob_col);
            if (cob[0] == '\0' || strcmp(cob, "P") == 0 || strcmp(cob, "primary") == 0)
                r.cob_order = 0;
            else if (strcmp(cob, "S") == 0 || strcmp(cob, "secondary") == 0)
                r.cob_order = 'S';
            else if (strcmp(cob, "T") == 0 || strcmp(cob, "tertiary") == 0)
                r.cob_order = 'T';
            else {
                st = ADJ_FAIL(err, ADJ_ERR_INPUT,
                              "%s:%d: cob_order must be P, S or T (primary, secondary, tertiary): '%.20s'",
                              path, csv.line, cob);
                break;
            }
            if (r.effective_to != ADJ_DATE_NONE && r.effective_to < r.effective_from) {
                st = ADJ_FAIL(err, ADJ_ERR_INPUT, "%s:%d: effective_to before effective_from",
                              path, csv.line);
                break;
            }
            st = fn(ctx, &r, path, csv.line, err);
            if (st != ADJ_OK)
                break;
        }
    }
    adj_csv_close(&csv);
    return st;
}

/* The optional benefit columns of plans.csv (issue 13). */
static const char *const plan_opt[] = {"deductible",      "family_deductible", "oop_max",
                                       "family_oop_max",  "plan_year_start",   "timely_filing_days",
                                       "cob_method",      "pricing",           "pct_of_medicare"};
#define NPLAN_OPT (int)(sizeof(plan_opt) / sizeof(plan_opt[0]))

static AdjStatus dollars(const AdjCsv *csv, const char *col, const char *v, AdjMoney *out,
                         AdjError *err)
{
    *out = 0;
    if (v[0] == '\0')
        return ADJ_OK;
    if (!adj_money_parse(v, strlen(v), out) || *out < 0 || *out > ADJ_REF_MONEY_MAX)
        return ADJ_FAIL(err, ADJ_ERR_INPUT, "%s:%d: %s must be dollars like 500 or 1250.50: '%.20s'",
                        csv->path, csv->line, col, v);
    return ADJ_OK;
}

bool adj_refdata_mmdd_parse(const char *v, int *mmdd)
{
    if (strlen(v) != 5 || v[2] != '-' || !isdigit((unsigned char)v[0]) ||
        !isdigit((unsigned char)v[1]) || !isdigit((unsigned char)v[3]) ||
        !isdigit((unsigned char)v[4]))
        return false;
    int m = (v[0] - '0') * 10 + (v[1] - '0'), d = (v[3] - '0') * 10 + (v[4] - '0');
    /* no 02-29: a plan year must start on a date every year has */
    if (m < 1 || m > 12 || d < 1 || d > adj_date_days_in_month(2023, m))
        return false;
    *mmdd = m * 100 + d;
    return true;
}

bool adj_refdata_locality_valid(const char *v)
{
    if (strlen(v) != 8 || v[5] != '-')
        return false;
    for (int i = 0; i < 8; i++)
        if (i != 5 && !isdigit((unsigned char)v[i]))
            return false;
    return true;
}

static AdjStatus plan_benefits(const AdjCsv *csv, const int *cols, AdjPlanRow *r, AdjError *err)
{
    AdjStatus st;
    if ((st = dollars(csv, "deductible", opt_field(csv, cols[0]), &r->deductible, err)) ||
        (st = dollars(csv, "family_deductible", opt_field(csv, cols[1]), &r->family_deductible, err)) ||
        (st = dollars(csv, "oop_max", opt_field(csv, cols[2]), &r->oop_max, err)) ||
        (st = dollars(csv, "family_oop_max", opt_field(csv, cols[3]), &r->family_oop_max, err)))
        return st;
    const char *v = opt_field(csv, cols[4]);
    r->year_start = 101;
    if (v[0] != '\0' && !adj_refdata_mmdd_parse(v, &r->year_start))
        return ADJ_FAIL(err, ADJ_ERR_INPUT,
                        "%s:%d: plan_year_start must be MM-DD like 07-01 (not 02-29): '%.20s'",
                        csv->path, csv->line, v);
    v = opt_field(csv, cols[5]);
    if (v[0] != '\0') {
        char *end;
        long days = strtol(v, &end, 10);
        if (*end != '\0' || days < 1 || days > 3650 || !isdigit((unsigned char)v[0]))
            return ADJ_FAIL(err, ADJ_ERR_INPUT,
                            "%s:%d: timely_filing_days must be a number of days 1-3650: '%.20s'",
                            csv->path, csv->line, v);
        r->timely_filing_days = (int)days;
    }
    v = opt_field(csv, cols[6]);
    if (v[0] == '\0' || strcmp(v, "standard") == 0)
        r->cob_method = ADJ_COB_STANDARD;
    else if (strcmp(v, "non_duplication") == 0)
        r->cob_method = ADJ_COB_NON_DUPLICATION;
    else
        return ADJ_FAIL(err, ADJ_ERR_INPUT,
                        "%s:%d: cob_method must be standard or non_duplication: '%.20s'",
                        csv->path, csv->line, v);
    v = opt_field(csv, cols[7]);
    if (v[0] == '\0' || strcmp(v, "fee_table") == 0)
        r->pricing = ADJ_PRICING_FEE_TABLE;
    else if (strcmp(v, "mpfs") == 0)
        r->pricing = ADJ_PRICING_MPFS;
    else
        return ADJ_FAIL(err, ADJ_ERR_INPUT, "%s:%d: pricing must be fee_table or mpfs: '%.20s'",
                        csv->path, csv->line, v);
    v = opt_field(csv, cols[8]);
    r->pct_of_medicare_milli = 100000;
    if (v[0] != '\0' && (!adj_qty_parse(v, strlen(v), &r->pct_of_medicare_milli) ||
                          r->pct_of_medicare_milli > 1000000))
        return ADJ_FAIL(err, ADJ_ERR_INPUT,
                        "%s:%d: pct_of_medicare must be a percent 0-1000 like 110 or 97.5: '%.20s'",
                        csv->path, csv->line, v);
    return ADJ_OK;
}

AdjStatus adj_refdata_read_plans(const char *path, AdjPlanFn fn, void *ctx, AdjError *err)
{
    AdjCsv csv;
    AdjStatus st = adj_csv_open(&csv, path, err);
    Cols cols = {{"plan_id", "name", "bh_administrator", "coinsurance_pct", "copay"}, {0}, 5};
    if (st == ADJ_OK)
        st = header(&csv, &cols, err);
    int opt_cols[NPLAN_OPT];
    for (int i = 0; i < NPLAN_OPT; i++)
        opt_cols[i] = st == ADJ_OK ? adj_csv_column(&csv, plan_opt[i]) : -1;
    if (st == ADJ_OK) {
        for (;;) {
            bool have;
            if ((st = adj_csv_next(&csv, &have, err)) != ADJ_OK || !have)
                break;
            AdjPlanRow r = {0};
            if ((st = copy(&csv, "plan_id", field(&csv, &cols, 0), r.plan_id, sizeof(r.plan_id),
                           true, err)) ||
                (st = copy(&csv, "name", field(&csv, &cols, 1), r.name, sizeof(r.name), false, err)) ||
                (st = copy(&csv, "bh_administrator", field(&csv, &cols, 2), r.bh_administrator,
                           sizeof(r.bh_administrator), false, err)))
                break;
            const char *pct = field(&csv, &cols, 3), *copay = field(&csv, &cols, 4);
            if (!adj_qty_parse(pct, strlen(pct), &r.coinsurance_milli) ||
                r.coinsurance_milli > 100000) {
                st = ADJ_FAIL(err, ADJ_ERR_INPUT,
                              "%s:%d: coinsurance_pct must be a percent 0-100 like 20 or 12.5: '%.20s'",
                              path, csv.line, pct);
                break;
            }
            if (copay[0] == '\0')
                r.copay = 0;
            else if (!adj_money_parse(copay, strlen(copay), &r.copay) || r.copay < 0) {
                st = ADJ_FAIL(err, ADJ_ERR_INPUT, "%s:%d: copay must be dollars like 10 or 12.50: '%.20s'",
                              path, csv.line, copay);
                break;
            }
            if ((st = plan_benefits(&csv, opt_cols, &r, err)) != ADJ_OK)
                break;
            st = fn(ctx, &r, path, csv.line, err);
            if (st != ADJ_OK)
                break;
        }
    }
    adj_csv_close(&csv);
    return st;
}

AdjStatus adj_refdata_read_benefits(const char *path, AdjBenefitFn fn, void *ctx, AdjError *err)
{
    AdjCsv csv;
    AdjStatus st = adj_csv_open(&csv, path, err);
    Cols cols = {{"plan_id", "copay", "coinsurance_pct", "deductible_applies"}, {0}, 4};
    if (st == ADJ_OK)
        st = header(&csv, &cols, err);
    int fam_col = -1, code_col = -1;
    if (st == ADJ_OK) {
        fam_col = adj_csv_column(&csv, "code_family");
        code_col = adj_csv_column(&csv, "code");
        if (fam_col < 0 && code_col < 0)
            st = ADJ_FAIL(err, ADJ_ERR_INPUT, "%s:1: header lacks column 'code_family' or 'code'",
                          path);
    }
    while (st == ADJ_OK) {
        bool have;
        if ((st = adj_csv_next(&csv, &have, err)) != ADJ_OK || !have)
            break;
        AdjBenefitRow r = {0};
        if ((st = copy(&csv, "plan_id", field(&csv, &cols, 0), r.plan_id, sizeof(r.plan_id), true,
                       err)) ||
            (st = copy(&csv, "code_family", opt_field(&csv, fam_col), r.code_family,
                       sizeof(r.code_family), false, err)) ||
            (st = copy(&csv, "code", opt_field(&csv, code_col), r.code, sizeof(r.code), false, err)))
            break;
        if ((r.code[0] == '\0') == (r.code_family[0] == '\0')) {
            st = ADJ_FAIL(err, ADJ_ERR_INPUT, "%s:%d: give either code_family or code", path,
                          csv.line);
            break;
        }
        const char *copay = field(&csv, &cols, 1), *pct = field(&csv, &cols, 2),
                   *ded = field(&csv, &cols, 3);
        if ((st = dollars(&csv, "copay", copay, &r.copay, err)) != ADJ_OK)
            break;
        if (!adj_qty_parse(pct, strlen(pct), &r.coinsurance_milli) ||
            r.coinsurance_milli > 100000) {
            st = ADJ_FAIL(err, ADJ_ERR_INPUT,
                          "%s:%d: coinsurance_pct must be a percent 0-100 like 20 or 12.5: '%.20s'",
                          path, csv.line, pct);
            break;
        }
        if (strcmp(ded, "true") == 0 || strcmp(ded, "yes") == 0 || strcmp(ded, "1") == 0)
            r.deductible_applies = true;
        else if (strcmp(ded, "false") == 0 || strcmp(ded, "no") == 0 || strcmp(ded, "0") == 0)
            r.deductible_applies = false;
        else {
            st = ADJ_FAIL(err, ADJ_ERR_INPUT,
                          "%s:%d: deductible_applies must be true or false: '%.20s'", path,
                          csv.line, ded);
            break;
        }
        st = fn(ctx, &r, path, csv.line, err);
    }
    adj_csv_close(&csv);
    return st;
}
