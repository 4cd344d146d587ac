/* `adjudicator ack`: the acknowledgements of 837 files with no database:
 * a TA1 for each rejected interchange, a 999 for each functional group and
 * a 277CA for each accepted transaction set (x12out/ack.c builds them).
 * With --out DIR they go to DIR/<file>.ta1|.999|.277 and the interchange
 * control numbers are recorded per sender in DIR/control-numbers (locked,
 * so concurrent runs never reuse one); else to standard output. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "config/ruleset.h"
#include "x12/x12.h"
#include "x12out/x12out.h"

#define ACK_MAX_RULESETS 8

typedef struct AckOpts {
    const char *out;
    const char *rulesets[ACK_MAX_RULESETS];
    int nrulesets;
    AdjDate date;
    int first_file;
} AckOpts;

typedef struct Ack {
    const AckOpts *o;
    const AdjRulesetSet *rules;
    AdjAckBuilder b;
    const char *file;
    FILE *f[3];
    uint32_t counter; /* standard output: numbers of this run */
    bool rejected;
} Ack;

static void usage(FILE *f)
{
    fprintf(f,
            "usage: adjudicator ack [--out DIR] [--date CCYYMMDD] [--ruleset FILE|DIR]...\n"
            "                       FILE...\n\n"
            "Acknowledges 837 files as the payer would, with no database: a TA1 for\n"
            "an interchange whose envelope fails (TA105 note code), a 999 for every\n"
            "functional group (AK2/IK5 per transaction set, AK9), and a 277CA\n"
            "(005010X214) for every accepted transaction set, accepting each claim\n"
            "into adjudication or rejecting it with the status code of its problem.\n"
            "'-' reads standard input. With --out, DIR/<file>.ta1, .999 and .277,\n"
            "and control numbers recorded per sender in DIR/control-numbers;\n"
            "without it, the configuration's acks.dir (--config), else standard\n"
            "output. A rejected claim's status codes are its ruleset's\n"
            "frontend_problems (the ruleset in force at its date of service);\n"
            "without --ruleset, every ruleset of the configured rulesets directory.\n\n"
            "exit status: 0 all accepted, 1 some interchange, set or claim rejected,\n"
            "2 usage or a file that cannot be read\n");
}

/* Options in one place: --out DIR, --date CCYYMMDD (one grammar,
 * adj_cli_parse; --config is global). */
static int on_option(void *ctx, int id, const char *name, const char *value)
{
    AckOpts *o = ctx;
    (void)name;
    if (id == 'o') {
        o->out = value;
    } else if (id == 'r') {
        if (o->nrulesets == ACK_MAX_RULESETS)
            return adj_cli_usage_error("ack", "at most %d --ruleset", ACK_MAX_RULESETS);
        o->rulesets[o->nrulesets++] = value;
    } else if (!adj_date_parse_x12(value, strlen(value), &o->date)) {
        return adj_cli_usage_error("ack", "--date '%s' is not CCYYMMDD", value);
    }
    return ADJ_CLI_GO;
}

static int parse_opts(AdjCli *cli, int *argc, char **argv, AckOpts *o)
{
    static const AdjCliOpt opts[] = {
        {"out", 1, 'o'}, {"date", 1, 'd'}, {"ruleset", 1, 'r'}, {NULL, 0, 0}};
    AdjCliSpec spec = {"ack", usage, opts, on_option, o};
    int rc = adj_cli_parse(cli, &spec, argc, argv);
    if (rc != ADJ_CLI_GO)
        return rc;
    if (*argc < 2)
        return adj_cli_usage_error("ack", "no FILE given ('-' reads standard input)");
    o->first_file = 1;
    return ADJ_CLI_GO;
}

AdjStatus adj_cli_control_next(const char *dir, const char *sender, uint32_t *out,
                               AdjError *err)
{
    char path[PATH_MAX], key[64];
    snprintf(path, sizeof(path), "%s/control-numbers", dir);
    snprintf(key, sizeof(key), "%s", sender);
    for (char *p = key; *p; p++)
        if (*p == ' ' || *p == '\n' || *p == '\t')
            *p = '_';
    int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0)
        return ADJ_FAIL(err, ADJ_ERR_IO, "%s: %s", path, strerror(errno));
    if (flock(fd, LOCK_EX) != 0) {
        close(fd);
        return ADJ_FAIL(err, ADJ_ERR_IO, "%s: lock: %s", path, strerror(errno));
    }
    FILE *f = fdopen(fd, "r+");
    char line[160], rest[1 << 14] = "";
    size_t rest_len = 0;
    unsigned long last = 0;
    while (fgets(line, sizeof(line), f) != NULL) {
        char k[80];
        unsigned long n;
        if (sscanf(line, "%79s %lu", k, &n) == 2 && strcmp(k, key) == 0) {
            last = n;
            continue;
        }
        size_t l = strlen(line);
        if (rest_len + l < sizeof(rest)) {
            memcpy(rest + rest_len, line, l);
            rest_len += l;
            rest[rest_len] = '\0';
        }
    }
    unsigned long next = last >= 999999999ul ? 1 : last + 1;
    rewind(f);
    if (ftruncate(fd, 0) != 0 || fprintf(f, "%s%s %lu\n", rest, key, next) < 0 || fflush(f) != 0) {
        fclose(f);
        return ADJ_FAIL(err, ADJ_ERR_IO, "%s: %s", path, strerror(errno));
    }
    fsync(fd);
    fclose(f); /* releases the lock */
    *out = (uint32_t)next;
    return ADJ_OK;
}

