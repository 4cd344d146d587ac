/* The public API's boundary (adjudicator.h): its version, status codes
 * instead of -1, NULL arguments refused, errors returned with a message and
 * nothing written to stderr, and out of memory inside a call returned to
 * the caller (core/guard.h) instead of aborting. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "adjudicator.h"
#include "core/arena.h"
#include "core/guard.h"
#include "core/log.h"
#include "unit.h"

#define DEMO "deploy/demo-data/"

static void test_version_status(void)
{
    CU_ASSERT_EQUAL(adj_api_version(), ADJ_API_VERSION);
    CU_ASSERT_EQUAL(ADJ_API_VERSION / 10000, 1);
    CU_ASSERT_STRING_EQUAL(adj_api_status_name(ADJ_API_OK), "ok");
    CU_ASSERT_STRING_EQUAL(adj_api_status_name(ADJ_API_ERR_NOMEM), "nomem");
    CU_ASSERT_STRING_EQUAL(adj_api_status_name(ADJ_API_ERR_INPUT), "input");
    CU_ASSERT_STRING_EQUAL(adj_api_status_name(-99), "unknown");
}

/* Runs fn with stderr redirected to a file; returns how many bytes it got. */
static long stderr_bytes(void (*fn)(void *), void *arg)
{
    fflush(stderr);
    FILE *tmp = tmpfile();
    int saved = dup(2);
    dup2(fileno(tmp), 2);
    fn(arg);
    fflush(stderr);
    dup2(saved, 2);
    close(saved);
    fseek(tmp, 0, SEEK_END);
    long n = ftell(tmp);
    fclose(tmp);
    return n;
}

typedef struct Calls {
    AdjApi *api;
    char err[512];
    int rc, open_rc;
} Calls;

static void bad_calls(void *arg)
{
    Calls *c = arg;
    adj_log_set_level(ADJ_LOG_DEBUG); /* even at debug, API calls stay silent */
    c->open_rc = adj_api_open("rulesets", DEMO "none.csv", DEMO "members.csv", DEMO "plans.csv",
                              &c->api, c->err, sizeof(c->err));
    AdjApiDecision out[ADJ_API_MAX_LINES];
    AdjApiClaim claim;
    memset(&claim, 0, sizeof(claim));
    c->rc = adj_api_decide(NULL, &claim, NULL, out, NULL, 0);
    adj_log_set_level(ADJ_LOG_INFO);
}

static void test_errors(void)
{
    Calls c;
    memset(&c, 0, sizeof(c));
    CU_ASSERT_EQUAL(stderr_bytes(bad_calls, &c), 0);
    CU_ASSERT_PTR_NULL(c.api);
    CU_ASSERT_EQUAL(c.open_rc, ADJ_API_ERR_INPUT);
    CU_ASSERT_PTR_NOT_NULL(strstr(c.err, "none.csv"));
    CU_ASSERT_EQUAL(c.rc, ADJ_API_ERR_ARG);
    char err[64] = "";
    AdjApi *api = (AdjApi *)&c; /* set to NULL on any failure */
    CU_ASSERT_EQUAL(adj_api_open(NULL, "p", "m", "l", &api, err, sizeof(err)), ADJ_API_ERR_ARG);
    CU_ASSERT_PTR_NULL(api);
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "NULL"));
    CU_ASSERT_EQUAL(adj_api_open("r", "p", "m", "l", NULL, err, sizeof(err)), ADJ_API_ERR_ARG);
    AdjApiPgHistory *pg = NULL;
    CU_ASSERT_EQUAL(adj_api_pg_history_open("", NULL, err, sizeof(err)), ADJ_API_ERR_ARG);
    CU_ASSERT_EQUAL(adj_api_pg_history_open("host=/nonexistent-adj-socket-dir", &pg, err,
                                            sizeof(err)),
                    ADJ_API_ERR_HISTORY);
    CU_ASSERT_PTR_NULL(pg);
    CU_ASSERT_PTR_NULL(adj_api_pg_history(NULL));
    CU_ASSERT_STRING_EQUAL(adj_api_pg_history_error(NULL), "");
    adj_api_close(NULL);
}

