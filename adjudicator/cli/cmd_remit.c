/* 835 remittance files: `check --remit-dir DIR` (the decisions of one
 * check run, no database) and `adjudicator remit` (decisions finalised in
 * PostgreSQL and not yet remitted). One 835 per payee (billing NPI and
 * TIN) in DIR/<npi>-<control number>.835; a payee whose claims do not
 * balance gets an error naming the claim and no file. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "cli/cli.h"
#include "core/arena.h"
#include "engine/decision.h"
#include "x12out/x12out.h"

typedef struct CheckPayee {
    AdjRemitPayee payee;
    AdjClaimParties parties; /* of its first claim: envelope and payer */
    AdjX12Remit r;
    bool failed;
} CheckPayee;

/* A claim remitted in this run, kept so that a later replacement or void
 * can reverse it. */
typedef struct Remitted {
    char npi[11];
    AdjRemitClaim c;
    AdjRemitLine *lines;
    bool reversed;
} Remitted;

struct AdjRemitCheck {
    const char *dir;
    CheckPayee *p;
    size_t n, cap;
    Remitted *done;
    size_t ndone, done_cap;
    uint64_t seq;
    bool failed;
};

AdjRemitCheck *adj_remit_check_new(const char *dir)
{
    AdjRemitCheck *rc = adj_xcalloc(1, sizeof(*rc));
    rc->dir = dir;
    return rc;
}

static CheckPayee *payee_of(AdjRemitCheck *rc, const AdjClaim *c)
{
    for (size_t i = 0; i < rc->n; i++)
        if (strcmp(rc->p[i].payee.npi, c->billing_npi) == 0 &&
            strcmp(rc->p[i].payee.tin, c->parties.billing_tin) == 0)
            return &rc->p[i];
    if (rc->n == rc->cap) {
        rc->cap = rc->cap ? rc->cap * 2 : 8;
        rc->p = adj_xrealloc(rc->p, rc->cap * sizeof(*rc->p));
    }
    CheckPayee *p = &rc->p[rc->n++];
    memset(p, 0, sizeof(*p));
    snprintf(p->payee.npi, sizeof(p->payee.npi), "%s", c->billing_npi);
    snprintf(p->payee.name, sizeof(p->payee.name), "%s", c->parties.billing_name);
    snprintf(p->payee.tin, sizeof(p->payee.tin), "%s", c->parties.billing_tin);
    p->parties = c->parties;
    adj_x12out_835_begin(&p->r);
    return p;
}

static void add_claim(AdjRemitCheck *rc, const AdjClaim *claim, const AdjRemitClaim *rcl)
{
    CheckPayee *p = payee_of(rc, claim);
    AdjError err = {0};
    if (adj_x12out_835_claim(&p->r, rcl, &err) != ADJ_OK) {
        fprintf(stderr, "adjudicator: check: %s\n", err.msg);
        p->failed = true;
    }
}

/* A replacement (7) or void (8) of a claim remitted earlier in this run:
 * the next 835 reverses the original payment (CLP02 22, amounts negated). */
static void reverse_original(AdjRemitCheck *rc, const AdjClaim *claim)
{
    const char *orig = claim->original_ref[0] ? claim->original_ref : claim->claim_id;
    for (size_t i = rc->ndone; i-- > 0;) {
        Remitted *r = &rc->done[i];
        if (r->reversed || strcmp(r->npi, claim->billing_npi) != 0 ||
            (strcmp(r->c.claim_id, orig) != 0 && strcmp(r->c.pcn, orig) != 0))
            continue;
        r->reversed = true;
        AdjRemitClaim rev = r->c;
        rev.reversal = true;
        add_claim(rc, claim, &rev);
        return;
    }
}

void adj_remit_check_claim(AdjRemitCheck *rc, const AdjClaim *claim, const AdjDecision *d, int n)
{
    if (claim->nproblems > 0)
        return;
    bool settled = n > 0 && (d[0].outcome == ADJ_OUT_VOID || adj_x12out_remittable(d, n));
    if (settled && (claim->freq[0] == '7' || claim->freq[0] == '8'))
        reverse_original(rc, claim);
    if (!adj_x12out_remittable(d, n))
        return;
    AdjRemitLine lines[ADJ_MAX_LINES];
    AdjRemitClaim rcl = {.lines = lines, .received = claim->interchange_date};
    rcl.nlines = adj_x12out_remit_lines(claim, d, n, lines);
    snprintf(rcl.claim_id, sizeof(rcl.claim_id), "%s", claim->claim_id);
    /* no pipeline, no payer claim control number: one for this run */
    snprintf(rcl.pcn, sizeof(rcl.pcn), "CHECK%010llu", (unsigned long long)++rc->seq);
    snprintf(rcl.freq, sizeof(rcl.freq), "%s", claim->freq);
    snprintf(rcl.member_id, sizeof(rcl.member_id), "%s", claim->member_id);
    snprintf(rcl.patient_last, sizeof(rcl.patient_last), "%s", claim->parties.patient_last);
    snprintf(rcl.patient_first, sizeof(rcl.patient_first), "%s",
             claim->patient_is_dependent ? claim->patient_first : claim->parties.subscriber_first);
    add_claim(rc, claim, &rcl);
    if (rc->ndone == rc->done_cap) {
        rc->done_cap = rc->done_cap ? rc->done_cap * 2 : 64;
        rc->done = adj_xrealloc(rc->done, rc->done_cap * sizeof(*rc->done));
    }
    Remitted *r = &rc->done[rc->ndone++];
    memset(r, 0, sizeof(*r));
    snprintf(r->npi, sizeof(r->npi), "%s", claim->billing_npi);
    r->c = rcl;
    r->lines = adj_xmalloc((size_t)(rcl.nlines ? rcl.nlines : 1) * sizeof(AdjRemitLine));
    memcpy(r->lines, lines, (size_t)rcl.nlines * sizeof(AdjRemitLine));
    r->c.lines = r->lines;
}

