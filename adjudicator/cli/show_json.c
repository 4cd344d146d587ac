/* `show --format json` (cli/show.h): a claim per element with its
 * decision versions newest first, each with its lines and trace; the
 * persons under a member ID and the dependents. Amounts are decimal strings
 * as in `check`; absent values are null; claim fields that are not UTF-8
 * are escaped per byte (core/json.h). */
#include "cli/show.h"

#include <string.h>

#include "core/json.h"

static const char *nz(const char *s)
{
    return s ? s : "";
}

/* a string, or null */
static void js(FILE *out, const char *s)
{
    adj_json_cstr(out, s);
}

/* a list stored joined by sep, as a JSON array */
static void jlist(FILE *out, const char *s, const char *sep)
{
    fputc('[', out);
    size_t seplen = strlen(sep);
    for (bool first = true; *s; first = false) {
        const char *end = strstr(s, sep);
        size_t len = end ? (size_t)(end - s) : strlen(s);
        if (!first)
            fputc(',', out);
        adj_json_string(out, s, len);
        s += len;
        if (end)
            s += seplen;
    }
    fputc(']', out);
}

static void claim_head(FILE *out, const AdjShowClaim *c)
{
    fprintf(out, "{\"claim_pk\":%lld,\"pcn\":", (long long)c->claim_pk);
    js(out, c->pcn);
    fputs(",\"claim_id\":", out);
    js(out, c->claim_id);
    fputs(",\"billing_npi\":", out);
    js(out, c->npi);
    fputs(",\"received\":", out);
    js(out, c->received);
    fputs(",\"frequency\":", out);
    js(out, c->freq);
    fputs(",\"original_ref\":", out);
    js(out, c->original_ref);
    fputs(",\"queue\":", out);
    js(out, c->queue);
    fputs(",\"patient\":{\"name\":", out);
    js(out, c->patient_name);
    fputs(",\"first_name\":", out);
    js(out, c->first_name);
    fputs(",\"birth_date\":", out);
    js(out, c->birth);
    fprintf(out, ",\"dependent\":%s,\"member_id\":", c->dependent ? "true" : "false");
    js(out, c->member_id);
    fputs("},\"plan\":", out);
    js(out, c->plan);
    fputs(",\"billing_provider\":", out);
    js(out, c->bill_name);
    fputs(",\"rendering_npi\":", out);
    js(out, c->rend_npi);
    fputs(",\"rendering_provider\":", out);
    js(out, c->rend_name);
    fputs(",\"total_charge\":", out);
    js(out, c->total_charge);
    fputs(",\"replaces\":", out);
    js(out, c->replaces);
    fputs(",\"superseded_by\":", out);
    js(out, c->superseded_by);
    fputs(",\"versions\":[", out);
}

static void version_head(FILE *out, const AdjShowVersion *v)
{
    fprintf(out, "{\"version\":%d,\"decided_at\":", v->version);
    js(out, v->decided_at);
    fputs(",\"decided_by\":", out);
    js(out, v->decided_by);
    fputs(",\"rerun_reason\":", out);
    js(out, v->rerun_reason);
    fputs(",\"db_login\":", out);
    js(out, v->db_login);
    fputs(",\"user\":", out);
    js(out, v->app_user);
    fprintf(out, ",\"refdata\":{\"version\":%s,\"loaded_at\":",
            v->ref.version ? v->ref.version : "null");
    js(out, v->ref.loaded_at);
    fputs(",\"db_login\":", out);
    js(out, v->ref.db_login);
    fputs(",\"os_user\":", out);
    js(out, v->ref.os_user);
    fputs(",\"user\":", out);
    js(out, v->ref.app_user);
    fputs(",\"reason\":", out);
    js(out, v->ref.reason);
    fputs(",\"files\":", out);
    js(out, v->ref.files);
    fputc('}', out);
    fputs(",\"lines\":[", out);
}

