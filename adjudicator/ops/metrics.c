/* Counters and their Prometheus rendering; see ops.h. */
#include "ops/ops.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

const double adj_ops_buckets[ADJ_OPS_BUCKETS] = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25,
                                                 0.5,   1,    2.5,   5,    10,  0};

static const char *const outcome_names[ADJ_OPS_OUTCOMES] = {"pay",     "deny",   "pend",
                                                            "forward", "reject", "void"};

int64_t adj_ops_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void adj_metrics_init(AdjMetrics *m, int64_t stall_ms)
{
    memset(m, 0, sizeof(*m));
    atomic_store(&m->stall_ms, stall_ms);
    atomic_store(&m->heartbeat_ms, adj_ops_now_ms());
}

void adj_metrics_batch(AdjMetrics *m, int64_t claims, double seconds)
{
    if (m == NULL)
        return;
    atomic_fetch_add(&m->batches, 1);
    atomic_fetch_add(&m->claims, claims);
    atomic_fetch_add(&m->latency_sum_us, (int64_t)(seconds * 1e6));
    int b = 0;
    while (b < ADJ_OPS_BUCKETS - 1 && seconds > adj_ops_buckets[b])
        b++;
    atomic_fetch_add(&m->latency_buckets[b], 1);
}

void adj_metrics_outcomes(AdjMetrics *m, const int64_t counts[ADJ_OPS_OUTCOMES])
{
    if (m == NULL)
        return;
    for (int i = 0; i < ADJ_OPS_OUTCOMES; i++)
        if (counts[i] != 0)
            atomic_fetch_add(&m->outcomes[i], counts[i]);
}

void adj_metrics_error(AdjMetrics *m)
{
    if (m != NULL)
        atomic_fetch_add(&m->errors, 1);
}

void adj_metrics_reconnect(AdjMetrics *m)
{
    if (m != NULL)
        atomic_fetch_add(&m->reconnects, 1);
}

void adj_metrics_failed(AdjMetrics *m)
{
    if (m != NULL)
        atomic_fetch_add(&m->failed, 1);
}

void adj_metrics_heartbeat(AdjMetrics *m, bool connected)
{
    if (m == NULL)
        return;
    atomic_store(&m->heartbeat_ms, adj_ops_now_ms());
    atomic_store(&m->connected, connected ? 1 : 0);
}

typedef struct Out {
    char *buf;
    size_t size, len;
} Out;

__attribute__((format(printf, 2, 3))) static void put(Out *o, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    size_t room = o->len < o->size ? o->size - o->len : 0;
    int n = vsnprintf(room ? o->buf + o->len : NULL, room, fmt, ap);
    va_end(ap);
    if (n > 0)
        o->len += (size_t)n;
}

size_t adj_metrics_render(const AdjMetrics *m, const AdjQueueDepth *q, char *buf, size_t size)
{
    Out o = {buf, size, 0};
    if (size > 0)
        buf[0] = '\0';
    put(&o, "# HELP adjudicator_queue_claims Claims in the intake queue by state.\n"
            "# TYPE adjudicator_queue_claims gauge\n");
    if (q != NULL && q->ready >= 0)
        put(&o,
            "adjudicator_queue_claims{state=\"ready\"} %lld\n"
            "adjudicator_queue_claims{state=\"done\"} %lld\n"
            "adjudicator_queue_claims{state=\"failed\"} %lld\n",
            (long long)q->ready, (long long)q->done, (long long)q->failed);
    put(&o, "# HELP adjudicator_decisions_total Decision lines written, by outcome.\n"
            "# TYPE adjudicator_decisions_total counter\n");
    for (int i = 0; i < ADJ_OPS_OUTCOMES; i++)
        put(&o, "adjudicator_decisions_total{outcome=\"%s\"} %lld\n", outcome_names[i],
            (long long)atomic_load(&m->outcomes[i]));
    put(&o,
        "# HELP adjudicator_claims_total Claims decided and committed.\n"
        "# TYPE adjudicator_claims_total counter\nadjudicator_claims_total %lld\n"
        "# HELP adjudicator_claims_failed_total Claims set aside as failed.\n"
        "# TYPE adjudicator_claims_failed_total counter\nadjudicator_claims_failed_total %lld\n"
        "# HELP adjudicator_errors_total Batches or waits that failed.\n"
        "# TYPE adjudicator_errors_total counter\nadjudicator_errors_total %lld\n"
        "# HELP adjudicator_reconnects_total Reconnections to the database.\n"
        "# TYPE adjudicator_reconnects_total counter\nadjudicator_reconnects_total %lld\n"
        "# HELP adjudicator_db_connected 1 while the worker holds a database connection.\n"
        "# TYPE adjudicator_db_connected gauge\nadjudicator_db_connected %d\n",
        (long long)atomic_load(&m->claims), (long long)atomic_load(&m->failed),
        (long long)atomic_load(&m->errors), (long long)atomic_load(&m->reconnects),
        atomic_load(&m->connected));
    put(&o, "# HELP adjudicator_batch_seconds Time from taking a batch to its commit.\n"
            "# TYPE adjudicator_batch_seconds histogram\n");
    int64_t cum = 0;
    for (int b = 0; b < ADJ_OPS_BUCKETS; b++) {
        cum += atomic_load(&m->latency_buckets[b]);
        if (b < ADJ_OPS_BUCKETS - 1)
            put(&o, "adjudicator_batch_seconds_bucket{le=\"%g\"} %lld\n", adj_ops_buckets[b],
                (long long)cum);
        else
            put(&o, "adjudicator_batch_seconds_bucket{le=\"+Inf\"} %lld\n", (long long)cum);
    }
    put(&o, "adjudicator_batch_seconds_sum %.6f\nadjudicator_batch_seconds_count %lld\n",
        (double)atomic_load(&m->latency_sum_us) / 1e6, (long long)cum);
    return o.len;
}
