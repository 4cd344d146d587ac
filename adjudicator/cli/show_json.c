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

/* ,"key":value (a JSON string, null for NULL) */
static void jkv(FILE *out, const char *key, const char *v)
{
    fprintf(out, ",\"%s\":", key);
    js(out, v);
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
    jkv(out, "claim_id", c->claim_id);
    jkv(out, "billing_npi", c->npi);
    jkv(out, "received", c->received);
    jkv(out, "frequency", c->freq);
    jkv(out, "original_ref", c->original_ref);
    jkv(out, "queue", c->queue);
    fputs(",\"patient\":{\"name\":", out);
    js(out, c->patient_name);
    jkv(out, "first_name", c->first_name);
    jkv(out, "birth_date", c->birth);
    fprintf(out, ",\"dependent\":%s,\"member_id\":", c->dependent ? "true" : "false");
    js(out, c->member_id);
    fputs("},\"plan\":", out);
    js(out, c->plan);
    jkv(out, "billing_provider", c->bill_name);
    jkv(out, "rendering_npi", c->rend_npi);
    jkv(out, "rendering_provider", c->rend_name);
    jkv(out, "total_charge", c->total_charge);
    jkv(out, "replaces", c->replaces);
    jkv(out, "superseded_by", c->superseded_by);
    fputs(",\"versions\":[", out);
}

static void version_head(FILE *out, const AdjShowVersion *v)
{
    fprintf(out, "{\"version\":%d,\"decided_at\":", v->version);
    js(out, v->decided_at);
    jkv(out, "decided_by", v->decided_by);
    jkv(out, "rerun_reason", v->rerun_reason);
    jkv(out, "db_login", v->db_login);
    jkv(out, "user", v->app_user);
    fprintf(out, ",\"refdata\":{\"version\":%s,\"loaded_at\":",
            v->ref.version ? v->ref.version : "null");
    js(out, v->ref.loaded_at);
    jkv(out, "db_login", v->ref.db_login);
    jkv(out, "os_user", v->ref.os_user);
    jkv(out, "user", v->ref.app_user);
    jkv(out, "reason", v->ref.reason);
    jkv(out, "files", v->ref.files);
    fputc('}', out);
    fputs(",\"lines\":[", out);
}

static void line(FILE *out, const AdjShowLine *l)
{
    fprintf(out, "{\"line\":%d,\"lx\":%d,\"code\":", l->line_no, l->lx);
    js(out, l->code);
    jkv(out, "dos", l->dos);
    jkv(out, "route", l->route);
    jkv(out, "outcome", l->outcome);
    jkv(out, "group", l->grp);
    jkv(out, "carc", l->carc);
    jkv(out, "carc_text", l->carc_text);
    fputs(",\"rarc\":", out);
    jlist(out, l->rarc, " ");
    fputs(",\"rarc_text\":", out);
    jlist(out, nz(l->rarc_text), "\n");
    jkv(out, "charge", l->charge);
    jkv(out, "allowed", l->allowed);
    jkv(out, "paid", l->paid);
    jkv(out, "patient_resp", l->patient_resp);
    jkv(out, "ruleset_id", l->ruleset_id);
    jkv(out, "ruleset_sha256", l->ruleset_sha256);
    fputs(",\"rules\":", out);
    jlist(out, l->rules, ", ");
    jkv(out, "matched_claim", l->matched_claim);
    jkv(out, "matched_pcn", l->matched_pcn);
    jkv(out, "reason", l->reason);
    jkv(out, "hash", l->hash);
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
        jkv(out, "birth_date", p[i].birth);
        fprintf(out, ",\"claims\":%lld,\"first_pcn\":", (long long)p[i].claims);
        js(out, nz(p[i].first_pcn));
        jkv(out, "last_pcn", nz(p[i].last_pcn));
        fputc('}', out);
    }
    fputc(']', out);
}

void adj_show_json_deps(FILE *out, const AdjShowDep *d, size_t n, bool first)
{
    for (size_t i = 0; i < n; i++) {
        fprintf(out, "%s{\"base_pcn\":", first && i == 0 ? "" : ",");
        js(out, nz(d[i].base_pcn));
        jkv(out, "pcn", nz(d[i].pcn));
        jkv(out, "claim_id", nz(d[i].claim_id));
        fprintf(out, ",\"billing_npi\":");
        js(out, nz(d[i].npi));
        fprintf(out, ",\"line\":%d,\"code\":", d[i].line_no);
        js(out, nz(d[i].code));
        jkv(out, "outcome", nz(d[i].outcome));
        jkv(out, "carc", d[i].carc && d[i].carc[0] ? d[i].carc : NULL);
        jkv(out, "why", nz(d[i].why));
        fputc('}', out);
    }
}
