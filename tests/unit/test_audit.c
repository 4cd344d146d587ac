/* audit/: the checks of `audit verify` and the checkpoint seal, on rows
 * built here (no database): a clean chain and checkpoint pass, and each
 * kind of tampering is reported once, naming the claim or checkpoint. The
 * hash and HMAC vectors themselves are in test_store.c. */
#include <stdio.h>
#include <string.h>

#include "audit/audit.h"
#include "unit.h"

typedef struct Seen {
    int n;
    char last[1024];
} Seen;

static void seen(void *ctx, const char *msg)
{
    Seen *s = ctx;
    s->n++;
    snprintf(s->last, sizeof(s->last), "%s", msg);
}

static void row(AdjChainRow *r, const char *line)
{
    memset(r, 0, sizeof(*r));
    static const char *vals[ADJ_CF_COUNT] = {"17", "1", "1", "1", "1", "5", "2026-01-20", "w",
                                             NULL, "M001", "2026-01-01", "2026-01-15", "99492",
                                             "medical", "pay", NULL, NULL, "", "100", "80",
                                             "20", "cocm-2026", NULL, "r", NULL, "paid"};
    for (int i = 0; i < ADJ_CF_COUNT; i++) {
        r->v[i] = vals[i];
        r->len[i] = vals[i] ? strlen(vals[i]) : 0;
    }
    r->v[ADJ_CF_LINE_NO] = line;
    r->len[ADJ_CF_LINE_NO] = strlen(line);
}

static const AdjAuditRowName name = {"A1", "1234567893", "2026000001", "1", "1"};

/* two rows of one claim, the second altered after it was hashed */
static void test_chain(void)
{
    AdjChainRow r1, r2;
    row(&r1, "1");
    row(&r2, "2");
    char h1[ADJ_SHA256_HEX], h2[ADJ_SHA256_HEX];
    adj_store_chain_hash(ADJ_CHAIN_GENESIS, &r1, h1);
    adj_store_chain_hash(h1, &r2, h2);
    AdjAuditKeys keys = {0};
    AdjAuditResult res;
    Seen s = {0};
    AdjAuditVerifier v;
    adj_audit_verifier_init(&v, &keys, seen, &s, &res);
    adj_audit_chain_row(&v, 17, 1, &r1, ADJ_CHAIN_GENESIS, h1, &name);
    adj_audit_chain_row(&v, 17, 2, &r2, h1, h2, &name);
    CU_ASSERT_EQUAL(s.n, 0);
    CU_ASSERT_EQUAL(res.claims, 1);
    CU_ASSERT_EQUAL(res.decisions, 2);
    adj_audit_verifier_init(&v, &keys, seen, &s, &res);
    r2.v[ADJ_CF_PAID] = "90"; /* altered */
    adj_audit_chain_row(&v, 17, 1, &r1, ADJ_CHAIN_GENESIS, h1, &name);
    adj_audit_chain_row(&v, 17, 2, &r2, h1, h2, &name);
    CU_ASSERT_EQUAL(s.n, 1);
    CU_ASSERT_PTR_NOT_NULL(strstr(s.last, "claim A1"));
    CU_ASSERT_PTR_NOT_NULL(strstr(s.last, "row altered"));
    /* a row missing: the next one's position and link say so */
    s.n = 0;
    adj_audit_verifier_init(&v, &keys, seen, &s, &res);
    adj_audit_chain_row(&v, 17, 2, &r2, h1, h2, &name);
    CU_ASSERT_EQUAL(s.n, 3);
    CU_ASSERT_EQUAL(res.problems, 3);
}

/* an HMAC checkpoint sealed as the writer seals it verifies; a decision
 * hash added afterwards, a wrong key or a rewritten anchor is reported */
static void test_hmac_checkpoint(void)
{
    static const uint8_t key[] = "0123456789abcdef0123456789abcdef";
    const char *hashes = "1111111111111111111111111111111111111111111111111111111111111111";
    AdjAuditCheckpoint c = {.seq = 1, .id = 9, .decisions = 1};
    snprintf(c.prev_hmac, sizeof(c.prev_hmac), "%s", ADJ_CHAIN_GENESIS);
    adj_audit_seal_hmac(key, 32, 1, 9, ADJ_CHAIN_GENESIS, hashes, 1, c.hmac, c.key_id);
    AdjAuditAnchor anchor = {.seq = 1, .line = 3};
    snprintf(anchor.digest, sizeof(anchor.digest), "%s", c.hmac);
    AdjAuditKeys keys = {.hmac = key, .hmac_len = 32, .anchors = &anchor, .nanchors = 1};
    AdjAuditResult res;
    Seen s = {0};
    AdjAuditVerifier v;
    adj_audit_verifier_init(&v, &keys, seen, &s, &res);
    adj_audit_checkpoint_decision(&v, &c, hashes, "A1", "1");
    res.decisions = 1;
    adj_audit_checkpoint_check(&v, &c);
    adj_audit_verifier_finish(&v);
    CU_ASSERT_EQUAL(s.n, 0);
    CU_ASSERT_EQUAL(res.checkpoints, 1);
    CU_ASSERT_EQUAL(res.anchors, 1);
    /* one decision more than sealed */
    adj_audit_verifier_init(&v, &keys, seen, &s, &res);
    adj_audit_checkpoint_decision(&v, &c, hashes, "A2", "1");
    adj_audit_checkpoint_check(&v, &c);
    CU_ASSERT_EQUAL(s.n, 1);
    CU_ASSERT_PTR_NOT_NULL(strstr(s.last, "HMAC does not match its 2 decision rows"));
    CU_ASSERT_PTR_NOT_NULL(strstr(s.last, "A1 (version 1), A2 (version 1)"));
    adj_audit_checkpoint_free(&c);
    /* the anchor says otherwise */
    s.n = 0;
    anchor.digest[0] = anchor.digest[0] == 'a' ? 'b' : 'a';
    AdjAuditCheckpoint c2 = c;
    c2.hashes = NULL;
    c2.n = c2.cap = 0;
    c2.claims[0] = '\0';
    adj_audit_verifier_init(&v, &keys, seen, &s, &res);
    adj_audit_checkpoint_decision(&v, &c2, hashes, "A1", "1");
    adj_audit_checkpoint_check(&v, &c2);
    CU_ASSERT_EQUAL(s.n, 1);
    CU_ASSERT_PTR_NOT_NULL(strstr(s.last, "differs from its anchor (anchor line 3)"));
    adj_audit_checkpoint_free(&c2);
    /* no key: counted as unverifiable, one problem at the end */
    s.n = 0;
    AdjAuditKeys none = {0};
    adj_audit_verifier_init(&v, &none, seen, &s, &res);
    adj_audit_checkpoint_check(&v, &c2);
    adj_audit_verifier_finish(&v);
    CU_ASSERT_EQUAL(s.n, 1);
    CU_ASSERT_PTR_NOT_NULL(strstr(s.last, "1 legacy HMAC checkpoints cannot be verified"));
}

static const UnitTest tests[] = {
    {"decision chain", test_chain},
    {"HMAC checkpoint, anchors", test_hmac_checkpoint},
    {NULL, NULL},
};
ADJ_UNIT_MAIN("audit", tests)