/* Next control number for replies to ix's sender. */
static AdjStatus next_control(void *ctx, const AdjX12Interchange *ix, uint32_t *out,
                              AdjError *err)
{
    Ack *a = ctx;
    if (a->o->out == NULL) {
        *out = ++a->counter;
        return ADJ_OK;
    }
    char key[40];
    snprintf(key, sizeof(key), "%s:%s", ix->isa05, ix->isa06);
    return adj_cli_control_next(a->o->out, key, out, err);
}

static AdjStatus emit(void *ctx, AdjAckKind kind, const AdjX12Interchange *ix,
                      const AdjX12Env *env, const char *data, size_t len, bool last,
                      AdjError *err)
{
    (void)ix;
    (void)env;
    (void)last;
    Ack *a = ctx;
    FILE *f = stdout;
    if (a->o->out != NULL) {
        if (a->f[kind] == NULL) {
            const char *base = strcmp(a->file, "-") == 0 ? "stdin" : strrchr(a->file, '/');
            base = base == NULL ? a->file : base[0] == '/' ? base + 1 : base;
            char path[PATH_MAX];
            snprintf(path, sizeof(path), "%s/%s.%s", a->o->out, base, adj_ack_kind_ext(kind));
            a->f[kind] = fopen(path, "w");
            if (a->f[kind] == NULL)
                return ADJ_FAIL(err, ADJ_ERR_IO, "%s: %s", path, strerror(errno));
        }
        f = a->f[kind];
    }
    if (fwrite(data, 1, len, f) != len)
        return ADJ_FAIL(err, ADJ_ERR_IO, "writing the %s: %s", adj_ack_kind_ext(kind),
                        strerror(errno));
    return ADJ_OK;
}

static AdjStatus on_interchange(void *ctx, const AdjX12Interchange *ix, AdjError *err)
{
    Ack *a = ctx;
    if (!ix->ok)
        a->rejected = true;
    if (!ix->ok && !ix->readable)
        fprintf(stderr, "adjudicator: ack: %s: the interchange header cannot be read: no TA1 "
                        "can be addressed to its sender\n", a->file);
    return adj_ack_interchange(&a->b, ix, err);
}

static AdjStatus on_set(void *ctx, const AdjX12Set *set, AdjError *err)
{
    Ack *a = ctx;
    return adj_ack_set(&a->b, set, err);
}

static AdjStatus on_claim(void *ctx, const AdjClaim *claim, AdjError *err)
{
    (void)err;
    Ack *a = ctx;
    if (claim->nproblems > 0)
        a->rejected = true;
    adj_ack_claim(&a->b, claim, NULL);
    return ADJ_OK;
}

static void on_diag(void *ctx, const AdjX12Diag *diag)
{
    Ack *a = ctx;
    char buf[600];
    a->rejected = true;
    fprintf(stderr, "adjudicator: ack: %s\n", adj_x12_diag_format(diag, buf, sizeof(buf)));
}

/* The rulesets whose frontend_problems give a rejected claim's status
 * codes: --ruleset, else the configured directory. Prints the error. */
static bool load_rulesets(const AdjCli *cli, const char *const *paths, int n, AdjRulesetSet *set)
{
    char dir[PATH_MAX];
    const char *one[1];
    if (n == 0) {
        one[0] = adj_cli_rulesets_path(cli, NULL, dir, sizeof(dir));
        paths = one;
        n = 1;
    }
    AdjError err = {0};
    if (adj_ruleset_set_load(paths, n, set, &err) != ADJ_OK) {
        fprintf(stderr, "adjudicator: ack: %s\n", err.msg);
        return false;
    }
    return true;
}

static const AdjProblemCodes *ack_frontend(void *ctx, const AdjClaim *claim)
{
    return adj_ruleset_frontend(((Ack *)ctx)->rules, claim);
}

