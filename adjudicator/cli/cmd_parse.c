/* adjudicator parse FILE...: print each claim as the reader saw it (JSON
 * lines on stdout), with its front-end validation problems; envelope and
 * claim errors on stderr, one line each. For people debugging a file: it
 * decides nothing and touches no database. */
#include <stdio.h>
#include <stdio_ext.h>
#include <stdlib.h>
#include <string.h>

#include "claim/claim.h"
#include "cli/cli.h"
#include "core/json.h"
#include "x12/x12.h"

typedef struct ParseCtx {
    FILE *out;
    const char *file;
    uint64_t diags;
} ParseCtx;

static void parse_usage(FILE *f)
{
    fprintf(f, "usage: adjudicator parse [--format=jsonl] FILE...\n\n"
               "Read 837P files ('-' for standard input) and print one JSON object per\n"
               "claim as read, with its front-end validation problems (a claim with\n"
               "problems would be rejected: CO-16, MA130). Envelope errors (ISA/IEA,\n"
               "GS/GE, ST/SE counts, versions) reject the interchange, group or set\n"
               "they close; they and every claim problem are printed on stderr, one\n"
               "line each: FILE: segment N (ID): claim ID: what is wrong.\n\n"
               "exit status: 0 every claim read without problems, 1 some input rejected,\n"
               "2 usage or a file that cannot be read\n");
}

/* fprintf("%lld") is the slowest thing in printing a claim */
static void put_int(FILE *f, long long v)
{
    char buf[24], *p = buf + sizeof(buf);
    unsigned long long u = v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v;
    *--p = '\0';
    do {
        *--p = (char)('0' + u % 10);
        u /= 10;
    } while (u != 0);
    if (v < 0)
        *--p = '-';
    fputs(p, f);
}

static void json_opt(FILE *f, const char *s)
{
    adj_json_cstr(f, s[0] ? s : NULL);
}

static void json_date(FILE *f, AdjDate d)
{
    if (d == ADJ_DATE_NONE || !adj_date_valid(d)) {
        fputs("null", f);
        return;
    }
    /* "YYYY-MM-DD" by hand: snprintf per date was a tenth of the time */
    char buf[13] = "\"0000-00-00\"";
    int y = adj_date_year(d), m = adj_date_mon(d), day = adj_date_day(d);
    for (int i = 4; i >= 1; i--, y /= 10)
        buf[i] = (char)('0' + y % 10);
    buf[6] = (char)('0' + m / 10);
    buf[7] = (char)('0' + m % 10);
    buf[9] = (char)('0' + day / 10);
    buf[10] = (char)('0' + day % 10);
    fwrite(buf, 1, 12, f);
}

static void json_money(FILE *f, AdjMoney m)
{
    char buf[ADJ_MONEY_FMT_MAX];
    adj_money_format(m, buf, sizeof(buf));
    fputc('"', f);
    fputs(buf, f);
    fputc('"', f);
}

static void json_qty(FILE *f, int64_t milli)
{
    int64_t whole = milli / 1000, frac = milli % 1000;
    if (frac == 0) {
        put_int(f, whole);
        return;
    }
    char buf[8];
    snprintf(buf, sizeof(buf), "%03lld", (long long)frac);
    for (int i = 2; i > 0 && buf[i] == '0'; i--)
        buf[i] = '\0';
    fprintf(f, "%lld.%s", (long long)whole, buf);
}

