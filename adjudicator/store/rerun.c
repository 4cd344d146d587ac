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
    StoreParams p;
    store_params_init(&p, NULL);
    if (f->claim_ids != NULL) {
        StoreArray ids = {0};
        for (size_t i = 0; i < f->nclaim_ids; i++)
            store_array_cbytes(&ids, f->claim_ids[i]);
        store_params_array(&p, &ids);
    } else {
        store_params_text(&p, NULL);
    }
    store_params_cbytes(&p, f->npi);
    store_params_text(&p, f->plan);
    store_params_cbytes(&p, f->code);
    store_params_text(&p, f->month_from);
    store_params_text(&p, f->month_to);
    store_params_text(&p, f->outcome);
    store_params_text(&p, f->carc);
    store_params_cbytes(&p, f->depends_on);
    store_params_dep_arrays(&p, f->rules);
    PGresult *res = NULL;
    AdjStatus st = store_run(store, "select claims to re-run", select_sql, &p, &res, err);
    store_params_free(&p);
    if (st != ADJ_OK)
        return st;
    *out = picks_of(res, n);
    PQclear(res);
    return ADJ_OK;
}

AdjStatus adj_store_set_role(AdjStore *store, const char *role, AdjError *err)
{
    return store_exec_params(store, "SELECT set_config('role', $1, false)", 1,
                             (const char *[]){role}, "set role", err);
}

