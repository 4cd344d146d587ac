/* The queue and worker state for `status` and /metrics; see store.h. Reads
 * only, one statement each, through store_query. */
#include "store/store_int.h"

#include <stdio.h>
#include <stdlib.h>

#define COPY(dst, res, r, c) snprintf((dst), sizeof(dst), "%s", PQgetvalue((res), (r), (c)))

AdjStatus adj_store_queue_counts(AdjStore *store, int64_t c[3], AdjError *err)
{
    PGresult *res = NULL;
    AdjStatus st = store_query(store, "queue counts",
                               "SELECT count(*) FILTER (WHERE state = 'ready'),"
                               " count(*) FILTER (WHERE state = 'done'),"
                               " count(*) FILTER (WHERE state = 'failed') FROM intake_queue",
                               0, NULL, &res, err);
    if (st != ADJ_OK)
        return st;
    for (int i = 0; i < 3; i++)
        c[i] = store_int(res, 0, i);
    PQclear(res);
    return ADJ_OK;
}

static const char failed_sql[] =
    "SELECT q.claim_pk, c.pcn, encode(c.claim_id, 'escape'),"
    " to_char(q.decided_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'),"
    " coalesce(q.decided_by, ''), coalesce(q.last_error, '')"
    " FROM intake_queue q JOIN claim c USING (claim_pk)"
    " WHERE q.state = 'failed' ORDER BY q.decided_at DESC NULLS LAST, q.claim_pk DESC LIMIT $1";

static const char workers_sql[] =
    "SELECT decided_by, count(*), sum(decisions),"
    " to_char(max(created_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"
    " FROM checkpoint WHERE created_at > now() - interval '1 hour'"
    " GROUP BY decided_by ORDER BY max(created_at) DESC";

static const char checkpoint_sql[] =
    "SELECT seq, to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'),"
    " decided_by, decisions FROM checkpoint ORDER BY seq DESC LIMIT 1";

static const char oldest_sql[] =
    "SELECT coalesce(to_char(min(enqueued_at) AT TIME ZONE 'UTC',"
    " 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), '') FROM intake_queue WHERE state = 'ready'";

AdjStatus adj_store_status(AdjStore *store, int max_failed, AdjStoreStatus *out, AdjError *err)
{
    memset(out, 0, sizeof(*out));
    AdjStatus st = adj_store_queue_counts(store, out->queue, err);
    PGresult *res = NULL;
    if (st == ADJ_OK)
        st = store_query(store, "oldest ready claim", oldest_sql, 0, NULL, &res, err);
    if (st == ADJ_OK) {
        COPY(out->oldest_ready, res, 0, 0);
        PQclear(res);
        char lim[16];
        snprintf(lim, sizeof(lim), "%d", max_failed);
        const char *p[1] = {lim};
        st = store_query(store, "failed claims", failed_sql, 1, p, &res, err);
    }
    if (st == ADJ_OK) {
        out->nfailed = (size_t)PQntuples(res);
        out->failed = adj_xcalloc(out->nfailed ? out->nfailed : 1, sizeof(*out->failed));
        for (int r = 0; r < PQntuples(res); r++) {
            AdjStoreFailedRow *f = &out->failed[r];
            f->claim_pk = store_int(res, r, 0);
            COPY(f->pcn, res, r, 1);
            COPY(f->claim_id, res, r, 2);
            COPY(f->at, res, r, 3);
            COPY(f->decided_by, res, r, 4);
            COPY(f->error, res, r, 5);
        }
        PQclear(res);
        st = store_query(store, "workers", workers_sql, 0, NULL, &res, err);
    }
    if (st == ADJ_OK) {
        out->nworkers = (size_t)PQntuples(res);
        out->workers = adj_xcalloc(out->nworkers ? out->nworkers : 1, sizeof(*out->workers));
        for (int r = 0; r < PQntuples(res); r++) {
            AdjStoreWorkerRow *w = &out->workers[r];
            COPY(w->decided_by, res, r, 0);
            w->batches = store_int(res, r, 1);
            w->decisions = store_int(res, r, 2);
            COPY(w->last_at, res, r, 3);
        }
        PQclear(res);
        st = store_query(store, "newest checkpoint", checkpoint_sql, 0, NULL, &res, err);
    }
    if (st == ADJ_OK) {
        if (PQntuples(res) == 1) {
            out->checkpoint_seq = store_int(res, 0, 0);
            COPY(out->checkpoint_at, res, 0, 1);
            COPY(out->checkpoint_by, res, 0, 2);
            out->checkpoint_decisions = store_int(res, 0, 3);
        }
        PQclear(res);
    }
    if (st != ADJ_OK)
        adj_store_status_free(out);
    return st;
}

void adj_store_status_free(AdjStoreStatus *s)
{
    free(s->failed);
    free(s->workers);
    s->failed = NULL;
    s->workers = NULL;
    s->nfailed = s->nworkers = 0;
}
