/* adjudicator ingest FILE...: read 837P files and store each accepted
 * transaction set (raw ST..SE), its claims (parsed, with their raw
 * segments) and their queue rows in PostgreSQL, one transaction per file.
 * The same file twice (same SHA-256) is stored once. The SHA-256 is of the
 * bytes parsed: one open file, hashed before and after it is read (a file
 * changed meanwhile is refused). Decides nothing. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "crypto/crypto.h"
#include "store/store.h"
#include "x12/x12.h"

static AdjProgress progress;

typedef struct IngestCtx {
    AdjStoreIntake *in;
    uint64_t diags;
    uint64_t sets; /* accepted sets handed over */
    const AdjConfig *cfg; /* interchanges not meant for us (issue 13) */
    uint64_t test_sets, test_claims;
    bool in_test; /* the current set is a test interchange at a production instance */
} IngestCtx;

static void ingest_usage(FILE *f)
{
    fprintf(f, "usage: adjudicator [--config FILE] [--db CONNINFO] ingest FILE...\n\n"
               "Parse 837P files and store, per file and in one transaction: the file's\n"
               "SHA-256, size and control numbers; each accepted transaction set's raw\n"
               "bytes; each claim as read (with its raw segments) and a queue row for it.\n"
               "Workers (`serve`, `run --once`) decide the queue; a NOTIFY wakes them.\n"
               "A file already stored (same SHA-256) is not stored again, and the command\n"
               "says so. A claim that fails front-end validation is stored and queued\n"
               "too: the worker decides its lines `reject` (CO-16, MA130). Envelope\n"
               "errors reject the interchange, group or set they close (one line each on\n"
               "stderr); the rest of the file is stored. A file with no accepted set\n"
               "stores nothing.\n\n"
               "With intake.receiver_ids in the config, an interchange addressed to another\n"
               "receiver (ISA08/GS03) is unreadable for us: error, nothing stored. With\n"
               "intake.usage = \"P\", a test interchange (ISA15 = T) is validated but not\n"
               "stored (nor adjudicated); the summary says so.\n\n"
               "exit status: 0 all stored, 1 some input rejected, 2 a file cannot be\n"
               "read, 3 database unavailable\n");
}

static AdjStatus on_set(void *ctx, const AdjX12Set *set, AdjError *err)
{
    IngestCtx *c = ctx;
    if (!adj_x12_addressed_to(set, c->cfg->intake_receiver_ids))
        return ADJ_FAIL(err, ADJ_ERR_INPUT,
                        "interchange %s is addressed to receiver '%s' (ISA08, GS03 '%s'), not to "
                        "this plan (intake.receiver_ids): unreadable for us",
                        set->isa13, set->isa08, set->gs03);
    c->in_test = strcmp(c->cfg->intake_usage, "P") == 0 && set->usage == 'T';
    c->test_sets += c->in_test;
    c->sets++;
    return adj_store_intake_set(c->in, set, err);
}

static AdjStatus on_claim(void *ctx, const AdjClaim *claim, AdjError *err)
{
    IngestCtx *c = ctx;
    adj_progress_claim(&progress, claim->raw, claim->raw_len);
    if (c->in_test) {
        c->test_claims++;
        return ADJ_OK; /* validated (read), never stored as payable */
    }
    return adj_store_intake_claim(c->in, claim, err);
}

static void on_diag(void *ctx, const AdjX12Diag *d)
{
    char line[512];
    adj_progress_clear(&progress);
    fprintf(stderr, "%s\n", adj_x12_diag_format(d, line, sizeof(line)));
    ((IngestCtx *)ctx)->diags++;
}

/* One file: 0 stored cleanly or already stored, 1 input rejected, 2 read
 * error, 3 database. */
/* SHA-256 of an open file's bytes (pread: the offset stays). */
static bool hash_fd(int fd, char out[ADJ_SHA256_HEX])
{
    static char buf[1 << 16];
    AdjSha256 *s = adj_sha256_new();
    off_t at = 0;
    ssize_t n;
    while ((n = pread(fd, buf, sizeof(buf), at)) > 0) {
        adj_sha256_update(s, buf, (size_t)n);
        at += n;
    }
    uint8_t d[ADJ_SHA256_LEN];
    adj_sha256_final(s, d);
    adj_hex(d, sizeof(d), out);
    return n == 0;
}