static void print_line(FILE *f, const AdjLine *l)
{
    fputs("{\"line\":", f);
    put_int(f, l->lx);
    fputs(",\"code\":", f);
    json_opt(f, l->code);
    fputs(",\"modifiers\":[", f);
    for (int m = 0; m < l->nmods; m++) {
        if (m)
            fputc(',', f);
        adj_json_cstr(f, l->mods[m]);
    }
    fputs("],\"charge\":", f);
    if (l->unread & ADJ_UNREAD_CHARGE)
        fputs("null", f);
    else
        json_money(f, l->charge);
    fputs(",\"unit_basis\":", f);
    json_opt(f, l->unit_basis);
    fputs(",\"units\":", f);
    json_qty(f, l->units_milli);
    fputs(",\"place_of_service\":", f);
    json_opt(f, l->pos);
    fputs(",\"diagnosis_pointers\":[", f);
    for (int i = 0; i < l->ndx_ptr; i++) {
        if (i)
            fputc(',', f);
        put_int(f, l->dx_ptr[i]);
    }
    fputs("],\"service_from\":", f);
    json_date(f, l->dos_from);
    fputs(",\"service_to\":", f);
    json_date(f, l->dos_to);
    fputs(",\"rendering_npi\":", f);
    json_opt(f, l->rendering_npi);
    fputc('}', f);
}

static void print_claim(FILE *f, const char *file, const AdjClaim *c)
{
    fputs("{\"file\":", f);
    adj_json_cstr(f, file);
    fputs(",\"isa13\":", f);
    adj_json_cstr(f, c->isa13);
    fputs(",\"gs06\":", f);
    adj_json_cstr(f, c->gs06);
    fputs(",\"st02\":", f);
    adj_json_cstr(f, c->st02);
    fputs(",\"segment\":", f);
    put_int(f, c->segment);
    fputs(",\"claim_id\":", f);
    json_opt(f, c->claim_id);
    fputs(",\"member_id\":", f);
    json_opt(f, c->member_id);
    fputs(",\"billing_npi\":", f);
    json_opt(f, c->billing_npi);
    fputs(",\"billing_taxonomy\":", f);
    json_opt(f, c->billing_taxonomy);
    fputs(",\"billing_zip\":", f);
    json_opt(f, c->billing_zip);
    fputs(",\"rendering_npi\":", f);
    json_opt(f, c->rendering_npi);
    fputs(",\"facility_zip\":", f);
    json_opt(f, c->facility_zip);
    fputs(",\"place_of_service\":", f);
    json_opt(f, c->pos);
    fputs(",\"frequency\":", f);
    json_opt(f, c->freq);
    fputs(",\"original_ref\":", f);
    json_opt(f, c->original_ref);
    fputs(",\"total_charge\":", f);
    if (c->unread & ADJ_UNREAD_CHARGE)
        fputs("null", f);
    else
        json_money(f, c->total_charge);
    fputs(",\"interchange_date\":", f);
    json_date(f, c->interchange_date);
    fputs(",\"subscriber_birth_date\":", f);
    json_date(f, c->subscriber_birth);
    fprintf(f, ",\"patient\":{\"dependent\":%s,\"first_name\":",
            c->patient_is_dependent ? "true" : "false");
    json_opt(f, c->patient_first);
    fputs(",\"birth_date\":", f);
    json_date(f, c->patient_birth);
    fputs("},\"diagnoses\":[", f);
    for (int i = 0; i < c->ndx; i++) {
        fputs(i ? ",{\"qualifier\":" : "{\"qualifier\":", f);
        json_opt(f, c->dx_qual[i]);
        fputs(",\"code\":", f);
        json_opt(f, c->dx[i]);
        fputc('}', f);
    }
    fputs("],\"problems\":[", f);
    for (int i = 0; i < c->nproblems; i++) {
        const AdjProblem *p = &c->problems[i];
        fprintf(f, "%s{\"segment\":%u,\"segment_id\":", i ? "," : "", p->segment);
        adj_json_cstr(f, p->segment_id);
        fputs(",\"element\":", f);
        adj_json_cstr(f, p->element);
        fputs(",\"loop\":", f);
        adj_json_cstr(f, p->loop);
        fputs(",\"rarc\":", f);
        json_opt(f, p->rarc);
        fputs(",\"message\":", f);
        adj_json_cstr(f, p->msg);
        fputc('}', f);
    }
    fprintf(f, "],\"problems_dropped\":%d,\"lines\":[", c->problems_dropped);
    for (int i = 0; i < c->nlines; i++) {
        if (i)
            fputc(',', f);
        print_line(f, &c->lines[i]);
    }
    fputs("]}\n", f);
}

