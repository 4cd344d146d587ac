/* `show --format json`: the rows of store_show_sql as one JSON object, a
 * claim per element with its decision versions newest first, each with its
 * lines and trace. Amounts are decimal strings as in `check`; absent values
 * are null. Reads only. */
#include "store/store_int.h"

#include <stdio.h>
#include <stdlib.h>

#include "core/json.h"
#include "core/money.h"

static void jbytes(FILE *out, PGresult *res, int r, int col)
{
    if (PQgetisnull(res, r, col)) {
        fputs("null", out);
        return;
    }
    size_t len = 0;
    unsigned char *b = store_bytea(res, r, col, &len);
    adj_json_string(out, b ? (const char *)b : "", b ? len : 0);
    PQfreemem(b);
}

static void jtext(FILE *out, PGresult *res, int r, int col)
{
    adj_json_cstr(out, PQgetisnull(res, r, col) ? NULL : PQgetvalue(res, r, col));
}

static void jmoney(FILE *out, PGresult *res, int r, int col)
{
    if (PQgetisnull(res, r, col)) {
        fputs("null", out);
        return;
    }
    char buf[ADJ_MONEY_FMT_MAX];
    adj_money_format(strtoll(PQgetvalue(res, r, col), NULL, 10), buf, sizeof(buf));
    adj_json_cstr(out, buf);
}

/* a list stored joined by sep, as a JSON array */
static void jlist(FILE *out, const char *s, const char *sep)
{
    fputc('[', out);
    size_t seplen = strlen(sep);
    for (bool first = true; *s; first = false) {
        const char *end = strstr(s, sep);
        size_t len = end ? (size_t)(end - s) : strlen(s);
        if (!first)
            fputc(',', out);
        adj_json_string(out, s, len);
        s += len;
        if (end)
            s += seplen;
    }
    fputc(']', out);
}

static void claim_head(FILE *out, PGresult *res, int r)
{
    fprintf(out, "{\"claim_pk\":%s,\"pcn\":", PQgetvalue(res, r, C_PK));
    jtext(out, res, r, C_PCN);
    fputs(",\"claim_id\":", out);
    jbytes(out, res, r, C_CLM);
    fputs(",\"billing_npi\":", out);
    jbytes(out, res, r, C_NPI);
    fputs(",\"received\":", out);
    jtext(out, res, r, C_RECEIVED);
    fputs(",\"frequency\":", out);
    jbytes(out, res, r, C_FREQ);
    fputs(",\"original_ref\":", out);
    jbytes(out, res, r, C_REF);
    fputs(",\"queue\":", out);
    jtext(out, res, r, C_QUEUE);
    fputs(",\"patient\":{\"name\":", out);
    char name[160];
    if (store_show_name(res, r, name, sizeof(name)))
        adj_json_string(out, name, strlen(name));
    else
        fputs("null", out);
    fputs(",\"first_name\":", out);
    jbytes(out, res, r, C_PAT_FIRST);
    fputs(",\"birth_date\":", out);
    jtext(out, res, r, C_PAT_BIRTH);
    fprintf(out, ",\"dependent\":%s,\"member_id\":",
            strcmp(PQgetvalue(res, r, C_DEPENDENT), "t") == 0 ? "true" : "false");
    jbytes(out, res, r, C_MEMBER);
    fputs("},\"plan\":", out);
    jtext(out, res, r, C_PLAN);
    fputs(",\"billing_provider\":", out);
    jtext(out, res, r, C_BILL_NAME);
    fputs(",\"rendering_npi\":", out);
    jbytes(out, res, r, C_REND_NPI);
    fputs(",\"rendering_provider\":", out);
    jtext(out, res, r, C_REND_NAME);
    fputs(",\"total_charge\":", out);
    jmoney(out, res, r, C_TOTAL);
    fputs(",\"replaces\":", out);
    jtext(out, res, r, C_ORIG);
    fputs(",\"superseded_by\":", out);
    jtext(out, res, r, C_SUPER);
    fputs(",\"versions\":[", out);
}

