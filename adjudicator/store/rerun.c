/* Re-runs in PostgreSQL; see store/rerun.h. Selection, locks, the decisions
 * in force, and the rerun_run / rerun_claim rows. Writes only the audit
 * rows; decisions go through store/write.c like the workers'. */
#include "store/rerun.h"

#include <stdio.h>
#include <stdlib.h>

#include "store/store_int.h"

/* Line filters hold on one line's decision in force. */
static const char select_sql[] =
    "SELECT c.claim_pk, adj_person_lock(c.member_id), c.pcn, s.pcn, adj_text(s.claim_id),"
    " s.freq = '8'::bytea FROM claim c"
    /* superseded: as decision_current.superseded_by (sql/005) */
    " LEFT JOIN LATERAL (SELECT s.pcn, s.claim_id, s.freq FROM history_event e"
    "   JOIN claim s ON s.claim_pk = e.claim_pk"
    "   WHERE e.member_id = c.member_id AND e.kind = 'retract' AND e.claim_pk > c.claim_pk"
    "     AND e.billing_npi = c.billing_npi AND e.claim_id = c.claim_id"
    "   ORDER BY e.event_id LIMIT 1) s ON true"
    " WHERE EXISTS (SELECT 1 FROM decision d0 WHERE d0.claim_pk = c.claim_pk)"
    /* a claim queued again is the workers' to decide */
    " AND NOT EXISTS (SELECT 1 FROM intake_queue q WHERE q.claim_pk = c.claim_pk AND q.state = 'ready')"
    " AND ($1::bytea[] IS NULL OR c.claim_id = ANY($1::bytea[]))"
    " AND ($2::bytea IS NULL OR c.billing_npi = $2::bytea)"
    " AND ($3::text IS NULL OR EXISTS (SELECT 1 FROM member m"
    "      WHERE m.member_id = adj_text(c.member_id) AND m.plan_id = $3::text))"
    " AND (($4::bytea IS NULL AND $5::date IS NULL AND $6::date IS NULL AND $7::text IS NULL"
    "       AND $8::text IS NULL) OR EXISTS (SELECT 1 FROM (SELECT DISTINCT ON (d.line_no)"
    "         d.code, d.service_month, d.outcome, d.carc FROM decision d"
    "         WHERE d.claim_pk = c.claim_pk ORDER BY d.line_no, d.version DESC) cur"
    "       WHERE ($4::bytea IS NULL OR cur.code = $4::bytea)"
    "         AND ($5::date IS NULL OR cur.service_month >= $5::date)"
    "         AND ($6::date IS NULL OR cur.service_month <= $6::date)"
    "         AND ($7::text IS NULL OR cur.outcome = $7::text)"
    "         AND ($8::text IS NULL OR cur.carc = $8::text)))"
    " AND ($9::bytea IS NULL OR c.claim_pk IN (SELECT x.claim_pk FROM"
    "      adj_dependents($9::bytea, $2::bytea, $10::bytea[], $11::bytea[], $12::text[]) x))"
    " ORDER BY c.claim_pk";

/* "{"\\x41",...}": a bytea[] parameter of C strings. Caller frees. */
static char *cstr_bytea_array(const char *const *items, size_t n)
{
    size_t cap = 3;
    for (size_t i = 0; i < n; i++)
        cap += 8 + 2 * strlen(items[i]);
    char *arr = adj_xmalloc(cap);
    size_t at = 0;
    arr[at++] = '{';
    for (size_t i = 0; i < n; i++) {
        at += (size_t)sprintf(arr + at, "%s\"\\\\x", i ? "," : "");
        for (const char *s = items[i]; *s; s++)
            at += (size_t)sprintf(arr + at, "%02x", (unsigned char)*s);
        arr[at++] = '"';
    }
    arr[at++] = '}';
    arr[at] = '\0';
    return arr;
}