static AdjStatus on_claim(void *vctx, const AdjClaim *c, AdjError *err)
{
    ParseCtx *ctx = vctx;
    (void)err;
    print_claim(ctx->out, ctx->file, c);
    for (int i = 0; i < c->nproblems; i++) {
        const AdjProblem *p = &c->problems[i];
        AdjX12Diag d = {.file = ctx->file, .segment = p->segment};
        snprintf(d.segment_id, sizeof(d.segment_id), "%s", p->segment_id);
        snprintf(d.claim_id, sizeof(d.claim_id), "%s", c->claim_id);
        snprintf(d.msg, sizeof(d.msg), "%s %s: %s (rejected: CO-16 MA130%s%s)", p->loop,
                 p->element, p->msg, p->rarc[0] ? " " : "", p->rarc);
        char line[1024];
        fprintf(stderr, "%s\n", adj_x12_diag_format(&d, line, sizeof(line)));
    }
    if (c->problems_dropped > 0)
        fprintf(stderr, "%s: claim %s: %d more problems not listed\n", ctx->file, c->claim_id,
                c->problems_dropped);
    return ADJ_OK;
}

static void on_diag(void *vctx, const AdjX12Diag *d)
{
    ParseCtx *ctx = vctx;
    char line[1024];
    ctx->diags++;
    fprintf(stderr, "%s\n", adj_x12_diag_format(d, line, sizeof(line)));
}

static int on_option(void *ctx, int id, const char *name, const char *value)
{
    (void)ctx;
    (void)id;
    (void)name;
    AdjFormat fmt; /* --format: jsonl is the only one */
    return adj_format_parse("parse", value, ADJ_FMT_BIT(ADJ_FMT_JSONL), &fmt) ? ADJ_CLI_GO
                                                                              : ADJ_EXIT_USAGE;
}

int adj_cmd_parse(AdjCli *cli, int argc, char **argv)
{
    static const AdjCliOpt opts[] = {{"format", 1, 'f'}, {NULL, 0, 0}};
    AdjCliSpec spec = {"parse", parse_usage, opts, on_option, NULL};
    int prc = adj_cli_parse(cli, &spec, &argc, argv);
    if (prc != ADJ_CLI_GO)
        return prc;
    if (argc < 2)
        return adj_cli_usage_error("parse", "no FILE given ('-' reads standard input)");
    static char obuf[1 << 16];
    setvbuf(stdout, obuf, _IOFBF, sizeof(obuf));
    /* one thread writes stdout: skip stdio's per-call locking (half the
     * time of printing a claim) */
    __fsetlocking(stdout, FSETLOCKING_BYCALLER);
    int rc = 0;
    for (int i = 1; i < argc; i++) {
        ParseCtx ctx = {.out = stdout, .file = strcmp(argv[i], "-") == 0 ? "<stdin>" : argv[i]};
        AdjX12Handler h = {.ctx = &ctx, .claim = on_claim, .diag = on_diag};
        AdjX12Stats stats;
        AdjError err = {0};
        AdjStatus st = adj_x12_read_file(argv[i], &h, &stats, &err);
        if (st != ADJ_OK) {
            fprintf(stderr, "adjudicator parse: %s\n", err.msg);
            rc = adj_status_exit_code(st) > rc ? adj_status_exit_code(st) : rc;
            continue;
        }
        if ((ctx.diags > 0 || stats.claims_rejected > 0 || stats.sets_rejected > 0 ||
             stats.interchanges_rejected > 0) && rc == 0)
            rc = ADJ_EXIT_REJECTED;
    }
    if (fflush(stdout) != 0) {
        perror("adjudicator parse: stdout");
        return ADJ_EXIT_USAGE;
    }
    return rc;
}
