/* Example: a pipeline linking libadjudicator through adjudicator.h only,
 * deciding claims against the history the adjudicator's PostgreSQL
 * database holds (adj_api_pg_history), so it decides as `serve` does.
 * Usage: example_pghist RULESETS PROVIDERS MEMBERS PLANS CONNINFO.
 * Prints "pg|mem" then the JSON decision, per line; checked by
 * tests/integration/test_api_pghist.sh. */
#include <stdio.h>
#include <string.h>

#include <adjudicator.h>

static AdjApiClaim claim(const char *id, const char *code, long long cents, int dos)
{
    AdjApiClaim c;
    memset(&c, 0, sizeof(c));
    snprintf(c.claim_id, sizeof(c.claim_id), "%s", id);
    snprintf(c.billing_npi, sizeof(c.billing_npi), "1234567893");
    snprintf(c.billing_zip, sizeof(c.billing_zip), "941101234");
    snprintf(c.member_id, sizeof(c.member_id), "MBR1001");
    snprintf(c.pos, sizeof(c.pos), "11");
    snprintf(c.freq, sizeof(c.freq), "1");
    snprintf(c.dx[0], sizeof(c.dx[0]), "F331");
    c.ndx = 1;
    AdjApiLine *l = &c.lines[0];
    l->lx = 1;
    snprintf(l->code, sizeof(l->code), "%s", code);
    l->charge_cents = cents;
    snprintf(l->unit_basis, sizeof(l->unit_basis), "UN");
    l->units_milli = 1000;
    l->dx_ptr[0] = 1;
    l->dos_from = l->dos_to = dos;
    c.nlines = 1;
    return c;
}

static int decide(AdjApi *api, const char *tag, const AdjApiClaim *c, const AdjApiHistory *hist)
{
    char err[512];
    AdjApiDecision out[ADJ_API_MAX_LINES];
    int n = adj_api_decide(api, c, hist, out, err, sizeof(err));
    if (n < 0) {
        fprintf(stderr, "example: %s\n", err);
        return 1;
    }
    for (int k = 0; k < n; k++) {
        char json[2048];
        adj_api_decision_json(&out[k], c->member_id, json, sizeof(json));
        printf("%s %s\n", tag, json);
    }
    return 0;
}

int main(int argc, char **argv)
{
    if (argc != 6) {
        fprintf(stderr, "usage: %s RULESETS PROVIDERS MEMBERS PLANS CONNINFO\n", argv[0]);
        return 2;
    }
    char err[512];
    AdjApi *api = NULL;
    int rc = adj_api_open(argv[1], argv[2], argv[3], argv[4], &api, err, sizeof(err));
    if (rc != ADJ_API_OK) {
        fprintf(stderr, "example: %s (%s)\n", err, adj_api_status_name(rc));
        return 2;
    }
    AdjApiPgHistory *pg = NULL;
    rc = adj_api_pg_history_open(argv[5], &pg, err, sizeof(err));
    if (rc != ADJ_API_OK) {
        fprintf(stderr, "example: %s (%s)\n", err, adj_api_status_name(rc));
        adj_api_close(api);
        return 3;
    }
    /* the January claim resubmitted under another number, then March's */
    AdjApiClaim again = claim("PSF-1001-AGAIN", "99492", 20000, 20260120);
    AdjApiClaim march = claim("PSF-1201", "99493", 18000, 20260317);
    int st = decide(api, "pg", &again, adj_api_pg_history(pg));
    st |= decide(api, "pg", &march, adj_api_pg_history(pg));
    st |= decide(api, "mem", &again, NULL); /* the handle's empty memory: no history */
    if (adj_api_pg_history_error(pg)[0]) {
        fprintf(stderr, "example: %s\n", adj_api_pg_history_error(pg));
        st = 1;
    }
    adj_api_pg_history_close(pg);
    adj_api_close(api);
    return st;
}
