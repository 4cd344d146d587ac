/* The store's pure parts: the decisions' hash chain and checkpoint HMAC
 * (audit/chain.c), with fixed vectors so a change to the canonical form
 * (which would orphan every stored chain) fails here first, and every field
 * counts; the stored form of history lines (store/history.c). */
#include <stdlib.h>
#include <string.h>

#include "audit/chain.h"
#include "store/store.h"
#include "unit.h"

static void sample(AdjChainRow *r)
{
    memset(r, 0, sizeof(*r));
    static const char *vals[ADJ_CF_COUNT] = {
        "17", "1", "1", "1", "1", "5", "2026-01-20 10:00:00.000001+00", "engine h:1", NULL,
        "M001", "2026-01-01", "2026-01-15", "99492", "medical", "pay", NULL, NULL, "",
        "14930", "11944", "2986", "cocm-2026", NULL, "route.code.cocm\nedit.episode.initial_ok",
        NULL, "paid"};
    for (int i = 0; i < ADJ_CF_COUNT; i++) {
        r->v[i] = vals[i];
        r->len[i] = vals[i] ? strlen(vals[i]) : 0;
    }
}

static void test_hash_vector(void)
{
    AdjChainRow r;
    sample(&r);
    char h[ADJ_SHA256_HEX];
    adj_store_chain_hash(ADJ_CHAIN_GENESIS, &r, h);
    CU_ASSERT_EQUAL(strlen(h), 64);
    /* computed independently (Python hashlib) from the format in chain.h;
     * tests/integration/test_audit.sh re-implements it in SQL on real rows */
    CU_ASSERT_STRING_EQUAL(h, "9b6227ec02b032d0aea7b74d6dc03b003ec3ed601ae39a002b5bb2310d78e8c3");
}

static void test_every_field_counts(void)
{
    AdjChainRow r;
    sample(&r);
    char base[ADJ_SHA256_HEX], h[ADJ_SHA256_HEX];
    adj_store_chain_hash(ADJ_CHAIN_GENESIS, &r, base);
    for (int i = 0; i < ADJ_CF_COUNT; i++) {
        AdjChainRow m = r;
        m.v[i] = m.v[i] ? NULL : "x";
        m.len[i] = m.v[i] ? 1 : 0;
        adj_store_chain_hash(ADJ_CHAIN_GENESIS, &m, h);
        CU_ASSERT_STRING_NOT_EQUAL(h, base);
    }
    /* NULL and empty differ; the previous hash counts */
    AdjChainRow e = r;
    e.v[ADJ_CF_GROUP] = "";
    adj_store_chain_hash(ADJ_CHAIN_GENESIS, &e, h);
    CU_ASSERT_STRING_NOT_EQUAL(h, base);
    adj_store_chain_hash("1111111111111111111111111111111111111111111111111111111111111111", &r, h);
    CU_ASSERT_STRING_NOT_EQUAL(h, base);
}

static void test_no_field_shift(void)
{
    /* "ab"+"c" and "a"+"bc" in adjacent fields must not collide */
    AdjChainRow a, b;
    sample(&a);
    sample(&b);
    a.v[ADJ_CF_GROUP] = "ab"; a.len[ADJ_CF_GROUP] = 2;
    a.v[ADJ_CF_CARC] = "c";   a.len[ADJ_CF_CARC] = 1;
    b.v[ADJ_CF_GROUP] = "a";  b.len[ADJ_CF_GROUP] = 1;
    b.v[ADJ_CF_CARC] = "bc";  b.len[ADJ_CF_CARC] = 2;
    char ha[ADJ_SHA256_HEX], hb[ADJ_SHA256_HEX];
    adj_store_chain_hash(ADJ_CHAIN_GENESIS, &a, ha);
    adj_store_chain_hash(ADJ_CHAIN_GENESIS, &b, hb);
    CU_ASSERT_STRING_NOT_EQUAL(ha, hb);
}

