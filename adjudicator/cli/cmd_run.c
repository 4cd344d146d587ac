/* adjudicator run --once | serve: the queue worker (pipeline/worker.c) with
 * the engine as decider (pipeline/decide.c). run --once drains the queue and
 * exits; serve runs until SIGTERM (finishing its batch), reloads on SIGHUP,
 * and survives database restarts. */
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/log.h"
#include "crypto/crypto.h"
#include "ops/ops.h"
#include "pipeline/decide.h"

static volatile sig_atomic_t stop_flag, reload_flag;

static void on_stop(int sig)
{
    (void)sig;
    stop_flag = 1;
}

static void on_hup(int sig)
{
    (void)sig;
    reload_flag = 1;
}

typedef struct RunCtx {
    AdjCli *cli;
    AdjPipelineEngine engine;
    AdjWorkerOptions *opt;
    const char *ruleset_override;
    AdjMetrics metrics;
    int64_t pending[ADJ_OPS_OUTCOMES]; /* outcomes of the batch being committed */
    size_t pending_claims;
    AdjProgress progress;              /* run --once on a terminal */
} RunCtx;

static void run_usage(FILE *f, bool serve)
{
    if (serve)
        fprintf(f, "usage: adjudicator [--config FILE] [--db CONNINFO] serve [--ruleset F|DIR]\n\n"
                   "Decide the intake queue as claims arrive, until SIGTERM (the current\n"
                   "batch is finished and committed first). Idle workers wake on NOTIFY and\n"
                   "poll every engine.poll_interval_ms. SIGHUP reloads the configuration\n"
                   "file's reloadable keys and the rulesets; when the new ones are invalid\n"
                   "the old stay in force. A lost database is reconnected with backoff.\n"
                   "With ops.port set, GET /metrics (Prometheus) and /healthz answer on\n"
                   "127.0.0.1:PORT. Under systemd (Type=notify) it sends READY=1 once\n"
                   "started and WATCHDOG=1 while the worker loop is alive.\n"
                   "Any number of workers may run; a member's claims are decided by one\n"
                   "worker at a time, in arrival order.\n");
    else
        fprintf(f, "usage: adjudicator [--config FILE] [--db CONNINFO] run --once [--ruleset F|DIR]\n\n"
                   "Decide every ready claim of the intake queue, then exit. Each batch\n"
                   "(engine.batch_size claims) commits its decisions, queue state and audit\n"
                   "checkpoint in one transaction.\n");
    fprintf(f, "\nRulesets: --ruleset, else rulesets.dir. The checkpoint key: audit.signing_key.\n"
               "exit status: 0 ok, 1 some claims could not be decided (queue state\n"
               "'failed'), 2 configuration, 3 database unavailable\n");
}

static AdjStatus decide(void *ctx, AdjStore *store, const AdjStoreBatch *b, AdjStoreWrite *w,
                        AdjError *err)
{
    RunCtx *rc = ctx;
    AdjStatus st = adj_pipeline_decide(&rc->engine, store, b, w, err);
    for (int i = 0; i < ADJ_OPS_OUTCOMES; i++)
        rc->pending[i] = st == ADJ_OK ? rc->engine.outcomes[i] : 0;
    rc->pending_claims = st == ADJ_OK ? b->n : 0;
    return st;
}

static void committed(void *ctx)
{
    RunCtx *rc = ctx;
    adj_metrics_outcomes(&rc->metrics, rc->pending);
    memset(rc->pending, 0, sizeof(rc->pending));
    for (size_t i = 0; i < rc->pending_claims; i++)
        adj_progress_claim(&rc->progress, NULL, 0);
    rc->pending_claims = 0;
}

