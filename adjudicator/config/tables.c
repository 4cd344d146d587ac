/* The CMS tables a ruleset names (NCCI PTP, add-on codes, MUE, place of
 * service, ICD-10-CM chapter F): each a CSV beside the ruleset (relative to
 * its file) whose SHA-256 the ruleset pins, so the ruleset's own hash
 * identifies every value a decision used, and two quarters of a table can
 * sit side by side under two rulesets. Errors name the file and line. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config/ruleset_int.h"
#include "core/arena.h"
#include "crypto/crypto.h"
#include "refdata/csv.h"

/* Resolve, hash-check and open the group's table; its header must have
 * the named columns, whose indexes go to cols. */
static AdjStatus open_table(RsCtx *c, const config_setting_t *grp, const char *what,
                            const char *const *names, int *cols, int ncols, AdjCsv *csv,
                            const char *const *extra_keys)
{
    if (config_setting_type(grp) != CONFIG_TYPE_GROUP)
        return rs_fail_at(c, grp, "'%s' must be a group { table = ...; sha256 = ...; }", what);
    for (int i = 0; i < config_setting_length(grp); i++) {
        const char *k = config_setting_name(config_setting_get_elem(grp, (unsigned)i));
        bool known = strcmp(k, "table") == 0 || strcmp(k, "sha256") == 0;
        for (const char *const *e = extra_keys; e != NULL && *e != NULL && !known; e++)
            known = strcmp(k, *e) == 0;
        if (!known)
            return rs_fail_at(c, config_setting_get_elem(grp, (unsigned)i),
                              "unknown key '%s' in %s", k, what);
    }
    config_setting_t *t = config_setting_get_member(grp, "table");
    config_setting_t *h = config_setting_get_member(grp, "sha256");
    if (t == NULL || h == NULL || config_setting_type(t) != CONFIG_TYPE_STRING ||
        config_setting_type(h) != CONFIG_TYPE_STRING)
        return rs_fail_at(c, grp, "%s needs table and sha256 strings", what);
    const char *table = config_setting_get_string(t), *want = config_setting_get_string(h);
    char file[1200];
    const char *slash = strrchr(c->path, '/');
    if (table[0] == '/' || slash == NULL)
        snprintf(file, sizeof(file), "%s", table);
    else
        snprintf(file, sizeof(file), "%.*s/%s", (int)(slash - c->path), c->path, table);
    char got[ADJ_SHA256_HEX];
    AdjError herr = {0};
    if (adj_sha256_file(file, got, &herr) != ADJ_OK)
        return rs_fail_at(c, t, "cannot read %s table %.300s", what, file);
    if (strcmp(got, want) != 0)
        return rs_fail_at(c, h, "%s table %.200s has SHA-256 %s, the ruleset pins %s", what, file,
                          got, want);
    AdjRuleset *rs = c->rs;
    if (rs->ntables < ADJ_RS_TABLES) {
        snprintf(rs->tables[rs->ntables].name, sizeof(rs->tables[0].name), "%s", what);
        snprintf(rs->tables[rs->ntables].file, sizeof(rs->tables[0].file), "%s", table);
        snprintf(rs->tables[rs->ntables].sha256, sizeof(rs->tables[0].sha256), "%s", got);
        rs->ntables++;
    }
    if (adj_csv_open(csv, file, c->err) != ADJ_OK)
        return ADJ_ERR_INPUT;
    bool have = false;
    if (adj_csv_next(csv, &have, c->err) != ADJ_OK || !have) {
        adj_csv_close(csv);
        return have ? ADJ_ERR_INPUT : ADJ_FAIL(c->err, ADJ_ERR_INPUT, "%.300s: empty table", file);
    }
    for (int i = 0; i < ncols; i++) {
        cols[i] = adj_csv_column(csv, names[i]);
        if (cols[i] < 0) {
            adj_csv_close(csv);
            return ADJ_FAIL(c->err, ADJ_ERR_INPUT, "%.300s:1: no column '%s'", file, names[i]);
        }
    }
    return ADJ_OK;
}

static AdjStatus row_error(RsCtx *c, const AdjCsv *csv, const char *what)
{
    return ADJ_FAIL(c->err, ADJ_ERR_INPUT, "%.300s:%d: malformed %s row", csv->path, csv->line,
                    what);
}

/* Next row with at least `need` fields; *have false at the end. */
static AdjStatus next_row(RsCtx *c, AdjCsv *csv, int need, bool *have, const char *what)
{
    if (adj_csv_next(csv, have, c->err) != ADJ_OK)
        return ADJ_ERR_INPUT;
    if (*have && csv->nfields < need)
        return row_error(c, csv, what);
    return ADJ_OK;
}

static int max_col(const int *cols, int n)
{
    int m = 0;
    for (int i = 0; i < n; i++)
        m = cols[i] > m ? cols[i] : m;
    return m + 1;
}