static AdjStoreRerunPick *picks_of(PGresult *res, size_t *n)
{
    *n = (size_t)PQntuples(res);
    AdjStoreRerunPick *p = adj_xcalloc(*n ? *n : 1, sizeof(*p));
    for (size_t i = 0; i < *n; i++) {
        p[i].claim_pk = strtoll(PQgetvalue(res, (int)i, 0), NULL, 10);
        p[i].group = strtoll(PQgetvalue(res, (int)i, 1), NULL, 10);
        if (PQnfields(res) < 6)
            continue;
        snprintf(p[i].pcn, sizeof(p[i].pcn), "%s", PQgetvalue(res, (int)i, 2));
        p[i].superseded = !PQgetisnull(res, (int)i, 3);
        if (!p[i].superseded)
            continue;
        snprintf(p[i].by_pcn, sizeof(p[i].by_pcn), "%s", PQgetvalue(res, (int)i, 3));
        snprintf(p[i].by_claim_id, sizeof(p[i].by_claim_id), "%s", PQgetvalue(res, (int)i, 4));
        p[i].by_void = strcmp(PQgetvalue(res, (int)i, 5), "t") == 0;
    }
    return p;
}

AdjStatus adj_store_rerun_select(AdjStore *store, const AdjStoreRerunFilter *f,
                                 AdjStoreRerunPick **out, size_t *n, AdjError *err)
{
    *out = NULL;
    *n = 0;
    char *ids = f->claim_ids != NULL ? cstr_bytea_array(f->claim_ids, f->nclaim_ids) : NULL;
    char *deps[3];
    store_dep_arrays(f->rules, deps);
    const char *v[12] = {ids,         f->npi,     f->plan, f->code,       f->month_from,
                         f->month_to, f->outcome, f->carc, f->depends_on, deps[0],
                         deps[1],     deps[2]};
    int len[12] = {0};
    int fmt[12] = {0};
    /* bytea scalars travel as raw bytes */
    const int bin[] = {1, 3, 8};
    for (size_t i = 0; i < sizeof(bin) / sizeof(bin[0]); i++)
        if (v[bin[i]] != NULL) {
            fmt[bin[i]] = 1;
            len[bin[i]] = (int)strlen(v[bin[i]]);
        }
    PGresult *res = PQexecParams(store->conn, select_sql, 12, NULL, v, len, fmt, 0);
    free(ids);
    for (int i = 0; i < 3; i++)
        free(deps[i]);
    if (PQresultStatus(res) != PGRES_TUPLES_OK) {
        AdjStatus st = store_result_error(store, res, "select claims to re-run", err);
        PQclear(res);
        return st;
    }
    *out = picks_of(res, n);
    PQclear(res);
    return ADJ_OK;
}

AdjStatus adj_store_set_role(AdjStore *store, const char *role, AdjError *err)
{
    const char *v[1] = {role};
    PGresult *res = PQexecParams(store->conn, "SELECT set_config('role', $1, false)", 1, NULL,
                                 v, NULL, NULL, 0);
    AdjStatus st = ADJ_OK;
    if (PQresultStatus(res) != PGRES_TUPLES_OK)
        st = store_result_error(store, res, "set role", err);
    PQclear(res);
    return st;
}

static AdjStatus todo_of(AdjStore *store, const char *run_s, AdjStoreRerunPick **todo,
                         size_t *ntodo, int64_t *done_before, AdjError *err)
{
    const char *v[1] = {run_s};
    PGresult *res = PQexecParams(store->conn,
                                 "SELECT r.claim_pk, adj_person_lock(c.member_id) FROM rerun_claim r"
                                 " JOIN claim c USING (claim_pk)"
                                 " WHERE r.run_id = $1::bigint AND NOT r.done ORDER BY r.seq",
                                 1, NULL, v, NULL, NULL, 0);
    if (PQresultStatus(res) != PGRES_TUPLES_OK) {
        AdjStatus st = store_result_error(store, res, "claims left to re-run", err);
        PQclear(res);
        return st;
    }
    *todo = picks_of(res, ntodo);
    PQclear(res);
    res = PQexecParams(store->conn,
                       "SELECT count(*) FROM rerun_claim WHERE run_id = $1::bigint AND done", 1,
                       NULL, v, NULL, NULL, 0);
    if (PQresultStatus(res) != PGRES_TUPLES_OK) {
        AdjStatus st = store_result_error(store, res, "claims re-run already", err);
        PQclear(res);
        return st;
    }
    *done_before = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
    PQclear(res);
    return ADJ_OK;
}

