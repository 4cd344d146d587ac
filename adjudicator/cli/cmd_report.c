/* adjudicator report approval-rates | verify: the regulator report (CSV,
 * JSON or HTML from the report views) with its signed manifest, and the
 * check of a manifest. Runs as adj_reporting: it reads only the views. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "crypto/crypto.h"
#include "report/report.h"
#include "store/report.h"

#define MAX_MONTHS 120

static void report_usage(FILE *f)
{
    fprintf(f,
            "usage: adjudicator [--config FILE] [--db CONNINFO] report approval-rates\n"
            "         --from YYYY-MM --to YYYY-MM [--plan ID] --format csv|json|html\n"
            "         --out PATH [--key-file F]\n"
            "       adjudicator [--config FILE] report verify PATH [--key-file F]\n\n"
            "approval-rates: CoCM/BHI lines per plan, code family, month of service and\n"
            "billing-provider kind (first-pass and final approval, denials by CARC,\n"
            "misroutes prevented), from the report views; works as the adj_reporting\n"
            "role. Rows counting fewer than report.min_cell members are suppressed,\n"
            "with complementary suppression so that none is recovered by subtraction.\n"
            "csv writes PATH and PATH less .csv plus -denials.csv; json and html write\n"
            "PATH. Each run also writes PATH.manifest: the SHA-256 of every file and an\n"
            "HMAC-SHA256 with the key of report.key_file (or --key-file).\n\n"
            "verify: check PATH.manifest (or PATH when it ends in .manifest): names each\n"
            "file changed or missing and an altered manifest; exit 1 on any mismatch.\n");
}

static int load_key(const AdjCli *cli, const char *key_file, uint8_t *key, size_t *len)
{
    const char *path = key_file ? key_file : cli->config.report_key_file;
    AdjError err = {0};
    if (path[0] == '\0') {
        fprintf(stderr, "adjudicator report: no key file configured (report.key_file or "
                        "--key-file)\n");
        return 2;
    }
    if (adj_crypto_key_load(path, key, len, &err) != ADJ_OK) {
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
    const char *from, *to, *plan, *format, *out, *key_file;
} Args;

static int on_option(void *ctx, int id, const char *name, const char *value)
{
    Args *a = ctx;
    (void)name;
    const char **slot[] = {&a->from, &a->to, &a->plan, &a->format, &a->out, &a->key_file};
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

static int approval_rates(AdjCli *cli, int argc, char **argv, Args a)
{
    if (argc > 2)
        return adj_cli_usage_error("report", "unexpected argument '%s'", argv[2]);
    if (a.from == NULL || a.to == NULL)
        return adj_cli_usage_error("report", "approval-rates needs --from and --to");
    AdjReportOptions o = {.plan_id = a.plan, .min_cell = cli->config.report_min_cell};
    if (!parse_month("--from", a.from, &o.from) || !parse_month("--to", a.to, &o.to))
        return 2;
    if (o.to < o.from || o.to - o.from >= MAX_MONTHS) {
        fprintf(stderr, "adjudicator report: --from %s --to %s: need from <= to, at most %d "
                        "months\n", a.from, a.to, MAX_MONTHS);
        return 2;
    }
    if (a.plan != NULL && (a.plan[0] == '\0' || strlen(a.plan) > 200 || !printable(a.plan))) {
        fprintf(stderr, "adjudicator report: --plan: not a plan id\n");
        return 2;
    }
    AdjFormat fmt;
    if (a.format == NULL)
        return adj_cli_usage_error("report", "--format csv|json|html is required");
    if (!adj_format_parse("report", a.format,
                          ADJ_FMT_BIT(ADJ_FMT_CSV) | ADJ_FMT_BIT(ADJ_FMT_JSON) |
                              ADJ_FMT_BIT(ADJ_FMT_HTML),
                          &fmt))
        return ADJ_EXIT_USAGE;
    if (a.out == NULL || a.out[0] == '\0' || strlen(a.out) > 3000)
        return adj_cli_usage_error("report", "--out PATH is required");
    uint8_t key[ADJ_KEY_MAX];
    size_t key_len = 0;
    int rc = load_key(cli, a.key_file, key, &key_len);
    if (rc != 0)
        return rc;

    AdjError err = {0};
    AdjStore *store = NULL;
    AdjReportData data;
    memset(&data, 0, sizeof(data));
    AdjStatus st = adj_store_open(adj_cli_conninfo(cli), &store, &err);
    if (st == ADJ_OK)
        st = adj_store_report_load(store, o.from, o.to, a.plan, &data, &err);
    adj_store_close(store);
    if (st != ADJ_OK) {
        fprintf(stderr, "adjudicator report: %s\n", err.msg);
        adj_store_report_free(&data);
        adj_crypto_wipe(key, sizeof(key));
        return adj_status_exit_code(st);
    }

    char denials[4096];
    const char *files[2] = {a.out, denials};
    size_t nfiles = 1;
    if (strcmp(a.format, "csv") == 0) {
        size_t n = strlen(a.out);
        if (n > 4 && strcmp(a.out + n - 4, ".csv") == 0)
            n -= 4;
        snprintf(denials, sizeof(denials), "%.*s-denials.csv", (int)n, a.out);
        rc = write_file(a.out, &data, &o, adj_report_write_csv_cells);
        if (rc == 0)
            rc = write_file(denials, &data, &o, adj_report_write_csv_denials);
        nfiles = 2;
    } else {
        rc = write_file(a.out, &data, &o,
                        strcmp(a.format, "json") == 0 ? adj_report_write_json
                                                      : adj_report_write_html);
    }
    adj_store_report_free(&data);
    if (rc == 0) {
        /* the manifest is the CSV files' only metadata: it states the rule */
        char desc[ADJ_REPORT_NOTE_SIZE + 512], manifest[4096], note[ADJ_REPORT_NOTE_SIZE];
        adj_report_suppression_note(&o, note, sizeof(note));
        snprintf(desc, sizeof(desc), "report approval-rates from %s to %s plan %s format %s "
                 "min_cell %lld suppression: %s", a.from, a.to, a.plan ? a.plan : "*",
                 a.format, (long long)o.min_cell, note);
        snprintf(manifest, sizeof(manifest), "%s.manifest", a.out);
        if (adj_report_manifest_write(manifest, files, nfiles, desc, key, key_len, &err) !=
            ADJ_OK) {
            fprintf(stderr, "adjudicator report: %s\n", err.msg);
            rc = 2;
        } else {
            for (size_t i = 0; i < nfiles; i++)
                printf("wrote %s\n", files[i]);
            printf("wrote %s\n", manifest);
        }
    }
    adj_crypto_wipe(key, sizeof(key));
    return rc;
}

