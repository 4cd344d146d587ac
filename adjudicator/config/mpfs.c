/* The ruleset's `mpfs` group and its tables; see mpfs.h. */
#include "config/mpfs.h"

#include <ctype.h>
#include <libconfig.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "crypto/crypto.h"
#include "refdata/csv.h"
#include "refdata/refdata.h"

#define RVU_MAX 100000   /* hundredths: 1000.00 RVUs */
#define GPCI_MAX 10000   /* thousandths: 10.000 */

static AdjStatus fail_at(const char *path, const config_setting_t *s, AdjError *err,
                         const char *what)
{
    return ADJ_FAIL(err, ADJ_ERR_INPUT, "%.300s:%d: %s", path,
                    s ? (int)config_setting_source_line(s) : 0, what);
}

/* table = "..."; sha256 = "..."; -> the file's path, its hash checked */
static AdjStatus pinned(const char *path, const config_setting_t *grp, const char *name,
                        char *file, size_t size, AdjError *err)
{
    const config_setting_t *g = config_setting_get_member(grp, name);
    const char *table = NULL, *want = NULL;
    char msg[400];
    if (g == NULL || config_setting_type(g) != CONFIG_TYPE_GROUP ||
        !config_setting_lookup_string(g, "table", &table) ||
        !config_setting_lookup_string(g, "sha256", &want)) {
        snprintf(msg, sizeof(msg), "mpfs.%s needs table and sha256", name);
        return fail_at(path, g ? g : grp, err, msg);
    }
    const char *slash = strrchr(path, '/');
    if (table[0] == '/' || slash == NULL)
        snprintf(file, size, "%s", table);
    else
        snprintf(file, size, "%.*s/%s", (int)(slash - path), path, table);
    char got[ADJ_SHA256_HEX];
    AdjError herr = {0};
    if (adj_sha256_file(file, got, &herr) != ADJ_OK) {
        snprintf(msg, sizeof(msg), "cannot read MPFS table %.300s", file);
        return fail_at(path, g, err, msg);
    }
    if (strcmp(got, want) != 0) {
        snprintf(msg, sizeof(msg), "MPFS table %.200s has SHA-256 %s, the ruleset pins %.64s",
                 file, got, want);
        return fail_at(path, g, err, msg);
    }
    return ADJ_OK;
}

/* "1.017" into thousandths (scale 1000) or "0.79" into hundredths (100) */
static bool decimal(const char *s, int scale, int64_t max, int32_t *out)
{
    int64_t v;
    if (scale == 100) {
        if (!adj_money_parse(s, strlen(s), &v))
            return false;
    } else if (!adj_qty_parse(s, strlen(s), &v)) {
        return false;
    }
    if (v < 0 || v > max)
        return false;
    *out = (int32_t)v;
    return true;
}

static int cmp_rvu(const void *a, const void *b)
{
    const AdjRvu *x = a, *y = b;
    int c = strcmp(x->code, y->code);
    return c != 0 ? c : strcmp(x->mod, y->mod);
}

static int cmp_gpci(const void *a, const void *b)
{
    return strcmp(((const AdjGpci *)a)->locality, ((const AdjGpci *)b)->locality);
}

static AdjStatus open_table(AdjCsv *csv, const char *file, const char *const *cols, int *idx,
                            int n, AdjError *err)
{
    AdjStatus st = adj_csv_open(csv, file, err);
    bool have = false;
    if (st == ADJ_OK)
        st = adj_csv_next(csv, &have, err);
    if (st == ADJ_OK && !have)
        st = ADJ_FAIL(err, ADJ_ERR_INPUT, "%.300s:1: empty table", file);
    for (int i = 0; st == ADJ_OK && i < n; i++)
        if ((idx[i] = adj_csv_column(csv, cols[i])) < 0)
            st = ADJ_FAIL(err, ADJ_ERR_INPUT, "%.300s:1: header lacks column '%s'", file, cols[i]);
    return st;
}