static AdjStatus open_in_tx(AdjStore *store, const AdjStoreRerunRun *r,
                            const AdjStoreRerunPick *picks, size_t n, int64_t *run_id,
                            bool *resumed, AdjStoreRerunPick **todo, size_t *ntodo,
                            int64_t *done_before, AdjError *err)
{
    const char *k[1] = {r->run_key};
    /* one session per command: the same command started twice must not
     * decide the same claims twice. The lock ends with the session; a
     * killed session's lock is gone as soon as the server notices, so wait
     * a little for it rather than fail at once. */
    PGresult *res = PQexec(store->conn, "SELECT set_config('lock_timeout', '5s', true)");
    PQclear(res);
    res = PQexecParams(store->conn,
                       "SELECT pg_advisory_lock(adj_person_lock(convert_to('rerun ' || $1, 'UTF8')))",
                       1, NULL, k, NULL, NULL, 0);
    if (PQresultStatus(res) != PGRES_TUPLES_OK) {
        const char *code = PQresultErrorField(res, PG_DIAG_SQLSTATE);
        bool busy = code != NULL && strcmp(code, "55P03") == 0; /* lock_not_available */
        AdjStatus st = busy ? ADJ_FAIL(err, ADJ_ERR_USAGE,
                                       "the same re-run is running in another session")
                            : store_result_error(store, res, "lock run", err);
        PQclear(res);
        return st;
    }
    PQclear(res);
    res = PQexecParams(store->conn,
                       "SELECT run_id FROM rerun_run WHERE run_key = $1 AND NOT dry_run"
                       " AND state IN ('running', 'interrupted')",
                       1, NULL, k, NULL, NULL, 0);
    if (PQresultStatus(res) != PGRES_TUPLES_OK) {
        AdjStatus st = store_result_error(store, res, "find run", err);
        PQclear(res);
        return st;
    }
    char run_s[24];
    if (PQntuples(res) == 1) {
        snprintf(run_s, sizeof(run_s), "%s", PQgetvalue(res, 0, 0));
        PQclear(res);
        *resumed = true;
        *run_id = strtoll(run_s, NULL, 10);
        AdjStatus st = store_exec_params(store,
                                         "UPDATE rerun_run SET state = 'running' WHERE run_id = $1::bigint",
                                         1, (const char *[]){run_s}, "resume run", err);
        return st == ADJ_OK ? todo_of(store, run_s, todo, ntodo, done_before, err) : st;
    }
    PQclear(res);
    char nsel[24];
    snprintf(nsel, sizeof(nsel), "%zu", n);
    const char *inst = r->ruleset_installed < 0 ? NULL : r->ruleset_installed ? "true" : "false";
    const char *v[9] = {r->run_key, r->user, r->reason, r->filter, r->ruleset, nsel, "false",
                        r->ruleset_sha256s, inst};
    res = PQexecParams(store->conn,
                       "INSERT INTO rerun_run (run_key, run_by, reason, filter, ruleset,"
                       " claims_selected, dry_run, ruleset_sha256, ruleset_installed)"
                       " VALUES ($1, $2, $3, $4, $5, $6::int, $7::boolean, $8::text[], $9::boolean)"
                       " RETURNING run_id",
                       9, NULL, v, NULL, NULL, 0);
    if (PQresultStatus(res) != PGRES_TUPLES_OK) {
        AdjStatus st = store_result_error(store, res, "record run", err);
        PQclear(res);
        return st;
    }
    snprintf(run_s, sizeof(run_s), "%s", PQgetvalue(res, 0, 0));
    PQclear(res);
    *run_id = strtoll(run_s, NULL, 10);
    int64_t *pks = adj_xmalloc((n ? n : 1) * sizeof(*pks));
    for (size_t i = 0; i < n; i++)
        pks[i] = picks[i].claim_pk;
    char *arr = store_int64_array(pks, n);
    free(pks);
    AdjStatus st = store_exec_params(store,
                                     "INSERT INTO rerun_claim (run_id, claim_pk, seq)"
                                     " SELECT $1::bigint, pk, o FROM unnest($2::bigint[])"
                                     " WITH ORDINALITY u(pk, o)",
                                     2, (const char *[]){run_s, arr}, "record run claims", err);
    free(arr);
    if (st != ADJ_OK)
        return st;
    *resumed = false;
    *done_before = 0;
    *ntodo = n;
    *todo = adj_xcalloc(n ? n : 1, sizeof(**todo));
    if (n)
        memcpy(*todo, picks, n * sizeof(*picks));
    return ADJ_OK;
}