static void version_head(FILE *out, PGresult *res, int r)
{
    fprintf(out, "{\"version\":%s,\"decided_at\":", PQgetvalue(res, r, C_VERSION));
    jtext(out, res, r, C_AT);
    fputs(",\"decided_by\":", out);
    jtext(out, res, r, C_BY);
    fputs(",\"rerun_reason\":", out);
    jtext(out, res, r, C_WHY);
    fputs(",\"db_login\":", out);
    jtext(out, res, r, C_DB_LOGIN);
    fputs(",\"user\":", out);
    jtext(out, res, r, C_APP_USER);
    fprintf(out, ",\"refdata\":{\"version\":%s,\"loaded_at\":",
            PQgetisnull(res, r, C_REF_VERSION) ? "null" : PQgetvalue(res, r, C_REF_VERSION));
    jtext(out, res, r, C_REF_AT);
    fputs(",\"db_login\":", out);
    jtext(out, res, r, C_REF_LOGIN);
    fputs(",\"os_user\":", out);
    jtext(out, res, r, C_REF_OS);
    fputs(",\"user\":", out);
    jtext(out, res, r, C_REF_USER);
    fputs(",\"reason\":", out);
    jtext(out, res, r, C_REF_REASON);
    fputs(",\"files\":", out);
    jtext(out, res, r, C_REF_FILES);
    fputc('}', out);
    fputs(",\"lines\":[", out);
}

static void line(FILE *out, PGresult *res, int r)
{
    fprintf(out, "{\"line\":%s,\"lx\":%s,\"code\":", PQgetvalue(res, r, C_LINE),
            PQgetvalue(res, r, C_LX));
    jbytes(out, res, r, C_CODE);
    fputs(",\"dos\":", out);
    jtext(out, res, r, C_DOS);
    fputs(",\"route\":", out);
    jtext(out, res, r, C_ROUTE);
    fputs(",\"outcome\":", out);
    jtext(out, res, r, C_OUTCOME);
    fputs(",\"group\":", out);
    jtext(out, res, r, C_GRP);
    fputs(",\"carc\":", out);
    jtext(out, res, r, C_CARC);
    fputs(",\"carc_text\":", out);
    jtext(out, res, r, C_CARC_TEXT);
    fputs(",\"rarc\":", out);
    jlist(out, PQgetvalue(res, r, C_RARC), " ");
    fputs(",\"rarc_text\":", out);
    jlist(out, PQgetvalue(res, r, C_RARC_TEXT), "\n");
    fputs(",\"charge\":", out);
    jmoney(out, res, r, C_LCHARGE);
    fputs(",\"allowed\":", out);
    jmoney(out, res, r, C_ALLOWED);
    fputs(",\"paid\":", out);
    jmoney(out, res, r, C_PAID);
    fputs(",\"patient_resp\":", out);
    jmoney(out, res, r, C_RESP);
    fputs(",\"ruleset_id\":", out);
    jtext(out, res, r, C_RULESET);
    fputs(",\"ruleset_sha256\":", out);
    jtext(out, res, r, C_RULESET_SHA);
    fputs(",\"rules\":", out);
    jlist(out, PQgetvalue(res, r, C_RULES), ", ");
    fputs(",\"matched_claim\":", out);
    jbytes(out, res, r, C_MATCHED);
    fputs(",\"matched_pcn\":", out);
    jtext(out, res, r, C_MATCHED_PCN);
    fputs(",\"reason\":", out);
    jbytes(out, res, r, C_REASON);
    fputs(",\"hash\":", out);
    jtext(out, res, r, C_HASH);
    fputc('}', out);
}

AdjStatus adj_store_show_json(AdjStore *store, const int64_t *claim_pks, size_t n, FILE *out,
                              int *claims, AdjError *err)
{
    PGresult *res = NULL;
    AdjStatus st = store_show_query(store, claim_pks, n, &res, err);
    if (st != ADJ_OK)
        return st;
    *claims = 0;
    fputs("{\"claims\":[", out);
    const char *cur_pk = NULL, *cur_version = NULL;
    for (int r = 0; r < PQntuples(res); r++) {
        const char *pk = PQgetvalue(res, r, C_PK);
        if (cur_pk == NULL || strcmp(pk, cur_pk) != 0) {
            if (cur_pk != NULL)
                fputs(cur_version ? "]}]},\n" : "]},\n", out);
            claim_head(out, res, r);
            cur_pk = pk;
            cur_version = NULL;
            (*claims)++;
        }
        if (PQgetisnull(res, r, C_VERSION))
            continue;
        const char *version = PQgetvalue(res, r, C_VERSION);
        if (cur_version == NULL || strcmp(version, cur_version) != 0) {
            if (cur_version != NULL)
                fputs("]},", out);
            version_head(out, res, r);
            cur_version = version;
        } else {
            fputc(',', out);
        }
        line(out, res, r);
    }
    if (cur_pk != NULL)
        fputs(cur_version ? "]}]}" : "]}", out);
    fputs("]", out);
    PQclear(res);
    return ADJ_OK;
}
