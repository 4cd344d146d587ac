/* `show`: every decision version of a claim, newest first, with its trace,
 * who decided it and with which reference data, for people (JSON:
 * store/show_json.c). Claim fields are written byte for byte (they may
 * hold any byte but NUL), except that control bytes are escaped (\xNN)
 * when writing to a terminal. Reads only. */
#include "store/store_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "core/money.h"

const char store_show_sql[] =
    "SELECT c.claim_pk, c.pcn, c.billing_npi, c.claim_id,"
    " to_char(c.received_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS') || ' UTC',"
    " c.freq, c.original_ref, coalesce(q.state, 'not queued'),"
    " d.version, d.line_no, d.lx, d.code, d.dos, d.route, d.outcome, d.grp, d.carc,"
    " array_to_string(d.rarc, ' '), d.allowed_cents, d.paid_cents, d.patient_resp_cents,"
    " d.ruleset_id, d.ruleset_sha256, array_to_string(d.rules, ', '), d.matched_claim,"
    " d.reason, to_char(d.decided_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS') || ' UTC',"
    " d.decided_by, d.rerun_reason, d.hash,"
    " d.db_login, d.app_user, d.refdata_version,"
    " to_char(rl.loaded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS') || ' UTC',"
    " rl.db_login, rl.os_user, rl.app_user, rl.reason, rl.files"
    " FROM claim c LEFT JOIN decision d USING (claim_pk)"
    " LEFT JOIN intake_queue q USING (claim_pk)"
    " LEFT JOIN refdata_load rl ON rl.version = d.refdata_version"
    " WHERE c.claim_id = $1::bytea AND ($2::bytea IS NULL OR c.billing_npi = $2::bytea)"
    " ORDER BY c.claim_pk, d.version DESC, d.line_no";

/* writing to a terminal: control bytes would drive it (escape sequences) */
static bool to_tty;

static void put_raw(FILE *out, const unsigned char *b, size_t len)
{
    if (!to_tty) {
        fwrite(b, 1, len, out);
        return;
    }
    for (size_t i = 0; i < len; i++) {
        if (b[i] < 0x20 || b[i] == 0x7f)
            fprintf(out, "\\x%02x", b[i]);
        else
            fputc(b[i], out);
    }
}

static void put_bytes(FILE *out, PGresult *res, int row, int col)
{
    size_t len = 0;
    unsigned char *b = store_bytea(res, row, col, &len);
    if (b != NULL) {
        put_raw(out, b, len);
        PQfreemem(b);
    }
}

static void put_text(FILE *out, const char *s)
{
    put_raw(out, (const unsigned char *)s, strlen(s));
}

static void put_money(FILE *out, const char *label, PGresult *res, int row, int col)
{
    if (PQgetisnull(res, row, col))
        return;
    char buf[ADJ_MONEY_FMT_MAX];
    adj_money_format(strtoll(PQgetvalue(res, row, col), NULL, 10), buf, sizeof(buf));
    fprintf(out, "  %s %s", label, buf);
}

static const char *val(PGresult *res, int row, int col)
{
    return PQgetisnull(res, row, col) ? "" : PQgetvalue(res, row, col);
}

static void print_claim_head(FILE *out, PGresult *res, int r)
{
    fputs("claim ", out);
    put_bytes(out, res, r, C_CLM);
    fputs("  billing NPI ", out);
    put_bytes(out, res, r, C_NPI);
    fprintf(out, "  payer claim control number %s\n", val(res, r, C_PCN));
    fprintf(out, "  received %s, frequency ", val(res, r, C_RECEIVED));
    put_bytes(out, res, r, C_FREQ);
    size_t reflen = 0;
    unsigned char *ref = store_bytea(res, r, C_REF, &reflen);
    if (ref != NULL && reflen > 0) {
        fputs(", replaces/voids ", out);
        put_raw(out, ref, reflen);
    }
    PQfreemem(ref);
    fprintf(out, ", queue %s\n", val(res, r, C_QUEUE));
    if (PQgetisnull(res, r, C_VERSION))
        fputs("  no decision yet\n", out);
}

static void print_line(FILE *out, PGresult *res, int r)
{
    fprintf(out, "    line %s (LX %s) ", val(res, r, C_LINE), val(res, r, C_LX));
    put_bytes(out, res, r, C_CODE);
    fprintf(out, " %s %s: %s", PQgetisnull(res, r, C_DOS) ? "(no date)" : val(res, r, C_DOS),
            val(res, r, C_ROUTE), val(res, r, C_OUTCOME));
    if (!PQgetisnull(res, r, C_CARC))
        fprintf(out, " %s-%s", val(res, r, C_GRP), val(res, r, C_CARC));
    if (val(res, r, C_RARC)[0])
        fprintf(out, " %s", val(res, r, C_RARC));
    put_money(out, "allowed", res, r, C_ALLOWED);
    put_money(out, "paid", res, r, C_PAID);
    put_money(out, "patient", res, r, C_RESP);
    fputc('\n', out);
    if (!PQgetisnull(res, r, C_RULESET))
        fprintf(out, "      ruleset %s (sha256 %s)\n", val(res, r, C_RULESET),
                val(res, r, C_RULESET_SHA));
    fprintf(out, "      rules: %s\n", val(res, r, C_RULES));
    if (!PQgetisnull(res, r, C_MATCHED)) {
        fputs("      matched claim: ", out);
        put_bytes(out, res, r, C_MATCHED);
        fputc('\n', out);
    }
    fputs("      reason: ", out);
    put_bytes(out, res, r, C_REASON);
    fprintf(out, "\n      hash %s\n", val(res, r, C_HASH));
}