static int ingest_one(const AdjCli *cli, AdjStore *store, const char *path)
{
    AdjError err = {0};
    struct stat sb;
    char sha[ADJ_SHA256_HEX];
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        fprintf(stderr, "%s: cannot read: %s\n", path, strerror(errno));
        return 2;
    }
    if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
        fprintf(stderr, "%s: cannot read: not a regular file\n", path);
        close(fd);
        return 2;
    }
    adj_progress_file(&progress, (uint64_t)sb.st_size);
    if (!hash_fd(fd, sha)) {
        fprintf(stderr, "%s: cannot read: %s\n", path, strerror(errno));
        close(fd);
        return 2;
    }
    /* the reader takes its own descriptor of the same open file */
    int rfd = dup(fd);
    IngestCtx ctx = {.cfg = &cli->config};
    AdjStatus st = adj_store_intake_begin(store, path, (int64_t)sb.st_size, sha, &ctx.in, &err);
    if (st != ADJ_OK || rfd < 0) {
        fprintf(stderr, "%s: %s\n", path, st != ADJ_OK ? err.msg : strerror(errno));
        close(fd);
        if (rfd >= 0)
            close(rfd);
        if (st == ADJ_OK)
            adj_store_intake_abort(ctx.in);
        return st == ADJ_ERR_DB ? 3 : 2;
    }
    AdjStoreIntakeResult res = {0};
    if (adj_store_intake_already(ctx.in)) {
        adj_progress_clear(&progress);
        close(fd);
        close(rfd);
        adj_store_intake_end(ctx.in, 0, &res, &err);
        printf("%s: already stored (interchange %lld, received %s UTC as %s); not stored again\n",
               path, (long long)res.interchange_id, res.first_received, res.first_file);
        return 0;
    }
    AdjX12Handler h = {.ctx = &ctx, .set = on_set, .claim = on_claim, .diag = on_diag};
    AdjX12Stats stats = {0};
    st = adj_x12_read_fd(path, rfd, &h, &stats, &err);
    char after[ADJ_SHA256_HEX];
    bool same = hash_fd(fd, after) && strcmp(after, sha) == 0;
    close(fd);
    if (st == ADJ_OK && !same)
        st = ADJ_FAIL(&err, ADJ_ERR_IO, "the file changed while it was read (SHA-256 %.16s "
                                        "before, %.16s after)", sha, after);
    adj_progress_clear(&progress);
    if (st != ADJ_OK) {
        adj_store_intake_abort(ctx.in);
        fprintf(stderr, "%s: %s; nothing stored\n", path, err.msg);
        return st == ADJ_ERR_DB ? 3 : st == ADJ_ERR_IO ? 2 : 1;
    }
    if (ctx.test_sets > 0) {
        /* a test interchange at a production instance: nothing of the file
         * is stored, so nothing of it is ever adjudicated or paid */
        adj_store_intake_abort(ctx.in);
        fprintf(stderr, "%s: test interchange (ISA15 = T) at a production instance: %llu claim%s "
                        "validated%s; nothing stored, nothing adjudicated\n",
                path, (unsigned long long)ctx.test_claims, ctx.test_claims == 1 ? "" : "s",
                ctx.diags ? " (see the problems above)" : "");
        printf("%s: test interchange: %llu claim%s validated, not stored\n", path,
               (unsigned long long)ctx.test_claims, ctx.test_claims == 1 ? "" : "s");
        return 1;
    }
    if (ctx.sets == 0) {
        /* nothing accepted: keep no record, so a corrected resend is not
         * mistaken for this one and the errors are reported again */
        adj_store_intake_abort(ctx.in);
        fprintf(stderr, "%s: no transaction set accepted; nothing stored\n", path);
        int a = adj_ack_ingested(cli, store, path, sha, 0);
        return a > 1 ? a : 1;
    }
    st = adj_store_intake_end(ctx.in, (int)stats.sets_rejected, &res, &err);
    if (st != ADJ_OK) {
        fprintf(stderr, "%s: %s; nothing stored\n", path, err.msg);
        return st == ADJ_ERR_DB ? 3 : 1;
    }
    printf("%s: stored %lld claim%s (%lld rejected at the front end) from %lld transaction "
           "set%s%s; queued\n",
           path, (long long)res.claims, res.claims == 1 ? "" : "s",
           (long long)res.claims_rejected, (long long)res.sets, res.sets == 1 ? "" : "s",
           stats.sets_rejected ? " (other sets rejected, see above)" : "");
    int a = adj_ack_ingested(cli, store, path, sha, res.interchange_id);
    if (a > 1)
        return a;
    return a != 0 || ctx.diags > 0 || res.claims_rejected > 0 || stats.sets_rejected > 0 ? 1 : 0;
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
