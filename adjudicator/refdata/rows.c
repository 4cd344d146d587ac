/* Row parsers of providers.csv, members.csv and plans.csv; see refdata.h.
 * They validate each field and call back per row; they keep nothing. */
#include <ctype.h>
#include <stdio.h>
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
    if (st == ADJ_OK) {
        for (;;) {
            bool have;
            if ((st = adj_csv_next(&csv, &have, err)) != ADJ_OK || !have)
                break;
            AdjProviderRow r = {0};
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
                (st = iso(&csv, "effective_to", field(&csv, &cols, 3), true, &r.effective_to, err)))
                break;
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

AdjStatus adj_refdata_read_plans(const char *path, AdjPlanFn fn, void *ctx, AdjError *err)
{
    AdjCsv csv;
    AdjStatus st = adj_csv_open(&csv, path, err);
    Cols cols = {{"plan_id", "name", "bh_administrator", "coinsurance_pct", "copay"}, {0}, 5};
    if (st == ADJ_OK)
        st = header(&csv, &cols, err);
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
            st = fn(ctx, &r, path, csv.line, err);
            if (st != ADJ_OK)
                break;
        }
    }
    adj_csv_close(&csv);
    return st;
}
