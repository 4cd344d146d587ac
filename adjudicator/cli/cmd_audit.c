/* adjudicator audit verify | anchor | keygen: recompute the decisions' hash
 * chains and the batch checkpoints (Ed25519 signatures with the public key;
 * legacy HMAC checkpoints with audit.key_file), compare them with an anchor
 * file kept outside the database, append the newest signed checkpoint to
 * that file, and create a signing key pair. verify and anchor need no
 * private key. */
#include <errno.h>
#include <fcntl.h>
#include <linux/fs.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "store/store.h"

static void audit_usage(FILE *f)
{
    fprintf(f,
            "usage: adjudicator [--config FILE] [--db CONNINFO] audit verify\n"
            "           [--public-key=F] [--key-file=F] [--anchor=FILE]\n"
            "       adjudicator [--config FILE] [--db CONNINFO] audit anchor [--anchor=FILE]\n"
            "           [--public-key=F] [--no-chattr]\n"
            "       adjudicator audit keygen PRIVATE.pem PUBLIC.pem\n\n"
            "verify: recompute every claim's SHA-256 decision chain and every batch\n"
            "checkpoint: Ed25519 signatures over decisions and history events, checked with\n"
            "the public key (audit.public_key or --public-key; no private key needed), and\n"
            "legacy HMAC checkpoints with audit.key_file (or --key-file). With an anchor\n"
            "file (--anchor, else audit.anchor_file when set), every anchored checkpoint\n"
            "must still be in the database unchanged: a deleted, rolled-back or rewritten\n"
            "checkpoint is caught even when its owner rebuilt the chain after it. A queue\n"
            "row done without decisions is caught too. Each problem is one line on stderr.\n"
            "Exit 0 when all verify, 1 when anything was altered, added or removed.\n\n"
            "anchor: append the newest checkpoint, after checking its signature, to the\n"
            "anchor file (audit.anchor_file or --anchor), opened O_APPEND and made\n"
            "append-only (chattr +a, unless --no-chattr) where the filesystem and\n"
            "privileges allow. Run it from a timer as a user other than the database owner.\n\n"
            "keygen: write a new Ed25519 key pair (private mode 600; never overwrites).\n");
}

static void report_line(void *ctx, const char *msg)
{
    (void)ctx;
    fprintf(stderr, "audit verify: %s\n", msg);
}

typedef struct AnchorLine {
    int64_t seq, id;
    char digest[ADJ_SHA256_HEX], key[ADJ_FPR_HEX], sig[ADJ_SIG_HEX];
} AnchorLine;

#define ANCHOR_TAG "adjudicator-anchor v1 "

/* One anchor line: false when malformed. */
static bool parse_anchor(const char *line, AnchorLine *a)
{
    memset(a, 0, sizeof(*a));
    long long seq = 0, id = 0;
    char digest[72] = "", key[72] = "", sig[136] = "";
    if (strncmp(line, ANCHOR_TAG, strlen(ANCHOR_TAG)) != 0 ||
        sscanf(line + strlen(ANCHOR_TAG), "seq=%lld id=%lld digest=%70s key=%70s sig=%134s",
               &seq, &id, digest, key, sig) != 5 ||
        strlen(digest) != 64 || strlen(key) != 64 || strlen(sig) != 128 || seq < 1)
        return false;
    a->seq = seq;
    a->id = id;
    memcpy(a->digest, digest, sizeof(a->digest));
    memcpy(a->key, key, sizeof(a->key));
    memcpy(a->sig, sig, sizeof(a->sig));
    return true;
}

static int cmp_anchor(const void *x, const void *y)
{
    int64_t a = ((const AdjAuditAnchor *)x)->seq, b = ((const AdjAuditAnchor *)y)->seq;
    return a < b ? -1 : a > b;
}

/* Read and check every line of an anchor file: each must be well formed
 * and signed by pub. Problems are reported; *out holds the good anchors
 * sorted by seq. Returns -1 when the file cannot be read. */
static int read_anchors(const char *path, const AdjSignKey *pub, AdjAuditAnchor **out,
                        size_t *nout, int64_t *problems)
{
    *out = NULL;
    *nout = 0;
    FILE *f = fopen(path, "r");
    if (f == NULL) {
        fprintf(stderr, "adjudicator audit: %s: cannot read anchor file: %s\n", path,
                strerror(errno));
        return -1;
    }
    char fpr[ADJ_FPR_HEX] = "";
    if (pub != NULL)
        adj_sign_fingerprint(pub, fpr);
    char line[1024];
    size_t cap = 0;
    int no = 0;
    while (fgets(line, sizeof(line), f) != NULL) {
        no++;
        AnchorLine a;
        uint8_t sig[ADJ_SIG_LEN];
        if (!parse_anchor(line, &a)) {
            fprintf(stderr, "audit verify: %s:%d: not an anchor line\n", path, no);
            (*problems)++;
            continue;
        }
        if (pub == NULL || strcmp(a.key, fpr) != 0 || !adj_sig_from_hex(a.sig, sig) ||
            !adj_sign_verify(pub, a.digest, 64, sig)) {
            fprintf(stderr, "audit verify: %s:%d: checkpoint %lld: the anchor's signature does "
                            "not verify with the configured public key\n",
                    path, no, (long long)a.seq);
            (*problems)++;
            continue;
        }
        if (*nout == cap) {
            cap = cap ? cap * 2 : 64;
            *out = adj_xrealloc(*out, cap * sizeof(**out));
        }
        AdjAuditAnchor *x = &(*out)[(*nout)++];
        x->seq = a.seq;
        memcpy(x->digest, a.digest, sizeof(x->digest));
        x->line = no;
    }
    fclose(f);
    if (*nout > 1)
        qsort(*out, *nout, sizeof(**out), cmp_anchor);
    return 0;
}