AdjStatus adj_store_rerun_open(AdjStore *store, const AdjStoreRerunRun *r,
                               const AdjStoreRerunPick *picks, size_t n, int64_t *run_id,
                               bool *resumed, AdjStoreRerunPick **todo, size_t *ntodo,
                               int64_t *done_before, AdjError *err)
{
    *todo = NULL;
    *ntodo = 0;
    AdjStatus st = adj_store_begin(store, err);
    if (st == ADJ_OK)
        st = open_in_tx(store, r, picks, n, run_id, resumed, todo, ntodo, done_before, err);
    if (st == ADJ_OK)
        st = adj_store_commit(store, err);
    if (st != ADJ_OK) {
        adj_store_rollback(store);
        free(*todo);
        *todo = NULL;
        *ntodo = 0;
    }
    return st;
}

/* One field (0 claim_pk, 1 changed, 2 lines, 3 lines_changed, 4 written) of
 * the marks as an array parameter "{a,b,...}". Caller frees. */
static char *mark_array(const AdjStoreRerunMark *m, size_t n, int field)
{
    char *out = adj_xmalloc(n * 24 + 3);
    size_t at = 0;
    out[at++] = '{';
    for (size_t i = 0; i < n; i++) {
        if (i)
            out[at++] = ',';
        switch (field) {
        case 0: at += (size_t)sprintf(out + at, "%lld", (long long)m[i].claim_pk); break;
        case 1: at += (size_t)sprintf(out + at, "%s", m[i].changed ? "t" : "f"); break;
        case 2: at += (size_t)sprintf(out + at, "%d", m[i].lines); break;
        case 3: at += (size_t)sprintf(out + at, "%d", m[i].lines_changed); break;
        default: at += (size_t)sprintf(out + at, "%d", m[i].written); break;
        }
    }
    out[at++] = '}';
    out[at] = '\0';
    return out;
}

AdjStatus adj_store_rerun_mark(AdjStore *store, int64_t run_id, const AdjStoreRerunMark *m,
                               size_t n, AdjError *err)
{
    if (n == 0)
        return ADJ_OK;
    char run_s[24];
    snprintf(run_s, sizeof(run_s), "%lld", (long long)run_id);
    char *arr[5];
    for (int f = 0; f < 5; f++)
        arr[f] = mark_array(m, n, f);
    AdjStatus st = store_exec_params(
        store,
        "UPDATE rerun_claim r SET done = true, changed = u.ch, lines = u.l, lines_changed = u.lc,"
        " written = u.w FROM unnest($2::bigint[], $3::boolean[], $4::int[], $5::int[], $6::int[])"
        " u(pk, ch, l, lc, w) WHERE r.run_id = $1::bigint AND r.claim_pk = u.pk",
        6, (const char *[]){run_s, arr[0], arr[1], arr[2], arr[3], arr[4]}, "mark claims re-run",
        err);
    for (int f = 0; f < 5; f++)
        free(arr[f]);
    return st;
}

