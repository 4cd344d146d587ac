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

/* Claim-level facts once per claim (k), then one row per decision line. */
const char store_show_sql[] =
    "WITH k AS (SELECT c.claim_pk, c.pcn, c.billing_npi, c.claim_id, c.received_at, c.freq,"
    "  c.original_ref, c.member_id, c.patient_first, c.patient_is_dependent,"
    "  CASE WHEN c.patient_is_dependent THEN c.patient_birth ELSE c.subscriber_birth END AS birth,"
    "  c.total_charge_cents, c.rendering_npi,"
    "  (SELECT p.name || ' (' || p.plan_id || ')' FROM member m JOIN plan p USING (plan_id)"
    "    WHERE m.member_id = adj_text(c.member_id) AND m.effective_from <= fd.dos"
    "      AND (m.effective_to IS NULL OR m.effective_to >= fd.dos)"
    "    ORDER BY m.effective_from DESC LIMIT 1) AS plan,"
    "  (SELECT p.name FROM provider p WHERE p.npi = CAST(adj_text(c.billing_npi) AS char(10)))"
    "    AS bill_name,"
    "  (SELECT p.name FROM provider p WHERE c.rendering_npi <> ''::bytea"
    "    AND p.npi = CAST(adj_text(c.rendering_npi) AS char(10))) AS rend_name,"
    /* the original a replacement (7) or void (8) names, by CLM01 or pcn */
    "  (SELECT 'claim ' || adj_text(o.claim_id) || ' (pcn ' || o.pcn || ')' FROM claim o"
    "    WHERE c.freq IN ('\\x37'::bytea, '\\x38'::bytea) AND o.billing_npi = c.billing_npi"
    "      AND o.claim_pk < c.claim_pk"
    "      AND (o.claim_id = c.original_ref OR convert_to(o.pcn, 'UTF8') = c.original_ref)"
    "    ORDER BY o.claim_pk DESC LIMIT 1) AS orig,"
    /* later replacements and voids of it: as decision_current.superseded_by */
    "  (SELECT string_agg(CASE WHEN s.freq = '\\x38'::bytea THEN 'voided by claim '"
    "     ELSE 'replaced by claim ' END || adj_text(s.claim_id) || ' (pcn ' || s.pcn || ')',"
    "     '; ' ORDER BY e.event_id) FROM history_event e JOIN claim s ON s.claim_pk = e.claim_pk"
    "    WHERE e.member_id = c.member_id AND e.kind = 'retract' AND e.claim_pk > c.claim_pk"
    "      AND e.billing_npi = c.billing_npi"
    "      AND e.claim_id IN (c.claim_id, convert_to(c.pcn, 'UTF8'))) AS superseded,"
    /* the segments before CLM, where the patient's full name is */
    "  (SELECT substring(t.raw FROM greatest(1, p.pos - 4000) FOR least(p.pos - 1, 4000))"
    "    FROM transaction_set t, LATERAL (SELECT position(c.raw IN t.raw) AS pos) p"
    "    WHERE t.set_id = c.set_id AND c.raw <> ''::bytea AND p.pos > 1) AS name_chunk"
    "  FROM claim c LEFT JOIN LATERAL (SELECT min(l.dos_from) AS dos FROM claim_line l"
    "    WHERE l.claim_pk = c.claim_pk) fd ON true"
    "  WHERE c.claim_pk = ANY ($1::bigint[]))"
    " SELECT k.claim_pk, k.pcn, k.billing_npi, k.claim_id,"
    " to_char(k.received_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS') || ' UTC',"
    " k.freq, k.original_ref, coalesce(q.state, 'not queued'),"
    " d.version, d.line_no, d.lx, d.code, d.dos, d.route, d.outcome, d.grp, d.carc,"
    " array_to_string(d.rarc, ' '), d.allowed_cents, d.paid_cents, d.patient_resp_cents,"
    " d.ruleset_id, d.ruleset_sha256, array_to_string(d.rules, ', '), d.matched_claim,"
    " d.reason, to_char(d.decided_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS') || ' UTC',"
    " d.decided_by, d.rerun_reason, d.hash,"
    " d.db_login, d.app_user, d.refdata_version,"
    " to_char(rl.loaded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS') || ' UTC',"
    " rl.db_login, rl.os_user, rl.app_user, rl.reason, rl.files,"
    " k.patient_first, k.birth, k.patient_is_dependent, k.member_id, k.plan, k.bill_name,"
    " k.rendering_npi, k.rend_name, k.total_charge_cents, l.charge_cents, l.units_milli,"
    " k.orig, k.superseded,"
    /* the matched claim's own control number: CLM01s repeat across providers */
    " (SELECT m.pcn FROM claim m WHERE d.matched_claim IS NOT NULL"
    "   AND (m.claim_id = d.matched_claim OR convert_to(m.pcn, 'UTF8') = d.matched_claim)"
    "   AND m.member_id = k.member_id AND m.claim_pk <> k.claim_pk"
    "   ORDER BY (m.claim_pk < k.claim_pk) DESC, m.claim_pk DESC LIMIT 1),"
    " (SELECT t.text FROM reason_code t WHERE t.kind = 'CARC' AND t.code = d.carc),"
    " (SELECT string_agg(u.r || ': ' || coalesce(t.text, '(no text on file)'), E'\\n' ORDER BY u.o)"
    "   FROM unnest(d.rarc) WITH ORDINALITY u(r, o)"
    "   LEFT JOIN reason_code t ON t.kind = 'RARC' AND t.code = u.r),"
    " k.name_chunk"
    " FROM k LEFT JOIN decision d USING (claim_pk)"
    " LEFT JOIN intake_queue q USING (claim_pk)"
    " LEFT JOIN claim_line l ON l.claim_pk = k.claim_pk AND l.line_no = d.line_no"
    " LEFT JOIN refdata_load rl ON rl.version = d.refdata_version"
    " ORDER BY k.claim_pk, d.version DESC, d.line_no";

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

