/* adjudicator report approval-rates | verify: the regulator report (CSV,
 * JSON or HTML from report_figures(), suppressed by the database) with its
 * Ed25519-signed manifest, and the check of a manifest with the public key.
 * Runs as adj_reporting: it reads only what the database publishes. */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "crypto/sign.h"
#include "report/report.h"
#include "store/report.h"

#define MAX_MONTHS 120

static void report_usage(FILE *f)
{
    fprintf(f,
            "usage: adjudicator [--config FILE] [--db CONNINFO] report approval-rates\n"
            "         --from YYYY-MM --to YYYY-MM [--plan ID] --format csv|json|html\n"
            "         --out PATH [--as-of TIMESTAMP] [--prepared-at TIMESTAMP] [--key-file F]\n"
            "       adjudicator [--config FILE] report verify PATH [--public-key F]\n"
            "       adjudicator report keygen PRIVATE.pem PUBLIC.pem\n\n"
            "approval-rates: CoCM/BHI lines per plan, month of service, code family and\n"
            "billing-provider kind, with plan-month, plan and report totals (first-pass\n"
            "and final approval with numerators and denominators, exact duplicates, denials\n"
            "by CARC, misroutes prevented), read from report_figures() as the adj_reporting\n"
            "role. The database suppresses every count from 1 to report.min_cell-1 (at\n"
            "least 1 to 10) and complementary figures, before anything leaves it.\n"
            "--as-of counts the decisions in force at that moment (default: now, printed\n"
            "to the microsecond); the same --as-of and --prepared-at give the same bytes\n"
            "later.\n"
            "csv writes PATH, PATH less .csv plus -denials.csv and -submission.csv; json\n"
            "and html write PATH. Each run also writes PATH.manifest: the parameters, the\n"
            "SHA-256 of every file and an Ed25519 signature with the private key of\n"
            "report.key_file (or --key-file).\n\n"
            "verify: check PATH.manifest (or PATH when it ends in .manifest) with the\n"
            "public key alone (--public-key, or the public half of report.key_file): names\n"
            "each file changed or missing, an altered manifest and another signer; exit 1\n"
            "on any mismatch.\n\n"
            "keygen: write a new Ed25519 key pair for report.key_file; publish the public\n"
            "key (and its fingerprint, printed on every report) to the regulator.\n");
}

static int load_key(const AdjCli *cli, const char *key_file, AdjSignKey **key)
{
    const char *path = key_file ? key_file : cli->config.report_key_file;
    AdjError err = {0};
    if (path[0] == '\0') {
        fprintf(stderr, "adjudicator report: no signing key configured (report.key_file or "
                        "--key-file: an Ed25519 private key, PEM)\n");
        return 2;
    }
    if (adj_sign_load_private(path, key, &err) != ADJ_OK) {
        fprintf(stderr, "adjudicator report: %s\n", err.msg);
        return 2;
    }
    return 0;
}

/* write one file through fn, atomically: a temporary file of an
 * unpredictable name in the target directory (mkstemp: created, never
 * followed through a planted link), then rename */
static int write_file(const char *path, const AdjReportData *d, const AdjReportOptions *o,
                      void (*fn)(FILE *, const AdjReportData *, const AdjReportOptions *))
{
    char tmp[4096];
    snprintf(tmp, sizeof(tmp), "%s.XXXXXX", path);
    int fd = mkstemp(tmp);
    FILE *f = fd < 0 ? NULL : fdopen(fd, "wb");
    if (f == NULL) {
        fprintf(stderr, "adjudicator report: %s: %s\n", tmp, strerror(errno));
        if (fd >= 0) {
            close(fd);
            unlink(tmp);
        }
        return 2;
    }
    fn(f, d, o);
    if (ferror(f) | fclose(f) || rename(tmp, path) != 0) {
        fprintf(stderr, "adjudicator report: %s: cannot write: %s\n", path, strerror(errno));
        unlink(tmp);
        return 2;
    }
    return 0;
}

static bool parse_month(const char *opt, const char *s, AdjMonth *m)
{
    if (s != NULL && adj_month_parse(s, strlen(s), m))
        return true;
    fprintf(stderr, "adjudicator report: %s: expected YYYY-MM, got '%s'\n", opt,
            s ? s : "");
    return false;
}

typedef struct Args {
    const char *from, *to, *plan, *format, *out, *key_file, *as_of, *prepared_at, *public_key;
} Args;