static AdjStatus ack_file(Ack *a, const char *path, AdjError *err)
{
    a->file = path;
    adj_ack_init(&a->b);
    AdjX12Handler h = {.ctx = a, .set = on_set, .claim = on_claim, .diag = on_diag,
                       .interchange = on_interchange};
    AdjX12Stats stats;
    AdjStatus st = adj_x12_read_file(path, &h, &stats, err);
    if (st == ADJ_OK)
        st = adj_ack_finish(&a->b, err);
    if (st == ADJ_OK && stats.interchanges == 0)
        fprintf(stderr, "adjudicator: ack: %s: no interchange header (ISA): no TA1 can be "
                        "addressed to its sender\n", path);
    for (int k = 0; k < 3; k++) {
        if (a->f[k] != NULL && fclose(a->f[k]) != 0 && st == ADJ_OK)
            st = ADJ_FAIL(err, ADJ_ERR_IO, "%s: closing an acknowledgement: %s", path,
                          strerror(errno));
        a->f[k] = NULL;
    }
    if (st == ADJ_OK && a->o->out != NULL)
        fprintf(stderr,
                "adjudicator: ack: %s: %llu TA1, %llu set(s) accepted, %llu rejected; %llu "
                "claim(s) accepted, %llu rejected\n",
                path, (unsigned long long)a->b.ta1, (unsigned long long)a->b.sets_accepted,
                (unsigned long long)a->b.sets_rejected, (unsigned long long)a->b.claims_accepted,
                (unsigned long long)a->b.claims_rejected);
    adj_ack_free(&a->b);
    return st;
}