AdjStatus rs_load_ncci_table(RsCtx *c, const config_setting_t *grp)
{
    static const char *const names[] = {"column_1", "column_2", "deletion_date",
                                        "modifier_indicator"};
    static const char *const extra[] = {"bypass_modifiers", NULL};
    int cols[4];
    AdjCsv csv;
    if (open_table(c, grp, "ncci", names, cols, 4, &csv, extra) != ADJ_OK)
        return ADJ_ERR_INPUT;
    AdjRuleset *rs = c->rs;
    int cap = 0;
    AdjStatus st = ADJ_OK;
    bool have = true;
    while (st == ADJ_OK && (st = next_row(c, &csv, max_col(cols, 4), &have, "NCCI")) == ADJ_OK && have) {
        const char *f1 = csv.fields[cols[0]], *f2 = csv.fields[cols[1]], *f3 = csv.fields[cols[2]],
                   *f4 = csv.fields[cols[3]];
        AdjNcciPair p = {0};
        if (!rs_code_ok(f1) || !rs_code_ok(f2) || !adj_date_parse_iso(f3, strlen(f3), &p.deleted) ||
            (strcmp(f4, "0") != 0 && strcmp(f4, "1") != 0 && strcmp(f4, "9") != 0)) {
            st = row_error(c, &csv, "NCCI");
            break;
        }
        memcpy(p.col1, f1, 6);
        memcpy(p.col2, f2, 6);
        p.indicator = f4[0] - '0';
        if (rs->nncci == cap) {
            cap = cap ? cap * 2 : 1024;
            rs->ncci = adj_xrealloc(rs->ncci, (size_t)cap * sizeof(AdjNcciPair));
        }
        rs->ncci[rs->nncci++] = p;
    }
    adj_csv_close(&csv);
    return st;
}

AdjStatus rs_load_mue(RsCtx *c, const config_setting_t *grp)
{
    static const char *const names[] = {"hcpcs_code", "mue_units", "mue_mai"};
    static const char *const extra[] = {"default_units", NULL};
    int cols[3];
    AdjCsv csv;
    if (open_table(c, grp, "mue", names, cols, 3, &csv, extra) != ADJ_OK)
        return ADJ_ERR_INPUT;
    AdjRuleset *rs = c->rs;
    config_setting_t *d = config_setting_get_member(grp, "default_units");
    if (d == NULL || config_setting_type(d) != CONFIG_TYPE_INT ||
        config_setting_get_int(d) < 1 || config_setting_get_int(d) > 999) {
        adj_csv_close(&csv);
        return rs_fail_at(c, d != NULL ? d : grp,
                          "mue.default_units must be an integer 1..999 (units per day for codes "
                          "the table lacks)");
    }
    rs->mue_default = config_setting_get_int(d);
    /* rows are counted by newlines to size the index once */
    int rows = 1;
    for (size_t i = 0; i < csv.len; i++)
        rows += csv.data[i] == '\n';
    adj_ruleset_mue_init(rs, rows);
    AdjStatus st = ADJ_OK;
    bool have = true;
    while ((st = next_row(c, &csv, max_col(cols, 3), &have, "MUE")) == ADJ_OK && have) {
        const char *code = csv.fields[cols[0]], *u = csv.fields[cols[1]], *m = csv.fields[cols[2]];
        char *e1, *e2;
        long units = strtol(u, &e1, 10), mai = strtol(m, &e2, 10);
        if (!rs_code_ok(code) || *u == '\0' || *e1 != '\0' || units < 0 || units > 1000000 ||
            *m == '\0' || *e2 != '\0' || mai < 1 || mai > 3 ||
            !adj_ruleset_mue_put(rs, code, (int32_t)units, (int32_t)mai)) {
            st = row_error(c, &csv, "MUE (or a code twice)");
            break;
        }
    }
    adj_csv_close(&csv);
    return st;
}