AdjStatus store_show_query(AdjStore *store, const char *claim_id, const char *npi,
                           PGresult **out, AdjError *err)
{
    const char *params[2] = {claim_id, npi};
    int lens[2] = {(int)strlen(claim_id), npi ? (int)strlen(npi) : 0};
    int fmts[2] = {1, 1};
    PGresult *res = PQexecParams(store->conn, store_show_sql, 2, NULL, params, lens, fmts, 0);
    if (PQresultStatus(res) != PGRES_TUPLES_OK) {
        AdjStatus st = store_result_error(store, res, "show", err);
        PQclear(res);
        return st;
    }
    *out = res;
    return ADJ_OK;
}

/* "  version 2, decided ... by LOGIN for user U (rerun: why)" and
 * "    with reference data version 7, loaded ... by ... because ..." */
static void print_who(FILE *out, PGresult *res, int r)
{
    fprintf(out, "  version %s, decided %s by ", val(res, r, C_VERSION), val(res, r, C_AT));
    put_text(out, val(res, r, C_BY));
    if (!PQgetisnull(res, r, C_DB_LOGIN) && strcmp(val(res, r, C_DB_LOGIN), val(res, r, C_BY)) != 0) {
        fputs(" (database login ", out);
        put_text(out, val(res, r, C_DB_LOGIN));
        fputc(')', out);
    }
    if (!PQgetisnull(res, r, C_APP_USER)) {
        fputs(" for user ", out);
        put_text(out, val(res, r, C_APP_USER));
    }
    if (!PQgetisnull(res, r, C_WHY)) {
        fputs(" (rerun: ", out);
        put_text(out, val(res, r, C_WHY));
        fputc(')', out);
    }
    fputc('\n', out);
    if (PQgetisnull(res, r, C_REF_VERSION))
        return;
    fprintf(out, "    with reference data version %s", val(res, r, C_REF_VERSION));
    if (!PQgetisnull(res, r, C_REF_AT)) {
        fprintf(out, ", loaded %s by ", val(res, r, C_REF_AT));
        put_text(out, val(res, r, C_REF_LOGIN));
        if (!PQgetisnull(res, r, C_REF_OS) || !PQgetisnull(res, r, C_REF_USER)) {
            fputs(" (", out);
            if (!PQgetisnull(res, r, C_REF_OS)) {
                fputs("OS user ", out);
                put_text(out, val(res, r, C_REF_OS));
            }
            if (!PQgetisnull(res, r, C_REF_USER)) {
                fputs(PQgetisnull(res, r, C_REF_OS) ? "user " : ", user ", out);
                put_text(out, val(res, r, C_REF_USER));
            }
            fputc(')', out);
        }
        if (!PQgetisnull(res, r, C_REF_REASON)) {
            fputs(" because: ", out);
            put_text(out, val(res, r, C_REF_REASON));
        }
        if (val(res, r, C_REF_FILES)[0]) {
            fputs("; files: ", out);
            put_text(out, val(res, r, C_REF_FILES));
        }
    }
    fputc('\n', out);
}

AdjStatus adj_store_show(AdjStore *store, const char *claim_id, const char *npi, FILE *out,
                         int *claims, AdjError *err)
{
    PGresult *res = NULL;
    AdjStatus st = store_show_query(store, claim_id, npi, &res, err);
    if (st != ADJ_OK)
        return st;
    *claims = 0;
    to_tty = isatty(fileno(out)) != 0;
    const char *cur_pk = NULL, *cur_version = NULL;
    for (int r = 0; r < PQntuples(res); r++) {
        const char *pk = PQgetvalue(res, r, C_PK);
        if (cur_pk == NULL || strcmp(pk, cur_pk) != 0) {
            if (cur_pk != NULL)
                fputc('\n', out);
            print_claim_head(out, res, r);
            cur_pk = pk;
            cur_version = NULL;
            (*claims)++;
        }
        if (PQgetisnull(res, r, C_VERSION))
            continue;
        const char *version = PQgetvalue(res, r, C_VERSION);
        if (cur_version == NULL || strcmp(version, cur_version) != 0) {
            print_who(out, res, r);
            cur_version = version;
        }
        print_line(out, res, r);
    }
    PQclear(res);
    return ADJ_OK;
}