static void reload(void *ctx)
{
    RunCtx *rc = ctx;
    AdjCli *cli = rc->cli;
    if (cli->config_path != NULL) {
        AdjConfig cfg;
        AdjError err = {0};
        if (adj_config_load(&cfg, cli->config_path, &err) != ADJ_OK) {
            adj_error("reload: %s; keeping the running configuration", err.msg);
        } else {
            if (strcmp(cfg.db_conninfo, cli->config.db_conninfo) != 0 ||
                strcmp(cfg.audit_key_file, cli->config.audit_key_file) != 0)
                adj_warn("reload: db.conninfo and audit.key_file change only on restart");
            snprintf(cfg.db_conninfo, sizeof(cfg.db_conninfo), "%s", cli->config.db_conninfo);
            snprintf(cfg.audit_key_file, sizeof(cfg.audit_key_file), "%s",
                     cli->config.audit_key_file);
            cli->config = cfg;
            snprintf(rc->engine.payer_id, sizeof(rc->engine.payer_id), "%s", cfg.intake_payer_id);
            adj_log_set_level((AdjLogLevel)adj_log_level_parse(cfg.log_level));
            adj_log_set_journal_socket(cfg.log_journal_socket);
            adj_log_set_format((AdjLogFormat)adj_log_format_parse(cfg.log_format));
            rc->opt->batch_size = (int)cfg.engine_batch_size;
            rc->opt->poll_interval_ms = (int)cfg.engine_poll_interval_ms;
        }
    }
    char buf[PATH_MAX];
    AdjError err = {0};
    const char *path = adj_cli_rulesets_path(cli, rc->ruleset_override, buf, sizeof(buf));
    if (adj_pipeline_engine_reload(&rc->engine, path, &err) != ADJ_OK)
        adj_error("reload: %s; keeping the rulesets in force", err.msg);
    else
        adj_info("reload: %d ruleset%s from %s", rc->engine.rules.n,
                 rc->engine.rules.n == 1 ? "" : "s", path);
}

static void run_help(FILE *f)
{
    run_usage(f, false);
}

static void serve_help(FILE *f)
{
    run_usage(f, true);
}

typedef struct RunArgs {
    bool once;
    const char *ruleset;
} RunArgs;

static int on_option(void *ctx, int id, const char *name, const char *value)
{
    RunArgs *a = ctx;
    (void)name;
    if (id == 'o')
        a->once = true;
    else
        a->ruleset = value;
    return ADJ_CLI_GO;
}

