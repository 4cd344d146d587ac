/* The console's claim page as fields (store/show_view.h): `show`'s query
 * (store_show_sql) read into structs, the dependents of the claim's key and
 * what was sent back for it (acknowledgements, 835s); and the read
 * snapshot of `show` and the console. Reads only. */
#include "store/show_view.h"

#include <stdio.h>
#include <stdlib.h>

#include "core/money.h"
#include "store/store_int.h"

static const char *dup_val(AdjArena *a, PGresult *res, int r, int c)
{
    if (PQgetisnull(res, r, c))
        return "";
    return adj_arena_strndup(a, PQgetvalue(res, r, c), (size_t)PQgetlength(res, r, c));
}

/* a bytea column as a string (claim bytes hold no NUL) */
static const char *dup_bytes(AdjArena *a, PGresult *res, int r, int c)
{
    size_t len = 0;
    unsigned char *b = store_bytea(res, r, c, &len);
    const char *s = adj_arena_strndup(a, b ? (const char *)b : "", b ? len : 0);
    PQfreemem(b);
    return s;
}

static const char *dup_money(AdjArena *a, PGresult *res, int r, int c)
{
    if (PQgetisnull(res, r, c))
        return NULL;
    char buf[ADJ_MONEY_FMT_MAX];
    adj_money_format(store_int(res, r, c), buf, sizeof(buf));
    return adj_arena_strndup(a, buf, strlen(buf));
}

static void claim_head(AdjArena *a, PGresult *res, int r, AdjShowClaim *c)
{
    c->claim_pk = store_int(res, r, C_PK);
    c->pcn = dup_val(a, res, r, C_PCN);
    c->npi = dup_bytes(a, res, r, C_NPI);
    c->claim_id = dup_bytes(a, res, r, C_CLM);
    c->received = dup_val(a, res, r, C_RECEIVED);
    c->freq = dup_bytes(a, res, r, C_FREQ);
    c->original_ref = dup_bytes(a, res, r, C_REF);
    c->queue = dup_val(a, res, r, C_QUEUE);
    char name[160];
    c->patient = store_show_name(res, r, name, sizeof(name))
                     ? adj_arena_strndup(a, name, strlen(name))
                     : dup_bytes(a, res, r, C_PAT_FIRST);
    c->dependent = strcmp(dup_val(a, res, r, C_DEPENDENT), "t") == 0;
    c->birth = PQgetisnull(res, r, C_PAT_BIRTH) ? "unknown" : dup_val(a, res, r, C_PAT_BIRTH);
    c->member_id = dup_bytes(a, res, r, C_MEMBER);
    c->plan = PQgetisnull(res, r, C_PLAN) ? "none on file for the date of service"
                                          : dup_val(a, res, r, C_PLAN);
    c->bill_name = PQgetisnull(res, r, C_BILL_NAME) ? "(not in the provider file)"
                                                    : dup_val(a, res, r, C_BILL_NAME);
    c->rend_npi = dup_bytes(a, res, r, C_REND_NPI);
    c->rend_name = c->rend_npi[0] && PQgetisnull(res, r, C_REND_NAME)
                       ? "(not in the provider file)"
                       : dup_val(a, res, r, C_REND_NAME);
    c->total_charge = dup_money(a, res, r, C_TOTAL);
    if (c->total_charge == NULL)
        c->total_charge = "0.00";
    c->replaces = dup_val(a, res, r, C_ORIG);
    c->superseded_by = dup_val(a, res, r, C_SUPER);
}

static void refdata_of(AdjArena *a, PGresult *res, int r, AdjShowVersion *v)
{
    if (PQgetisnull(res, r, C_REF_VERSION)) {
        v->refdata = "";
        return;
    }
    char buf[1024];
    int n = snprintf(buf, sizeof(buf), "version %s", PQgetvalue(res, r, C_REF_VERSION));
    if (!PQgetisnull(res, r, C_REF_AT))
        n += snprintf(buf + n, sizeof(buf) - (size_t)n, ", loaded %s by %s%s%s%s%s%s%s",
                      PQgetvalue(res, r, C_REF_AT), PQgetvalue(res, r, C_REF_LOGIN),
                      PQgetisnull(res, r, C_REF_USER) ? "" : " for user ",
                      PQgetvalue(res, r, C_REF_USER),
                      PQgetisnull(res, r, C_REF_REASON) ? "" : " because: ",
                      PQgetvalue(res, r, C_REF_REASON),
                      PQgetvalue(res, r, C_REF_FILES)[0] ? "; files: " : "",
                      PQgetvalue(res, r, C_REF_FILES));
    (void)n;
    v->refdata = adj_arena_strndup(a, buf, strlen(buf));
}