static void line(FILE *out, const AdjShowLine *l)
{
    fprintf(out, "{\"line\":%d,\"lx\":%d,\"code\":", l->line_no, l->lx);
    js(out, l->code);
    fputs(",\"dos\":", out);
    js(out, l->dos);
    fputs(",\"route\":", out);
    js(out, l->route);
    fputs(",\"outcome\":", out);
    js(out, l->outcome);
    fputs(",\"group\":", out);
    js(out, l->grp);
    fputs(",\"carc\":", out);
    js(out, l->carc);
    fputs(",\"carc_text\":", out);
    js(out, l->carc_text);
    fputs(",\"rarc\":", out);
    jlist(out, l->rarc, " ");
    fputs(",\"rarc_text\":", out);
    jlist(out, nz(l->rarc_text), "\n");
    fputs(",\"charge\":", out);
    js(out, l->charge);
    fputs(",\"allowed\":", out);
    js(out, l->allowed);
    fputs(",\"paid\":", out);
    js(out, l->paid);
    fputs(",\"patient_resp\":", out);
    js(out, l->patient_resp);
    fputs(",\"ruleset_id\":", out);
    js(out, l->ruleset_id);
    fputs(",\"ruleset_sha256\":", out);
    js(out, l->ruleset_sha256);
    fputs(",\"rules\":", out);
    jlist(out, l->rules, ", ");
    fputs(",\"matched_claim\":", out);
    js(out, l->matched_claim);
    fputs(",\"matched_pcn\":", out);
    js(out, l->matched_pcn);
    fputs(",\"reason\":", out);
    js(out, l->reason);
    fputs(",\"hash\":", out);
    js(out, l->hash);
    fputc('}', out);
}

void adj_show_json_claims(FILE *out, const AdjShowClaim *c, size_t n)
{
    fputs("\"claims\":[", out);
    for (size_t i = 0; i < n; i++) {
        if (i > 0)
            fputs(c[i - 1].nversions ? "]}]},\n" : "]},\n", out);
        claim_head(out, &c[i]);
        for (size_t j = 0; j < c[i].nversions; j++) {
            const AdjShowVersion *v = &c[i].versions[j];
            if (j > 0)
                fputs("]},", out);
            version_head(out, v);
            for (size_t k = 0; k < v->nlines; k++) {
                if (k > 0)
                    fputc(',', out);
                line(out, &v->lines[k]);
            }
        }
    }
    if (n > 0)
        fputs(c[n - 1].nversions ? "]}]}" : "]}", out);
    fputs("]", out);
}

void adj_show_json_persons(FILE *out, const AdjShowPerson *p, size_t n)
{
    fputc('[', out);
    for (size_t i = 0; i < n; i++) {
        fprintf(out, "%s{\"dependent\":%s,\"first_name\":", i ? "," : "",
                p[i].dependent ? "true" : "false");
        js(out, nz(p[i].first_name));
        fputs(",\"birth_date\":", out);
        js(out, p[i].birth);
        fprintf(out, ",\"claims\":%lld,\"first_pcn\":", (long long)p[i].claims);
        js(out, nz(p[i].first_pcn));
        fputs(",\"last_pcn\":", out);
        js(out, nz(p[i].last_pcn));
        fputc('}', out);
    }
    fputc(']', out);
}

void adj_show_json_deps(FILE *out, const AdjShowDep *d, size_t n, bool first)
{
    for (size_t i = 0; i < n; i++) {
        fprintf(out, "%s{\"base_pcn\":", first && i == 0 ? "" : ",");
        js(out, nz(d[i].base_pcn));
        fputs(",\"pcn\":", out);
        js(out, nz(d[i].pcn));
        fputs(",\"claim_id\":", out);
        js(out, nz(d[i].claim_id));
        fprintf(out, ",\"billing_npi\":");
        js(out, nz(d[i].npi));
        fprintf(out, ",\"line\":%d,\"code\":", d[i].line_no);
        js(out, nz(d[i].code));
        fputs(",\"outcome\":", out);
        js(out, nz(d[i].outcome));
        fputs(",\"carc\":", out);
        js(out, d[i].carc && d[i].carc[0] ? d[i].carc : NULL);
        fputs(",\"why\":", out);
        js(out, nz(d[i].why));
        fputc('}', out);
    }
}
