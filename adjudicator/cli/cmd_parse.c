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
#include "core/arena.h"
#include "core/json.h"
#include "x12/x12.h"

typedef struct Buf Buf;

typedef struct ParseCtx {
    FILE *out;
    const char *file;
    uint64_t diags;
    Buf *line; /* the JSON line of the claim being printed */
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

/* A claim's JSON line is built in memory and written with one fwrite:
 * stdio calls per field were most of the time of `parse` (the reader is a
 * fraction of it). */
typedef struct Buf {
    char *p;
    size_t n, cap;
} Buf;

static char *room(Buf *b, size_t k)
{
    if (b->cap - b->n < k) {
        size_t cap = b->cap ? b->cap : 1 << 14;
        while (cap - b->n < k)
            cap *= 2;
        b->p = adj_xrealloc(b->p, cap);
        b->cap = cap;
    }
    return b->p + b->n;
}

static void put_mem(Buf *b, const char *s, size_t k)
{
    memcpy(room(b, k), s, k);
    b->n += k;
}

#define PUT(b, lit) put_mem((b), (lit), sizeof(lit) - 1)

static void put_ch(Buf *b, char c)
{
    *room(b, 1) = c;
    b->n++;
}

static void put_int(Buf *b, long long v)
{
    char buf[24], *p = buf + sizeof(buf);
    unsigned long long u = v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v;
    do {
        *--p = (char)('0' + u % 10);
        u /= 10;
    } while (u != 0);
    if (v < 0)
        *--p = '-';
    put_mem(b, p, (size_t)(buf + sizeof(buf) - p));
}

/* "..." escaped as adj_json_string writes it, or null when s is NULL */
static void put_str(Buf *b, const char *s)
{
    if (s == NULL) {
        PUT(b, "null");
        return;
    }
    size_t len = strlen(s);
    b->n += adj_json_escape(room(b, 6 * len + 2), s, len);
}

static void json_opt(Buf *b, const char *s)
{
    put_str(b, s[0] ? s : NULL);
}

static void json_date(Buf *b, AdjDate d)
{
    if (d == ADJ_DATE_NONE || !adj_date_valid(d)) {
        PUT(b, "null");
        return;
    }
    char buf[13] = "\"0000-00-00\"";
    int y = adj_date_year(d), m = adj_date_mon(d), day = adj_date_day(d);
    for (int i = 4; i >= 1; i--, y /= 10)
        buf[i] = (char)('0' + y % 10);
    buf[6] = (char)('0' + m / 10);
    buf[7] = (char)('0' + m % 10);
    buf[9] = (char)('0' + day / 10);
    buf[10] = (char)('0' + day % 10);
    put_mem(b, buf, 12);
}

/* "-12.30": what adj_money_format writes, without snprintf */
static void json_money(Buf *b, AdjMoney m)
{
    uint64_t u = m < 0 ? (uint64_t)0 - (uint64_t)m : (uint64_t)m;
    char buf[32], *p = buf + sizeof(buf);
    *--p = '"';
    *--p = (char)('0' + u % 10);
    *--p = (char)('0' + u / 10 % 10);
    *--p = '.';
    u /= 100;
    do {
        *--p = (char)('0' + u % 10);
        u /= 10;
    } while (u != 0);
    if (m < 0)
        *--p = '-';
    *--p = '"';
    put_mem(b, p, (size_t)(buf + sizeof(buf) - p));
}

static void json_qty(Buf *b, int64_t milli)
{
    int64_t whole = milli / 1000, frac = milli % 1000;
    if (frac == 0) {
        put_int(b, whole);
        return;
    }
    char buf[8], out[48];
    snprintf(buf, sizeof(buf), "%03lld", (long long)frac);
    for (int i = 2; i > 0 && buf[i] == '0'; i--)
        buf[i] = '\0';
    int n = snprintf(out, sizeof(out), "%lld.%s", (long long)whole, buf);
    put_mem(b, out, n > 0 ? (size_t)n : 0);
}

static void print_line(Buf *f, const AdjLine *l)
{
    PUT(f, "{\"line\":");
    put_int(f, l->lx);
    PUT(f, ",\"code\":");
    json_opt(f, l->code);
    PUT(f, ",\"modifiers\":[");
    for (int m = 0; m < l->nmods; m++) {
        if (m)
            put_ch(f, ',');
        put_str(f, l->mods[m]);
    }
    PUT(f, "],\"charge\":");
    if (l->unread & ADJ_UNREAD_CHARGE)
        PUT(f, "null");
    else
        json_money(f, l->charge);
    PUT(f, ",\"unit_basis\":");
    json_opt(f, l->unit_basis);
    PUT(f, ",\"units\":");
    json_qty(f, l->units_milli);
    PUT(f, ",\"place_of_service\":");
    json_opt(f, l->pos);
    PUT(f, ",\"diagnosis_pointers\":[");
    for (int i = 0; i < l->ndx_ptr; i++) {
        if (i)
            put_ch(f, ',');
        put_int(f, l->dx_ptr[i]);
    }
    PUT(f, "],\"service_from\":");
    json_date(f, l->dos_from);
    PUT(f, ",\"service_to\":");
    json_date(f, l->dos_to);
    PUT(f, ",\"rendering_npi\":");
    json_opt(f, l->rendering_npi);
    put_ch(f, '}');
}

static void print_claim(Buf *f, const char *file, const AdjClaim *c)
{
    PUT(f, "{\"file\":");
    put_str(f, file);
    PUT(f, ",\"isa13\":");
    put_str(f, c->isa13);
    PUT(f, ",\"gs06\":");
    put_str(f, c->gs06);
    PUT(f, ",\"st02\":");
    put_str(f, c->st02);
    PUT(f, ",\"segment\":");
    put_int(f, c->segment);
    PUT(f, ",\"claim_id\":");
    json_opt(f, c->claim_id);
    PUT(f, ",\"member_id\":");
    json_opt(f, c->member_id);
    PUT(f, ",\"billing_npi\":");
    json_opt(f, c->billing_npi);
    PUT(f, ",\"billing_taxonomy\":");
    json_opt(f, c->billing_taxonomy);
    PUT(f, ",\"billing_zip\":");
    json_opt(f, c->billing_zip);
    PUT(f, ",\"rendering_npi\":");
    json_opt(f, c->rendering_npi);
    PUT(f, ",\"facility_zip\":");
    json_opt(f, c->facility_zip);
    PUT(f, ",\"place_of_service\":");
    json_opt(f, c->pos);
    PUT(f, ",\"frequency\":");
    json_opt(f, c->freq);
    PUT(f, ",\"original_ref\":");
    json_opt(f, c->original_ref);
    PUT(f, ",\"total_charge\":");
    if (c->unread & ADJ_UNREAD_CHARGE)
        PUT(f, "null");
    else
        json_money(f, c->total_charge);
    PUT(f, ",\"interchange_date\":");
    json_date(f, c->interchange_date);
    PUT(f, ",\"subscriber_birth_date\":");
    json_date(f, c->subscriber_birth);
    if (c->patient_is_dependent)
        PUT(f, ",\"patient\":{\"dependent\":true,\"first_name\":");
    else
        PUT(f, ",\"patient\":{\"dependent\":false,\"first_name\":");
    json_opt(f, c->patient_first);
    PUT(f, ",\"birth_date\":");
    json_date(f, c->patient_birth);
    PUT(f, "},\"diagnoses\":[");
    for (int i = 0; i < c->ndx; i++) {
        if (i)
            put_ch(f, ',');
        PUT(f, "{\"qualifier\":");
        json_opt(f, c->dx_qual[i]);
        PUT(f, ",\"code\":");
        json_opt(f, c->dx[i]);
        put_ch(f, '}');
    }
    PUT(f, "],\"problems\":[");
    for (int i = 0; i < c->nproblems; i++) {
        const AdjProblem *p = &c->problems[i];
        if (i)
            put_ch(f, ',');
        PUT(f, "{\"segment\":");
        put_int(f, p->segment);
        PUT(f, ",\"segment_id\":");
        put_str(f, p->segment_id);
        PUT(f, ",\"element\":");
        put_str(f, p->element);
        PUT(f, ",\"loop\":");
        put_str(f, p->loop);
        PUT(f, ",\"kind\":");
        put_str(f, adj_problem_kind_name((AdjProblemKind)p->kind));
        PUT(f, ",\"message\":");
        put_str(f, p->msg);
        put_ch(f, '}');
    }
    PUT(f, "],\"problems_dropped\":");
    put_int(f, c->problems_dropped);
    PUT(f, ",\"lines\":[");
    for (int i = 0; i < c->nlines; i++) {
        if (i)
            put_ch(f, ',');
        print_line(f, &c->lines[i]);
    }
    PUT(f, "]}\n");
}

static AdjStatus on_claim(void *vctx, const AdjClaim *c, AdjError *err)
{
    ParseCtx *ctx = vctx;
    (void)err;
    ctx->line->n = 0;
    print_claim(ctx->line, ctx->file, c);
    fwrite(ctx->line->p, 1, ctx->line->n, ctx->out);
    for (int i = 0; i < c->nproblems; i++) {
        const AdjProblem *p = &c->problems[i];
        AdjX12Diag d = {.file = ctx->file, .segment = p->segment};
        snprintf(d.segment_id, sizeof(d.segment_id), "%s", p->segment_id);
        snprintf(d.claim_id, sizeof(d.claim_id), "%s", c->claim_id);
        snprintf(d.msg, sizeof(d.msg), "%s %s: %s (rejected at the front end: %s)", p->loop,
                 p->element, p->msg, adj_problem_kind_name((AdjProblemKind)p->kind));
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
    Buf line = {0};
    for (int i = 1; i < argc; i++) {
        ParseCtx ctx = {.out = stdout, .file = strcmp(argv[i], "-") == 0 ? "<stdin>" : argv[i],
                        .line = &line};
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
    free(line.p);
    if (fflush(stdout) != 0) {
        perror("adjudicator parse: stdout");
        return ADJ_EXIT_USAGE;
    }
    return rc;
}
