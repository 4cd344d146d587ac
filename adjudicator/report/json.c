/* JSON output of the approval-rates report: the identification block, the
 * parameters and the stated suppression rule, then every row (cells and
 * their totals, denials by CARC) in the report's fixed order, one object
 * per line. Counts are integers, rates and medians fixed-decimal strings,
 * withheld values null. No clock. Pure. */
#include "core/json.h"
#include "report/report.h"

static void str_or_null(FILE *f, const char *s)
{
    if (s == NULL)
        fputs("null", f);
    else
        adj_json_cstr(f, s);
}

static void field(FILE *f, const char *name, const char *s)
{
    fprintf(f, ",\"%s\":", name);
    str_or_null(f, s);
}

static void row(FILE *f, const AdjReportRow *r)
{
    fprintf(f, "{\"level\":\"%s\"", adj_report_level_names[r->level]);
    field(f, "plan_id", r->plan_id);
    char month[16];
    if (r->has_month)
        adj_month_format(r->month, month, sizeof(month));
    field(f, "service_month", r->has_month ? month : NULL);
    field(f, "code_family", r->family);
    field(f, "provider_kind", r->provider_kind);
    if (r->level >= ADJ_RL_DENIAL)
        field(f, "carc", r->carc);
    for (int m = 0; m < ADJ_RM_MEDIAN; m++) {
        if (r->v[m] == ADJ_REPORT_NONE)
            continue;
        if (r->v[m] == ADJ_REPORT_WITHHELD)
            fprintf(f, ",\"%s\":null", adj_report_measure_names[m]);
        else
            fprintf(f, ",\"%s\":%lld", adj_report_measure_names[m], (long long)r->v[m]);
    }
    if (r->level < ADJ_RL_DENIAL) {
        char buf[24];
        adj_report_format_bp(adj_report_rate_bp(r->v[ADJ_RM_PAID_FIRST],
                                                 r->v[ADJ_RM_DECIDED_FIRST]), buf, sizeof(buf));
        field(f, "first_pass_rate_pct", buf[0] ? buf : NULL);
        adj_report_format_bp(adj_report_rate_bp(r->v[ADJ_RM_PAID_FINAL],
                                                 r->v[ADJ_RM_DECIDED_FINAL]), buf, sizeof(buf));
        field(f, "final_rate_pct", buf[0] ? buf : NULL);
        adj_report_format_tenths(r->v[ADJ_RM_MEDIAN], buf, sizeof(buf));
        field(f, "median_days_to_first_decision", buf[0] ? buf : NULL);
    }
    fputc('}', f);
}

void adj_report_write_json(FILE *f, const AdjReportData *d, const AdjReportOptions *o)
{
    char from[16], to[16], note[ADJ_REPORT_NOTE_SIZE];
    adj_month_format(o->from, from, sizeof(from));
    adj_month_format(o->to, to, sizeof(to));
    adj_report_suppression_note(o, note, sizeof(note));
    fprintf(f, "{\"report\":\"approval-rates\",\"format_version\":2,\"from\":\"%s\",\"to\":\"%s\"",
            from, to);
    field(f, "plan_id", o->plan_id);
    field(f, "as_of", o->as_of);
    field(f, "prepared_at", o->prepared_at);
    field(f, "reporting_entity", o->entity);
    field(f, "contracts", o->contracts);
    field(f, "attestation", o->attestation);
    field(f, "signing_key_sha256", o->fingerprint);
    fprintf(f, ",\"min_cell\":%lld,\"suppression\":", (long long)adj_report_min_cell(o->min_cell));
    adj_json_cstr(f, note);
    fputs(",\n\"rate_definition\":\"paid / (paid + denied + pended) of the stage, as a percent "
          "with two decimals, rounded half up; exact duplicates (CARC 18), forwarded, "
          "rejected, voided and undecided lines are not in the denominator\",\n\"rows\":[",
          f);
    for (size_t i = 0; i < d->nrows; i++) {
        fputs(i ? ",\n" : "\n", f);
        row(f, &d->rows[i]);
    }
    fputs("]}\n", f);
}
