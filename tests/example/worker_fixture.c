/* Test helper for tests/integration/test_worker.sh: the pipeline's worker
 * (pipeline/worker.c) with a stand-in decider, so the queue, member locks,
 * crash safety and reconnects are tested on their own: a line pays unless
 * the member already has a paid line with the same code and date of service
 * (history prefetched once per batch, plus the batch's earlier claims), in
 * which case it is denied OA-18. Not an API example.
 *   example_worker_fixture CONNINFO KEY_FILE once|serve [BATCH [SLEEP_MS]] */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/log.h"
#include "crypto/crypto.h"
#include "pipeline/worker.h"

static volatile sig_atomic_t stop_flag;
static void on_term(int sig)
{
    (void)sig;
    stop_flag = 1;
}

typedef struct Paid {
    const char *person;
    size_t len;
    char code[ADJ_CODE_MAX + 1];
    AdjDate dos;
} Paid;

static int sleep_ms;

static bool was_paid(const Paid *p, size_t n, const char *person, size_t len, const char *code,
                     AdjDate dos)
{
    for (size_t i = 0; i < n; i++)
        if (p[i].len == len && memcmp(p[i].person, person, len) == 0 &&
            strcmp(p[i].code, code) == 0 && p[i].dos == dos)
            return true;
    return false;
}

static AdjStatus decide(void *ctx, AdjStore *store, const AdjStoreBatch *b, AdjStoreWrite *w,
                        AdjError *err)
{
    (void)ctx;
    /* history once per batch: the members' recorded claims and their lines */
    const char **members = calloc(b->n, sizeof(*members));
    size_t *lens = calloc(b->n, sizeof(*lens));
    for (size_t i = 0; i < b->n; i++) {
        members[i] = b->claims[i].member_id;
        lens[i] = strlen(members[i]);
    }
    AdjStoreHistory h;
    AdjStatus st = adj_store_history_fetch(store, members, lens, b->n, &h, err);
    free(members);
    free(lens);
    if (st != ADJ_OK)
        return st;
    size_t cap = h.nlines + b->n * ADJ_MAX_LINES + 1, np = 0;
    Paid *paid = calloc(cap, sizeof(*paid));
    for (size_t k = 0; k < h.nevents; k++) {
        const AdjStoreHistEvent *e = &h.events[k];
        for (int i = 0; !e->retract && i < e->nlines; i++) {
            const AdjHistLine *l = &h.lines[e->first_line + (size_t)i];
            if (l->outcome != ADJ_OUT_PAY)
                continue;
            paid[np].person = e->person_key;
            paid[np].len = strlen(e->person_key);
            snprintf(paid[np].code, sizeof(paid[np].code), "%s", l->code);
            paid[np].dos = l->dos;
            np++;
        }
    }
    if (sleep_ms > 0)
        usleep((useconds_t)sleep_ms * 1000);
    for (size_t c = 0; c < b->n && st == ADJ_OK; c++) {
        const AdjClaim *cl = &b->claims[c];
        AdjDecision d[ADJ_MAX_LINES];
        AdjHistLine rec[ADJ_MAX_LINES];
        int nrec = 0;
        memset(d, 0, sizeof(d));
        for (int i = 0; i < cl->nlines; i++) {
            const AdjLine *l = &cl->lines[i];
            AdjDecision *x = &d[i];
            snprintf(x->claim_id, sizeof(x->claim_id), "%s", cl->claim_id);
            x->line = l->lx;
            snprintf(x->code, sizeof(x->code), "%s", l->code);
            x->dos = l->dos_from;
            x->has_amounts = true;
            x->rules[0] = "fixture.duplicate";
            x->nrules = 1;
            if (was_paid(paid, np, b->person_keys[c], b->person_key_lens[c], l->code,
                         l->dos_from)) {
                x->outcome = ADJ_OUT_DENY;
                snprintf(x->group, sizeof(x->group), "OA");
                snprintf(x->carc, sizeof(x->carc), "18");
                snprintf(x->reason, sizeof(x->reason), "exact duplicate");
            } else {
                x->outcome = ADJ_OUT_PAY;
                x->allowed = x->paid = l->charge;
                snprintf(x->reason, sizeof(x->reason), "paid");
                paid[np].person = b->person_keys[c];
                paid[np].len = b->person_key_lens[c];
                snprintf(paid[np].code, sizeof(paid[np].code), "%s", l->code);
                paid[np].dos = l->dos_from;
                np++;
                AdjHistLine *r = &rec[nrec++];
                memset(r, 0, sizeof(*r));
                r->line = l->lx;
                snprintf(r->code, sizeof(r->code), "%s", l->code);
                r->dos = l->dos_from;
                r->units = 1;
                r->charge = l->charge;
                r->outcome = ADJ_OUT_PAY;
            }
        }
        if (strcmp(cl->claim_id, "POISON") == 0)
            st = ADJ_FAIL(err, ADJ_ERR_INPUT, "claim POISON cannot be decided");
        else
            st = adj_store_write_add(w, b->claim_pks[c], b->person_keys[c],
                                     b->person_key_lens[c], d, cl->nlines, err);
        adj_store_write_event(w, b->claim_pks[c], b->pcn[c], false, b->person_keys[c],
                              cl->member_id, cl->billing_npi, cl->claim_id, rec, nrec);
    }
    free(paid);
    adj_store_history_free(&h);
    return st;
}

int main(int argc, char **argv)
{
    if (argc < 4) {
        fprintf(stderr, "usage: %s CONNINFO KEY_FILE once|serve [BATCH [SLEEP_MS]]\n", argv[0]);
        return 2;
    }
    adj_log_set_level(ADJ_LOG_WARN);
    AdjError err = {0};
    uint8_t key[ADJ_KEY_MAX];
    size_t key_len = 0;
    if (adj_crypto_key_load(argv[2], key, &key_len, &err) != ADJ_OK) {
        fprintf(stderr, "fixture: %s\n", err.msg);
        return 2;
    }
    struct sigaction sa = {0};
    sa.sa_handler = on_term;
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    sleep_ms = argc > 5 ? atoi(argv[5]) : 0;
    char by[64];
    snprintf(by, sizeof(by), "fixture pid %d", (int)getpid());
    AdjWorkerOptions opt = {.conninfo = argv[1],
                            .batch_size = argc > 4 ? atoi(argv[4]) : 50,
                            .poll_interval_ms = 200,
                            .once = strcmp(argv[3], "once") == 0,
                            .key = key,
                            .key_len = key_len,
                            .decided_by = by,
                            .stop = &stop_flag};
    AdjWorkerDecider dec = {.decide = decide};
    AdjWorkerStats stats;
    AdjStatus st = adj_pipeline_run(&opt, &dec, &stats, &err);
    printf("claims %lld decisions %lld batches %lld failed %lld reconnects %lld\n",
           (long long)stats.claims, (long long)stats.decisions, (long long)stats.batches,
           (long long)stats.failed, (long long)stats.reconnects);
    if (st != ADJ_OK) {
        fprintf(stderr, "fixture: %s\n", err.msg);
        return st == ADJ_ERR_DB ? 3 : 1;
    }
    return 0;
}