static void line_of(AdjArena *a, PGresult *res, int r, AdjShowLine *l)
{
    l->line_no = (int)store_int(res, r, C_LINE);
    l->lx = (int)store_int(res, r, C_LX);
    l->code = dup_bytes(a, res, r, C_CODE);
    l->dos = dup_val(a, res, r, C_DOS);
    l->route = dup_val(a, res, r, C_ROUTE);
    l->outcome = dup_val(a, res, r, C_OUTCOME);
    l->grp = dup_val(a, res, r, C_GRP);
    l->carc = dup_val(a, res, r, C_CARC);
    l->carc_text = l->carc[0] && PQgetisnull(res, r, C_CARC_TEXT)
                       ? "(no text on file)"
                       : dup_val(a, res, r, C_CARC_TEXT);
    /* "CODE: text" lines, one per RARC in order */
    const char *t = PQgetvalue(res, r, C_RARC_TEXT);
    size_t n = 0;
    for (const char *s = t; *s; s++)
        n += *s == '\n';
    n += t[0] != '\0';
    const char **codes = adj_arena_alloc(a, (n ? n : 1) * sizeof(*codes));
    const char **texts = adj_arena_alloc(a, (n ? n : 1) * sizeof(*texts));
    l->nrarc = 0;
    for (const char *s = t; *s && l->nrarc < n;) {
        const char *nl = strchr(s, '\n');
        size_t len = nl ? (size_t)(nl - s) : strlen(s);
        const char *colon = memchr(s, ':', len);
        size_t clen = colon ? (size_t)(colon - s) : len;
        codes[l->nrarc] = adj_arena_strndup(a, s, clen);
        size_t skip = clen + 2 <= len ? clen + 2 : len; /* "CODE: " */
        texts[l->nrarc] = adj_arena_strndup(a, s + skip, len - skip);
        l->nrarc++;
        s += len + (nl != NULL);
    }
    l->rarc = codes;
    l->rarc_text = texts;
    l->charge = dup_money(a, res, r, C_LCHARGE);
    if (!PQgetisnull(res, r, C_LUNITS)) {
        long long milli = store_int(res, r, C_LUNITS);
        char u[48];
        if (milli % 1000)
            snprintf(u, sizeof(u), "%lld.%03lld", milli / 1000, milli % 1000);
        else
            snprintf(u, sizeof(u), "%lld", milli / 1000);
        l->units = adj_arena_strndup(a, u, strlen(u));
    } else {
        l->units = "";
    }
    l->allowed = dup_money(a, res, r, C_ALLOWED);
    l->paid = dup_money(a, res, r, C_PAID);
    l->patient_resp = dup_money(a, res, r, C_RESP);
    l->ruleset_id = dup_val(a, res, r, C_RULESET);
    l->ruleset_sha256 = dup_val(a, res, r, C_RULESET_SHA);
    l->rules = dup_val(a, res, r, C_RULES);
    l->matched_claim = PQgetisnull(res, r, C_MATCHED) ? "" : dup_bytes(a, res, r, C_MATCHED);
    l->matched_pcn = dup_val(a, res, r, C_MATCHED_PCN);
    l->reason = PQgetisnull(res, r, C_REASON) ? "" : dup_bytes(a, res, r, C_REASON);
    l->hash = dup_val(a, res, r, C_HASH);
}