AdjStatus rs_load_addons(RsCtx *c, const config_setting_t *grp)
{
    static const char *const names[] = {"primary_code", "add_on_code", "aoc_edit_type"};
    int cols[3];
    AdjCsv csv;
    if (open_table(c, grp, "addons", names, cols, 3, &csv, NULL) != ADJ_OK)
        return ADJ_ERR_INPUT;
    /* read all rows, then group them by add-on code */
    typedef struct Row {
        AdjRsCode primary, addon;
        int type;
    } Row;
    Row *rows = NULL;
    int n = 0, cap = 0;
    AdjStatus st = ADJ_OK;
    bool have = true;
    while ((st = next_row(c, &csv, max_col(cols, 3), &have, "add-on")) == ADJ_OK && have) {
        const char *p = csv.fields[cols[0]], *a = csv.fields[cols[1]], *t = csv.fields[cols[2]];
        if (!rs_code_ok(p) || !rs_code_ok(a) || strlen(t) != 1 || t[0] < '1' || t[0] > '3') {
            st = row_error(c, &csv, "add-on");
            break;
        }
        if (n == cap) {
            cap = cap ? cap * 2 : 256;
            rows = adj_xrealloc(rows, (size_t)cap * sizeof(Row));
        }
        memcpy(rows[n].primary, p, 6);
        memcpy(rows[n].addon, a, 6);
        rows[n].type = t[0] - '0';
        n++;
    }
    adj_csv_close(&csv);
    AdjRuleset *rs = c->rs;
    rs->addons = adj_xcalloc((size_t)(n ? n : 1), sizeof(AdjAddon));
    rs->addon_primaries = adj_xcalloc((size_t)(n ? n : 1), sizeof(uint64_t));
    bool *done = adj_xcalloc((size_t)(n ? n : 1), sizeof(bool));
    AdjCodeList *addl = &rs->codes[ADJ_CODES_ADDON], *priml = &rs->codes[ADJ_CODES_ADDON_PRIMARY];
    for (int i = 0; i < n && st == ADJ_OK; i++) {
        if (done[i])
            continue;
        AdjAddon *a = &rs->addons[rs->naddons++];
        memcpy(a->code, rows[i].addon, sizeof(a->code));
        a->type = rows[i].type;
        a->first = rs->naddon_primaries;
        if (addl->n < ADJ_RS_LIST_MAX)
            memcpy(addl->codes[addl->n++], a->code, sizeof(AdjRsCode));
        for (int j = i; j < n; j++) {
            if (done[j] || strcmp(rows[j].addon, a->code) != 0)
                continue;
            done[j] = true;
            rs->addon_primaries[rs->naddon_primaries++] = adj_ruleset_code_key(rows[j].primary);
            a->n++;
            bool listed = false;
            for (int k = 0; k < priml->n && !listed; k++)
                listed = strcmp(priml->codes[k], rows[j].primary) == 0;
            if (!listed && priml->n < ADJ_RS_LIST_MAX)
                memcpy(priml->codes[priml->n++], rows[j].primary, sizeof(AdjRsCode));
            else if (!listed)
                st = ADJ_FAIL(c->err, ADJ_ERR_INPUT, "%.300s: more than %d primary codes",
                              csv.path, ADJ_RS_LIST_MAX);
        }
    }
    free(done);
    free(rows);
    return st;
}

AdjStatus rs_load_pos(RsCtx *c, const config_setting_t *grp)
{
    static const char *const names[] = {"pos_code", "pos_type"};
    int cols[2];
    AdjCsv csv;
    if (open_table(c, grp, "pos", names, cols, 2, &csv, NULL) != ADJ_OK)
        return ADJ_ERR_INPUT;
    AdjStatus st = ADJ_OK;
    bool have = true;
    while ((st = next_row(c, &csv, max_col(cols, 2), &have, "place-of-service")) == ADJ_OK && have) {
        const char *p = csv.fields[cols[0]], *t = csv.fields[cols[1]];
        AdjPosType type = strcmp(t, "Facility") == 0       ? ADJ_POS_FACILITY
                          : strcmp(t, "Non-Facility") == 0 ? ADJ_POS_NON_FACILITY
                          : strcmp(t, "Unassigned") == 0   ? ADJ_POS_UNASSIGNED
                                                           : ADJ_POS_UNKNOWN;
        if (strlen(p) != 2 || !isdigit((unsigned char)p[0]) || !isdigit((unsigned char)p[1]) ||
            type == ADJ_POS_UNKNOWN) {
            st = row_error(c, &csv, "place-of-service");
            break;
        }
        c->rs->pos_type[(p[0] - '0') * 10 + (p[1] - '0')] = (uint8_t)type;
    }
    adj_csv_close(&csv);
    return st;
}

AdjStatus rs_load_diagnoses(RsCtx *c, const config_setting_t *grp)
{
    static const char *const names[] = {"icd_code", "valid"};
    int cols[2];
    AdjCsv csv;
    if (open_table(c, grp, "diagnoses", names, cols, 2, &csv, NULL) != ADJ_OK)
        return ADJ_ERR_INPUT;
    AdjRuleset *rs = c->rs;
    int rows = 1;
    for (size_t i = 0; i < csv.len; i++)
        rows += csv.data[i] == '\n';
    adj_ruleset_dx_init(rs, rows);
    AdjStatus st = ADJ_OK;
    bool have = true;
    while ((st = next_row(c, &csv, max_col(cols, 2), &have, "ICD-10-CM")) == ADJ_OK && have) {
        const char *code = csv.fields[cols[0]], *v = csv.fields[cols[1]];
        char bare[8];
        size_t k = 0;
        bool ok = (strcmp(v, "0") == 0 || strcmp(v, "1") == 0) && code[0] != '\0';
        for (const char *p = code; *p && ok; p++) {
            if (*p == '.')
                continue;
            ok = k < 7 && (isdigit((unsigned char)*p) || isupper((unsigned char)*p));
            if (ok)
                bare[k++] = *p;
        }
        bare[k] = '\0';
        if (!ok || !adj_ruleset_dx_put(rs, bare, v[0] - '0')) {
            st = row_error(c, &csv, "ICD-10-CM (or a code twice)");
            break;
        }
    }
    adj_csv_close(&csv);
    return st;
}
