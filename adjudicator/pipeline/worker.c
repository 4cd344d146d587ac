/* The queue worker; see worker.h. One connection, one batch per
 * transaction: a crash anywhere before COMMIT leaves the batch's queue rows
 * ready and nothing written, so kill -9 never loses or doubles a decision. */
#include "pipeline/worker.h"

#include <string.h>
#include <time.h>

#include "core/log.h"
#include "ops/ops.h"

#define BACKOFF_MIN_MS 100
/* a failover (pg_auto_failover promotes the standby) takes about ten
 * seconds: retry every two seconds at most so work resumes soon after */
#define BACKOFF_MAX_MS 2000
#define ONCE_MAX_WAIT_MS 120000 /* run --once gives up after this long */
#define BUSY_RETRY_MS 20 /* rows left because another worker holds the member */

typedef struct Worker {
    const AdjWorkerOptions *opt;
    const AdjWorkerDecider *dec;
    AdjWorkerStats *stats;
    AdjStore *store;
    int limit;        /* batch size in force: 1 while isolating a bad claim */
    int single_left;  /* claims still to take one by one */
} Worker;

static bool stopping(const Worker *wk)
{
    return wk->opt->stop != NULL && *wk->opt->stop;
}

/* Sleep up to ms, waking early when asked to stop. */
static void nap(const Worker *wk, int ms)
{
    while (ms > 0 && !stopping(wk)) {
        adj_metrics_heartbeat(wk->opt->metrics, wk->store != NULL);
        int step = ms < 100 ? ms : 100;
        struct timespec ts = {.tv_sec = 0, .tv_nsec = (long)step * 1000000L};
        nanosleep(&ts, NULL);
        ms -= step;
    }
}

static AdjStatus connect_db(Worker *wk, AdjError *err)
{
    AdjStatus st = adj_store_open(wk->opt->conninfo, &wk->store, err);
    if (st == ADJ_OK && !wk->opt->once && !wk->opt->poll_only)
        st = adj_store_listen(wk->store, err);
    if (st != ADJ_OK) {
        adj_store_close(wk->store);
        wk->store = NULL;
    }
    return st;
}

/* Reconnect with exponential backoff until it works or we are stopped. */
static AdjStatus reconnect(Worker *wk, AdjError *err)
{
    adj_store_close(wk->store);
    wk->store = NULL;
    int backoff = BACKOFF_MIN_MS, waited = 0;
    while (!stopping(wk)) {
        AdjError e = {0};
        if (connect_db(wk, &e) == ADJ_OK) {
            wk->stats->reconnects++;
            adj_metrics_reconnect(wk->opt->metrics);
            adj_info("worker: reconnected to the database");
            return ADJ_OK;
        }
        if (wk->opt->once && waited >= ONCE_MAX_WAIT_MS)
            return ADJ_FAIL(err, ADJ_ERR_DB, "database unavailable: %s", e.msg);
        adj_warn("worker: database unavailable, retrying in %d ms: %s", backoff, e.msg);
        nap(wk, backoff);
        waited += backoff;
        backoff = backoff * 2 > BACKOFF_MAX_MS ? BACKOFF_MAX_MS : backoff * 2;
    }
    return ADJ_OK;
}

/* Set the one claim of a batch aside as failed, in its own transaction. */
static AdjStatus set_aside(Worker *wk, int64_t claim_pk, const char *why, AdjError *err)
{
    AdjStatus st = adj_store_begin(wk->store, err);
    if (st == ADJ_OK)
        st = adj_store_queue_fail(wk->store, claim_pk, wk->opt->decided_by, why, err);
    if (st == ADJ_OK)
        st = adj_store_commit(wk->store, err);
    if (st != ADJ_OK)
        adj_store_rollback(wk->store);
    else {
        wk->stats->failed++;
        adj_metrics_failed(wk->opt->metrics);
    }
    return st;
}