typedef struct AuditArgs {
    const char *pub, *hmac, *anchor;
    bool no_chattr;
} AuditArgs;

static int audit_verify(AdjCli *cli, const AuditArgs *a)
{
    const char *pub = a->pub, *hmac = a->hmac, *anchor = a->anchor;
    if (anchor == NULL && cli->config.audit_anchor_file[0] != '\0')
        anchor = cli->config.audit_anchor_file;
    AdjError err = {0};
    static AdjCliAuditKeys keys;
    if (adj_cli_audit_keys_verify(cli, pub, hmac, &keys, &err) != ADJ_OK) {
        fprintf(stderr, "adjudicator audit verify: %s\n", err.msg);
        return ADJ_EXIT_USAGE;
    }
    int64_t anchor_problems = 0;
    AdjAuditAnchor *anchors = NULL;
    size_t nanchors = 0;
    if (anchor != NULL && read_anchors(anchor, keys.pub, &anchors, &nanchors, &anchor_problems) != 0) {
        adj_cli_audit_keys_free(&keys);
        return ADJ_EXIT_USAGE;
    }
    AdjAuditKeys ak = {.pub = keys.pub,
                       .hmac = keys.has_hmac ? keys.hmac : NULL,
                       .hmac_len = keys.hmac_len,
                       .anchors = anchors,
                       .nanchors = nanchors};
    AdjStore *store = NULL;
    AdjAuditResult res = {0};
    AdjStatus st = adj_store_open(adj_cli_conninfo(cli), &store, &err);
    if (st == ADJ_OK)
        st = adj_store_audit_verify(store, &ak, report_line, NULL, &res, &err);
    adj_store_close(store);
    adj_cli_audit_keys_free(&keys);
    free(anchors);
    if (st != ADJ_OK) {
        fprintf(stderr, "adjudicator audit verify: %s\n", err.msg);
        return adj_status_exit_code(st);
    }
    res.problems += anchor_problems;
    if (res.problems > 0) {
        fprintf(stderr,
                "audit verify: FAILED: %lld problem%s in %lld claims, %lld decisions, "
                "%lld history events, %lld checkpoints\n",
                (long long)res.problems, res.problems == 1 ? "" : "s", (long long)res.claims,
                (long long)res.decisions, (long long)res.events, (long long)res.checkpoints);
        return ADJ_EXIT_REJECTED;
    }
    printf("audit verify: ok: %lld claims, %lld decisions, %lld checkpoints verified, "
           "%lld history events",
           (long long)res.claims, (long long)res.decisions, (long long)res.checkpoints,
           (long long)res.events);
    if (anchor != NULL)
        printf("; %lld anchors of %s match", (long long)res.anchors, anchor);
    printf("\n");
    return 0;
}

/* chattr +a on an open file: only where the filesystem and privileges
 * allow it (CAP_LINUX_IMMUTABLE). True when the flag is set. */
static bool make_append_only(int fd)
{
    int flags = 0;
    if (ioctl(fd, FS_IOC_GETFLAGS, &flags) != 0)
        return false;
    if (flags & FS_APPEND_FL)
        return true;
    flags |= FS_APPEND_FL;
    return ioctl(fd, FS_IOC_SETFLAGS, &flags) == 0;
}

