/* Test helper for tests/integration/test_intake_store.sh: stores claims
 * holding hostile bytes through the store's intake (as ingest does), reads
 * them back through the worker's queue, and compares the rebuilt claims
 * with the originals byte for byte. Not an API example: it uses store/.
 *   example_intake_roundtrip STORE_CONNINFO TAKE_CONNINFO SHA256 */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "store/store.h"

static void build(AdjClaim *c, int which)
{
    memset(c, 0, sizeof(*c));
    snprintf(c->isa13, sizeof(c->isa13), "000000123");
    snprintf(c->gs06, sizeof(c->gs06), "45");
    snprintf(c->st02, sizeof(c->st02), "0001");
    c->interchange_date = 20260201;
    c->segment = (uint32_t)(20 + which);
    snprintf(c->billing_npi, sizeof(c->billing_npi), "1234567893");
    snprintf(c->billing_taxonomy, sizeof(c->billing_taxonomy), "207Q00000X");
    snprintf(c->billing_zip, sizeof(c->billing_zip), "941031234");
    snprintf(c->member_id, sizeof(c->member_id), "M'0\\01;--");
    c->subscriber_birth = 19800101;
    snprintf(c->claim_id, sizeof(c->claim_id), "A%d", which);
    c->total_charge = 20000;
    snprintf(c->pos, sizeof(c->pos), "11");
    snprintf(c->freq, sizeof(c->freq), "1");
    snprintf(c->dx[0], sizeof(c->dx[0]), "F331");
    snprintf(c->dx_qual[0], sizeof(c->dx_qual[0]), "ABK");
    snprintf(c->dx[1], sizeof(c->dx[1]), "Z7189");
    snprintf(c->dx_qual[1], sizeof(c->dx_qual[1]), "ABF");
    c->ndx = 2;
    snprintf(c->rendering_npi, sizeof(c->rendering_npi), "1497758544");
    snprintf(c->facility_zip, sizeof(c->facility_zip), "94110");
    for (int i = 0; i < 2; i++) {
        AdjLine *l = &c->lines[i];
        l->lx = i + 1;
        snprintf(l->qualifier, sizeof(l->qualifier), "HC");
        snprintf(l->code, sizeof(l->code), i ? "99494" : "99492");
        if (i) {
            snprintf(l->mods[0], sizeof(l->mods[0]), "59");
            snprintf(l->mods[1], sizeof(l->mods[1]), "XU");
            l->nmods = 2;
        }
        l->charge = 10000;
        snprintf(l->unit_basis, sizeof(l->unit_basis), i ? "MJ" : "UN");
        l->units_milli = i ? 30000 : 1000;
        l->dx_ptr[0] = 1;
        l->dx_ptr[1] = 2;
        l->ndx_ptr = 2;
        l->dos_from = 20260115;
        l->dos_to = i ? 20260120 : 20260115;
        l->segment = (uint32_t)(30 + i);
    }
    c->nlines = 2;
    if (which == 2) {
        /* a dependent whose claim ID holds quote, backslash, SQL and
         * non-ASCII bytes (Latin-1 e-acute, UTF-8 e-acute) */
        snprintf(c->claim_id, sizeof(c->claim_id), "Q'\\\";DROP TABLE claim;--\xe9\xc3\xa9");
        c->patient_is_dependent = true;
        c->patient_birth = 20150704;
        snprintf(c->patient_first, sizeof(c->patient_first), "ren\xe9" "e");
        snprintf(c->lines[1].pos, sizeof(c->lines[1].pos), "02");
        snprintf(c->lines[0].rendering_npi, sizeof(c->lines[0].rendering_npi), "1497758544");
    }
    if (which == 3) {
        adj_claim_problem(c, 12, "NM1", "2010AA", "NM109", ADJ_PROBLEM_BILLING_NPI,
                          "billing NPI '%s' fails its check digit", "1234567890");
        adj_claim_problem(c, 14, "CLM", "2300", "CLM02", ADJ_PROBLEM_CLAIM_CHARGE, "CLM02 \"%s\" is not the sum",
                          "x\xff");
    }
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: %s STORE_CONNINFO TAKE_CONNINFO SHA256\n", argv[0]);
        return 2;
    }
    AdjError err = {0};
    AdjStore *store = NULL;
    if (adj_store_open(argv[1], &store, &err) != ADJ_OK) {
        fprintf(stderr, "roundtrip: %s\n", err.msg);
        return 3;
    }
    static AdjClaim orig[3];
    for (int i = 0; i < 3; i++)
        build(&orig[i], i + 1);
    const char raw_set[] = "ST*837*0001*005010X222A1~BHT*0019*00*1*20260201*1200*CH~SE*3*0001~";
    const char raw_claim[] = "CLM*A1*200***11:B:1*Y*A*Y*Y~";
    AdjStoreIntake *in = NULL;
    AdjStatus st = adj_store_intake_begin(store, "roundtrip.837", 1234, argv[3], &in, &err);
    if (st == ADJ_OK && adj_store_intake_already(in)) {
        AdjStoreIntakeResult r = {0};
        st = adj_store_intake_end(in, 0, &r, &err);
        printf("already stored as interchange %lld\n", (long long)r.interchange_id);
        adj_store_close(store);
        return st == ADJ_OK ? 0 : 1;
    }
    AdjX12Set set = {.file = "roundtrip.837", .gs_date = 20260201, .raw = raw_set,
                     .raw_len = sizeof(raw_set) - 1, .claims = 3};
    snprintf(set.isa13, sizeof(set.isa13), "000000123");
    snprintf(set.gs06, sizeof(set.gs06), "45");
    snprintf(set.st02, sizeof(set.st02), "0001");
    snprintf(set.version, sizeof(set.version), "005010X222A1");
    if (st == ADJ_OK)
        st = adj_store_intake_set(in, &set, &err);
    for (int i = 0; i < 3 && st == ADJ_OK; i++) {
        AdjClaim c = orig[i];
        c.raw = raw_claim;
        c.raw_len = sizeof(raw_claim) - 1;
        st = adj_store_intake_claim(in, &c, &err);
    }
    AdjStoreIntakeResult r = {0};
    if (st == ADJ_OK) {
        st = adj_store_intake_end(in, 0, &r, &err);
    } else {
        adj_store_intake_abort(in);
    }
    if (st != ADJ_OK) {
        fprintf(stderr, "roundtrip: store: %s\n", err.msg);
        return 1;
    }
    printf("stored %lld claims (%lld rejected), %lld lines\n", (long long)r.claims,
           (long long)r.claims_rejected, (long long)r.lines);

    AdjStoreBatch b;
    adj_store_close(store);
    if (adj_store_open(argv[2], &store, &err) != ADJ_OK) {
        fprintf(stderr, "roundtrip: %s\n", err.msg);
        return 3;
    }
    st = adj_store_begin(store, &err);
    if (st == ADJ_OK)
        st = adj_store_queue_take(store, 100, &b, &err);
    if (st != ADJ_OK) {
        fprintf(stderr, "roundtrip: take: %s\n", err.msg);
        return 1;
    }
    int bad = 0;
    if (b.n != 3) {
        fprintf(stderr, "roundtrip: took %zu claims, expected 3\n", b.n);
        bad = 1;
    }
    for (size_t i = 0; i < b.n && i < 3; i++) {
        AdjClaim *got = &b.claims[i];
        got->raw = NULL;
        got->raw_len = 0;
        if (got->received == 0) {
            fprintf(stderr, "roundtrip: claim %zu: no receipt date loaded\n", i + 1);
            bad = 1;
        }
        got->received = 0; /* the ingest date: the queue's, not the file's */
        if (memcmp(got, &orig[i], sizeof(AdjClaim)) != 0) {
            const unsigned char *x = (const void *)got, *y = (const void *)&orig[i];
            size_t off = 0;
            while (x[off] == y[off])
                off++;
            fprintf(stderr, "roundtrip: claim %zu differs at byte %zu (lines at %zu, problems at %zu)\n",
                    i + 1, off, offsetof(AdjClaim, lines), offsetof(AdjClaim, problems));
            bad = 1;
        }
        char key[200];
        size_t klen = adj_claim_person_key(&orig[i], key, sizeof(key));
        if (b.person_key_lens[i] != klen || memcmp(b.person_keys[i], key, klen) != 0) {
            fprintf(stderr, "roundtrip: claim %zu: person key differs\n", i + 1);
            bad = 1;
        }
    }
    adj_store_batch_free(&b);
    adj_store_rollback(store);
    adj_store_close(store);
    if (!bad)
        printf("roundtrip ok: 3 claims identical\n");
    return bad;
}
