/* JSON output of the approval-rates report: the parameters, the stated
 * suppression rule, then cells and denials in the report's fixed order, one
 * object per line. Counts are integers, rates and medians fixed-decimal
 * strings, suppressed values null. No timestamps. Pure. */
#include "core/json.h"
#include "report/report.h"

static void str_or_null(FILE *f, const char *s)
{
    if (s[0] == '\0')
        fputs("null", f);
    else
        adj_json_cstr(f, s);
}

static void keys(FILE *f, const char *plan, AdjMonth m, const char *family, const char *kind)
{
    char month[16];
    adj_month_format(m, month, sizeof(month));
    fputs("{\"plan_id\":", f);
    str_or_null(f, plan);
    fprintf(f, ",\"service_month\":\"%s\",\"code_family\":", month);
    adj_json_cstr(f, family);
    fputs(",\"provider_kind\":", f);
    str_or_null(f, kind);
}

static void count(FILE *f, const char *name, bool hidden, int64_t v)
{
    if (hidden)
        fprintf(f, ",\"%s\":null", name);
    else
        fprintf(f, ",\"%s\":%lld", name, (long long)v);
}

static void text(FILE *f, const char *name, bool hidden, const char *v)
{
    fprintf(f, ",\"%s\":", name);
    if (hidden || v[0] == '\0')
        fputs("null", f);
    else
        adj_json_cstr(f, v);
}

static void cell(FILE *f, const AdjReportCell *c, bool h, bool outcome)
{
    keys(f, c->plan_id, c->month, c->family, c->provider_kind);
    fprintf(f, ",\"suppressed\":%s", h ? "true" : "false");
    const char *names[] = {"members",       "lines_submitted", "decided_first",
                           "paid_first",    "denied_first",    "pended_first",
                           "decided_final", "paid_final",      "denied_final",
                           "pended_final",  "forwarded",       "rejected",
                           "voided",        "undecided"};
    const int64_t v[] = {c->members,       c->submitted,    c->decided_first, c->paid_first,
                         c->denied_first,  c->pended_first, c->decided_final, c->paid_final,
                         c->denied_final,  c->pended_final, c->forwarded,     c->rejected,
                         c->voided,        c->undecided};
    for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
        /* denied_* and pended_*: withheld by complementary suppression */
        bool out = outcome && (i == 4 || i == 5 || i == 8 || i == 9);
        count(f, names[i], h || out, v[i]);
    }
    char buf[24];
    adj_report_format_bp(adj_report_rate_bp(c->paid_first, c->decided_first), buf, sizeof(buf));
    text(f, "first_pass_rate_pct", h, buf);
    adj_report_format_bp(adj_report_rate_bp(c->paid_final, c->decided_final), buf, sizeof(buf));
    text(f, "final_rate_pct", h, buf);
    count(f, "misroutes_prevented", h, c->misroutes);
    adj_report_format_tenths(c->median_tenths, buf, sizeof(buf));
    text(f, "median_days_to_first_decision", h, buf);
    fputc('}', f);
}

static void denial(FILE *f, const AdjReportDenial *x, bool h)
{
    keys(f, x->plan_id, x->month, x->family, x->provider_kind);
    fputs(",\"carc\":", f);
    str_or_null(f, x->carc);
    fprintf(f, ",\"suppressed\":%s", h ? "true" : "false");
    count(f, "members", h, x->members);
    count(f, "denied_first", h, x->denied_first);
    count(f, "denied_final", h, x->denied_final);
    fputc('}', f);
}

void adj_report_write_json(FILE *f, const AdjReportData *d, const AdjReportOptions *o)
{
    char from[16], to[16], note[ADJ_REPORT_NOTE_SIZE];
    AdjReportMask m;
    adj_report_mask_build(&m, d, o);
    adj_month_format(o->from, from, sizeof(from));
    adj_month_format(o->to, to, sizeof(to));
    adj_report_suppression_note(o, note, sizeof(note));
    fprintf(f, "{\"report\":\"approval-rates\",\"format_version\":1,\"from\":\"%s\",\"to\":\"%s\","
               "\"plan_id\":",
            from, to);
    adj_json_cstr(f, o->plan_id);
    fprintf(f, ",\"min_cell\":%lld,\"suppression\":", (long long)o->min_cell);
    adj_json_cstr(f, note);
    fputs(",\n\"rate_definition\":\"paid / (paid + denied + pended), as a percent with two "
          "decimals, rounded half up; forwarded, rejected, voided and undecided lines are "
          "not in the denominator\",\n\"cells\":[",
          f);
    for (size_t i = 0; i < d->ncells; i++) {
        fputs(i ? ",\n" : "\n", f);
        cell(f, &d->cells[i], m.cell[i], m.cell_outcome[i]);
    }
    fputs("],\n\"denials\":[", f);
    for (size_t i = 0; i < d->ndenials; i++) {
        fputs(i ? ",\n" : "\n", f);
        denial(f, &d->denials[i], m.denial[i]);
    }
    fputs("]}\n", f);
    adj_report_mask_free(&m);
}