/* One batch. *taken: claims decided; *busy: rows left for another worker. */
static AdjStatus one_batch(Worker *wk, size_t *taken, size_t *busy, AdjError *err)
{
    *taken = 0;
    *busy = 0;
    AdjStoreBatch b;
    memset(&b, 0, sizeof(b));
    AdjStoreWrite *w = NULL;
    int64_t started = adj_ops_now_ms();
    AdjStatus st = adj_store_begin(wk->store, err);
    if (st == ADJ_OK)
        st = adj_store_queue_take(wk->store, wk->limit, &b, err);
    if (st == ADJ_OK && b.n == 0) {
        *busy = b.skipped;
        adj_store_rollback(wk->store);
        adj_store_batch_free(&b);
        return ADJ_OK;
    }
    if (st == ADJ_OK) {
        w = adj_store_write_new(wk->opt->decided_by, NULL);
        if (wk->opt->sign_key != NULL)
            adj_store_write_sign_with(w, wk->opt->sign_key);
        st = wk->dec->decide(wk->dec->ctx, wk->store, &b, w, err);
    }
    AdjStoreWriteResult wr = {0};
    if (st == ADJ_OK)
        st = adj_store_write_flush(wk->store, w, wk->opt->key, wk->opt->key_len, &wr, err);
    if (st == ADJ_OK)
        st = adj_store_queue_done(wk->store, b.claim_pks, b.n, wk->opt->decided_by, err);
    if (st == ADJ_OK)
        st = adj_store_commit(wk->store, err);
    if (st == ADJ_OK) {
        *taken = b.n;
        *busy = b.skipped;
        wk->stats->batches++;
        wk->stats->claims += (int64_t)b.n;
        wk->stats->decisions += wr.decisions;
        adj_metrics_batch(wk->opt->metrics, (int64_t)b.n,
                          (double)(adj_ops_now_ms() - started) / 1000.0);
        if (wk->dec->committed != NULL)
            wk->dec->committed(wk->dec->ctx);
        adj_debug("worker: batch of %zu claims, %lld decisions, checkpoint %lld", b.n,
                  (long long)wr.decisions, (long long)wr.checkpoint_seq);
        if (wk->single_left > 0 && --wk->single_left == 0)
            wk->limit = wk->opt->batch_size;
    } else {
        adj_store_rollback(wk->store);
        adj_metrics_error(wk->opt->metrics);
        if (st != ADJ_ERR_DB && adj_store_ok(wk->store)) {
            if (b.n == 1) {
                /* this claim alone cannot be decided: set it aside */
                adj_error("worker: claim pcn %s set aside as failed: %s", b.pcn[0], err->msg);
                st = set_aside(wk, b.claim_pks[0], err->msg, err);
                if (wk->single_left > 0 && --wk->single_left == 0)
                    wk->limit = wk->opt->batch_size;
            } else if (b.n > 1) {
                /* find the claim that fails: take the batch's claims one by one */
                adj_warn("worker: batch of %zu claims failed (%s); retrying them one by one",
                         b.n, err->msg);
                wk->limit = 1;
                wk->single_left = (int)b.n;
                st = ADJ_OK;
            }
        }
    }
    adj_store_write_free(w);
    adj_store_batch_free(&b);
    return st;
}

AdjStatus adj_pipeline_run(const AdjWorkerOptions *opt, const AdjWorkerDecider *dec,
                         AdjWorkerStats *stats, AdjError *err)
{
    memset(stats, 0, sizeof(*stats));
    Worker wk = {.opt = opt, .dec = dec, .stats = stats, .limit = opt->batch_size};
    AdjStatus st = connect_db(&wk, err);
    if (st != ADJ_OK && (opt->once || st == ADJ_ERR_USAGE)) /* e.g. TLS required */
        return st;
    if (st != ADJ_OK) {
        adj_warn("worker: %s", err->msg);
        st = reconnect(&wk, err);
        if (st != ADJ_OK)
            return st;
    }
    while (!stopping(&wk)) {
        adj_metrics_heartbeat(opt->metrics, wk.store != NULL);
        if (wk.single_left == 0)
            wk.limit = opt->batch_size; /* reloadable */
        if (opt->reload != NULL && *opt->reload) {
            *opt->reload = 0;
            if (dec->reload != NULL)
                dec->reload(dec->ctx);
        }
        if (wk.store == NULL) {
            st = reconnect(&wk, err);
            if (st != ADJ_OK)
                break;
            continue;
        }
        size_t taken = 0, busy = 0;
        st = one_batch(&wk, &taken, &busy, err);
        if (st == ADJ_ERR_DB || (st != ADJ_OK && !adj_store_ok(wk.store))) {
            adj_warn("worker: %s", err->msg);
            adj_store_close(wk.store);
            wk.store = NULL;
            st = ADJ_OK;
            continue;
        }
        if (st != ADJ_OK)
            break;
        if (taken > 0)
            continue;
        if (busy > 0) { /* another worker holds these members: soon free */
            nap(&wk, BUSY_RETRY_MS);
            continue;
        }
        if (opt->once) {
            int64_t ready = 0;
            st = adj_store_queue_ready(wk.store, &ready, err);
            if (st != ADJ_OK) {
                adj_store_close(wk.store);
                wk.store = NULL;
                st = ADJ_OK;
                continue;
            }
            if (ready == 0)
                break;
            nap(&wk, BUSY_RETRY_MS); /* rows held by other workers' transactions */
            continue;
        }
        bool woken = false;
        if (adj_store_wait(wk.store, opt->poll_interval_ms, &woken, err) != ADJ_OK) {
            adj_metrics_error(opt->metrics);
            adj_warn("worker: %s", err->msg);
            adj_store_close(wk.store);
            wk.store = NULL;
        }
    }
    adj_store_close(wk.store);
    return st;
}
