/* adjudicator ingest FILE...: the command around adj_ingest_file
 * (ingest/ingest.h), which reads each 837P file and stores its accepted
 * transaction sets, claims and queue rows. Here: options, progress, the
 * messages, the acknowledgements and the exit status. Decides nothing. */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/cli.h"
#include "ingest/ingest.h"
#include "store/store.h"

static AdjProgress progress;

static void ingest_usage(FILE *f)
{
    fprintf(f, "usage: adjudicator [--config FILE] [--db CONNINFO] ingest FILE...\n\n"
               "Parse 837P files and store: the file's SHA-256, size and control numbers;\n"
               "each accepted transaction set's raw bytes; each claim as read (with its\n"
               "raw segments) and a queue row for it. Workers (`serve`, `run --once`)\n"
               "decide the queue; a NOTIFY wakes them. A file is committed in chunks of\n"
               "intake.chunk_claims claims (default 10000; 0: one transaction per file),\n"
               "each queued as it commits, so workers start on a large file's first\n"
               "chunk; an interchange's claims are queued only once its trailers check\n"
               "out. A file already stored (same SHA-256) is not stored again, and the\n"
               "command says so; an ingest killed mid-file resumes after its last\n"
               "committed chunk when the same file is ingested again (nothing queued\n"
               "twice, nothing lost). A claim that fails front-end validation is stored\n"
               "and queued too: the worker decides its lines `reject` (CO-16, MA130).\n"
               "Envelope errors reject the interchange, group or set they close (one line\n"
               "each on stderr); the rest of the file is stored. A file with no accepted\n"
               "set stores nothing.\n\n"
               "With intake.receiver_ids in the config, an interchange addressed to another\n"
               "receiver (ISA08/GS03) is unreadable for us: error, nothing stored. With\n"
               "intake.usage = \"P\", a test interchange (ISA15 = T) is validated but not\n"
               "stored (nor adjudicated); the summary says so.\n\n"
               "exit status: 0 all stored, 1 some input rejected, 2 a file cannot be\n"
               "read, 3 database unavailable\n");
}

static void on_claim(void *ctx, const AdjClaim *claim)
{
    (void)ctx;
    adj_progress_claim(&progress, claim->raw, claim->raw_len);
}

static void on_diag(void *ctx, const AdjX12Diag *d)
{
    (void)ctx;
    char line[512];
    adj_progress_clear(&progress);
    fprintf(stderr, "%s\n", adj_x12_diag_format(d, line, sizeof(line)));
}

/* What stays of a file given up after chunks committed. */
static void say_committed(const char *path, int64_t committed)
{
    if (committed > 0)
        fprintf(stderr, "%s: %lld claim%s of committed chunks stay queued; ingest the file "
                        "again to resume after them\n",
                path, (long long)committed, committed == 1 ? "" : "s");
}

/* One file: 0 stored cleanly or already stored, 1 input rejected, 2 read
 * error, 3 database. */
static int ingest_one(const AdjCli *cli, AdjStore *store, const char *path)
{
    AdjError err = {0};
    struct stat sb;
    if (stat(path, &sb) == 0 && S_ISREG(sb.st_mode))
        adj_progress_file(&progress, (uint64_t)sb.st_size);
    AdjIngestOptions opt = {.receiver_ids = cli->config.intake_receiver_ids,
                            .production = strcmp(cli->config.intake_usage, "P") == 0,
                            .chunk_claims = cli->config.intake_chunk_claims,
                            .diag = on_diag,
                            .claim = on_claim};
    AdjIngestResult res;
    AdjStatus st = adj_ingest_file(store, path, &opt, &res, &err);
    adj_progress_clear(&progress);
    if (st != ADJ_OK) {
        if (!res.began) {
            fprintf(stderr, "%s: %s\n", path, err.msg);
            return st == ADJ_ERR_DB ? 3 : 2;
        }
        fprintf(stderr, "%s: %s; nothing %sstored\n", path, err.msg,
                res.committed > 0 ? "more " : "");
        say_committed(path, res.committed);
        return st == ADJ_ERR_DB ? 3 : st == ADJ_ERR_IO ? 2 : 1;
    }
    const AdjStoreIntakeResult *r = &res.store;
    switch (res.outcome) {
    case ADJ_INGEST_ALREADY:
        printf("%s: already stored (interchange %lld, received %s UTC as %s); not stored again\n",
               path, (long long)r->interchange_id, r->first_received, r->first_file);
        return 0;
    case ADJ_INGEST_TEST:
        fprintf(stderr, "%s: test interchange (ISA15 = T) at a production instance: %llu claim%s "
                        "validated%s; nothing %sstored, nothing adjudicated\n",
                path, (unsigned long long)res.test_claims, res.test_claims == 1 ? "" : "s",
                res.diags ? " (see the problems above)" : "", res.committed > 0 ? "more " : "");
        say_committed(path, res.committed);
        printf("%s: test interchange: %llu claim%s validated, not stored\n", path,
               (unsigned long long)res.test_claims, res.test_claims == 1 ? "" : "s");
        return 1;
    case ADJ_INGEST_NONE: {
        fprintf(stderr, "%s: no transaction set accepted; nothing stored\n", path);
        say_committed(path, res.committed);
        int a = adj_ack_ingested(cli, store, path, res.sha256, 0);
        return a > 1 ? a : 1;
    }
    case ADJ_INGEST_STORED:
        break;
    }
    if (r->resumed)
        printf("%s: resumed an interrupted ingest after %lld claim%s its committed chunks hold\n",
               path, (long long)r->resumed_claims, r->resumed_claims == 1 ? "" : "s");
    printf("%s: stored %lld claim%s (%lld rejected at the front end) from %lld transaction "
           "set%s%s; queued\n",
           path, (long long)r->claims, r->claims == 1 ? "" : "s", (long long)r->claims_rejected,
           (long long)r->sets, r->sets == 1 ? "" : "s",
           res.stats.sets_rejected ? " (other sets rejected, see above)" : "");
    int a = adj_ack_ingested(cli, store, path, res.sha256, r->interchange_id);
    if (a > 1)
        return a;
    return a != 0 || res.diags > 0 || r->claims_rejected > 0 || res.stats.sets_rejected > 0 ? 1
                                                                                           : 0;
}

int adj_cmd_ingest(AdjCli *cli, int argc, char **argv)
{
    AdjCliSpec spec = {"ingest", ingest_usage, NULL, NULL, NULL};
    int rc0 = adj_cli_parse(cli, &spec, &argc, argv);
    if (rc0 != ADJ_CLI_GO)
        return rc0;
    if (argc < 2)
        return adj_cli_usage_error("ingest", "no FILE given");
    AdjError err = {0};
    AdjStore *store = NULL;
    AdjStatus st = adj_store_open(adj_cli_conninfo(cli), &store, &err);
    if (st != ADJ_OK) {
        fprintf(stderr, "adjudicator ingest: %s\n", err.msg);
        return adj_status_exit_code(st);
    }
    uint64_t total = 0;
    for (int i = 1; i < argc; i++) {
        struct stat sb;
        if (stat(argv[i], &sb) == 0 && S_ISREG(sb.st_mode))
            total += (uint64_t)sb.st_size;
    }
    adj_progress_init(&progress, "ingest", total, true, false);
    int worst = 0;
    for (int i = 1; i < argc; i++) {
        int rc = ingest_one(cli, store, argv[i]);
        if (rc == 3) {
            worst = 3;
            break;
        }
        if (rc > worst)
            worst = rc;
    }
    adj_progress_end(&progress);
    adj_store_close(store);
    return worst;
}
