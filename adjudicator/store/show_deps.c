/* `show`: the decisions of other claims that relied on a claim's lines
 * (DESIGN.md 9 "Dependent decisions"; adj_dependents() in sql/061, its rule
 * values from the rulesets in force), so that
 * voiding, replacing or re-running a base to a denial never leaves them
 * unexamined. Reads only. */
#include "store/rerun.h"

#include <stdio.h>
#include <stdlib.h>

#include "core/json.h"
#include "store/store_int.h"

static const char deps_sql[] =
    "SELECT b.pcn, c.pcn, c.claim_id, c.billing_npi, x.line_no, d.code, d.outcome,"
    " coalesce(d.grp || '-' || d.carc, ''), x.why, b.claim_id"
    " FROM adj_dependents($1::bytea, $2::bytea, $3::bytea[], $4::bytea[], $5::text[]) x"
    " JOIN claim b ON b.claim_pk = x.base_claim_pk JOIN claim c ON c.claim_pk = x.claim_pk"
    " JOIN LATERAL (SELECT * FROM decision d WHERE d.claim_pk = x.claim_pk"
    "   AND d.line_no = x.line_no ORDER BY d.version DESC LIMIT 1) d ON true"
    " ORDER BY x.base_claim_pk, x.claim_pk, x.line_no";

static void put(FILE *out, PGresult *res, int r, int col, bool json)
{
    size_t len = 0;
    unsigned char *b = store_bytea(res, r, col, &len);
    if (json)
        adj_json_string(out, b ? (const char *)b : "", b ? len : 0);
    else if (b != NULL)
        fwrite(b, 1, len, out);
    PQfreemem(b);
}

AdjStatus adj_store_show_dependents(AdjStore *store, const AdjRulesetSet *rules,
                                    const char *claim_id, const char *npi, bool json,
                                    FILE *out, int *count, AdjError *err)
{
    char *deps[3];
    store_dep_arrays(rules, deps);
    const char *params[5] = {claim_id, npi, deps[0], deps[1], deps[2]};
    int lens[5] = {(int)strlen(claim_id), npi ? (int)strlen(npi) : 0, 0, 0, 0};
    int fmts[5] = {1, 1, 0, 0, 0};
    PGresult *res = PQexecParams(store->conn, deps_sql, 5, NULL, params, lens, fmts, 0);
    for (int i = 0; i < 3; i++)
        free(deps[i]);
    if (PQresultStatus(res) != PGRES_TUPLES_OK) {
        AdjStatus st = store_result_error(store, res, "dependent decisions", err);
        PQclear(res);
        return st;
    }
    int before = *count;
    int rows = PQntuples(res);
    *count += rows;
    if (!json && rows > 0 && before == 0)
        fputs("\ndecisions of other claims that relied on these lines (re-run them with\n"
              "'adjudicator rerun --where depends-on=CLAIM_ID --reason ... --user ...'):\n",
              out);
    for (int r = 0; r < rows; r++) {
        if (json) {
            fprintf(out, "%s{\"base_pcn\":", before + r ? "," : "");
            adj_json_cstr(out, PQgetvalue(res, r, 0));
            fputs(",\"pcn\":", out);
            adj_json_cstr(out, PQgetvalue(res, r, 1));
            fputs(",\"claim_id\":", out);
            put(out, res, r, 2, true);
            fputs(",\"billing_npi\":", out);
            put(out, res, r, 3, true);
            fprintf(out, ",\"line\":%s,\"code\":", PQgetvalue(res, r, 4));
            put(out, res, r, 5, true);
            fputs(",\"outcome\":", out);
            adj_json_cstr(out, PQgetvalue(res, r, 6));
            fputs(",\"carc\":", out);
            adj_json_cstr(out, PQgetvalue(res, r, 7)[0] ? PQgetvalue(res, r, 7) : NULL);
            fputs(",\"why\":", out);
            adj_json_cstr(out, PQgetvalue(res, r, 8));
            fputc('}', out);
            continue;
        }
        fputs("  claim ", out);
        put(out, res, r, 2, false);
        fputs("  billing NPI ", out);
        put(out, res, r, 3, false);
        fprintf(out, "  pcn %s  line %s ", PQgetvalue(res, r, 1), PQgetvalue(res, r, 4));
        put(out, res, r, 5, false);
        fprintf(out, ": %s%s%s (%s: ", PQgetvalue(res, r, 6), PQgetvalue(res, r, 7)[0] ? " " : "",
                PQgetvalue(res, r, 7), PQgetvalue(res, r, 8));
        put(out, res, r, 9, false);
        fprintf(out, " pcn %s)\n", PQgetvalue(res, r, 0));
    }
    PQclear(res);
    return ADJ_OK;
}
