/* Example: a pipeline linking libadjudicator through adjudicator.h only.
 * Decides a CoCM month-by-month story with the engine's own history and
 * prints one JSON decision per line. Usage: example RULESETS PROVIDERS
 * MEMBERS PLANS. Run and checked by tests/integration/test_example.sh. */
#include <stdio.h>
#include <string.h>

#include <adjudicator.h>

static AdjApiLine line(int lx, const char *code, long long cents, int dos)
{
    AdjApiLine l;
    memset(&l, 0, sizeof(l));
    l.lx = lx;
    snprintf(l.code, sizeof(l.code), "%s", code);
    l.charge_cents = cents;
    snprintf(l.unit_basis, sizeof(l.unit_basis), "UN");
    l.units_milli = 1000;
    l.dos_from = l.dos_to = dos;
    return l;
}

static AdjApiClaim claim(const char *id, const char *npi, const char *zip)
{
    AdjApiClaim c;
    memset(&c, 0, sizeof(c));
    snprintf(c.claim_id, sizeof(c.claim_id), "%s", id);
    snprintf(c.billing_npi, sizeof(c.billing_npi), "%s", npi);
    snprintf(c.billing_zip, sizeof(c.billing_zip), "%s", zip);
    snprintf(c.member_id, sizeof(c.member_id), "MBR1001");
    snprintf(c.pos, sizeof(c.pos), "11");
    snprintf(c.freq, sizeof(c.freq), "1");
    snprintf(c.dx[0], sizeof(c.dx[0]), "F331");
    snprintf(c.dx[1], sizeof(c.dx[1]), "F411");
    c.ndx = 2;
    return c;
}

int main(int argc, char **argv)
{
    if (argc != 5) {
        fprintf(stderr, "usage: %s RULESETS PROVIDERS MEMBERS PLANS\n", argv[0]);
        return 2;
    }
    if (adj_api_version() / 10000 != ADJ_API_VERSION / 10000) {
        fprintf(stderr, "example: built for API %d, the library is %d\n", ADJ_API_VERSION,
                adj_api_version());
        return 2;
    }
    char err[512];
    AdjApi *api = NULL;
    int rc = adj_api_open(argv[1], argv[2], argv[3], argv[4], &api, err, sizeof(err));
    if (rc != ADJ_API_OK) {
        fprintf(stderr, "example: %s (%s)\n", err, adj_api_status_name(rc));
        return 2;
    }
    AdjApiClaim claims[4];
    claims[0] = claim("EX-JAN", "1234567893", "94110");
    claims[0].lines[0] = line(1, "99492", 20000, 20260120);
    claims[0].nlines = 1;
    claims[1] = claim("EX-PSY", "2222222228", "94110");
    claims[1].lines[0] = line(1, "90834", 15000, 20260122);
    claims[1].nlines = 1;
    claims[2] = claim("EX-FEB", "1234567893", "94110");
    claims[2].lines[0] = line(1, "99493", 18000, 20260220);
    claims[2].lines[1] = line(2, "99494", 7000, 20260220);
    claims[2].nlines = 2;
    claims[3] = claim("EX-FEB-AGAIN", "1234567893", "94110"); /* resubmitted */
    claims[3].lines[0] = line(1, "99493", 18000, 20260220);
    claims[3].nlines = 1;
    int status = 0;
    for (int i = 0; i < 4; i++) {
        AdjApiDecision out[ADJ_API_MAX_LINES];
        int n = adj_api_decide(api, &claims[i], NULL, out, err, sizeof(err));
        if (n < 0) {
            fprintf(stderr, "example: %s (%s)\n", err, adj_api_status_name(n));
            status = 1;
            break;
        }
        for (int k = 0; k < n; k++) {
            char json[2048];
            adj_api_decision_json(&out[k], claims[i].member_id, json, sizeof(json));
            printf("%s\n", json);
        }
    }
    adj_api_close(api);
    return status;
}