static const char *col(const AdjCsv *csv, int i)
{
    return i < csv->nfields ? csv->fields[i] : "";
}

static AdjStatus load_rvu(AdjMpfs *m, const char *file, AdjError *err)
{
    static const char *const cols[] = {"hcpcs_code", "mod", "status", "rvu_work",
                                       "rvu_non_pe", "rvu_fac_pe", "rvu_mp"};
    int idx[7];
    AdjCsv csv;
    AdjStatus st = open_table(&csv, file, cols, idx, 7, err);
    int cap = 0;
    while (st == ADJ_OK) {
        bool have;
        if ((st = adj_csv_next(&csv, &have, err)) != ADJ_OK || !have)
            break;
        AdjRvu r = {0};
        const char *code = col(&csv, idx[0]), *mod = col(&csv, idx[1]),
                   *status = col(&csv, idx[2]);
        bool ok = strlen(code) == 5 && strlen(mod) <= 2 && strlen(status) == 1 &&
                  isupper((unsigned char)status[0]) &&
                  decimal(col(&csv, idx[3]), 100, RVU_MAX, &r.work) &&
                  decimal(col(&csv, idx[4]), 100, RVU_MAX, &r.pe_nonfac) &&
                  decimal(col(&csv, idx[5]), 100, RVU_MAX, &r.pe_fac) &&
                  decimal(col(&csv, idx[6]), 100, RVU_MAX, &r.mp);
        if (!ok) {
            st = ADJ_FAIL(err, ADJ_ERR_INPUT, "%.300s:%d: malformed RVU row", file, csv.line);
            break;
        }
        memcpy(r.code, code, 6);
        snprintf(r.mod, sizeof(r.mod), "%s", mod);
        r.status = status[0];
        if (m->nrvu == cap) {
            cap = cap ? cap * 2 : 4096;
            m->rvu = adj_xrealloc(m->rvu, (size_t)cap * sizeof(AdjRvu));
        }
        m->rvu[m->nrvu++] = r;
    }
    adj_csv_close(&csv);
    if (st == ADJ_OK)
        qsort(m->rvu, (size_t)m->nrvu, sizeof(AdjRvu), cmp_rvu);
    return st;
}

static AdjStatus load_gpci(AdjMpfs *m, const char *file, AdjError *err)
{
    static const char *const cols[] = {"mac", "locality", "gpci_work", "gpci_pe", "gpci_mp"};
    int idx[5];
    AdjCsv csv;
    AdjStatus st = open_table(&csv, file, cols, idx, 5, err);
    int cap = 0;
    while (st == ADJ_OK) {
        bool have;
        if ((st = adj_csv_next(&csv, &have, err)) != ADJ_OK || !have)
            break;
        AdjGpci g = {0};
        const char *mac = col(&csv, idx[0]), *loc = col(&csv, idx[1]);
        char key[32];
        snprintf(key, sizeof(key), "%s-%s", mac, loc);
        bool ok = strlen(mac) == 5 && strlen(loc) == 2 && adj_refdata_locality_valid(key) &&
                  decimal(col(&csv, idx[2]), 1000, GPCI_MAX, &g.work) &&
                  decimal(col(&csv, idx[3]), 1000, GPCI_MAX, &g.pe) &&
                  decimal(col(&csv, idx[4]), 1000, GPCI_MAX, &g.mp);
        if (!ok) {
            st = ADJ_FAIL(err, ADJ_ERR_INPUT, "%.300s:%d: malformed GPCI row", file, csv.line);
            break;
        }
        memcpy(g.locality, key, 9);
        if (m->ngpci == cap) {
            cap = cap ? cap * 2 : 128;
            m->gpci = adj_xrealloc(m->gpci, (size_t)cap * sizeof(AdjGpci));
        }
        m->gpci[m->ngpci++] = g;
    }
    adj_csv_close(&csv);
    if (st == ADJ_OK)
        qsort(m->gpci, (size_t)m->ngpci, sizeof(AdjGpci), cmp_gpci);
    return st;
}