static int run_worker(AdjCli *cli, int argc, char **argv, bool serve)
{
    RunArgs a = {0};
    static const AdjCliOpt run_opts[] = {{"once", 0, 'o'}, {"ruleset", 1, 'r'}, {NULL, 0, 0}};
    AdjCliSpec spec = {serve ? "serve" : "run", serve ? serve_help : run_help,
                       serve ? run_opts + 1 : run_opts, on_option, &a};
    int prc = adj_cli_parse(cli, &spec, &argc, argv);
    if (prc != ADJ_CLI_GO)
        return prc;
    if (argc > 1)
        return adj_cli_usage_error(spec.name, "unexpected argument '%s'", argv[1]);
    if (!serve && !a.once)
        return adj_cli_usage_error("run", "--once is required (serve runs until SIGTERM)");
    bool once = a.once;
    const char *ruleset = a.ruleset;
    AdjError err = {0};
    static AdjCliAuditKeys keys;
    if (adj_cli_audit_keys_signing(cli, &keys, &err) != ADJ_OK) {
        fprintf(stderr, "adjudicator %s: %s\n", argv[0], err.msg);
        return ADJ_EXIT_USAGE;
    }
    static RunCtx rc;
    memset(&rc, 0, sizeof(rc));
    rc.cli = cli;
    rc.ruleset_override = ruleset;
    char buf[PATH_MAX];
    if (adj_pipeline_engine_init(&rc.engine, adj_cli_rulesets_path(cli, ruleset, buf, sizeof(buf)), &err) !=
        ADJ_OK) {
        fprintf(stderr, "adjudicator %s: %s\n", argv[0], err.msg);
        adj_cli_audit_keys_free(&keys);
        return ADJ_EXIT_USAGE;
    }
    snprintf(rc.engine.payer_id, sizeof(rc.engine.payer_id), "%s", cli->config.intake_payer_id);
    char host[64] = "localhost", by[128];
    gethostname(host, sizeof(host) - 1);
    snprintf(by, sizeof(by), "engine %s:%d", host, (int)getpid());
    AdjWorkerOptions opt = {.conninfo = adj_cli_conninfo(cli),
                            .batch_size = (int)cli->config.engine_batch_size,
                            .poll_interval_ms = (int)cli->config.engine_poll_interval_ms,
                            .once = once,
                            .poll_only = strcmp(cli->config.db_pooling, "transaction") == 0,
                            .sign_key = keys.sign,
                            .key = keys.has_hmac ? keys.hmac : NULL,
                            .key_len = keys.hmac_len,
                            .decided_by = by,
                            .stop = &stop_flag,
                            .reload = &reload_flag};
    rc.opt = &opt;
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_stop; /* no SA_RESTART: a wait for NOTIFY ends at once */
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    sa.sa_handler = on_hup;
    sigaction(SIGHUP, &sa, NULL);
    AdjWorkerDecider dec = {.ctx = &rc, .decide = decide, .reload = reload, .committed = committed};
    AdjWorkerStats stats;
    AdjOps *ops = NULL;
    if (serve) {
        /* alive while the worker loops at least every 2 polls + a minute */
        adj_metrics_init(&rc.metrics, 2 * (int64_t)opt.poll_interval_ms + 60000);
        opt.metrics = &rc.metrics;
        if (adj_ops_start(&ops, (int)cli->config.ops_port, &rc.metrics, opt.conninfo, &err) !=
            ADJ_OK) {
            fprintf(stderr, "adjudicator %s: %s\n", argv[0], err.msg);
            adj_pipeline_engine_free(&rc.engine);
            adj_cli_audit_keys_free(&keys);
            return ADJ_EXIT_USAGE;
        }
        adj_info("serve: %d ruleset%s, batches of %d, polling every %d ms%s", rc.engine.rules.n,
                 rc.engine.rules.n == 1 ? "" : "s", opt.batch_size, opt.poll_interval_ms,
                 cli->config.ops_port > 0 ? ", /metrics and /healthz on 127.0.0.1" : "");
        adj_sd_notify("READY=1\nSTATUS=deciding the intake queue");
    }
    if (!serve && isatty(2)) {
        /* the claims to decide, for the progress line */
        AdjStore *s = NULL;
        int64_t ready = 0;
        AdjError e = {0};
        if (adj_store_open(opt.conninfo, &s, &e) == ADJ_OK &&
            adj_store_queue_ready(s, &ready, &e) == ADJ_OK)
            adj_progress_init(&rc.progress, "run", (uint64_t)ready, false, false);
        adj_store_close(s);
    }
    AdjStatus st = adj_pipeline_run(&opt, &dec, &stats, &err);
    adj_progress_end(&rc.progress);
    if (serve) {
        adj_sd_notify("STOPPING=1");
        adj_ops_stop(ops);
    }
    adj_cli_audit_keys_free(&keys);
    adj_pipeline_engine_free(&rc.engine);
    printf("%s: decided %lld claim%s (%lld decision lines) in %lld batch%s; %lld set aside; "
           "%lld reconnect%s\n",
           argv[0], (long long)stats.claims, stats.claims == 1 ? "" : "s",
           (long long)stats.decisions, (long long)stats.batches, stats.batches == 1 ? "" : "es",
           (long long)stats.failed, (long long)stats.reconnects, stats.reconnects == 1 ? "" : "s");
    if (st != ADJ_OK) {
        fprintf(stderr, "adjudicator %s: %s\n", argv[0], err.msg);
        return adj_status_exit_code(st);
    }
    return stats.failed > 0 ? ADJ_EXIT_REJECTED : ADJ_EXIT_OK;
}

int adj_cmd_run(AdjCli *cli, int argc, char **argv)
{
    return run_worker(cli, argc, argv, false);
}

int adj_cmd_serve(AdjCli *cli, int argc, char **argv)
{
    return run_worker(cli, argc, argv, true);
}
