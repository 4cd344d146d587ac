/* `show` and the console's claim page as data (store/show_view.h): `show`'s
 * query read into structs, the dependents of a claim key, the persons under
 * a member ID, what was sent back for a claim (acknowledgements, 835s); and
 * the read snapshot of `show` and the console. Reads only; prints nothing
 * (the command layer renders: cli/show_text.c, cli/show_json.c). */
#include "store/show_view.h"

#include <stdio.h>
#include <stdlib.h>

#include "core/money.h"
#include "store/store_int.h"

/* Claim-level facts once per claim (k), then one row per decision line. */
static const char show_sql[] =
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

/* the columns of show_sql */
enum {
    C_PK, C_PCN, C_NPI, C_CLM, C_RECEIVED, C_FREQ, C_REF, C_QUEUE, C_VERSION, C_LINE, C_LX,
    C_CODE, C_DOS, C_ROUTE, C_OUTCOME, C_GRP, C_CARC, C_RARC, C_ALLOWED, C_PAID, C_RESP,
    C_RULESET, C_RULESET_SHA, C_RULES, C_MATCHED, C_REASON, C_AT, C_BY, C_WHY, C_HASH,
    C_DB_LOGIN, C_APP_USER, C_REF_VERSION, C_REF_AT, C_REF_LOGIN, C_REF_OS, C_REF_USER,
    C_REF_REASON, C_REF_FILES,
    C_PAT_FIRST, C_PAT_BIRTH, C_DEPENDENT, C_MEMBER, C_PLAN, C_BILL_NAME, C_REND_NPI,
    C_REND_NAME, C_TOTAL, C_LCHARGE, C_LUNITS, C_ORIG, C_SUPER, C_MATCHED_PCN, C_CARC_TEXT,
    C_RARC_TEXT, C_NAME_CHUNK
};

/* a text column; NULL when SQL NULL */
static const char *dup_val(AdjArena *a, PGresult *res, int r, int c)
{
    if (PQgetisnull(res, r, c))
        return NULL;
    return adj_arena_strndup(a, PQgetvalue(res, r, c), (size_t)PQgetlength(res, r, c));
}

