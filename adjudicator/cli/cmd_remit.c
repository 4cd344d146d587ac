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
#include "claim/decision.h"
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
    const AdjConfig *cfg; /* NULL: the payer as the 837 names it */
    CheckPayee *p;
    size_t n, cap;
    Remitted *done;
    size_t ndone, done_cap;
    uint64_t seq;
    bool failed;
};

AdjRemitCheck *adj_remit_check_new(const char *dir, const AdjConfig *cfg)
{
    AdjRemitCheck *rc = adj_xcalloc(1, sizeof(*rc));
    rc->dir = dir;
    rc->cfg = cfg;
    return rc;
}

/* The payer of our 835s (1000A, ISA06) from the remit.* settings: the
 * configured ones, or their documented defaults (config.c). */
static void payer_from(const AdjConfig *cfg, AdjRemitPayerInfo *p, AdjX12Env *env)
{
    AdjConfig defaults;
    if (cfg == NULL) {
        adj_config_defaults(&defaults);
        cfg = &defaults;
    }
    memset(p, 0, sizeof(*p));
    snprintf(p->name, sizeof(p->name), "%s", cfg->remit_payer_name);
    snprintf(p->id, sizeof(p->id), "%s", cfg->remit_payer_id);
    snprintf(p->address, sizeof(p->address), "%s", cfg->remit_payer_address);
    snprintf(p->city, sizeof(p->city), "%s", cfg->remit_payer_city);
    snprintf(p->state, sizeof(p->state), "%s", cfg->remit_payer_state);
    snprintf(p->zip, sizeof(p->zip), "%s", cfg->remit_payer_zip);
    snprintf(p->phone, sizeof(p->phone), "%s", cfg->remit_payer_phone);
    snprintf(p->contact, sizeof(p->contact), "%s", cfg->remit_payer_contact);
    snprintf(env->sender_qual, sizeof(env->sender_qual), "ZZ");
    snprintf(env->sender_id, sizeof(env->sender_id), "%.15s", cfg->remit_sender_id);
    snprintf(env->gs_sender, sizeof(env->gs_sender), "%s", env->sender_id);
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
static int write_835(const char *dir, const AdjConfig *cfg, CheckPayee *p, AdjDate date,
                     int hhmm)
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
    AdjRemitPayerInfo payer;
    payer_from(cfg, &payer, &env);
    if (cfg == NULL) {
        /* no configuration: the payer as the 837 names it */
        if (pt->receiver_id[0])
            snprintf(env.sender_id, sizeof(env.sender_id), "%.15s", pt->receiver_id);
        snprintf(env.gs_sender, sizeof(env.gs_sender), "%s", env.sender_id);
        if (pt->payer_name[0] || pt->receiver_name[0])
            snprintf(payer.name, sizeof(payer.name), "%s",
                     pt->payer_name[0] ? pt->payer_name : pt->receiver_name);
    }
    snprintf(env.receiver_qual, sizeof(env.receiver_qual), "ZZ");
    snprintf(env.receiver_id, sizeof(env.receiver_id), "%.15s",
             pt->submitter_id[0] ? pt->submitter_id : p->payee.npi);
    snprintf(env.gs_receiver, sizeof(env.gs_receiver), "%s", env.receiver_id);
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
            int w = write_835(rc->dir, rc->cfg, p, date, hhmm);
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

/* ---- `adjudicator remit`: from PostgreSQL ---------------------------- */

#include <unistd.h>

#include "store/store.h"

typedef struct RemitOpts {
    const char *out;
    AdjDate through;
} RemitOpts;

static void remit_usage(FILE *f)
{
    fprintf(f,
            "usage: adjudicator remit [--config F] [--through CCYYMMDD] --out DIR\n\n"
            "Writes one 835 (005010X221A1) per payee (billing NPI) into DIR for the\n"
            "decisions finalised and not yet remitted: a claim waits until none of\n"
            "its lines pends; a claim re-decided, replaced or voided after it was\n"
            "paid is reversed (CLP02 22) and, unless voided, paid again as now\n"
            "decided. Each claim's 835 is recorded in PostgreSQL in the same\n"
            "transaction, so nothing is remitted twice, also by concurrent runs.\n"
            "--through leaves decisions made after that day for a later run.\n"
            "Every claim is checked to balance; a payee whose 835 would not is\n"
            "named and gets no file. The payer's name, tax ID, address and contact\n"
            "come from the remit.* settings of --config (documented defaults\n"
            "otherwise).\n\n"
            "exit status: 0 ok, 1 a payee's 835 did not balance (its claims stay\n"
            "unremitted), 2 usage or a directory that cannot be written, 3 database\n"
            "unavailable\n");
}

/* Options in one place: --out DIR, --through DATE (one grammar,
 * adj_cli_parse). */
static int remit_option(void *ctx, int id, const char *name, const char *value)
{
    RemitOpts *o = ctx;
    (void)name;
    if (id == 'o') {
        o->out = value;
    } else if (!adj_date_parse_x12(value, strlen(value), &o->through) &&
               !adj_date_parse_iso(value, strlen(value), &o->through)) {
        return adj_cli_usage_error("remit", "--through '%s' is not a date", value);
    }
    return ADJ_CLI_GO;
}

static int remit_opts(AdjCli *cli, int *argc, char **argv, RemitOpts *o)
{
    static const AdjCliOpt opts[] = {{"out", 1, 'o'}, {"through", 1, 't'}, {NULL, 0, 0}};
    AdjCliSpec spec = {"remit", remit_usage, opts, remit_option, o};
    int rc = adj_cli_parse(cli, &spec, argc, argv);
    if (rc != ADJ_CLI_GO)
        return rc;
    if (o->out == NULL)
        return adj_cli_usage_error("remit", "--out DIR is required");
    if (*argc > 1)
        return adj_cli_usage_error("remit", "unexpected argument '%s'", argv[1]);
    return ADJ_CLI_GO;
}

typedef struct Payee {
    AdjRemitPayee payee;
    AdjX12Remit r;
    FILE *body;           /* the claims, streamed */
    char body_path[PATH_MAX - 16];
    int64_t remit_id;
    uint32_t control;
    int seq;
    int64_t reversals;
    bool failed, open;
} Payee;

static AdjStatus body_flush(void *ctx, const char *p, size_t n, AdjError *err)
{
    Payee *py = ctx;
    if (fwrite(p, 1, n, py->body) != n)
        return ADJ_FAIL(err, ADJ_ERR_IO, "%s: %s", py->body_path, strerror(errno));
    return ADJ_OK;
}

typedef struct Run {
    const RemitOpts *o;
    const AdjConfig *cfg;
    AdjStoreRemit *st;
    AdjDate date;
    int hhmm;
    char **written;       /* files to remove if the commit fails */
    size_t nwritten, cap;
    int64_t files, claims, reversals;
    AdjMoney paid;
    bool failed;
} Run;

static AdjStatus payee_start(Run *run, Payee *py, const AdjStoreRemitClaim *c, AdjError *err)
{
    memset(py, 0, sizeof(*py));
    py->payee = c->payee;
    AdjStatus st = adj_store_remit_savepoint(run->st, false, err);
    if (st == ADJ_OK)
        st = adj_store_remit_ids(run->st, &py->remit_id, &py->control, err);
    if (st != ADJ_OK)
        return st;
    snprintf(py->body_path, sizeof(py->body_path), "%s/.%s-%09u.body", run->o->out,
             py->payee.npi, (unsigned)py->control);
    py->body = fopen(py->body_path, "w+");
    if (py->body == NULL)
        return ADJ_FAIL(err, ADJ_ERR_IO, "%s: %s", py->body_path, strerror(errno));
    adj_x12out_835_begin(&py->r);
    py->r.body.flush = body_flush;
    py->r.body.flush_ctx = py;
    py->open = true;
    return ADJ_OK;
}

static void payee_drop(Payee *py)
{
    if (py->body != NULL)
        fclose(py->body);
    py->body = NULL;
    unlink(py->body_path);
    adj_x12out_835_free(&py->r);
    py->open = false;
}

/* Write DIR/<npi>-<control>.835: header, the streamed body, trailer. */
static AdjStatus payee_write(Run *run, Payee *py, char *path, size_t size, AdjError *err)
{
    AdjStatus st = adj_x12out_flush(&py->r.body, err);
    if (st != ADJ_OK)
        return st;
    AdjX12Env env = {.date = run->date, .hhmm = run->hhmm, .isa13 = py->control,
                     .gs06 = py->control, .usage = 'P'};
    AdjRemitPayerInfo payer;
    payer_from(run->cfg, &payer, &env);
    snprintf(env.receiver_qual, sizeof(env.receiver_qual), "ZZ");
    snprintf(env.receiver_id, sizeof(env.receiver_id), "%.15s", py->payee.npi);
    snprintf(env.gs_receiver, sizeof(env.gs_receiver), "%s", env.receiver_id);
    AdjX12Out w;
    adj_x12out_init(&w);
    adj_x12out_isa(&w, &env);
    adj_x12out_gs(&w, &env, "HP", "005010X221A1");
    char trace[24];
    snprintf(trace, sizeof(trace), "%09u", (unsigned)py->control);
    st = adj_x12out_835_head(&py->r, &w, 1, trace, &payer, &py->payee, run->date, err);
    if (st != ADJ_OK) {
        adj_x12out_free(&w);
        return st;
    }
    char tmp[PATH_MAX];
    snprintf(path, size, "%s/%s-%09u.835", run->o->out, py->payee.npi, (unsigned)py->control);
    snprintf(tmp, sizeof(tmp), "%s/.%s-%09u.835.tmp", run->o->out, py->payee.npi,
             (unsigned)py->control);
    FILE *f = fopen(tmp, "w");
    bool ok = f != NULL && fwrite(w.buf, 1, w.len, f) == w.len;
    uint32_t head_segments = w.seg_count; /* ST through the payee loop */
    adj_x12out_reset(&w);
    /* the body, copied from its spool */
    if (ok && fseek(py->body, 0, SEEK_SET) == 0) {
        char buf[1 << 16];
        size_t n;
        while (ok && (n = fread(buf, 1, sizeof(buf), py->body)) > 0)
            ok = fwrite(buf, 1, n, f) == n;
    }
    w.seg_count = head_segments; /* SE01 counts header, body and trailer */
    adj_x12out_835_tail(&py->r, &w, 1, py->payee.npi, run->date);
    adj_x12out_ge(&w, 1, &env);
    adj_x12out_iea(&w, 1, &env);
    ok = ok && fwrite(w.buf, 1, w.len, f) == w.len;
    ok = ok && fflush(f) == 0 && fsync(fileno(f)) == 0;
    if (f != NULL && fclose(f) != 0)
        ok = false;
    ok = ok && rename(tmp, path) == 0;
    adj_x12out_free(&w);
    if (!ok) {
        unlink(tmp);
        return ADJ_FAIL(err, ADJ_ERR_IO, "%s: %s", path, strerror(errno));
    }
    return ADJ_OK;
}

static AdjStatus payee_finish(Run *run, Payee *py, AdjError *err)
{
    if (!py->open)
        return ADJ_OK;
    if (py->failed) {
        fprintf(stderr, "adjudicator: remit: no 835 for payee %s: a claim did not balance; "
                        "its claims stay unremitted\n", py->payee.npi);
        adj_store_remit_undo_payee(run->st);
        payee_drop(py);
        run->failed = true;
        return ADJ_OK;
    }
    char path[PATH_MAX];
    AdjStatus st = payee_write(run, py, path, sizeof(path), err);
    if (st == ADJ_ERR_INPUT) { /* refused by the writer: same as a claim */
        fprintf(stderr, "adjudicator: remit: %s\n", err->msg);
        adj_store_remit_undo_payee(run->st);
        payee_drop(py);
        run->failed = true;
        return ADJ_OK;
    }
    if (st != ADJ_OK) {
        payee_drop(py);
        return st;
    }
    if (run->nwritten == run->cap) {
        run->cap = run->cap ? run->cap * 2 : 16;
        run->written = adj_xrealloc(run->written, run->cap * sizeof(char *));
    }
    run->written[run->nwritten++] = adj_xstrdup(path);
    const char *base = strrchr(path, '/');
    AdjStoreRemitFile f = {.remit_id = py->remit_id, .control = py->control,
                           .payee_npi = py->payee.npi, .file_name = base ? base + 1 : path,
                           .claims = (int64_t)py->r.claims, .reversals = py->reversals,
                           .paid = py->r.total_paid - py->r.plb_total, .plb = py->r.plb_total,
                           .through = run->o->through};
    st = adj_store_remit_file(run->st, &f, err);
    if (st == ADJ_OK)
        st = adj_store_remit_savepoint(run->st, true, err);
    if (st == ADJ_OK) {
        char amt[ADJ_MONEY_FMT_MAX];
        adj_money_format(f.paid, amt, sizeof(amt));
        printf("%s: payee %s, %lld claim(s) (%lld reversal(s)), paid %s\n", path,
               py->payee.npi, (long long)f.claims, (long long)f.reversals, amt);
        run->files++;
        run->claims += f.claims;
        run->reversals += f.reversals;
        run->paid += f.paid;
    }
    payee_drop(py);
    return st;
}

static AdjStatus remit_run(Run *run, AdjError *err)
{
    AdjStoreRemitClaim *c = adj_xmalloc(sizeof(*c));
    Payee *py = adj_xcalloc(1, sizeof(*py));
    AdjStatus st = ADJ_OK;
    for (;;) {
        bool found = false;
        st = adj_store_remit_next(run->st, c, &found, err);
        if (st != ADJ_OK || !found)
            break;
        if (!py->open || strcmp(py->payee.npi, c->payee.npi) != 0) {
            st = payee_finish(run, py, err);
            if (st == ADJ_OK)
                st = payee_start(run, py, c, err);
            if (st != ADJ_OK)
                break;
        }
        if (py->failed)
            continue;
        AdjMoney before = py->r.total_paid;
        AdjError cerr = {0};
        if (adj_x12out_835_claim(&py->r, &c->claim, &cerr) != ADJ_OK) {
            fprintf(stderr, "adjudicator: remit: %s\n", cerr.msg);
            py->failed = true;
            continue;
        }
        if (py->r.body.status != ADJ_OK) {
            *err = py->r.body.err;
            st = py->r.body.status;
            break;
        }
        py->reversals += c->claim.reversal ? 1 : 0;
        st = adj_store_remit_record(run->st, py->remit_id, ++py->seq, c,
                                    py->r.total_paid - before, err);
        if (st != ADJ_OK)
            break;
    }
    if (st == ADJ_OK)
        st = payee_finish(run, py, err);
    else if (py->open)
        payee_drop(py);
    free(py);
    free(c);
    return st;
}

int adj_cmd_remit(AdjCli *cli, int argc, char **argv)
{
    RemitOpts o = {0};
    int prc = remit_opts(cli, &argc, argv, &o);
    if (prc != ADJ_CLI_GO)
        return prc;
    if (mkdir(o.out, 0755) != 0 && errno != EEXIST) {
        fprintf(stderr, "adjudicator: remit: --out %s: %s\n", o.out, strerror(errno));
        return 2;
    }
    Run run = {.o = &o, .cfg = &cli->config};
    today(&run.date, &run.hhmm);
    AdjError err = {0};
    AdjStore *store = NULL;
    AdjStatus st = adj_store_open(adj_cli_conninfo(cli), &store, &err);
    if (st == ADJ_OK)
        st = adj_store_remit_begin(store, o.through, &run.st, &err);
    if (st == ADJ_OK) {
        st = remit_run(&run, &err);
        AdjError end_err = {0};
        AdjStatus e = adj_store_remit_end(run.st, st == ADJ_OK, &end_err);
        if (st == ADJ_OK && e != ADJ_OK) {
            st = e;
            err = end_err;
        }
    }
    if (st != ADJ_OK) {
        /* nothing was recorded: the files must not stand either */
        for (size_t i = 0; i < run.nwritten; i++)
            unlink(run.written[i]);
        fprintf(stderr, "adjudicator: remit: %s\n", err.msg);
    } else {
        char amt[ADJ_MONEY_FMT_MAX];
        adj_money_format(run.paid, amt, sizeof(amt));
        printf("remit: %lld 835(s), %lld claim(s) (%lld reversal(s)), paid %s\n",
               (long long)run.files, (long long)run.claims, (long long)run.reversals, amt);
    }
    for (size_t i = 0; i < run.nwritten; i++)
        free(run.written[i]);
    free(run.written);
    adj_store_close(store);
    if (st != ADJ_OK)
        return adj_status_exit_code(st);
    return run.failed ? 1 : 0;
}