static void test_checkpoint_hmac(void)
{
    const uint8_t key[] = "0123456789abcdef0123456789abcdef";
    const char *hashes = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
                         "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
    char h1[ADJ_SHA256_HEX], h2[ADJ_SHA256_HEX], h3[ADJ_SHA256_HEX], h4[ADJ_SHA256_HEX];
    adj_store_chain_checkpoint_hmac(key, 32, 1, 7, ADJ_CHAIN_GENESIS, hashes, 2, h1);
    CU_ASSERT_STRING_EQUAL(h1, "bee8a672da339631f3ea924cde7f5adb08de0a323d3ec74e5f61cdc258f63223");
    adj_store_chain_checkpoint_hmac(key, 31, 1, 7, ADJ_CHAIN_GENESIS, hashes, 2, h2);
    adj_store_chain_checkpoint_hmac(key, 32, 1, 7, ADJ_CHAIN_GENESIS, hashes + 64, 1, h3);
    adj_store_chain_checkpoint_hmac(key, 32, 2, 7, ADJ_CHAIN_GENESIS, hashes, 2, h4);
    CU_ASSERT_STRING_NOT_EQUAL(h1, h2); /* another key */
    CU_ASSERT_STRING_NOT_EQUAL(h1, h3); /* a hash removed */
    CU_ASSERT_STRING_NOT_EQUAL(h1, h4); /* another position */
    char id1[17], id2[17];
    adj_store_chain_key_id(key, 32, id1);
    adj_store_chain_key_id(key, 31, id2);
    CU_ASSERT_EQUAL(strlen(id1), 16);
    CU_ASSERT_STRING_NOT_EQUAL(id1, id2);
}

static void test_checkpoint_digest(void)
{
    const char *hashes = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
                         "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
    char d1[ADJ_SHA256_HEX], d2[ADJ_SHA256_HEX], d3[ADJ_SHA256_HEX], d4[ADJ_SHA256_HEX];
    /* two decisions, one event; then the event moved among the decisions,
     * removed, or the checkpoint renumbered: every one differs */
    adj_store_chain_checkpoint_digest(1, 7, ADJ_CHAIN_GENESIS, hashes, 1, hashes + 64, 1, d1);
    adj_store_chain_checkpoint_digest(1, 7, ADJ_CHAIN_GENESIS, hashes, 2, "", 0, d2);
    adj_store_chain_checkpoint_digest(1, 7, ADJ_CHAIN_GENESIS, hashes, 1, "", 0, d3);
    adj_store_chain_checkpoint_digest(2, 7, ADJ_CHAIN_GENESIS, hashes, 1, hashes + 64, 1, d4);
    CU_ASSERT_EQUAL(strlen(d1), 64);
    CU_ASSERT_STRING_NOT_EQUAL(d1, d2);
    CU_ASSERT_STRING_NOT_EQUAL(d1, d3);
    CU_ASSERT_STRING_NOT_EQUAL(d1, d4);
    /* an event's every field counts, and no field shifts into the next */
    AdjChainEvent e = {{"12", "record", "P1", "M1", "1234567893", "A1", "2026001", "x", "7"},
                       {2, 6, 2, 2, 10, 2, 7, 1, 1}};
    char h1[ADJ_SHA256_HEX], h2[ADJ_SHA256_HEX];
    adj_store_chain_event_hash(&e, h1);
    for (int f = 0; f < ADJ_EF_COUNT; f++) {
        AdjChainEvent x = e;
        x.len[f] = 0;
        adj_store_chain_event_hash(&x, h2);
        CU_ASSERT_STRING_NOT_EQUAL(h1, h2);
    }
    AdjChainEvent shift = e;
    shift.v[ADJ_EF_PERSON_KEY] = "P1M";
    shift.len[ADJ_EF_PERSON_KEY] = 3;
    shift.len[ADJ_EF_MEMBER_ID] = 1; /* "M" */
    adj_store_chain_event_hash(&shift, h2);
    CU_ASSERT_STRING_NOT_EQUAL(h1, h2);
}