/* a bytea column as a string (claim bytes hold no NUL); NULL when SQL NULL */
static const char *dup_bytes(AdjArena *a, PGresult *res, int r, int c)
{
    if (PQgetisnull(res, r, c))
        return NULL;
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

static bool is_true(PGresult *res, int r, int c)
{
    return strcmp(PQgetvalue(res, r, c), "t") == 0;
}

/* The patient's full name ("LAST, FIRST") from the segments before CLM;
 * NULL: unknown. */
static const char *patient_name(AdjArena *a, PGresult *res, int r)
{
    size_t len = 0;
    unsigned char *chunk = store_bytea(res, r, C_NAME_CHUNK, &len);
    char name[160];
    bool ok = chunk != NULL && adj_x12_patient_name((const char *)chunk, len,
                                                    is_true(res, r, C_DEPENDENT), name,
                                                    sizeof(name));
    PQfreemem(chunk);
    return ok ? adj_arena_strndup(a, name, strlen(name)) : NULL;
}

static void claim_head(AdjArena *a, PGresult *res, int r, AdjShowClaim *c)
{
    memset(c, 0, sizeof(*c));
    c->claim_pk = store_int(res, r, C_PK);
    c->pcn = dup_val(a, res, r, C_PCN);
    c->npi = dup_bytes(a, res, r, C_NPI);
    c->claim_id = dup_bytes(a, res, r, C_CLM);
    c->received = dup_val(a, res, r, C_RECEIVED);
    c->freq = dup_bytes(a, res, r, C_FREQ);
    c->original_ref = dup_bytes(a, res, r, C_REF);
    c->queue = dup_val(a, res, r, C_QUEUE);
    c->patient_name = patient_name(a, res, r);
    c->first_name = dup_bytes(a, res, r, C_PAT_FIRST);
    c->dependent = is_true(res, r, C_DEPENDENT);
    c->birth = dup_val(a, res, r, C_PAT_BIRTH);
    c->member_id = dup_bytes(a, res, r, C_MEMBER);
    c->plan = dup_val(a, res, r, C_PLAN);
    c->bill_name = dup_val(a, res, r, C_BILL_NAME);
    c->rend_npi = dup_bytes(a, res, r, C_REND_NPI);
    c->rend_name = dup_val(a, res, r, C_REND_NAME);
    c->total_charge = dup_money(a, res, r, C_TOTAL);
    c->replaces = dup_val(a, res, r, C_ORIG);
    c->superseded_by = dup_val(a, res, r, C_SUPER);
}

static void version_head(AdjArena *a, PGresult *res, int r, AdjShowVersion *v)
{
    memset(v, 0, sizeof(*v));
    v->version = (int)store_int(res, r, C_VERSION);
    v->decided_at = dup_val(a, res, r, C_AT);
    v->decided_by = dup_val(a, res, r, C_BY);
    v->db_login = dup_val(a, res, r, C_DB_LOGIN);
    v->app_user = dup_val(a, res, r, C_APP_USER);
    v->rerun_reason = dup_val(a, res, r, C_WHY);
    v->ref.version = dup_val(a, res, r, C_REF_VERSION);
    v->ref.loaded_at = dup_val(a, res, r, C_REF_AT);
    v->ref.db_login = dup_val(a, res, r, C_REF_LOGIN);
    v->ref.os_user = dup_val(a, res, r, C_REF_OS);
    v->ref.app_user = dup_val(a, res, r, C_REF_USER);
    v->ref.reason = dup_val(a, res, r, C_REF_REASON);
    v->ref.files = dup_val(a, res, r, C_REF_FILES);
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
    l->carc_text = dup_val(a, res, r, C_CARC_TEXT);
    l->rarc = dup_val(a, res, r, C_RARC);
    if (l->rarc == NULL)
        l->rarc = "";
    l->rarc_text = dup_val(a, res, r, C_RARC_TEXT);
    l->charge = dup_money(a, res, r, C_LCHARGE);
    l->units = NULL;
    if (!PQgetisnull(res, r, C_LUNITS)) {
        long long milli = store_int(res, r, C_LUNITS);
        char u[48];
        if (milli % 1000)
            snprintf(u, sizeof(u), "%lld.%03lld", milli / 1000, milli % 1000);
        else
            snprintf(u, sizeof(u), "%lld", milli / 1000);
        l->units = adj_arena_strndup(a, u, strlen(u));
    }
    l->allowed = dup_money(a, res, r, C_ALLOWED);
    l->paid = dup_money(a, res, r, C_PAID);
    l->patient_resp = dup_money(a, res, r, C_RESP);
    l->ruleset_id = dup_val(a, res, r, C_RULESET);
    l->ruleset_sha256 = dup_val(a, res, r, C_RULESET_SHA);
    l->rules = dup_val(a, res, r, C_RULES);
    if (l->rules == NULL)
        l->rules = "";
    l->matched_claim = dup_bytes(a, res, r, C_MATCHED);
    l->matched_pcn = dup_val(a, res, r, C_MATCHED_PCN);
    l->reason = dup_bytes(a, res, r, C_REASON);
    l->hash = dup_val(a, res, r, C_HASH);
}

static bool same(PGresult *res, int r1, int r2, int c)
{
    return PQgetisnull(res, r1, c) == PQgetisnull(res, r2, c) &&
           strcmp(PQgetvalue(res, r1, c), PQgetvalue(res, r2, c)) == 0;
}

/* rows come by claim, newest version first, lines in order */
AdjStatus adj_store_show_claims(AdjStore *store, const int64_t *claim_pks, size_t n,
                                AdjArena *arena, AdjShowClaim **out, size_t *nout,
                                AdjError *err)
{
    StoreParams p;
    store_params_init(&p, NULL);
    store_params_int64_array(&p, claim_pks, n);
    PGresult *res = NULL;
    AdjStatus st = store_run(store, "show", show_sql, &p, &res, err);
    store_params_free(&p);
    if (st != ADJ_OK)
        return st;
    int rows = PQntuples(res);
    size_t nc = 0;
    for (int r = 0; r < rows; r++)
        nc += r == 0 || !same(res, r, r - 1, C_PK);
    AdjShowClaim *claims = adj_arena_alloc(arena, (nc ? nc : 1) * sizeof(*claims));
    AdjShowClaim *c = NULL;
    AdjShowVersion *v = NULL;
    size_t ci = 0;
    for (int r = 0; r < rows; r++) {
        if (r == 0 || !same(res, r, r - 1, C_PK)) {
            c = &claims[ci++];
            claim_head(arena, res, r, c);
            /* this claim's versions: count them, then take the rows */
            int k = r;
            size_t nv = 0;
            for (; k < rows && same(res, k, r, C_PK); k++)
                nv += !PQgetisnull(res, k, C_VERSION) &&
                      (k == r || !same(res, k, k - 1, C_VERSION));
            c->versions = adj_arena_alloc(arena, (nv ? nv : 1) * sizeof(*c->versions));
            v = NULL;
        }
        if (PQgetisnull(res, r, C_VERSION))
            continue;
        if (v == NULL || !same(res, r, r - 1, C_VERSION)) {
            v = &c->versions[c->nversions++];
            version_head(arena, res, r, v);
            int k = r;
            while (k < rows && same(res, k, r, C_PK) && same(res, k, r, C_VERSION))
                k++;
            v->lines = adj_arena_alloc(arena, (size_t)(k - r) * sizeof(*v->lines));
        }
        line_of(arena, res, r, &v->lines[v->nlines++]);
    }
    PQclear(res);
    *out = claims;
    *nout = nc;
    return ADJ_OK;
}

/* The dependents of a claim key (DESIGN.md 9 "Dependent decisions";
 * adj_dependents() in sql/061, its rule values from the rulesets in force),
 * so that voiding, replacing or re-running a base to a denial never leaves
 * them unexamined. The key is passed as parameters: taken from the claim
 * row inside the query (a LATERAL call), adj_dependents() is planned for
 * any key and reads whole tables: 50-80 ms a view at 10^6 claims instead
 * of 4. */
static const char deps_sql[] =
    "SELECT b.pcn, c.pcn, c.claim_id, c.billing_npi, x.line_no, d.code, d.outcome,"
    " coalesce(d.grp || '-' || d.carc, ''), x.why, b.claim_id"
    " FROM adj_dependents($1::bytea, $2::bytea, $3::bytea[], $4::bytea[], $5::text[]) x"
    " JOIN claim b ON b.claim_pk = x.base_claim_pk JOIN claim c ON c.claim_pk = x.claim_pk"
    " JOIN LATERAL (SELECT * FROM decision d WHERE d.claim_pk = x.claim_pk"
    "   AND d.line_no = x.line_no ORDER BY d.version DESC LIMIT 1) d ON true"
    " ORDER BY x.base_claim_pk, x.claim_pk, x.line_no";

AdjStatus adj_store_show_deps(AdjStore *store, const AdjRulesetSet *rules, const char *claim_id,
                              const char *npi, AdjArena *a, AdjShowDep **out, size_t *n,
                              AdjError *err)
{
    StoreParams p;
    store_params_init(&p, NULL);
    store_params_cbytes(&p, claim_id);
    store_params_cbytes(&p, npi);
    store_params_dep_arrays(&p, rules);
    PGresult *res = NULL;
    AdjStatus st = store_run(store, "dependent decisions", deps_sql, &p, &res, err);
    store_params_free(&p);
    if (st != ADJ_OK)
        return st;
    int rows = PQntuples(res);
    AdjShowDep *deps = adj_arena_alloc(a, (size_t)(rows ? rows : 1) * sizeof(*deps));
    for (int r = 0; r < rows; r++) {
        AdjShowDep *d = &deps[r];
        d->base_pcn = dup_val(a, res, r, 0);
        d->pcn = dup_val(a, res, r, 1);
        d->claim_id = dup_bytes(a, res, r, 2);
        d->npi = dup_bytes(a, res, r, 3);
        d->line_no = (int)store_int(res, r, 4);
        d->code = dup_bytes(a, res, r, 5);
        d->outcome = dup_val(a, res, r, 6);
        d->carc = dup_val(a, res, r, 7);
        d->why = dup_val(a, res, r, 8);
        d->base_claim_id = dup_bytes(a, res, r, 9);
    }
    PQclear(res);
    *out = deps;
    *n = (size_t)rows;
    return ADJ_OK;
}

static const char persons_sql[] =
    "SELECT c.patient_is_dependent, c.patient_first,"
    " CASE WHEN c.patient_is_dependent THEN c.patient_birth ELSE c.subscriber_birth END,"
    " count(*), min(c.pcn), max(c.pcn)"
    " FROM claim c WHERE c.member_id = $1::bytea"
    " GROUP BY c.person_key, 1, 2, 3 ORDER BY 1, 3, min(c.claim_pk)";

AdjStatus adj_store_show_persons(AdjStore *store, const char *member_id, AdjArena *a,
                                 AdjShowPerson **out, size_t *n, AdjError *err)
{
    StoreParams p;
    store_params_init(&p, NULL);
    store_params_cbytes(&p, member_id);
    PGresult *res = NULL;
    AdjStatus st = store_run(store, "persons of a member", persons_sql, &p, &res, err);
    store_params_free(&p);
    if (st != ADJ_OK)
        return st;
    int rows = PQntuples(res);
    AdjShowPerson *ps = adj_arena_alloc(a, (size_t)(rows ? rows : 1) * sizeof(*ps));
    for (int r = 0; r < rows; r++) {
        ps[r].dependent = is_true(res, r, 0);
        ps[r].first_name = dup_bytes(a, res, r, 1);
        ps[r].birth = dup_val(a, res, r, 2);
        ps[r].claims = store_int(res, r, 3);
        ps[r].first_pcn = dup_val(a, res, r, 4);
        ps[r].last_pcn = dup_val(a, res, r, 5);
    }
    PQclear(res);
    *out = ps;
    *n = (size_t)rows;
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

static AdjStatus sent_of(AdjStore *store, AdjArena *a, AdjShowClaim *c, AdjError *err)
{
    StoreParams p;
    store_params_init(&p, NULL);
    store_params_int(&p, c->claim_pk);
    PGresult *res = NULL;
    AdjStatus st = store_run(store, "claim view: acknowledgements and 835s", sent_sql, &p, &res,
                             err);
    store_params_free(&p);
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
    AdjShowClaim *c = NULL;
    size_t n = 0;
    AdjStatus st = adj_store_show_claims(store, &claim_pk, 1, arena, &c, &n, err);
    *found = st == ADJ_OK && n == 1;
    if (!*found)
        return st;
    *out = *c;
    st = adj_store_show_deps(store, rules, out->claim_id, out->npi, arena, &out->deps,
                             &out->ndeps, err);
    if (st == ADJ_OK)
        st = sent_of(store, arena, out, err);
    return st;
}

AdjStatus adj_store_read_begin(AdjStore *store, AdjError *err)
{
    return store_query(store, "read snapshot",
                       "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", 0, NULL, NULL, err);
}

void adj_store_read_end(AdjStore *store)
{
    if (store != NULL && PQtransactionStatus(store->conn) != PQTRANS_IDLE) {
        AdjError ignored = {0}; /* a read-only snapshot: nothing to lose */
        store_exec(store, "COMMIT", "end read snapshot", &ignored);
    }
}