static void problem_line(void *ctx, const char *msg)
{
    (void)ctx;
    fprintf(stderr, "report verify: %s\n", msg);
}

static int verify(AdjCli *cli, int argc, char **argv, const Args *a)
{
    const char *key_file = a->key_file;
    if (a->from || a->to || a->plan || a->format || a->out)
        return adj_cli_usage_error("report", "verify takes PATH and --key-file only");
    if (argc < 3)
        return adj_cli_usage_error("report", "verify needs PATH");
    if (argc > 3)
        return adj_cli_usage_error("report", "unexpected argument '%s'", argv[3]);
    const char *path = argv[2];
    if (strlen(path) > 3000)
        return adj_cli_usage_error("report", "PATH is too long");
    uint8_t key[ADJ_KEY_MAX];
    size_t key_len = 0;
    int rc = load_key(cli, key_file, key, &key_len);
    if (rc != 0)
        return rc;
    char manifest[4096];
    size_t n = strlen(path);
    if (n > 9 && strcmp(path + n - 9, ".manifest") == 0)
        snprintf(manifest, sizeof(manifest), "%s", path);
    else
        snprintf(manifest, sizeof(manifest), "%s.manifest", path);
    AdjError err = {0};
    int problems = 0, files = 0;
    AdjStatus st = adj_report_manifest_verify(manifest, key, key_len, problem_line, NULL,
                                              &problems, &files, &err);
    adj_crypto_wipe(key, sizeof(key));
    if (st != ADJ_OK) {
        fprintf(stderr, "report verify: FAILED: %s\n", err.msg);
        return 1;
    }
    if (problems > 0) {
        fprintf(stderr, "report verify: FAILED: %d problem%s in %s\n", problems,
                problems == 1 ? "" : "s", manifest);
        return 1;
    }
    printf("report verify: ok: %d file%s and the manifest HMAC of %s verified\n", files,
           files == 1 ? "" : "s", manifest);
    return 0;
}

int adj_cmd_report(AdjCli *cli, int argc, char **argv)
{
    Args a = {0};
    static const AdjCliOpt opts[] = {{"from", 1, 256},     {"to", 1, 257},  {"plan", 1, 258},
                                     {"format", 1, 259},   {"out", 1, 260}, {"key-file", 1, 261},
                                     {NULL, 0, 0}};
    AdjCliSpec spec = {"report", report_usage, opts, on_option, &a};
    int rc = adj_cli_parse(cli, &spec, &argc, argv);
    if (rc != ADJ_CLI_GO)
        return rc;
    if (argc < 2)
        return adj_cli_usage_error("report", "no action given: approval-rates or verify");
    if (strcmp(argv[1], "approval-rates") == 0)
        return approval_rates(cli, argc, argv, a);
    if (strcmp(argv[1], "verify") == 0)
        return verify(cli, argc, argv, &a);
    return adj_cli_usage_error("report", "unknown action '%s': approval-rates or verify",
                               argv[1]);
}
