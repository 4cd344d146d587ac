/* The ruleset's `mpfs` group and its tables; see mpfs.h. */
#include "config/mpfs.h"

#include <ctype.h>
#include <libconfig.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "crypto/crypto.h"
#include "edits/ruleset.h"
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
    uint64_t x = ((const AdjRvu *)a)->key, y = ((const AdjRvu *)b)->key;
    return x < y ? -1 : x > y;
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

/* "12.34" (at most two decimals, at most max) into hundredths */
static bool hundredths(const char *p, const char *end, int64_t max, int32_t *out)
{
    int64_t v = 0;
    int frac = -1;
    if (p == end)
        return false;
    for (; p < end; p++) {
        if (*p == '.' && frac < 0) {
            frac = 0;
        } else if (*p >= '0' && *p <= '9' && frac < 2 && v <= max * 100) {
            v = v * 10 + (*p - '0');
            if (frac >= 0)
                frac++;
        } else {
            return false;
        }
    }
    for (frac = frac < 0 ? 0 : frac; frac < 2; frac++)
        v *= 10;
    if (v > max)
        return false;
    *out = (int32_t)v;
    return true;
}

/* The RVU table is large (18,000 rows) and unquoted: read with a plain
 * scanner, not the general CSV reader, so loading a ruleset stays cheap.
 * Columns: hcpcs_code, mod, status, rvu_work, rvu_non_pe, rvu_fac_pe,
 * rvu_mp first (the header is checked), the rest ignored. */