/* Write one 835 interchange for payee p into path. */
static int write_835(const char *dir, CheckPayee *p, AdjDate date, int hhmm)
{
    AdjError err = {0};
    uint32_t ctl = 0;
    char key[48];
    snprintf(key, sizeof(key), "835:%s", p->payee.npi);
    if (adj_cli_control_next(dir, key, &ctl, &err) != ADJ_OK) {
        fprintf(stderr, "adjudicator: remit: %s\n", err.msg);
        return 2;
    }
    AdjX12Env env = {.date = date, .hhmm = hhmm, .isa13 = ctl, .gs06 = ctl, .usage = 'P'};
    const AdjClaimParties *pt = &p->parties;
    snprintf(env.sender_qual, sizeof(env.sender_qual), "ZZ");
    snprintf(env.sender_id, sizeof(env.sender_id), "%.15s",
             pt->receiver_id[0] ? pt->receiver_id : "PAYER");
    snprintf(env.receiver_qual, sizeof(env.receiver_qual), "ZZ");
    snprintf(env.receiver_id, sizeof(env.receiver_id), "%.15s",
             pt->submitter_id[0] ? pt->submitter_id : p->payee.npi);
    snprintf(env.gs_sender, sizeof(env.gs_sender), "%s", env.sender_id);
    snprintf(env.gs_receiver, sizeof(env.gs_receiver), "%s", env.receiver_id);
    AdjRemitPayerInfo payer = {0};
    snprintf(payer.name, sizeof(payer.name), "%s",
             pt->payer_name[0] ? pt->payer_name : pt->receiver_name);
    AdjX12Out w;
    adj_x12out_init(&w);
    adj_x12out_isa(&w, &env);
    adj_x12out_gs(&w, &env, "HP", "005010X221A1");
    char trace[24];
    snprintf(trace, sizeof(trace), "%09u", (unsigned)ctl);
    if (adj_x12out_835_head(&p->r, &w, 1, trace, &payer, &p->payee, date, &err) != ADJ_OK) {
        fprintf(stderr, "adjudicator: remit: %s\n", err.msg);
        adj_x12out_free(&w);
        return 1;
    }
    adj_x12out_raw(&w, p->r.body.buf, p->r.body.len);
    adj_x12out_835_tail(&p->r, &w, 1, p->payee.npi, date);
    adj_x12out_ge(&w, 1, &env);
    adj_x12out_iea(&w, 1, &env);
    char path[PATH_MAX - 8], tmp[PATH_MAX];
    snprintf(path, sizeof(path), "%s/%s-%09u.835", dir, p->payee.npi[0] ? p->payee.npi : "unknown",
             (unsigned)ctl);
    snprintf(tmp, sizeof(tmp), "%s.tmp", path);
    FILE *f = fopen(tmp, "w");
    int rc = 0;
    if (f == NULL || fwrite(w.buf, 1, w.len, f) != w.len || fclose(f) != 0 ||
        rename(tmp, path) != 0) {
        fprintf(stderr, "adjudicator: remit: %s: %s\n", path, strerror(errno));
        rc = 2;
    }
    adj_x12out_free(&w);
    return rc;
}

static void today(AdjDate *date, int *hhmm)
{
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    *date = adj_date_make(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
    *hhmm = tm.tm_hour * 100 + tm.tm_min;
}

int adj_remit_check_finish(AdjRemitCheck *rc)
{
    int result = 0;
    if (mkdir(rc->dir, 0755) != 0 && errno != EEXIST) {
        fprintf(stderr, "adjudicator: check: --remit-dir %s: %s\n", rc->dir, strerror(errno));
        result = 2;
    }
    AdjDate date;
    int hhmm;
    today(&date, &hhmm);
    for (size_t i = 0; i < rc->n; i++) {
        CheckPayee *p = &rc->p[i];
        if (result != 2 && p->failed) {
            fprintf(stderr, "adjudicator: check: no 835 for payee %s: a claim did not balance\n",
                    p->payee.npi);
            result = 1;
        } else if (result != 2 && p->r.claims > 0) {
            int w = write_835(rc->dir, p, date, hhmm);
            if (w > result)
                result = w;
        }
        adj_x12out_835_free(&p->r);
    }
    for (size_t i = 0; i < rc->ndone; i++)
        free(rc->done[i].lines);
    free(rc->done);
    free(rc->p);
    free(rc);
    return result;
}
