/* Operations of a running `serve`: counters for Prometheus (/metrics), a
 * liveness answer (/healthz) on a local port, and systemd's notify protocol
 * (READY, WATCHDOG, STOPPING) spoken over $NOTIFY_SOCKET directly, without
 * libsystemd. The worker updates the counters (lock-free atomics); a thread
 * of its own serves HTTP and pings the watchdog while the worker's
 * heartbeat is fresh. No member identifier or diagnosis is ever exposed:
 * only counts. docs/contracts.md "Operations". */
#ifndef ADJ_OPS_OPS_H
#define ADJ_OPS_OPS_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#include "core/status.h"

#define ADJ_OPS_OUTCOMES 6 /* pay, deny, pend, forward, reject, void */
#define ADJ_OPS_BUCKETS 12 /* batch latency histogram, seconds, +Inf last */

typedef struct AdjMetrics {
    _Atomic int64_t batches, claims, errors, reconnects, failed;
    _Atomic int64_t outcomes[ADJ_OPS_OUTCOMES];
    _Atomic int64_t latency_buckets[ADJ_OPS_BUCKETS]; /* cumulative at render */
    _Atomic int64_t latency_sum_us;
    _Atomic int64_t heartbeat_ms; /* CLOCK_MONOTONIC of the worker's last loop */
    _Atomic int connected;        /* the worker holds a database connection */
    _Atomic int64_t stall_ms;     /* heartbeat older than this: not alive */
} AdjMetrics;

/* The buckets' upper bounds in seconds (the last is +Inf). */
extern const double adj_ops_buckets[ADJ_OPS_BUCKETS];

void adj_metrics_init(AdjMetrics *m, int64_t stall_ms);
/* A committed batch of claims that took seconds. */
void adj_metrics_batch(AdjMetrics *m, int64_t claims, double seconds);
void adj_metrics_outcomes(AdjMetrics *m, const int64_t counts[ADJ_OPS_OUTCOMES]);
void adj_metrics_error(AdjMetrics *m);
void adj_metrics_reconnect(AdjMetrics *m);
void adj_metrics_failed(AdjMetrics *m);
/* The worker is alive (and whether it holds a connection). */
void adj_metrics_heartbeat(AdjMetrics *m, bool connected);
int64_t adj_ops_now_ms(void);

/* Queue rows by state, as the ops thread reads them (-1: unknown). */
typedef struct AdjQueueDepth {
    int64_t ready, done, failed;
} AdjQueueDepth;

/* Prometheus text format 0.0.4 into buf (NUL-terminated); returns the
 * length it needs, like snprintf. */
size_t adj_metrics_render(const AdjMetrics *m, const AdjQueueDepth *q, char *buf, size_t size);

/* systemd notify: "READY=1", "WATCHDOG=1", "STOPPING=1", "STATUS=...".
 * Silently nothing when $NOTIFY_SOCKET is unset. 0 sent or unset, -1 error. */
int adj_sd_notify(const char *state);
/* $WATCHDOG_USEC for this process (WATCHDOG_PID unset or ours), else 0. */
uint64_t adj_sd_watchdog_usec(void);

/* The ops thread: HTTP on 127.0.0.1:port (0: none) and watchdog pings.
 * conninfo: a connection of its own for the queue depth (may be ""). */
typedef struct AdjOps AdjOps;
AdjStatus adj_ops_start(AdjOps **out, int port, AdjMetrics *m, const char *conninfo,
                        AdjError *err);
void adj_ops_stop(AdjOps *ops);

#endif
