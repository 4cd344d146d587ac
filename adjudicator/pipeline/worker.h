/* The queue worker of `serve` and `run --once`: take a batch (store/queue.c),
 * have it decided (a callback: the engine with PostgreSQL history), write
 * the decisions, queue state and checkpoint in one transaction; sleep on
 * LISTEN/NOTIFY with polling as the fallback; reconnect with backoff when
 * PostgreSQL goes away. Knows nothing of rules; never includes libpq. */
#ifndef ADJ_PIPELINE_WORKER_H
#define ADJ_PIPELINE_WORKER_H

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>

#include "store/store.h"

typedef struct AdjWorkerDecider {
    void *ctx;
    /* Decide b's claims in order and add each claim's decisions to w. Runs
     * inside the batch's transaction (it may read history through store).
     * ADJ_ERR_DB: the connection failed; another error: the batch cannot be
     * decided (the worker then retries its claims one by one and sets a claim
     * that still fails aside as 'failed'). */
    AdjStatus (*decide)(void *ctx, AdjStore *store, const AdjStoreBatch *b, AdjStoreWrite *w,
                        AdjError *err);
    /* SIGHUP: reload configuration and rulesets; on error keep the old ones
     * (the callback's business) and say why. May be NULL. */
    void (*reload)(void *ctx);
    /* The batch decide() produced has been committed. May be NULL. */
    void (*committed)(void *ctx);
} AdjWorkerDecider;

typedef struct AdjWorkerOptions {
    const char *conninfo;
    int batch_size;
    int poll_interval_ms;
    bool once;                     /* drain the queue, then return */
    bool poll_only;                /* no LISTEN: behind a transaction-pooling
                                      PgBouncer, idle workers poll */
    const AdjSignKey *sign_key;    /* Ed25519: signed checkpoints (issue 15) */
    const uint8_t *key;            /* else the legacy checkpoint HMAC key */
    size_t key_len;
    const char *decided_by;        /* "engine host:pid" */
    volatile sig_atomic_t *stop;   /* set by SIGTERM/SIGINT: finish the batch, return */
    volatile sig_atomic_t *reload; /* set by SIGHUP */
    struct AdjMetrics *metrics;    /* ops/ops.h counters and heartbeat, or NULL */
} AdjWorkerOptions;

typedef struct AdjWorkerStats {
    int64_t batches, claims, decisions, failed, reconnects;
} AdjWorkerStats;

/* Run until stopped (or, with once, until no ready claim is left). ADJ_OK on
 * a clean stop; ADJ_ERR_DB when the database cannot be reached at start
 * (once) or stays away too long (once); another status on a fatal error. */
AdjStatus adj_pipeline_run(const AdjWorkerOptions *opt, const AdjWorkerDecider *dec,
                         AdjWorkerStats *stats, AdjError *err);

#endif
