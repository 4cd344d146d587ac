/* Ingest one 837P file into the intake queue (ingest.h): hash, read, store.
 * The reader hands a claim over only once its interchange's trailers check
 * out (x12.h), so a chunk that commits mid-file queues only claims whose
 * envelope is settled. No output of its own. */
#include "ingest/ingest.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "crypto/crypto.h"

typedef struct IngestCtx {
    const AdjIngestOptions *opt;
    AdjIngestResult *res;
    AdjStoreIntake *in;
    uint64_t sets; /* accepted sets handed over */
    uint64_t test_sets;
    bool in_test;  /* the current set is a test interchange at a production instance */
} IngestCtx;

static AdjStatus on_set(void *ctx, const AdjX12Set *set, AdjError *err)
{
    IngestCtx *c = ctx;
    const char *ids = c->opt->receiver_ids != NULL ? c->opt->receiver_ids : "";
    if (!adj_x12_addressed_to(set, ids))
        return ADJ_FAIL(err, ADJ_ERR_INPUT,
                        "interchange %s is addressed to receiver '%s' (ISA08, GS03 '%s'), not to "
                        "this plan (intake.receiver_ids): unreadable for us",
                        set->isa13, set->isa08, set->gs03);
    c->in_test = c->opt->production && set->usage == 'T';
    c->test_sets += c->in_test;
    c->sets++;
    return adj_store_intake_set(c->in, set, err);
}

static AdjStatus on_claim(void *ctx, const AdjClaim *claim, AdjError *err)
{
    IngestCtx *c = ctx;
    if (c->opt->claim != NULL)
        c->opt->claim(c->opt->ctx, claim);
    if (c->in_test) {
        c->res->test_claims++;
        return ADJ_OK; /* validated (read), never stored as payable */
    }
    return adj_store_intake_claim(c->in, claim, err);
}

static void on_diag(void *ctx, const AdjX12Diag *d)
{
    IngestCtx *c = ctx;
    c->res->diags++;
    if (c->opt->diag != NULL)
        c->opt->diag(c->opt->ctx, d);
}

/* SHA-256 of an open file's bytes (pread: the offset stays). */
static bool hash_fd(int fd, char out[ADJ_SHA256_HEX])
{
    char buf[1 << 16];
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

/* Abort the file: roll back what is not committed; say what stays. */
static void give_up(IngestCtx *c)
{
    c->res->committed = adj_store_intake_committed(c->in);
    adj_store_intake_abort(c->in);
    c->in = NULL;
}

AdjStatus adj_ingest_file(AdjStore *store, const char *path, const AdjIngestOptions *opt,
                          AdjIngestResult *res, AdjError *err)
{
    memset(res, 0, sizeof(*res));
    struct stat sb;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return ADJ_FAIL(err, ADJ_ERR_IO, "cannot read: %s", strerror(errno));
    if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
        close(fd);
        return ADJ_FAIL(err, ADJ_ERR_IO, "cannot read: not a regular file");
    }
    res->size = (int64_t)sb.st_size;
    if (!hash_fd(fd, res->sha256)) {
        AdjStatus st = ADJ_FAIL(err, ADJ_ERR_IO, "cannot read: %s", strerror(errno));
        close(fd);
        return st;
    }
    /* the reader takes its own descriptor of the same open file */
    int rfd = dup(fd);
    if (rfd < 0) {
        AdjStatus st = ADJ_FAIL(err, ADJ_ERR_IO, "%s", strerror(errno));
        close(fd);
        return st;
    }
    IngestCtx ctx = {.opt = opt, .res = res};
    AdjStatus st = adj_store_intake_begin(store, path, res->size, res->sha256, &ctx.in, err);
    if (st != ADJ_OK) {
        close(fd);
        close(rfd);
        return st;
    }
    if (adj_store_intake_already(ctx.in)) {
        close(fd);
        close(rfd);
        res->outcome = ADJ_INGEST_ALREADY;
        return adj_store_intake_end(ctx.in, 0, &res->store, err);
    }
    res->began = true;
    adj_store_intake_chunked(ctx.in, opt->chunk_claims);
    AdjX12Handler h = {.ctx = &ctx, .set = on_set, .claim = on_claim, .diag = on_diag};
    st = adj_x12_read_fd(path, rfd, &h, &res->stats, err);
    char after[ADJ_SHA256_HEX];
    bool same = hash_fd(fd, after) && strcmp(after, res->sha256) == 0;
    close(fd);
    if (st == ADJ_OK && !same)
        st = ADJ_FAIL(err, ADJ_ERR_IO, "the file changed while it was read (SHA-256 %.16s "
                                       "before, %.16s after)", res->sha256, after);
    if (st != ADJ_OK) {
        give_up(&ctx);
        return st;
    }
    if (ctx.test_sets > 0) {
        /* a test interchange at a production instance: nothing of the file
         * is stored, so nothing of it is ever adjudicated or paid */
        res->outcome = ADJ_INGEST_TEST;
        give_up(&ctx);
        return ADJ_OK;
    }
    if (ctx.sets == 0) {
        /* nothing accepted: keep no record, so a corrected resend is not
         * mistaken for this one and the errors are reported again */
        res->outcome = ADJ_INGEST_NONE;
        give_up(&ctx);
        return ADJ_OK;
    }
    res->outcome = ADJ_INGEST_STORED;
    int64_t committed = adj_store_intake_committed(ctx.in);
    st = adj_store_intake_end(ctx.in, (int)res->stats.sets_rejected, &res->store, err);
    if (st != ADJ_OK)
        res->committed = committed; /* end rolled back its own chunk only */
    return st;
}