static AdjStatus load_pos(AdjMpfs *m, const char *file, AdjError *err)
{
    static const char *const cols[] = {"pos_code", "pos_type"};
    int idx[2];
    AdjCsv csv;
    memset(m->pos, -1, sizeof(m->pos));
    AdjStatus st = open_table(&csv, file, cols, idx, 2, err);
    while (st == ADJ_OK) {
        bool have;
        if ((st = adj_csv_next(&csv, &have, err)) != ADJ_OK || !have)
            break;
        const char *code = col(&csv, idx[0]), *type = col(&csv, idx[1]);
        if (strlen(code) != 2 || !isdigit((unsigned char)code[0]) ||
            !isdigit((unsigned char)code[1])) {
            st = ADJ_FAIL(err, ADJ_ERR_INPUT, "%.300s:%d: malformed place of service", file,
                          csv.line);
            break;
        }
        int p = (code[0] - '0') * 10 + (code[1] - '0');
        m->pos[p] = strcmp(type, "Facility") == 0 ? 1 : strcmp(type, "Non-Facility") == 0 ? 0 : -1;
    }
    adj_csv_close(&csv);
    return st;
}

AdjStatus adj_config_mpfs_load(const char *path, const void *grp_, AdjMpfs **out, AdjError *err)
{
    const config_setting_t *grp = grp_;
    *out = NULL;
    if (config_setting_type(grp) != CONFIG_TYPE_GROUP)
        return fail_at(path, grp, err, "mpfs must be a group");
    for (int i = 0; i < config_setting_length(grp); i++) {
        const char *n = config_setting_name(config_setting_get_elem(grp, (unsigned)i));
        if (strcmp(n, "year") && strcmp(n, "conversion_factor") && strcmp(n, "rvu") &&
            strcmp(n, "gpci") && strcmp(n, "pos"))
            return fail_at(path, config_setting_get_elem(grp, (unsigned)i), err,
                           "unknown key in mpfs (year, conversion_factor, rvu, gpci, pos)");
    }
    int year = 0;
    const char *cf = NULL;
    if (!config_setting_lookup_int(grp, "year", &year) || year < 1992 || year > 2100)
        return fail_at(path, grp, err, "mpfs.year must be the fee schedule's year");
    if (!config_setting_lookup_string(grp, "conversion_factor", &cf))
        return fail_at(path, grp, err, "mpfs.conversion_factor must be a string like \"33.2875\"");
    /* dollars with up to four decimals into ten-thousandths */
    int64_t whole = 0, frac = 0;
    int nfrac = 0;
    const char *p = cf;
    while (isdigit((unsigned char)*p) && whole < 100000)
        whole = whole * 10 + (*p++ - '0');
    if (*p == '.')
        for (p++; isdigit((unsigned char)*p) && nfrac < 4; nfrac++)
            frac = frac * 10 + (*p++ - '0');
    while (nfrac++ < 4)
        frac *= 10;
    if (*p != '\0' || p == cf || whole >= 1000)
        return fail_at(path, grp, err, "mpfs.conversion_factor must be dollars like \"33.2875\"");
    AdjMpfs *m = adj_xcalloc(1, sizeof(*m));
    m->year = year;
    m->cf = whole * 10000 + frac;
    char file[1200];
    AdjStatus st = pinned(path, grp, "rvu", file, sizeof(file), err);
    if (st == ADJ_OK)
        st = load_rvu(m, file, err);
    if (st == ADJ_OK)
        st = pinned(path, grp, "gpci", file, sizeof(file), err);
    if (st == ADJ_OK)
        st = load_gpci(m, file, err);
    if (st == ADJ_OK)
        st = pinned(path, grp, "pos", file, sizeof(file), err);
    if (st == ADJ_OK)
        st = load_pos(m, file, err);
    if (st != ADJ_OK) {
        adj_mpfs_free(m);
        return st;
    }
    *out = m;
    return ADJ_OK;
}