int adj_cmd_ack(AdjCli *cli, int argc, char **argv)
{
    AckOpts o = {0};
    int prc = parse_opts(cli, &argc, argv, &o);
    if (prc != ADJ_CLI_GO)
        return prc;
    if (o.out == NULL && cli->config.acks_dir[0] != '\0')
        o.out = cli->config.acks_dir;
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    if (o.date == 0)
        o.date = adj_date_make(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
    if (o.out != NULL && mkdir(o.out, 0755) != 0 && errno != EEXIST) {
        fprintf(stderr, "adjudicator: ack: --out %s: %s\n", o.out, strerror(errno));
        return 2;
    }
    AdjRulesetSet rules = {0};
    if (!load_rulesets(cli, o.rulesets, o.nrulesets, &rules))
        return ADJ_EXIT_USAGE;
    Ack a = {.o = &o, .rules = &rules};
    a.b.date = o.date;
    a.b.hhmm = tm.tm_hour * 100 + tm.tm_min;
    a.b.ctx = &a;
    a.b.next_control = next_control;
    a.b.emit = emit;
    a.b.frontend = ack_frontend;
    int rc = 0;
    for (int i = o.first_file; i < argc; i++) {
        AdjError err = {0};
        AdjStatus st = ack_file(&a, argv[i], &err);
        if (st != ADJ_OK) {
            fprintf(stderr, "adjudicator: ack: %s\n", err.msg);
            a.rejected = true;
            if (st == ADJ_ERR_IO) {
                rc = ADJ_EXIT_USAGE; /* a file that cannot be read; the others go on */
            } else if (st != ADJ_ERR_INPUT) {
                rc = adj_status_exit_code(st);
                break;
            }
        }
    }
    fflush(stdout);
    adj_ruleset_set_free(&rules);
    if (rc == 0 && a.rejected)
        rc = 1;
    return rc;
}

/* ---- ingest: the same acknowledgements, stored -------------------------- */

#include "store/store.h"

typedef struct Stored {
    AdjAckBuilder b;
    AdjX12Out piece[3]; /* per kind: the interchange being stored, until its last piece */
    AdjStore *store;
    const char *path, *sha, *dir;
    int64_t interchange_id;
    char (*pcns)[24];
    size_t npcns, next_pcn;
    int stored;
    AdjRulesetSet rules;
} Stored;

static const AdjProblemCodes *stored_frontend(void *ctx, const AdjClaim *claim)
{
    return adj_ruleset_frontend(&((Stored *)ctx)->rules, claim);
}

static AdjStatus stored_control(void *ctx, const AdjX12Interchange *ix, uint32_t *out,
                                AdjError *err)
{
    (void)ix;
    return adj_store_ack_control(((Stored *)ctx)->store, out, err);
}

static AdjStatus stored_emit(void *ctx, AdjAckKind kind, const AdjX12Interchange *ix,
                             const AdjX12Env *env, const char *data, size_t len, bool last,
                             AdjError *err)
{
    Stored *s = ctx;
    AdjX12Out *piece = &s->piece[kind];
    adj_x12out_raw(piece, data, len);
    if (!last)
        return ADJ_OK;
    data = piece->buf;
    len = piece->len;
    char receiver[40], in_isa13[16], written[PATH_MAX] = "";
    snprintf(receiver, sizeof(receiver), "%s:%s", ix->isa05, ix->isa06);
    snprintf(in_isa13, sizeof(in_isa13), "%s", ix->isa13);
    if (s->dir[0] != '\0') {
        const char *base = strrchr(s->path, '/');
        base = base ? base + 1 : s->path;
        snprintf(written, sizeof(written), "%s/%.200s.%09u.%s", s->dir, base, (unsigned)env->isa13,
                 adj_ack_kind_ext(kind));
        FILE *f = fopen(written, "w");
        if (f == NULL || fwrite(data, 1, len, f) != len || fclose(f) != 0)
            return ADJ_FAIL(err, ADJ_ERR_IO, "%s: %s", written, strerror(errno));
    }
    AdjStoreAck a = {.interchange_id = s->interchange_id, .file_name = s->path,
                     .file_sha256 = s->sha, .in_isa13 = in_isa13,
                     .kind = adj_ack_kind_ext(kind), .receiver = receiver,
                     .written_to = written[0] ? written : NULL, .control = env->isa13,
                     .body = data, .body_len = len};
    AdjStatus st = adj_store_ack_put(s->store, &a, err);
    if (st == ADJ_OK)
        s->stored++;
    adj_x12out_reset(piece);
    return st;
}

static AdjStatus stored_ix(void *ctx, const AdjX12Interchange *ix, AdjError *err)
{
    return adj_ack_interchange(&((Stored *)ctx)->b, ix, err);
}

static AdjStatus stored_set(void *ctx, const AdjX12Set *set, AdjError *err)
{
    return adj_ack_set(&((Stored *)ctx)->b, set, err);
}

static AdjStatus stored_claim(void *ctx, const AdjClaim *claim, AdjError *err)
{
    (void)err;
    Stored *s = ctx;
    const char *pcn = s->next_pcn < s->npcns ? s->pcns[s->next_pcn] : NULL;
    s->next_pcn++;
    adj_ack_claim(&s->b, claim, pcn);
    return ADJ_OK;
}

int adj_ack_ingested(const AdjCli *cli, AdjStore *store, const char *path, const char *sha,
                     int64_t interchange_id)
{
    Stored s = {.store = store, .path = path, .sha = sha, .dir = cli->config.acks_dir,
                .interchange_id = interchange_id};
    AdjError err = {0};
    AdjStatus st = ADJ_OK;
    if (interchange_id > 0)
        st = adj_store_ack_pcns(store, interchange_id, &s.pcns, &s.npcns, &err);
    if (st == ADJ_OK && s.dir[0] != '\0' && mkdir(s.dir, 0755) != 0 && errno != EEXIST)
        st = ADJ_FAIL(&err, ADJ_ERR_IO, "acks.dir %s: %s", s.dir, strerror(errno));
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    s.b.date = adj_date_make(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
    s.b.hhmm = tm.tm_hour * 100 + tm.tm_min;
    s.b.ctx = &s;
    s.b.next_control = stored_control;
    s.b.emit = stored_emit;
    s.b.frontend = stored_frontend;
    adj_ack_init(&s.b);
    if (st == ADJ_OK && !load_rulesets(cli, NULL, 0, &s.rules))
        st = ADJ_FAIL(&err, ADJ_ERR_INPUT, "rulesets not loaded");
    if (st == ADJ_OK)
        st = adj_store_begin(store, &err);
    if (st == ADJ_OK) {
        AdjX12Handler h = {.ctx = &s, .set = stored_set, .claim = stored_claim,
                           .interchange = stored_ix};
        st = adj_x12_read_file(path, &h, NULL, &err);
        if (st == ADJ_OK)
            st = adj_ack_finish(&s.b, &err);
        if (st == ADJ_OK)
            st = adj_store_commit(store, &err);
        else
            adj_store_rollback(store);
    }
    adj_ack_free(&s.b);
    adj_ruleset_set_free(&s.rules);
    for (int k = 0; k < 3; k++)
        adj_x12out_free(&s.piece[k]);
    free(s.pcns);
    if (st != ADJ_OK) {
        fprintf(stderr, "%s: acknowledgements not stored: %s\n", path, err.msg);
        return st == ADJ_ERR_DB ? 3 : 1;
    }
    printf("%s: %d acknowledgement%s stored (%llu TA1, %llu set(s) accepted, %llu rejected; "
           "%llu claim(s) accepted, %llu rejected)\n",
           path, s.stored, s.stored == 1 ? "" : "s", (unsigned long long)s.b.ta1,
           (unsigned long long)s.b.sets_accepted, (unsigned long long)s.b.sets_rejected,
           (unsigned long long)s.b.claims_accepted, (unsigned long long)s.b.claims_rejected);
    return 0;
}