static int on_option(void *ctx, int id, const char *name, const char *value)
{
    Args *a = ctx;
    (void)name;
    const char **slot[] = {&a->from, &a->to,     &a->plan,  &a->format,      &a->out,
                           &a->key_file, &a->as_of, &a->prepared_at, &a->public_key};
    *slot[id - 256] = value;
    return ADJ_CLI_GO;
}

static bool printable(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s < 0x20 || *s == 0x7f)
            return false;
    return true;
}

/* YYYY-MM-DDTHH:MM:SSZ, nothing else: the manifest's and the page's form */
static bool utc_stamp(const char *s)
{
    static const char shape[] = "dddd-dd-ddTdd:dd:ddZ";
    if (strlen(s) != sizeof(shape) - 1)
        return false;
    for (size_t i = 0; shape[i]; i++)
        if (shape[i] == 'd' ? !isdigit((unsigned char)s[i]) : s[i] != shape[i])
            return false;
    return true;
}

static void now_utc(char *buf, size_t size)
{
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(buf, size, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static int check_args(const Args *a, AdjReportOptions *o)
{
    if (a->from == NULL || a->to == NULL)
        return adj_cli_usage_error("report", "approval-rates needs --from and --to");
    if (a->public_key != NULL)
        return adj_cli_usage_error("report", "--public-key is for verify");
    if (!parse_month("--from", a->from, &o->from) || !parse_month("--to", a->to, &o->to))
        return 2;
    if (o->to < o->from || o->to - o->from >= MAX_MONTHS) {
        fprintf(stderr, "adjudicator report: --from %s --to %s: need from <= to, at most %d "
                        "months\n", a->from, a->to, MAX_MONTHS);
        return 2;
    }
    if (a->plan != NULL && (a->plan[0] == '\0' || strlen(a->plan) > 200 || !printable(a->plan))) {
        fprintf(stderr, "adjudicator report: --plan: not a plan id\n");
        return 2;
    }
    AdjFormat fmt;
    if (a->format == NULL)
        return adj_cli_usage_error("report", "--format csv|json|html is required");
    if (!adj_format_parse("report", a->format,
                          ADJ_FMT_BIT(ADJ_FMT_CSV) | ADJ_FMT_BIT(ADJ_FMT_JSON) |
                              ADJ_FMT_BIT(ADJ_FMT_HTML),
                          &fmt))
        return ADJ_EXIT_USAGE;
    if (a->out == NULL || a->out[0] == '\0' || strlen(a->out) > 3000)
        return adj_cli_usage_error("report", "--out PATH is required");
    if (a->as_of != NULL && (strlen(a->as_of) > 64 || !printable(a->as_of))) {
        fprintf(stderr, "adjudicator report: --as-of: not a timestamp\n");
        return 2;
    }
    if (a->prepared_at != NULL && !utc_stamp(a->prepared_at)) {
        fprintf(stderr, "adjudicator report: --prepared-at: expected YYYY-MM-DDTHH:MM:SSZ\n");
        return 2;
    }
    return 0;
}

static int write_manifest(const Args *a, const AdjReportOptions *o, const char *const *files,
                          size_t nfiles, const AdjSignKey *key)
{
    char note[ADJ_REPORT_NOTE_SIZE], f_report[512], f_as_of[128], f_prep[128], f_cell[64],
        f_rule[ADJ_REPORT_NOTE_SIZE + 16], f_regen[1024], manifest[4096];
    adj_report_suppression_note(o, note, sizeof(note));
    snprintf(f_report, sizeof(f_report), "report approval-rates from %s to %s plan %s format %s",
             a->from, a->to, a->plan ? a->plan : "*", a->format);
    snprintf(f_as_of, sizeof(f_as_of), "as_of %s", o->as_of);
    snprintf(f_prep, sizeof(f_prep), "prepared_at %s", o->prepared_at);
    snprintf(f_cell, sizeof(f_cell), "min_cell %lld", (long long)adj_report_min_cell(o->min_cell));
    snprintf(f_rule, sizeof(f_rule), "suppression %s", note);
    snprintf(f_regen, sizeof(f_regen), "regenerate with --from %s --to %s%s%s --format %s "
             "--as-of %s --prepared-at %s", a->from, a->to, a->plan ? " --plan " : "",
             a->plan ? a->plan : "", a->format, o->as_of, o->prepared_at);
    const char *fields[] = {f_report, f_as_of, f_prep, f_cell, f_rule, f_regen};
    snprintf(manifest, sizeof(manifest), "%s.manifest", a->out);
    AdjError err = {0};
    if (adj_report_manifest_write(manifest, files, nfiles, fields, 6, key, &err) != ADJ_OK) {
        fprintf(stderr, "adjudicator report: %s\n", err.msg);
        return 2;
    }
    for (size_t i = 0; i < nfiles; i++)
        printf("wrote %s\n", files[i]);
    printf("wrote %s\n", manifest);
    return 0;
}

static int approval_rates(AdjCli *cli, int argc, char **argv, Args a)
{
    if (argc > 2)
        return adj_cli_usage_error("report", "unexpected argument '%s'", argv[2]);
    AdjReportOptions o = {.plan_id = a.plan, .min_cell = cli->config.report_min_cell,
                          .entity = cli->config.report_entity,
                          .contracts = cli->config.report_contracts,
                          .attestation = cli->config.report_attestation};
    int rc = check_args(&a, &o);
    if (rc != 0)
        return rc;
    AdjSignKey *key = NULL;
    rc = load_key(cli, a.key_file, &key);
    if (rc != 0)
        return rc;
    char fpr[ADJ_FPR_HEX], prepared[32];
    adj_sign_fingerprint(key, fpr);
    o.fingerprint = fpr;
    if (a.prepared_at != NULL)
        snprintf(prepared, sizeof(prepared), "%s", a.prepared_at);
    else
        now_utc(prepared, sizeof(prepared));
    o.prepared_at = prepared;

    AdjError err = {0};
    AdjStore *store = NULL;
    AdjReportData data;
    memset(&data, 0, sizeof(data));
    AdjStatus st = adj_store_open(adj_cli_read_conninfo(cli), &store, &err);
    if (st == ADJ_OK)
        st = adj_store_report_load(store, o.from, o.to, a.plan, a.as_of, o.min_cell, &data,
                                   &err);
    adj_store_close(store);
    if (st != ADJ_OK) {
        fprintf(stderr, "adjudicator report: %s\n", err.msg);
        adj_store_report_free(&data);
        adj_sign_free(key);
        return adj_status_exit_code(st);
    }
    o.as_of = data.as_of;

    char denials[4096], submission[4096];
    const char *files[3] = {a.out, denials, submission};
    size_t nfiles = 1;
    if (strcmp(a.format, "csv") == 0) {
        size_t n = strlen(a.out);
        if (n > 4 && strcmp(a.out + n - 4, ".csv") == 0)
            n -= 4;
        snprintf(denials, sizeof(denials), "%.*s-denials.csv", (int)n, a.out);
        snprintf(submission, sizeof(submission), "%.*s-submission.csv", (int)n, a.out);
        rc = write_file(a.out, &data, &o, adj_report_write_csv_cells);
        if (rc == 0)
            rc = write_file(denials, &data, &o, adj_report_write_csv_denials);
        if (rc == 0)
            rc = write_file(submission, &data, &o, adj_report_write_csv_submission);
        nfiles = 3;
    } else {
        rc = write_file(a.out, &data, &o,
                        strcmp(a.format, "json") == 0 ? adj_report_write_json
                                                      : adj_report_write_html);
    }
    if (rc == 0)
        rc = write_manifest(&a, &o, files, nfiles, key);
    if (rc == 0) {
        const AdjReportRow *t = adj_report_total_row(&data);
        char lines[24] = "0", fp[32] = "", fin[32] = "";
        if (t != NULL) {
            adj_report_format_count(t->v[ADJ_RM_LINES], lines, sizeof(lines));
            adj_report_format_bp(adj_report_rate_bp(t->v[ADJ_RM_PAID_FIRST],
                                                    t->v[ADJ_RM_DECIDED_FIRST]), fp, sizeof(fp));
            adj_report_format_bp(adj_report_rate_bp(t->v[ADJ_RM_PAID_FINAL],
                                                    t->v[ADJ_RM_DECIDED_FINAL]), fin, sizeof(fin));
        }
        if (fp[0])
            strcat(fp, "%");
        if (fin[0])
            strcat(fin, "%");
        if (t == NULL)
            printf("totals as of %s: no CoCM/BHI line\n", data.as_of);
        else
            printf("totals as of %s: %s lines; approved at first pass %s, finally %s\n",
                   data.as_of, lines[0] ? lines : "(suppressed)", fp[0] ? fp : "(suppressed)",
                   fin[0] ? fin : "(suppressed)");
        printf("signed with Ed25519 key SHA-256 %s\n", fpr);
    }
    adj_store_report_free(&data);
    adj_sign_free(key);
    return rc;
}

static void problem_line(void *ctx, const char *msg)
{
    (void)ctx;
    fprintf(stderr, "report verify: %s\n", msg);
}

static int verify(AdjCli *cli, int argc, char **argv, const Args *a)
{
    if (a->from || a->to || a->plan || a->format || a->out || a->as_of || a->prepared_at)
        return adj_cli_usage_error("report", "verify takes PATH and --public-key only");
    if (argc < 3)
        return adj_cli_usage_error("report", "verify needs PATH");
    if (argc > 3)
        return adj_cli_usage_error("report", "unexpected argument '%s'", argv[3]);
    const char *path = argv[2], *pub = a->public_key;
    if (strlen(path) > 3000)
        return adj_cli_usage_error("report", "PATH is too long");
    AdjSignKey *key = NULL;
    AdjError err = {0};
    if (pub != NULL) {
        if (adj_sign_load_public(pub, &key, &err) != ADJ_OK) {
            fprintf(stderr, "adjudicator report verify: %s\n", err.msg);
            return 2;
        }
    } else if (load_key(cli, a->key_file, &key) != 0) {
        fprintf(stderr, "adjudicator report verify: give --public-key FILE\n");
        return 2;
    }
    char manifest[4096], fpr[ADJ_FPR_HEX];
    adj_sign_fingerprint(key, fpr);
    size_t n = strlen(path);
    if (n > 9 && strcmp(path + n - 9, ".manifest") == 0)
        snprintf(manifest, sizeof(manifest), "%s", path);
    else
        snprintf(manifest, sizeof(manifest), "%s.manifest", path);
    int problems = 0, files = 0;
    AdjStatus st = adj_report_manifest_verify(manifest, key, problem_line, NULL, &problems,
                                              &files, &err);
    adj_sign_free(key);
    if (st != ADJ_OK) {
        fprintf(stderr, "report verify: FAILED: %s\n", err.msg);
        return 1;
    }
    if (problems > 0) {
        fprintf(stderr, "report verify: FAILED: %d problem%s in %s\n", problems,
                problems == 1 ? "" : "s", manifest);
        return 1;
    }
    printf("report verify: ok: %d file%s and the Ed25519 signature of %s verified with key "
           "SHA-256 %s\n", files, files == 1 ? "" : "s", manifest, fpr);
    return 0;
}

static int keygen(int argc, char **argv, const Args *a)
{
    if (a->from || a->to || a->plan || a->format || a->out || a->key_file || a->as_of ||
        a->prepared_at || a->public_key)
        return adj_cli_usage_error("report", "keygen takes PRIVATE.pem PUBLIC.pem only");
    if (argc != 4)
        return adj_cli_usage_error("report", "keygen needs PRIVATE.pem and PUBLIC.pem");
    AdjError err = {0};
    AdjStatus st = adj_sign_keygen(argv[2], argv[3], &err);
    if (st != ADJ_OK) {
        fprintf(stderr, "adjudicator report keygen: %s\n", err.msg);
        return adj_status_exit_code(st);
    }
    printf("wrote %s (private, mode 600) and %s (public)\n", argv[2], argv[3]);
    return 0;
}

int adj_cmd_report(AdjCli *cli, int argc, char **argv)
{
    Args a = {0};
    static const AdjCliOpt opts[] = {
        {"from", 1, 256},  {"to", 1, 257},    {"plan", 1, 258},        {"format", 1, 259},
        {"out", 1, 260},   {"key-file", 1, 261}, {"as-of", 1, 262},    {"prepared-at", 1, 263},
        {"public-key", 1, 264}, {NULL, 0, 0}};
    AdjCliSpec spec = {"report", report_usage, opts, on_option, &a};
    int rc = adj_cli_parse(cli, &spec, &argc, argv);
    if (rc != ADJ_CLI_GO)
        return rc;
    if (argc < 2)
        return adj_cli_usage_error("report",
                                   "no action given: approval-rates, verify or keygen");
    if (strcmp(argv[1], "approval-rates") == 0)
        return approval_rates(cli, argc, argv, a);
    if (strcmp(argv[1], "verify") == 0)
        return verify(cli, argc, argv, &a);
    if (strcmp(argv[1], "keygen") == 0)
        return keygen(argc, argv, &a);
    return adj_cli_usage_error("report",
                               "unknown action '%s': approval-rates, verify or keygen", argv[1]);
}