static void test_lines_roundtrip(void)
{
    AdjHistLine in[3];
    memset(in, 0, sizeof(in));
    in[0].line = 1;
    strcpy(in[0].code, "99492");
    in[0].dos = 20260115;
    in[0].units = 1;
    in[0].charge = 20000;
    in[0].outcome = ADJ_OUT_PAY;
    in[1].line = 2;
    strcpy(in[1].code, "9 9:4\n\x1f\"'"); /* spaces, colons, quotes: length-prefixed */
    strcpy(in[1].mods[0], "59");
    strcpy(in[1].mods[1], "X:");
    in[1].nmods = 2;
    in[1].dos = 20260131;
    in[1].units = 4;
    in[1].charge = 7000;
    in[1].outcome = ADJ_OUT_PEND;
    in[0].year = 20250701; /* a cost share toward the accumulators (issue 13) */
    in[0].plan = 18446744073709551000ull;
    in[0].ded = 12345;
    in[0].oop = 23456;
    in[2].line = 12;
    in[2].code[0] = (char)0xe9;
    in[2].code[1] = '\n';
    in[2].code[2] = '\0';
    in[2].dos = 20240229;
    in[2].charge = -5;
    in[2].outcome = ADJ_OUT_PAY;
    size_t len = 0;
    char *enc = adj_store_lines_encode(in, 3, &len);
    AdjHistLine out[4];
    int n = adj_store_lines_decode(enc, len, "A1", "1234567893", out, 4);
    CU_ASSERT_EQUAL(n, 3);
    for (int i = 0; i < n && i < 3; i++) {
        CU_ASSERT_EQUAL(out[i].line, in[i].line);
        CU_ASSERT_STRING_EQUAL(out[i].code, in[i].code);
        CU_ASSERT_EQUAL(out[i].nmods, in[i].nmods);
        for (int m = 0; m < in[i].nmods; m++)
            CU_ASSERT_STRING_EQUAL(out[i].mods[m], in[i].mods[m]);
        CU_ASSERT_EQUAL(out[i].dos, in[i].dos);
        CU_ASSERT_EQUAL(out[i].month, adj_date_month(in[i].dos));
        CU_ASSERT_EQUAL(out[i].units, in[i].units);
        CU_ASSERT_EQUAL(out[i].charge, in[i].charge);
        CU_ASSERT_EQUAL(out[i].outcome, in[i].outcome);
        CU_ASSERT_EQUAL(out[i].year, in[i].year);
        CU_ASSERT_EQUAL(out[i].plan, in[i].plan);
        CU_ASSERT_EQUAL(out[i].ded, in[i].ded);
        CU_ASSERT_EQUAL(out[i].oop, in[i].oop);
        CU_ASSERT_STRING_EQUAL(out[i].claim_id, "A1");
        CU_ASSERT_STRING_EQUAL(out[i].billing_npi, "1234567893");
    }
    /* truncated or garbled: an error, never a crash or a half line */
    CU_ASSERT_EQUAL(adj_store_lines_decode(enc, len - 3, "A1", "1", out, 4), -1);
    CU_ASSERT_EQUAL(adj_store_lines_decode("1 999:x", 7, "A1", "1", out, 4), -1);
    CU_ASSERT_EQUAL(adj_store_lines_decode("", 0, "A1", "1", out, 4), 0);
    free(enc);
}

static const UnitTest tests[] = {
    {"history lines round-trip", test_lines_roundtrip},
    {"hash vector", test_hash_vector},
    {"every field counts", test_every_field_counts},
    {"no field shift", test_no_field_shift},
    {"checkpoint hmac", test_checkpoint_hmac},
    {"signed checkpoint digest and event hash", test_checkpoint_digest},
    {NULL, NULL},
};
ADJ_UNIT_MAIN("store", tests)
