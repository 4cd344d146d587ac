/* Test helper for the integration tests of the decision store: writes one
 * decision version (two lines) for each claim given, as one batch with its
 * checkpoint, through the store's own writer (the chain and HMAC code under
 * test). Not an API example: it uses store/ directly.
 *   example_decisions_fixture CONNINFO KEY_FILE DECIDED_BY CLAIM_PK:PERSON_KEY... */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crypto/crypto.h"
#include "store/store.h"

static void fill(AdjDecision *d, int line, const char *code, AdjOutcome out)
{
    memset(d, 0, sizeof(*d));
    snprintf(d->claim_id, sizeof(d->claim_id), "FIXTURE");
    d->line = line;
    snprintf(d->code, sizeof(d->code), "%s", code);
    d->dos = 20260115;
    d->route = ADJ_ROUTE_MEDICAL;
    d->outcome = out;
    if (out == ADJ_OUT_PAY) {
        d->has_amounts = true;
        d->allowed = 14930;
        d->patient_resp = 2986;
        d->paid = 11944;
    } else {
        snprintf(d->group, sizeof(d->group), "OA");
        snprintf(d->carc, sizeof(d->carc), "18");
        snprintf(d->rarc[0], sizeof(d->rarc[0]), "N522");
        d->nrarc = 1;
        d->has_amounts = true;
    }
    snprintf(d->ruleset_id, sizeof(d->ruleset_id), "fixture-2026");
    d->rules[0] = "route.code.cocm";
    d->rules[1] = out == ADJ_OUT_PAY ? "edit.episode.initial_ok" : "edit.duplicate.exact";
    d->nrules = 2;
    snprintf(d->reason, sizeof(d->reason), "fixture decision of line %d", line);
}

int main(int argc, char **argv)
{
    if (argc < 5) {
        fprintf(stderr, "usage: %s CONNINFO KEY_FILE DECIDED_BY CLAIM_PK:PERSON_KEY...\n",
                argv[0]);
        return 2;
    }
    AdjError err = {0};
    uint8_t key[ADJ_KEY_MAX];
    size_t key_len = 0;
    AdjStore *store = NULL;
    if (adj_crypto_key_load(argv[2], key, &key_len, &err) != ADJ_OK ||
        adj_store_open(argv[1], &store, &err) != ADJ_OK) {
        fprintf(stderr, "fixture: %s\n", err.msg);
        return 3;
    }
    AdjStoreWrite *w = adj_store_write_new(argv[3], NULL);
    AdjStatus st = ADJ_OK;
    for (int i = 4; i < argc && st == ADJ_OK; i++) {
        char *colon = strchr(argv[i], ':');
        if (colon == NULL) {
            fprintf(stderr, "fixture: %s: expected CLAIM_PK:PERSON_KEY\n", argv[i]);
            return 2;
        }
        AdjDecision d[2];
        fill(&d[0], 1, "99492", ADJ_OUT_PAY);
        fill(&d[1], 2, "99494", ADJ_OUT_DENY);
        st = adj_store_write_add(w, strtoll(argv[i], NULL, 10), colon + 1, strlen(colon + 1),
                                 d, 2, &err);
    }
    AdjStoreWriteResult res = {0};
    if (st == ADJ_OK)
        st = adj_store_begin(store, &err);
    if (st == ADJ_OK)
        st = adj_store_write_flush(store, w, key, key_len, &res, &err);
    if (st == ADJ_OK)
        st = adj_store_commit(store, &err);
    if (st != ADJ_OK) {
        adj_store_rollback(store);
        fprintf(stderr, "fixture: %s\n", err.msg);
    } else {
        printf("wrote %lld decisions, checkpoint %lld\n", (long long)res.decisions,
               (long long)res.checkpoint_seq);
    }
    adj_store_write_free(w);
    adj_store_close(store);
    return st == ADJ_OK ? 0 : 1;
}