AdjStatus adj_store_rerun_finish(AdjStore *store, int64_t run_id, const AdjStoreRerunRun *r,
                                 const char *state, const AdjStoreRerunCounts *c,
                                 int64_t *run_id_out, AdjError *err)
{
    char s[7][24];
    const int64_t vals[6] = {c->selected, c->done, c->changed, c->lines, c->lines_changed,
                             c->written};
    for (int i = 0; i < 6; i++)
        snprintf(s[i], sizeof(s[i]), "%lld", (long long)vals[i]);
    snprintf(s[6], sizeof(s[6]), "%lld", (long long)run_id);
    PGresult *res;
    if (run_id > 0) {
        /* a resumed run adds to what its earlier invocations counted */
        const char *v[2] = {s[6], state};
        res = PQexecParams(store->conn,
                           "UPDATE rerun_run r SET state = $2, finished_at = now(),"
                           " claims_done = t.done, claims_changed = t.changed, lines = t.lines,"
                           " lines_changed = t.lines_changed, decisions_written = t.written"
                           " FROM (SELECT count(*) FILTER (WHERE done) AS done,"
                           "  count(*) FILTER (WHERE changed) AS changed, coalesce(sum(lines), 0) AS lines,"
                           "  coalesce(sum(lines_changed), 0) AS lines_changed,"
                           "  coalesce(sum(written), 0) AS written"
                           "  FROM rerun_claim WHERE run_id = $1::bigint) t"
                           " WHERE r.run_id = $1::bigint RETURNING r.run_id",
                           2, NULL, v, NULL, NULL, 0);
    } else {
        const char *inst = r->ruleset_installed < 0 ? NULL
                         : r->ruleset_installed ? "true" : "false";
        const char *v[15] = {r->run_key, r->user, r->reason, r->filter, r->ruleset, state,
                             s[0], s[1], s[2], s[3], s[4], s[5], r->ruleset_sha256s, inst,
                             r->shadow ? "true" : "false"};
        res = PQexecParams(store->conn,
                           "INSERT INTO rerun_run (run_key, dry_run, run_by, reason, filter, ruleset,"
                           " state, finished_at, claims_selected, claims_done, claims_changed, lines,"
                           " lines_changed, decisions_written, ruleset_sha256, ruleset_installed,"
                           " shadow) VALUES ($1, true, $2, $3, $4, $5, $6,"
                           " now(), $7::int, $8::int, $9::int, $10::int, $11::int, $12::int,"
                           " $13::text[], $14::boolean, $15::boolean)"
                           " RETURNING run_id",
                           15, NULL, v, NULL, NULL, 0);
    }
    if (PQresultStatus(res) != PGRES_TUPLES_OK) {
        AdjStatus st = store_result_error(store, res, "record run", err);
        PQclear(res);
        return st;
    }
    if (run_id_out != NULL)
        *run_id_out = PQntuples(res) ? strtoll(PQgetvalue(res, 0, 0), NULL, 10) : run_id;
    PQclear(res);
    return ADJ_OK;
}

AdjStatus adj_store_rerun_lock(AdjStore *store, const int64_t *claim_pks, size_t n,
                               AdjError *err)
{
    if (n == 0)
        return ADJ_OK;
    char *arr = store_int64_array(claim_pks, n);
    const char *v[1] = {arr};
    /* in lock order, so two re-runs never deadlock; workers only try */
    PGresult *res = PQexecParams(store->conn,
                                 "SELECT pg_advisory_xact_lock(l) FROM (SELECT DISTINCT"
                                 " adj_person_lock(member_id) AS l FROM claim"
                                 " WHERE claim_pk = ANY($1::bigint[]) ORDER BY 1) x",
                                 1, NULL, v, NULL, NULL, 0);
    free(arr);
    AdjStatus st = ADJ_OK;
    if (PQresultStatus(res) != PGRES_TUPLES_OK)
        st = store_result_error(store, res, "lock members", err);
    PQclear(res);
    return st;
}

