/* adjudicator status: what an operator asks first — the intake queue by
 * state, the claims set aside as failed with their error, the workers that
 * committed in the last hour and the newest audit checkpoint. Counts and
 * claim numbers only: no member identifier or diagnosis. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/json.h"
#include "store/store.h"

static void usage(FILE *f)
{
    fprintf(f, "usage: adjudicator [--config FILE] [--db CONNINFO] status [--format table|json]\n"
               "                   [--failed N]\n\n"
               "The intake queue by state (ready, done, failed) and the age of its oldest\n"
               "ready claim, the newest N claims set aside as failed with their error\n"
               "(default 20), the workers that committed a batch in the last hour, and\n"
               "the newest audit checkpoint. A failed claim is retried by setting its\n"
               "queue row back to 'ready'.\n"
               "exit status: 0 ok (1 when claims are failed), 3 database unavailable\n");
}

typedef struct Args {
    AdjFormat format;
    int failed;
} Args;

static int on_option(void *ctx, int id, const char *name, const char *value)
{
    Args *a = ctx;
    (void)name;
    if (id == 'f')
        return adj_format_parse("status", value,
                                ADJ_FMT_BIT(ADJ_FMT_TABLE) | ADJ_FMT_BIT(ADJ_FMT_JSON), &a->format)
                   ? ADJ_CLI_GO
                   : ADJ_EXIT_USAGE;
    char *end = NULL;
    long n = strtol(value, &end, 10);
    if (end == value || *end != '\0' || n < 0 || n > 100000)
        return adj_cli_usage_error("status", "--failed takes a count 0..100000, not '%s'", value);
    a->failed = (int)n;
    return ADJ_CLI_GO;
}

static void table(const AdjStoreStatus *s)
{
    printf("queue: %lld ready, %lld done, %lld failed", (long long)s->queue[0],
           (long long)s->queue[1], (long long)s->queue[2]);
    if (s->oldest_ready[0])
        printf(" (oldest ready since %s)", s->oldest_ready);
    printf("\n");
    if (s->checkpoint_seq > 0)
        printf("checkpoint: #%lld at %s by %s, %lld decisions\n", (long long)s->checkpoint_seq,
               s->checkpoint_at, s->checkpoint_by, (long long)s->checkpoint_decisions);
    else
        printf("checkpoint: none yet\n");
    printf("workers (last hour): %zu\n", s->nworkers);
    for (size_t i = 0; i < s->nworkers; i++)
        printf("  %-40s %6lld batches %8lld decisions, last %s\n", s->workers[i].decided_by,
               (long long)s->workers[i].batches, (long long)s->workers[i].decisions,
               s->workers[i].last_at);
    if (s->nfailed > 0) {
        printf("failed claims (newest first):\n");
        for (size_t i = 0; i < s->nfailed; i++) {
            const AdjStoreFailedRow *f = &s->failed[i];
            printf("  pcn %s claim %s at %s by %s: %s\n", f->pcn, f->claim_id, f->at,
                   f->decided_by, f->error);
        }
    }
}

static void json(const AdjStoreStatus *s)
{
    printf("{\"queue\":{\"ready\":%lld,\"done\":%lld,\"failed\":%lld},\"oldest_ready\":",
           (long long)s->queue[0], (long long)s->queue[1], (long long)s->queue[2]);
    adj_json_cstr(stdout, s->oldest_ready[0] ? s->oldest_ready : NULL);
    printf(",\"checkpoint\":");
    if (s->checkpoint_seq > 0) {
        printf("{\"seq\":%lld,\"at\":", (long long)s->checkpoint_seq);
        adj_json_cstr(stdout, s->checkpoint_at);
        printf(",\"by\":");
        adj_json_cstr(stdout, s->checkpoint_by);
        printf(",\"decisions\":%lld}", (long long)s->checkpoint_decisions);
    } else {
        printf("null");
    }
    printf(",\"workers\":[");
    for (size_t i = 0; i < s->nworkers; i++) {
        printf("%s{\"by\":", i ? "," : "");
        adj_json_cstr(stdout, s->workers[i].decided_by);
        printf(",\"batches\":%lld,\"decisions\":%lld,\"last\":", (long long)s->workers[i].batches,
               (long long)s->workers[i].decisions);
        adj_json_cstr(stdout, s->workers[i].last_at);
        printf("}");
    }
    printf("],\"failed\":[");
    for (size_t i = 0; i < s->nfailed; i++) {
        const AdjStoreFailedRow *f = &s->failed[i];
        printf("%s{\"pcn\":", i ? "," : "");
        adj_json_cstr(stdout, f->pcn);
        printf(",\"claim_id\":");
        adj_json_cstr(stdout, f->claim_id);
        printf(",\"at\":");
        adj_json_cstr(stdout, f->at);
        printf(",\"by\":");
        adj_json_cstr(stdout, f->decided_by);
        printf(",\"error\":");
        adj_json_cstr(stdout, f->error);
        printf("}");
    }
    printf("]}\n");
}

int adj_cmd_status(AdjCli *cli, int argc, char **argv)
{
    Args a = {ADJ_FMT_TABLE, 20};
    static const AdjCliOpt opts[] = {{"format", 1, 'f'}, {"failed", 1, 'n'}, {NULL, 0, 0}};
    AdjCliSpec spec = {"status", usage, opts, on_option, &a};
    int rc = adj_cli_parse(cli, &spec, &argc, argv);
    if (rc != ADJ_CLI_GO)
        return rc;
    if (argc > 1)
        return adj_cli_usage_error("status", "unexpected argument '%s'", argv[1]);
    AdjError err = {0};
    AdjStore *store = NULL;
    AdjStoreStatus s;
    AdjStatus st = adj_store_open(adj_cli_conninfo(cli), &store, &err);
    if (st == ADJ_OK)
        st = adj_store_status(store, a.failed, &s, &err);
    adj_store_close(store);
    if (st != ADJ_OK) {
        fprintf(stderr, "adjudicator status: %s\n", err.msg);
        return adj_status_exit_code(st);
    }
    if (a.format == ADJ_FMT_JSON)
        json(&s);
    else
        table(&s);
    int code = s.queue[2] > 0 ? ADJ_EXIT_REJECTED : ADJ_EXIT_OK;
    adj_store_status_free(&s);
    return code;
}