static void test_decide(void)
{
    char err[512];
    AdjApi *api = NULL;
    CU_ASSERT_EQUAL_FATAL(adj_api_open("rulesets", DEMO "providers.csv", DEMO "members.csv",
                                       DEMO "plans.csv", &api, err, sizeof(err)),
                          ADJ_API_OK);
    CU_ASSERT_PTR_NOT_NULL_FATAL(api);
    AdjApiClaim c;
    memset(&c, 0, sizeof(c));
    snprintf(c.claim_id, sizeof(c.claim_id), "U-1");
    snprintf(c.billing_npi, sizeof(c.billing_npi), "1234567893");
    snprintf(c.billing_zip, sizeof(c.billing_zip), "94110");
    snprintf(c.member_id, sizeof(c.member_id), "MBR1001");
    snprintf(c.pos, sizeof(c.pos), "11");
    snprintf(c.freq, sizeof(c.freq), "1");
    snprintf(c.dx[0], sizeof(c.dx[0]), "F331");
    c.ndx = 1;
    AdjApiLine *l = &c.lines[0];
    l->lx = 1;
    snprintf(l->code, sizeof(l->code), "99492");
    l->charge_cents = 20000;
    snprintf(l->unit_basis, sizeof(l->unit_basis), "UN");
    l->units_milli = 1000;
    l->dx_ptr[0] = 1;
    l->dos_from = l->dos_to = 20260120;
    c.nlines = 1;
    AdjApiDecision out[ADJ_API_MAX_LINES];
    int n = adj_api_decide(api, &c, NULL, out, err, sizeof(err));
    CU_ASSERT_EQUAL_FATAL(n, 1);
    CU_ASSERT_STRING_EQUAL(out[0].outcome, "pay");
    CU_ASSERT_EQUAL(out[0].paid_cents, 11944);
    CU_ASSERT_STRING_EQUAL(out[0].billing_npi, "1234567893");
    CU_ASSERT_EQUAL(out[0].dos, 20260120);
    CU_ASSERT_EQUAL(out[0].charge_cents, 20000);
    CU_ASSERT_EQUAL(out[0].units_milli, 1000);
    char json[4096];
    size_t len = adj_api_decision_json(&out[0], c.member_id, json, sizeof(json));
    CU_ASSERT(len > 0 && len < sizeof(json));
    CU_ASSERT_PTR_NOT_NULL(strstr(json, "\"billing_npi\":\"1234567893\",\"dos\":\"2026-01-20\","
                                        "\"charge\":\"200.00\",\"units\":1,\"matched_claim\":null,"
                                        "\"contract\":2,"));
    adj_api_close(api);
}

/* What a guarded API call does when an allocation fails deep inside. */
static int guarded_alloc(size_t n)
{
    AdjGuard g;
    adj_guard_push(&g);
    if (setjmp(g.env) != 0) {
        adj_guard_pop(&g);
        return ADJ_API_ERR_NOMEM;
    }
    void *p = adj_xmalloc(n);
    free(p);
    adj_guard_pop(&g);
    return ADJ_API_OK;
}

static void test_oom(void)
{
    CU_ASSERT_FALSE(adj_guard_active());
    CU_ASSERT_EQUAL(guarded_alloc(64), ADJ_API_OK);
#if defined(__SANITIZE_ADDRESS__)
    /* ASan reports an impossible allocation instead of returning NULL */
#else
    CU_ASSERT_EQUAL(guarded_alloc(SIZE_MAX / 2), ADJ_API_ERR_NOMEM);
#endif
    CU_ASSERT_FALSE(adj_guard_active());
}

static const UnitTest tests[] = {
    {"version and status names", test_version_status},
    {"errors are returned, never printed", test_errors},
    {"decide and the contract 2 fields", test_decide},
    {"out of memory returns to the caller", test_oom},
    {NULL, NULL},
};

ADJ_UNIT_MAIN("api", tests)