static AdjStatus versions_of(AdjStore *store, int64_t pk, AdjArena *a, AdjShowClaim *c,
                             bool *found, AdjError *err)
{
    PGresult *res = NULL;
    AdjStatus st = store_show_query(store, &pk, 1, &res, err);
    if (st != ADJ_OK)
        return st;
    int rows = PQntuples(res);
    *found = rows > 0;
    if (rows > 0)
        claim_head(a, res, 0, c);
    /* rows come newest version first, lines in order */
    size_t nv = 0;
    for (int r = 0; r < rows; r++)
        if (!PQgetisnull(res, r, C_VERSION) &&
            (r == 0 || strcmp(PQgetvalue(res, r, C_VERSION), PQgetvalue(res, r - 1, C_VERSION))))
            nv++;
    c->versions = adj_arena_alloc(a, (nv ? nv : 1) * sizeof(*c->versions));
    c->nversions = 0;
    AdjShowVersion *v = NULL;
    for (int r = 0; r < rows; r++) {
        if (PQgetisnull(res, r, C_VERSION))
            continue;
        if (v == NULL || v->version != (int)store_int(res, r, C_VERSION)) {
            v = &c->versions[c->nversions++];
            memset(v, 0, sizeof(*v));
            v->version = (int)store_int(res, r, C_VERSION);
            v->decided_at = dup_val(a, res, r, C_AT);
            v->decided_by = dup_val(a, res, r, C_BY);
            v->db_login = dup_val(a, res, r, C_DB_LOGIN);
            v->app_user = dup_val(a, res, r, C_APP_USER);
            v->rerun_reason = dup_val(a, res, r, C_WHY);
            refdata_of(a, res, r, v);
            int k = r;
            while (k < rows && !PQgetisnull(res, k, C_VERSION) &&
                   strcmp(PQgetvalue(res, k, C_VERSION), PQgetvalue(res, r, C_VERSION)) == 0)
                k++;
            v->lines = adj_arena_alloc(a, (size_t)(k - r) * sizeof(*v->lines));
        }
        line_of(a, res, r, &v->lines[v->nlines++]);
    }
    PQclear(res);
    return ADJ_OK;
}

/* the dependents of the claim's key (claim_id, billing NPI): as show_deps.c,
 * the key passed as parameters. Taken from the claim row inside the query
 * (a LATERAL call), adj_dependents() is planned for any key and reads
 * whole tables: 50-80 ms a view at 10^6 claims instead of 4. */
static const char deps_view_sql[] =
    "SELECT b.pcn, c.pcn, c.claim_id, c.billing_npi, x.line_no, d.code, d.outcome,"
    " coalesce(d.grp || '-' || d.carc, ''), x.why"
    " FROM adj_dependents($1::bytea, $2::bytea, $3::bytea[], $4::bytea[], $5::text[]) x"
    " JOIN claim b ON b.claim_pk = x.base_claim_pk JOIN claim c ON c.claim_pk = x.claim_pk"
    " JOIN LATERAL (SELECT * FROM decision d WHERE d.claim_pk = x.claim_pk"
    "   AND d.line_no = x.line_no ORDER BY d.version DESC LIMIT 1) d ON true"
    " ORDER BY x.base_claim_pk, x.claim_pk, x.line_no";

static AdjStatus deps_of(AdjStore *store, const AdjRulesetSet *rules, AdjArena *a,
                         AdjShowClaim *c, AdjError *err)
{
    StoreParams p;
    store_params_init(&p, NULL);
    store_params_cbytes(&p, c->claim_id);
    store_params_cbytes(&p, c->npi);
    store_params_dep_arrays(&p, rules);
    PGresult *res = NULL;
    AdjStatus st = store_run(store, "claim view: dependent decisions", deps_view_sql, &p, &res,
                             err);
    store_params_free(&p);
    if (st != ADJ_OK)
        return st;
    int rows = PQntuples(res);
    c->deps = adj_arena_alloc(a, (size_t)(rows ? rows : 1) * sizeof(*c->deps));
    c->ndeps = (size_t)rows;
    for (int r = 0; r < rows; r++) {
        AdjShowDep *d = &c->deps[r];
        d->base_pcn = dup_val(a, res, r, 0);
        d->pcn = dup_val(a, res, r, 1);
        d->claim_id = dup_bytes(a, res, r, 2);
        d->npi = dup_bytes(a, res, r, 3);
        d->line_no = (int)store_int(res, r, 4);
        d->code = dup_bytes(a, res, r, 5);
        d->outcome = dup_val(a, res, r, 6);
        d->carc = dup_val(a, res, r, 7);
        d->why = dup_val(a, res, r, 8);
    }
    PQclear(res);
    return ADJ_OK;
}