static AdjStatus todo_of(AdjStore *store, const char *run_s, AdjStoreRerunPick **todo,
                         size_t *ntodo, int64_t *done_before, AdjError *err)
{
    const char *v[1] = {run_s};
    PGresult *res = NULL;
    AdjStatus st = store_query(store, "claims left to re-run",
                               "SELECT r.claim_pk, adj_person_lock(c.member_id) FROM rerun_claim r"
                               " JOIN claim c USING (claim_pk)"
                               " WHERE r.run_id = $1::bigint AND NOT r.done ORDER BY r.seq",
                               1, v, &res, err);
    if (st != ADJ_OK)
        return st;
    *todo = picks_of(res, ntodo);
    PQclear(res);
    st = store_query(store, "claims re-run already",
                     "SELECT count(*) FROM rerun_claim WHERE run_id = $1::bigint AND done", 1, v,
                     &res, err);
    if (st != ADJ_OK)
        return st;
    *done_before = store_int(res, 0, 0);
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
    PGresult *res = NULL;
    AdjStatus st = store_exec(store, "SELECT set_config('lock_timeout', '5s', true)",
                              "lock timeout", err);
    if (st == ADJ_OK)
        st = store_exec_params(
            store, "SELECT pg_advisory_lock(adj_person_lock(convert_to('rerun ' || $1, 'UTF8')))",
            1, k, "lock run", err);
    if (st != ADJ_OK) {
        if (strcmp(store->sqlstate, "55P03") == 0) /* lock_not_available */
            st = ADJ_FAIL(err, ADJ_ERR_USAGE, "the same re-run is running in another session");
        return st;
    }
    st = store_query(store, "find run",
                     "SELECT run_id FROM rerun_run WHERE run_key = $1 AND NOT dry_run"
                     " AND state IN ('running', 'interrupted')",
                     1, k, &res, err);
    if (st != ADJ_OK)
        return st;
    char run_s[24];
    if (PQntuples(res) == 1) {
        snprintf(run_s, sizeof(run_s), "%s", PQgetvalue(res, 0, 0));
        PQclear(res);
        *resumed = true;
        *run_id = strtoll(run_s, NULL, 10);
        st = store_exec_params(store,
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
    st = store_query(store, "record run",
                     "INSERT INTO rerun_run (run_key, run_by, reason, filter, ruleset,"
                     " claims_selected, dry_run, ruleset_sha256, ruleset_installed)"
                     " VALUES ($1, $2, $3, $4, $5, $6::int, $7::boolean, $8::text[], $9::boolean)"
                     " RETURNING run_id",
                     9, v, &res, err);
    if (st != ADJ_OK)
        return st;
    snprintf(run_s, sizeof(run_s), "%s", PQgetvalue(res, 0, 0));
    PQclear(res);
    *run_id = strtoll(run_s, NULL, 10);
    StoreArray pks = {0};
    for (size_t i = 0; i < n; i++)
        store_array_int(&pks, picks[i].claim_pk);
    char *arr = store_array_end(&pks);
    st = store_exec_params(store,
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

AdjStatus adj_store_rerun_mark(AdjStore *store, int64_t run_id, const AdjStoreRerunMark *m,
                               size_t n, AdjError *err)
{
    if (n == 0)
        return ADJ_OK;
    StoreParams p;
    store_params_init(&p, NULL);
    store_params_int(&p, run_id);
    StoreArray a[5] = {{0}};
    for (size_t i = 0; i < n; i++) {
        store_array_int(&a[0], m[i].claim_pk);
        store_array_bool(&a[1], m[i].changed);
        store_array_int(&a[2], m[i].lines);
        store_array_int(&a[3], m[i].lines_changed);
        store_array_int(&a[4], m[i].written);
    }
    for (int f = 0; f < 5; f++)
        store_params_array(&p, &a[f]);
    AdjStatus st = store_run(
        store, "mark claims re-run",
        "UPDATE rerun_claim r SET done = true, changed = u.ch, lines = u.l, lines_changed = u.lc,"
        " written = u.w FROM unnest($2::bigint[], $3::boolean[], $4::int[], $5::int[], $6::int[])"
        " u(pk, ch, l, lc, w) WHERE r.run_id = $1::bigint AND r.claim_pk = u.pk",
        &p, NULL, err);
    store_params_free(&p);
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
    PGresult *res = NULL;
    AdjStatus st;
    if (run_id > 0) {
        /* a resumed run adds to what its earlier invocations counted */
        const char *v[2] = {s[6], state};
        st = store_query(store, "record run",
                           "UPDATE rerun_run r SET state = $2, finished_at = now(),"
                           " claims_done = t.done, claims_changed = t.changed, lines = t.lines,"
                           " lines_changed = t.lines_changed, decisions_written = t.written"
                           " FROM (SELECT count(*) FILTER (WHERE done) AS done,"
                           "  count(*) FILTER (WHERE changed) AS changed, coalesce(sum(lines), 0) AS lines,"
                           "  coalesce(sum(lines_changed), 0) AS lines_changed,"
                           "  coalesce(sum(written), 0) AS written"
                           "  FROM rerun_claim WHERE run_id = $1::bigint) t"
                           " WHERE r.run_id = $1::bigint RETURNING r.run_id",
                           2, v, &res, err);
    } else {
        const char *inst = r->ruleset_installed < 0 ? NULL
                         : r->ruleset_installed ? "true" : "false";
        const char *v[15] = {r->run_key, r->user, r->reason, r->filter, r->ruleset, state,
                             s[0], s[1], s[2], s[3], s[4], s[5], r->ruleset_sha256s, inst,
                             r->shadow ? "true" : "false"};
        st = store_query(store, "record run",
                           "INSERT INTO rerun_run (run_key, dry_run, run_by, reason, filter, ruleset,"
                           " state, finished_at, claims_selected, claims_done, claims_changed, lines,"
                           " lines_changed, decisions_written, ruleset_sha256, ruleset_installed,"
                           " shadow) VALUES ($1, true, $2, $3, $4, $5, $6,"
                           " now(), $7::int, $8::int, $9::int, $10::int, $11::int, $12::int,"
                           " $13::text[], $14::boolean, $15::boolean)"
                           " RETURNING run_id",
                           15, v, &res, err);
    }
    if (st != ADJ_OK)
        return st;
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
    /* in lock order, so two re-runs never deadlock; workers only try */
    AdjStatus st = store_exec_params(store,
                                     "SELECT pg_advisory_xact_lock(l) FROM (SELECT DISTINCT"
                                     " adj_person_lock(member_id) AS l FROM claim"
                                     " WHERE claim_pk = ANY($1::bigint[]) ORDER BY 1) x",
                                     1, (const char *[]){arr}, "lock members", err);
    free(arr);
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
    PGresult *res = NULL;
    AdjStatus st = store_query(store, "decisions in force", current_sql, 1, (const char *[]){arr},
                               &res, err);
    free(arr);
    if (st != ADJ_OK)
        return st;
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