bool store_show_name(PGresult *res, int r, char *out, size_t size)
{
    size_t len = 0;
    unsigned char *chunk = store_bytea(res, r, C_NAME_CHUNK, &len);
    bool ok = chunk != NULL &&
              adj_x12_patient_name((const char *)chunk, len,
                                   strcmp(val(res, r, C_DEPENDENT), "t") == 0, out, size);
    PQfreemem(chunk);
    return ok;
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
    fputs("  patient ", out);
    char name[160];
    if (store_show_name(res, r, name, sizeof(name)))
        put_raw(out, (const unsigned char *)name, strlen(name));
    else
        put_bytes(out, res, r, C_PAT_FIRST);
    fprintf(out, " (%s), born %s, member ID ",
            strcmp(val(res, r, C_DEPENDENT), "t") == 0 ? "dependent" : "subscriber",
            PQgetisnull(res, r, C_PAT_BIRTH) ? "unknown" : val(res, r, C_PAT_BIRTH));
    put_bytes(out, res, r, C_MEMBER);
    fprintf(out, "\n  plan %s\n",
            PQgetisnull(res, r, C_PLAN) ? "none on file for the date of service" : val(res, r, C_PLAN));
    fprintf(out, "  billing provider %s",
            PQgetisnull(res, r, C_BILL_NAME) ? "(not in the provider file)" : val(res, r, C_BILL_NAME));
    size_t rlen = 0;
    unsigned char *rend = store_bytea(res, r, C_REND_NPI, &rlen);
    if (rend != NULL && rlen > 0) {
        fputs("; rendering provider ", out);
        put_raw(out, rend, rlen);
        fprintf(out, " %s", PQgetisnull(res, r, C_REND_NAME) ? "(not in the provider file)"
                                                              : val(res, r, C_REND_NAME));
    }
    PQfreemem(rend);
    char buf[ADJ_MONEY_FMT_MAX];
    adj_money_format(strtoll(val(res, r, C_TOTAL), NULL, 10), buf, sizeof(buf));
    fprintf(out, "\n  total charge %s\n", buf);
    if (!PQgetisnull(res, r, C_ORIG)) {
        fputs("  replaces or voids ", out);
        put_text(out, val(res, r, C_ORIG));
        fputc('\n', out);
    }
    if (!PQgetisnull(res, r, C_SUPER)) {
        fputs("  ", out);
        put_text(out, val(res, r, C_SUPER));
        fputc('\n', out);
    }
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
    if (!PQgetisnull(res, r, C_LCHARGE)) {
        char buf[ADJ_MONEY_FMT_MAX];
        adj_money_format(strtoll(val(res, r, C_LCHARGE), NULL, 10), buf, sizeof(buf));
        long long milli = strtoll(val(res, r, C_LUNITS), NULL, 10);
        fprintf(out, "      charge %s, units %lld", buf, milli / 1000);
        if (milli % 1000)
            fprintf(out, ".%03lld", milli % 1000);
        fputc('\n', out);
    }
    if (!PQgetisnull(res, r, C_CARC))
        fprintf(out, "      CARC %s: %s\n", val(res, r, C_CARC),
                PQgetisnull(res, r, C_CARC_TEXT) ? "(no text on file)" : val(res, r, C_CARC_TEXT));
    if (!PQgetisnull(res, r, C_RARC_TEXT)) {
        /* one RARC per line */
        const char *s = val(res, r, C_RARC_TEXT);
        while (*s) {
            const char *nl = strchr(s, '\n');
            int len = nl ? (int)(nl - s) : (int)strlen(s);
            fprintf(out, "      RARC %.*s\n", len, s);
            s += len + (nl != NULL);
        }
    }
    if (!PQgetisnull(res, r, C_RULESET))
        fprintf(out, "      ruleset %s (sha256 %s)\n", val(res, r, C_RULESET),
                val(res, r, C_RULESET_SHA));
    fprintf(out, "      rules: %s\n", val(res, r, C_RULES));
    if (!PQgetisnull(res, r, C_MATCHED)) {
        fputs("      matched claim: ", out);
        put_bytes(out, res, r, C_MATCHED);
        if (!PQgetisnull(res, r, C_MATCHED_PCN))
            fprintf(out, " (payer claim control number %s)", val(res, r, C_MATCHED_PCN));
        fputc('\n', out);
    }
    fputs("      reason: ", out);
    put_bytes(out, res, r, C_REASON);
    fprintf(out, "\n      hash %s\n", val(res, r, C_HASH));
}

AdjStatus store_show_query(AdjStore *store, const int64_t *claim_pks, size_t n, PGresult **out,
                           AdjError *err)
{
    char *arr = store_int64_array(claim_pks, n);
    const char *params[1] = {arr};
    AdjStatus st = store_query(store, "show", store_show_sql, 1, params, out, err);
    free(arr);
    return st;
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

AdjStatus adj_store_show(AdjStore *store, const int64_t *claim_pks, size_t n, FILE *out,
                         int *claims, AdjError *err)
{
    PGresult *res = NULL;
    AdjStatus st = store_show_query(store, claim_pks, n, &res, err);
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