static int audit_anchor(AdjCli *cli, const AuditArgs *a)
{
    const char *pub = a->pub, *anchor = a->anchor;
    bool chattr = !a->no_chattr;
    if (anchor == NULL)
        anchor = cli->config.audit_anchor_file[0] ? cli->config.audit_anchor_file : NULL;
    if (anchor == NULL) {
        fprintf(stderr, "adjudicator audit anchor: no anchor file (audit.anchor_file or --anchor)\n");
        return ADJ_EXIT_USAGE;
    }
    AdjError err = {0};
    static AdjCliAuditKeys keys;
    if (adj_cli_audit_keys_verify(cli, pub, "", &keys, &err) != ADJ_OK || keys.pub == NULL) {
        fprintf(stderr, "adjudicator audit anchor: %s\n",
                err.msg[0] ? err.msg : "no public key configured (audit.public_key)");
        adj_cli_audit_keys_free(&keys);
        return ADJ_EXIT_USAGE;
    }
    AdjStore *store = NULL;
    AdjStoreCheckpoint cp;
    AdjStatus st = adj_store_open(adj_cli_conninfo(cli), &store, &err);
    if (st == ADJ_OK)
        st = adj_store_checkpoint_latest(store, &cp, &err);
    adj_store_close(store);
    if (st != ADJ_OK) {
        adj_cli_audit_keys_free(&keys);
        fprintf(stderr, "adjudicator audit anchor: %s\n", err.msg);
        return adj_status_exit_code(st);
    }
    char fpr[ADJ_FPR_HEX];
    adj_sign_fingerprint(keys.pub, fpr);
    uint8_t sig[ADJ_SIG_LEN];
    bool ok = strcmp(cp.scheme, "ed25519") == 0 && strcmp(cp.key_id, fpr) == 0 &&
              adj_sig_from_hex(cp.sig, sig) && adj_sign_verify(keys.pub, cp.digest, 64, sig);
    adj_cli_audit_keys_free(&keys);
    if (!ok) {
        fprintf(stderr, "adjudicator audit anchor: checkpoint %lld is not signed by the "
                        "configured public key (%s): not anchored\n",
                (long long)cp.seq, cp.scheme);
        return ADJ_EXIT_REJECTED;
    }
    int fd = open(anchor, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
    struct stat sb;
    if (fd < 0 || fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
        fprintf(stderr, "adjudicator audit anchor: %s: cannot open for appending: %s\n", anchor,
                fd < 0 ? strerror(errno) : "not a regular file");
        if (fd >= 0)
            close(fd);
        return ADJ_EXIT_USAGE;
    }
    bool append_only = chattr && make_append_only(fd);
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    char at[32];
    strftime(at, sizeof(at), "%Y-%m-%dT%H:%M:%SZ", &tm);
    char line[512];
    int n = snprintf(line, sizeof(line),
                     ANCHOR_TAG "seq=%lld id=%lld digest=%s key=%s sig=%s created=%s anchored=%s\n",
                     (long long)cp.seq, (long long)cp.id, cp.digest, cp.key_id, cp.sig,
                     cp.created_at, at);
    ssize_t w = write(fd, line, (size_t)n);
    int fsync_rc = fsync(fd);
    close(fd);
    if (w != n || fsync_rc != 0) {
        fprintf(stderr, "adjudicator audit anchor: %s: write failed: %s\n", anchor, strerror(errno));
        return ADJ_EXIT_USAGE;
    }
    printf("audit anchor: checkpoint %lld (digest %.16s) appended to %s%s\n", (long long)cp.seq,
           cp.digest, anchor,
           append_only ? " (append-only: chattr +a)"
                       : " (O_APPEND only, not chattr +a: protect the file otherwise)");
    return 0;
}

static int audit_keygen(int argc, char **argv)
{
    if (argc != 4)
        return adj_cli_usage_error("audit", "keygen takes PRIVATE.pem PUBLIC.pem");
    AdjError err = {0};
    if (adj_sign_keygen(argv[2], argv[3], &err) != ADJ_OK) {
        fprintf(stderr, "adjudicator audit keygen: %s\n", err.msg);
        return ADJ_EXIT_USAGE;
    }
    AdjSignKey *k = NULL;
    char fpr[ADJ_FPR_HEX] = "";
    if (adj_sign_load_public(argv[3], &k, &err) == ADJ_OK)
        adj_sign_fingerprint(k, fpr);
    adj_sign_free(k);
    printf("audit keygen: private key %s (mode 600: the deciding service's only), public key "
           "%s, fingerprint %s\n",
           argv[2], argv[3], fpr);
    return 0;
}

static int on_option(void *ctx, int id, const char *name, const char *value)
{
    AuditArgs *a = ctx;
    (void)name;
    if (id == 'k')
        a->hmac = value;
    else if (id == 'p')
        a->pub = value;
    else if (id == 'a')
        a->anchor = value;
    else
        a->no_chattr = true;
    return ADJ_CLI_GO;
}

int adj_cmd_audit(AdjCli *cli, int argc, char **argv)
{
    AuditArgs a = {0};
    static const AdjCliOpt opts[] = {{"key-file", 1, 'k'}, {"public-key", 1, 'p'},
                                     {"anchor", 1, 'a'},   {"no-chattr", 0, 'c'},
                                     {NULL, 0, 0}};
    AdjCliSpec spec = {"audit", audit_usage, opts, on_option, &a};
    int rc = adj_cli_parse(cli, &spec, &argc, argv);
    if (rc != ADJ_CLI_GO)
        return rc;
    if (argc < 2)
        return adj_cli_usage_error("audit", "no action given: audit verify | anchor | keygen");
    if (strcmp(argv[1], "keygen") == 0)
        return audit_keygen(argc, argv);
    if (argc > 2)
        return adj_cli_usage_error("audit", "unexpected argument '%s'", argv[2]);
    if (strcmp(argv[1], "verify") == 0)
        return audit_verify(cli, &a);
    if (strcmp(argv[1], "anchor") == 0)
        return audit_anchor(cli, &a);
    return adj_cli_usage_error("audit", "unknown action '%s': audit verify | anchor | keygen",
                               argv[1]);
}