/* acknowledgements of the claim's interchange and set, then the 835s that
 * carried it, in time order */
static const char sent_sql[] =
    "SELECT kind, control, at, detail FROM ("
    " SELECT DISTINCT CASE a.kind WHEN '277' THEN '277CA' WHEN 'ta1' THEN 'TA1' ELSE a.kind END"
    "   AS kind, lpad(a.control_number::text, 9, '0') AS control,"
    "   to_char(a.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS') || ' UTC' AS at,"
    "   'answering ISA13 ' || a.in_isa13 || CASE a.kind WHEN '277' THEN CASE WHEN EXISTS"
    "     (SELECT 1 FROM claim_problem p WHERE p.claim_pk = c.claim_pk)"
    "     THEN ': claim rejected' ELSE ': claim accepted' END ELSE '' END"
    "   || coalesce(', written to ' || a.written_to, '') AS detail, a.created_at AS t,"
    "   a.ack_id AS o"
    " FROM claim c JOIN transaction_set s USING (set_id) JOIN ack a"
    "   ON a.interchange_id = s.interchange_id AND a.in_isa13 = s.isa13"
    " WHERE c.claim_pk = $1::bigint"
    " UNION ALL"
    " SELECT '835 ' || rc.kind, lpad(f.control_number::text, 9, '0'),"
    "   to_char(f.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS') || ' UTC',"
    "   CASE rc.kind WHEN 'reversal' THEN 'reversed ' ELSE 'paid ' END"
    "   || to_char(rc.paid_cents / 100.0, 'FM999999999990.00') || ' to payee ' || f.payee_npi"
    "   || ', file ' || f.file_name, f.created_at, rc.remit_id"
    " FROM remit_claim rc JOIN remit_file f USING (remit_id) WHERE rc.claim_pk = $1::bigint"
    ") x ORDER BY t, o";

static AdjStatus sent_of(AdjStore *store, const char *pk, AdjArena *a, AdjShowClaim *c,
                         AdjError *err)
{
    const char *v[1] = {pk};
    PGresult *res = NULL;
    AdjStatus st = store_query(store, "claim view: acknowledgements and 835s", sent_sql, 1, v,
                               &res, err);
    if (st != ADJ_OK)
        return st;
    int rows = PQntuples(res);
    c->sent = adj_arena_alloc(a, (size_t)(rows ? rows : 1) * sizeof(*c->sent));
    c->nsent = (size_t)rows;
    for (int r = 0; r < rows; r++) {
        c->sent[r].kind = dup_val(a, res, r, 0);
        c->sent[r].control = dup_val(a, res, r, 1);
        c->sent[r].at = dup_val(a, res, r, 2);
        c->sent[r].detail = dup_val(a, res, r, 3);
    }
    PQclear(res);
    return ADJ_OK;
}

AdjStatus adj_store_show_view(AdjStore *store, const AdjRulesetSet *rules, int64_t claim_pk,
                              AdjArena *arena, AdjShowClaim *out, bool *found, AdjError *err)
{
    memset(out, 0, sizeof(*out));
    AdjStatus st = versions_of(store, claim_pk, arena, out, found, err);
    if (st != ADJ_OK || !*found)
        return st;
    char pk[24];
    snprintf(pk, sizeof(pk), "%lld", (long long)claim_pk);
    st = deps_of(store, rules, arena, out, err);
    if (st == ADJ_OK)
        st = sent_of(store, pk, arena, out, err);
    return st;
}

AdjStatus adj_store_read_begin(AdjStore *store, AdjError *err)
{
    return store_query(store, "read snapshot",
                       "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", 0, NULL, NULL, err);
}

void adj_store_read_end(AdjStore *store)
{
    if (store != NULL && PQtransactionStatus(store->conn) != PQTRANS_IDLE)
        PQclear(PQexec(store->conn, "COMMIT"));
}