static AdjStatus load_rvu(AdjMpfs *m, const char *file, AdjError *err)
{
    FILE *f = fopen(file, "rb");
    if (f == NULL)
        return ADJ_FAIL(err, ADJ_ERR_IO, "%.300s: cannot open", file);
    size_t cap = 1 << 21, len = 0, r;
    char *buf = adj_xmalloc(cap);
    while ((r = fread(buf + len, 1, cap - len, f)) > 0)
        if ((len += r) == cap)
            buf = adj_xrealloc(buf, cap *= 2);
    fclose(f);
    static const char head[] = "hcpcs_code,mod,status,rvu_work,rvu_non_pe,rvu_fac_pe,rvu_mp,";
    AdjStatus st = ADJ_OK;
    if (len < sizeof(head) - 1 || memcmp(buf, head, sizeof(head) - 1) != 0)
        st = ADJ_FAIL(err, ADJ_ERR_INPUT,
                      "%.300s:1: header must begin %.*s", file, (int)sizeof(head) - 2, head);
    const char *p = buf, *end = buf + len;
    int lineno = 0, cap_rows = 0;
    while (st == ADJ_OK && p < end) {
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        if (eol == NULL)
            eol = end;
        const char *le = eol > p && eol[-1] == '\r' ? eol - 1 : eol;
        lineno++;
        if (lineno > 1 && le > p) {
            const char *fld[8];
            size_t flen[8];
            int nf = 0;
            for (const char *q = p; nf < 8 && q <= le;) {
                const char *c = memchr(q, ',', (size_t)(le - q));
                if (c == NULL)
                    c = le;
                fld[nf] = q;
                flen[nf++] = (size_t)(c - q);
                q = c + 1;
            }
            AdjRvu rv = {0};
            bool ok = nf >= 7 && flen[0] == 5 && flen[1] <= 2 && flen[2] == 1 &&
                      fld[2][0] >= 'A' && fld[2][0] <= 'Z' &&
                      hundredths(fld[3], fld[3] + flen[3], RVU_MAX, &rv.work) &&
                      hundredths(fld[4], fld[4] + flen[4], RVU_MAX, &rv.pe_nonfac) &&
                      hundredths(fld[5], fld[5] + flen[5], RVU_MAX, &rv.pe_fac) &&
                      hundredths(fld[6], fld[6] + flen[6], RVU_MAX, &rv.mp);
            for (size_t k = 0; ok && k < flen[0]; k++)
                ok = (fld[0][k] >= '0' && fld[0][k] <= '9') || (fld[0][k] >= 'A' && fld[0][k] <= 'Z');
            if (!ok) {
                st = ADJ_FAIL(err, ADJ_ERR_INPUT, "%.300s:%d: malformed RVU row", file, lineno);
                break;
            }
            memcpy(rv.code, fld[0], 5);
            memcpy(rv.mod, fld[1], flen[1]);
            rv.key = adj_mpfs_key(fld[0], 5, fld[1], flen[1]);
            rv.status = fld[2][0];
            if (m->nrvu == cap_rows) {
                cap_rows = cap_rows ? cap_rows * 2 : 4096;
                m->rvu = adj_xrealloc(m->rvu, (size_t)cap_rows * sizeof(AdjRvu));
            }
            m->rvu[m->nrvu++] = rv;
        }
        p = eol + 1;
    }
    free(buf);
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

/* One parsed schedule per distinct set of pinned tables, shared by the
 * rulesets that name it (every shipped ruleset names the same one) and
 * freed with the last of them: loading rulesets stays cheap. Files are
 * still hashed on every load. */
#define CACHE_MAX 8
static pthread_mutex_t cache_mu = PTHREAD_MUTEX_INITIALIZER;
static struct {
    char key[256];
    AdjMpfs *m;
    int refs;
} cache[CACHE_MAX];

static void cache_release(AdjMpfs *m)
{
    pthread_mutex_lock(&cache_mu);
    for (int i = 0; i < CACHE_MAX; i++) {
        if (cache[i].m == m && --cache[i].refs == 0) {
            cache[i].m = NULL;
            cache[i].key[0] = '\0';
            m->release = NULL;
            adj_mpfs_free(m);
        }
    }
    pthread_mutex_unlock(&cache_mu);
}

static AdjMpfs *cache_get(const char *key)
{
    AdjMpfs *m = NULL;
    pthread_mutex_lock(&cache_mu);
    for (int i = 0; i < CACHE_MAX && m == NULL; i++)
        if (cache[i].m != NULL && strcmp(cache[i].key, key) == 0) {
            cache[i].refs++;
            m = cache[i].m;
        }
    pthread_mutex_unlock(&cache_mu);
    return m;
}

/* Share m; when the cache is full it stays the caller's alone. */
static void cache_put(const char *key, AdjMpfs *m)
{
    pthread_mutex_lock(&cache_mu);
    for (int i = 0; i < CACHE_MAX; i++)
        if (cache[i].m == NULL) {
            snprintf(cache[i].key, sizeof(cache[i].key), "%s", key);
            cache[i].m = m;
            cache[i].refs = 1;
            m->release = cache_release;
            break;
        }
    pthread_mutex_unlock(&cache_mu);
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
    char rvu[1200], gpci[1200], pos[1200];
    AdjStatus st = pinned(path, grp, "rvu", rvu, sizeof(rvu), err);
    if (st == ADJ_OK)
        st = pinned(path, grp, "gpci", gpci, sizeof(gpci), err);
    if (st == ADJ_OK)
        st = pinned(path, grp, "pos", pos, sizeof(pos), err);
    if (st != ADJ_OK)
        return st;
    /* the key: year, factor and the three pinned hashes (checked above) */
    char key[256];
    const char *h[3] = {"", "", ""};
    static const char *const names[3] = {"rvu", "gpci", "pos"};
    for (int i = 0; i < 3; i++)
        config_setting_lookup_string(config_setting_get_member(grp, names[i]), "sha256", &h[i]);
    snprintf(key, sizeof(key), "%d %lld %.64s %.64s %.64s", year, (long long)(whole * 10000 + frac),
             h[0], h[1], h[2]);
    if ((*out = cache_get(key)) != NULL)
        return ADJ_OK;
    AdjMpfs *m = adj_xcalloc(1, sizeof(*m));
    m->year = year;
    m->cf = whole * 10000 + frac;
    st = load_rvu(m, rvu, err);
    if (st == ADJ_OK)
        st = load_gpci(m, gpci, err);
    if (st == ADJ_OK)
        st = load_pos(m, pos, err);
    if (st != ADJ_OK) {
        adj_mpfs_free(m);
        return st;
    }
    cache_put(key, m);
    *out = m;
    return ADJ_OK;
}

void adj_config_mpfs_note(const void *grp_, AdjRuleset *rs)
{
    const config_setting_t *grp = grp_;
    static const char *const names[3] = {"rvu", "gpci", "pos"};
    static const char *const labels[3] = {"mpfs-rvu", "mpfs-gpci", "mpfs-pos"};
    for (int i = 0; i < 3 && rs->ntables < ADJ_RS_TABLES; i++) {
        const char *table = "", *sha = "";
        const config_setting_t *g = config_setting_get_member(grp, names[i]);
        if (g == NULL || !config_setting_lookup_string(g, "table", &table) ||
            !config_setting_lookup_string(g, "sha256", &sha))
            continue;
        snprintf(rs->tables[rs->ntables].name, sizeof(rs->tables[0].name), "%s", labels[i]);
        snprintf(rs->tables[rs->ntables].file, sizeof(rs->tables[0].file), "%s", table);
        snprintf(rs->tables[rs->ntables].sha256, sizeof(rs->tables[0].sha256), "%s", sha);
        rs->ntables++;
    }
}