static const char current_sql[] =
    "SELECT DISTINCT ON (d.claim_pk, d.line_no) d.claim_pk, d.line_no, d.version, d.code,"
    " d.route, d.outcome, coalesce(d.grp, ''), coalesce(d.carc, ''),"
    " array_to_string(d.rarc, E'\\n'), d.allowed_cents, d.paid_cents, d.patient_resp_cents,"
    " coalesce(d.ruleset_id, ''), coalesce(d.ruleset_sha256, ''),"
    " array_to_string(d.rules, E'\\n'), d.matched_claim, d.reason"
    " FROM decision d WHERE d.claim_pk = ANY($1::bigint[])"
    " ORDER BY d.claim_pk, d.line_no, d.version DESC";

static const char *adup(AdjArena *a, const char *s)
{
    return adj_arena_strndup(a, s, strlen(s));
}

static const char *abytes(AdjArena *a, PGresult *res, int r, int col)
{
    size_t len = 0;
    unsigned char *b = store_bytea(res, r, col, &len);
    const char *s = adj_arena_strndup(a, b ? (const char *)b : "", b ? len : 0);
    PQfreemem(b);
    return s;
}

AdjStatus adj_store_rerun_current(AdjStore *store, const int64_t *claim_pks, size_t n,
                                  AdjArena *arena, AdjStoreCurrent **out, size_t *nout,
                                  AdjError *err)
{
    *out = NULL;
    *nout = 0;
    char *arr = store_int64_array(claim_pks, n);
    const char *v[1] = {arr};
    PGresult *res = PQexecParams(store->conn, current_sql, 1, NULL, v, NULL, NULL, 0);
    free(arr);
    if (PQresultStatus(res) != PGRES_TUPLES_OK) {
        AdjStatus st = store_result_error(store, res, "decisions in force", err);
        PQclear(res);
        return st;
    }
    size_t rows = (size_t)PQntuples(res);
    AdjStoreCurrent *c = adj_xcalloc(rows ? rows : 1, sizeof(*c));
    for (size_t i = 0; i < rows; i++) {
        int r = (int)i;
        c[i].claim_pk = strtoll(PQgetvalue(res, r, 0), NULL, 10);
        c[i].line_no = atoi(PQgetvalue(res, r, 1));
        c[i].version = atoi(PQgetvalue(res, r, 2));
        c[i].code = abytes(arena, res, r, 3);
        c[i].route = adup(arena, PQgetvalue(res, r, 4));
        c[i].outcome = adup(arena, PQgetvalue(res, r, 5));
        c[i].grp = adup(arena, PQgetvalue(res, r, 6));
        c[i].carc = adup(arena, PQgetvalue(res, r, 7));
        c[i].rarc = adup(arena, PQgetvalue(res, r, 8));
        c[i].has_amounts = !PQgetisnull(res, r, 9);
        c[i].allowed = strtoll(PQgetvalue(res, r, 9), NULL, 10);
        c[i].paid = strtoll(PQgetvalue(res, r, 10), NULL, 10);
        c[i].patient_resp = strtoll(PQgetvalue(res, r, 11), NULL, 10);
        c[i].ruleset_id = adup(arena, PQgetvalue(res, r, 12));
        c[i].ruleset_sha256 = adup(arena, PQgetvalue(res, r, 13));
        c[i].rules = adup(arena, PQgetvalue(res, r, 14));
        c[i].matched_claim = abytes(arena, res, r, 15);
        c[i].reason = abytes(arena, res, r, 16);
    }
    PQclear(res);
    *out = c;
    *nout = rows;
    return ADJ_OK;
}
