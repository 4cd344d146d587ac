/* Decision rendering; see render.h. */
#include "engine/render.h"

#include <stdint.h>
#include <string.h>

#include "core/json.h"
#include "engine/engine.h"

static void money(FILE *f, const AdjDecision *d, AdjMoney m)
{
    if (!d->has_amounts) {
        fputs("null", f);
        return;
    }
    char buf[ADJ_MONEY_FMT_MAX];
    adj_money_format(m, buf, sizeof(buf));
    adj_json_cstr(f, buf);
}

static void str_or_null(FILE *f, const char *s)
{
    adj_json_cstr(f, s[0] ? s : NULL);
}

/* SV104 as a JSON number: thousandths without trailing zeros ("1", "0.5") */
static void units(FILE *f, int64_t milli)
{
    const char *sign = milli < 0 ? "-" : "";
    uint64_t m = milli < 0 ? (uint64_t)0 - (uint64_t)milli : (uint64_t)milli;
    uint64_t whole = m / 1000, frac = m % 1000;
    if (frac == 0) {
        fprintf(f, "%s%llu", sign, (unsigned long long)whole);
        return;
    }
    char fb[4];
    snprintf(fb, sizeof(fb), "%03llu", (unsigned long long)frac);
    for (int i = 2; i > 0 && fb[i] == '0'; i--)
        fb[i] = '\0';
    fprintf(f, "%s%llu.%s", sign, (unsigned long long)whole, fb);
}

void adj_render_jsonl(FILE *f, const AdjDecision *d, const char *member_id)
{
    fputs("{\"claim_id\":", f);
    adj_json_cstr(f, d->claim_id);
    fprintf(f, ",\"line\":%d,\"code\":", d->line);
    adj_json_cstr(f, d->code);
    fputs(",\"member_id\":", f);
    adj_json_cstr(f, member_id);
    fprintf(f, ",\"route\":\"%s\",\"outcome\":\"%s\",\"group\":", adj_route_name(d->route),
            adj_outcome_name(d->outcome));
    str_or_null(f, d->group);
    fputs(",\"carc\":", f);
    str_or_null(f, d->carc);
    fputs(",\"rarc\":[", f);
    for (int i = 0; i < d->nrarc; i++) {
        if (i)
            fputc(',', f);
        adj_json_cstr(f, d->rarc[i]);
    }
    fputs("],\"allowed\":", f);
    money(f, d, d->allowed);
    fputs(",\"paid\":", f);
    money(f, d, d->paid);
    fputs(",\"patient_resp\":", f);
    money(f, d, d->patient_resp);
    fputs(",\"ruleset\":", f);
    str_or_null(f, d->ruleset_id);
    fputs(",\"rules\":[", f);
    for (int i = 0; i < d->nrules; i++) {
        if (i)
            fputc(',', f);
        adj_json_cstr(f, d->rules[i]);
    }
    fputs("],\"reason\":", f);
    char why[sizeof(d->reason)]; /* a reason the engine left to output (defer_reasons) */
    adj_json_cstr(f, adj_engine_reason(d, why, sizeof(why)));
    /* contract 2 (docs/contracts.md "Decisions"): fields for joining */
    fputs(",\"billing_npi\":", f);
    str_or_null(f, d->billing_npi);
    fputs(",\"dos\":", f);
    char dos[11] = "";
    if (d->dos != ADJ_DATE_NONE)
        adj_date_format_iso(d->dos, dos, sizeof(dos));
    str_or_null(f, dos);
    char charge[ADJ_MONEY_FMT_MAX];
    adj_money_format(d->charge, charge, sizeof(charge));
    fputs(",\"charge\":", f);
    adj_json_cstr(f, charge);
    fputs(",\"units\":", f);
    units(f, d->units_milli);
    fputs(",\"matched_claim\":", f);
    str_or_null(f, d->matched_claim);
    fprintf(f, ",\"contract\":%d", ADJ_DECISION_CONTRACT);
    /* the member's share split (issue 13), appended after contract 2's fields */
    fputs(",\"deductible\":", f);
    money(f, d, d->deductible);
    fputs(",\"coinsurance\":", f);
    money(f, d, d->coinsurance);
    fputs(",\"copay\":", f);
    money(f, d, d->copay);
    fputs(",\"primary_paid\":", f);
    if (d->has_cob)
        money(f, d, d->primary_paid);
    else
        fputs("null", f);
    fputs(",\"cob_reduction\":", f);
    money(f, d, d->cob_reduction);
    fputs("}\n", f);
}

void adj_render_table_header(FILE *f)
{
    fprintf(f, "%-12s %3s %-6s %-10s %-8s %-7s %-11s %9s %9s %9s  %s\n", "CLAIM", "LN", "CODE",
            "DOS", "OUTCOME", "CARC", "RARC", "ALLOWED", "PAID", "PATIENT", "REASON");
}

void adj_render_table_row(FILE *f, const AdjDecision *d)
{
    char dos[11] = "", carc[12] = "", rarc[32] = "", a[ADJ_MONEY_FMT_MAX] = "",
         p[ADJ_MONEY_FMT_MAX] = "", r[ADJ_MONEY_FMT_MAX] = "";
    if (d->dos != ADJ_DATE_NONE)
        adj_date_format_iso(d->dos, dos, sizeof(dos));
    if (d->carc[0])
        snprintf(carc, sizeof(carc), "%s-%s", d->group, d->carc);
    for (int i = 0; i < d->nrarc; i++)
        snprintf(rarc + strlen(rarc), sizeof(rarc) - strlen(rarc), "%s%s", i ? "," : "", d->rarc[i]);
    if (d->has_amounts) {
        adj_money_format(d->allowed, a, sizeof(a));
        adj_money_format(d->paid, p, sizeof(p));
        adj_money_format(d->patient_resp, r, sizeof(r));
    }
    char why[sizeof(d->reason)];
    fprintf(f, "%-12.12s %3d %-6.6s %-10s %-8s %-7s %-11s %9s %9s %9s  %s\n", d->claim_id, d->line,
            d->code, dos, adj_outcome_name(d->outcome), carc[0] ? carc : "-",
            rarc[0] ? rarc : "-", a[0] ? a : "-", p[0] ? p : "-", r[0] ? r : "-",
            adj_engine_reason(d, why, sizeof(why)));
}
