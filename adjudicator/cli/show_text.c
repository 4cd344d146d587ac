/* `show` for people (cli/show.h): every decision version of a claim,
 * newest first, with its trace, who decided it and with which reference
 * data; the persons under a member ID, the acknowledgements sent and the
 * dependents of a claim key. Claim fields are written byte for byte, except
 * that control bytes of the claims are escaped (\xNN) on a terminal. */
#include "cli/show.h"

#include <string.h>

static const char *nz(const char *s)
{
    return s ? s : "";
}

/* control bytes would drive a terminal (escape sequences) */
static void put_raw(FILE *out, const char *s, bool tty)
{
    if (s == NULL)
        return;
    if (!tty) {
        fputs(s, out);
        return;
    }
    for (const unsigned char *b = (const unsigned char *)s; *b; b++) {
        if (*b < 0x20 || *b == 0x7f)
            fprintf(out, "\\x%02x", *b);
        else
            fputc(*b, out);
    }
}

static void put_money(FILE *out, const char *label, const char *amount)
{
    if (amount != NULL)
        fprintf(out, "  %s %s", label, amount);
}

static void claim_head(FILE *out, const AdjShowClaim *c, bool tty)
{
    fputs("claim ", out);
    put_raw(out, c->claim_id, tty);
    fputs("  billing NPI ", out);
    put_raw(out, c->npi, tty);
    fprintf(out, "  payer claim control number %s\n", nz(c->pcn));
    fprintf(out, "  received %s, frequency ", nz(c->received));
    put_raw(out, c->freq, tty);
    if (c->original_ref != NULL && c->original_ref[0]) {
        fputs(", replaces/voids ", out);
        put_raw(out, c->original_ref, tty);
    }
    fprintf(out, ", queue %s\n", nz(c->queue));
    fputs("  patient ", out);
    put_raw(out, c->patient_name ? c->patient_name : c->first_name, tty);
    fprintf(out, " (%s), born %s, member ID ", c->dependent ? "dependent" : "subscriber",
            c->birth ? c->birth : "unknown");
    put_raw(out, c->member_id, tty);
    fprintf(out, "\n  plan %s\n", c->plan ? c->plan : "none on file for the date of service");
    fprintf(out, "  billing provider %s", c->bill_name ? c->bill_name : "(not in the provider file)");
    if (c->rend_npi != NULL && c->rend_npi[0]) {
        fputs("; rendering provider ", out);
        put_raw(out, c->rend_npi, tty);
        fprintf(out, " %s", c->rend_name ? c->rend_name : "(not in the provider file)");
    }
    fprintf(out, "\n  total charge %s\n", c->total_charge ? c->total_charge : "0.00");
    if (c->replaces != NULL) {
        fputs("  replaces or voids ", out);
        put_raw(out, c->replaces, tty);
        fputc('\n', out);
    }
    if (c->superseded_by != NULL) {
        fputs("  ", out);
        put_raw(out, c->superseded_by, tty);
        fputc('\n', out);
    }
    if (c->nversions == 0)
        fputs("  no decision yet\n", out);
}

/* "  version 2, decided ... by LOGIN for user U (rerun: why)" and
 * "    with reference data version 7, loaded ... by ... because ..." */
static void who(FILE *out, const AdjShowVersion *v, bool tty)
{
    fprintf(out, "  version %d, decided %s by ", v->version, nz(v->decided_at));
    put_raw(out, v->decided_by, tty);
    if (v->db_login != NULL && strcmp(v->db_login, nz(v->decided_by)) != 0) {
        fputs(" (database login ", out);
        put_raw(out, v->db_login, tty);
        fputc(')', out);
    }
    if (v->app_user != NULL) {
        fputs(" for user ", out);
        put_raw(out, v->app_user, tty);
    }
    if (v->rerun_reason != NULL) {
        fputs(" (rerun: ", out);
        put_raw(out, v->rerun_reason, tty);
        fputc(')', out);
    }
    fputc('\n', out);
    const AdjShowRefdata *r = &v->ref;
    if (r->version == NULL)
        return;
    fprintf(out, "    with reference data version %s", r->version);
    if (r->loaded_at != NULL) {
        fprintf(out, ", loaded %s by ", r->loaded_at);
        put_raw(out, r->db_login, tty);
        if (r->os_user != NULL || r->app_user != NULL) {
            fputs(" (", out);
            if (r->os_user != NULL) {
                fputs("OS user ", out);
                put_raw(out, r->os_user, tty);
            }
            if (r->app_user != NULL) {
                fputs(r->os_user == NULL ? "user " : ", user ", out);
                put_raw(out, r->app_user, tty);
            }
            fputc(')', out);
        }
        if (r->reason != NULL) {
            fputs(" because: ", out);
            put_raw(out, r->reason, tty);
        }
        if (r->files != NULL && r->files[0]) {
            fputs("; files: ", out);
            put_raw(out, r->files, tty);
        }
    }
    fputc('\n', out);
}

static void line(FILE *out, const AdjShowLine *l, bool tty)
{
    fprintf(out, "    line %d (LX %d) ", l->line_no, l->lx);
    put_raw(out, l->code, tty);
    fprintf(out, " %s %s: %s", l->dos ? l->dos : "(no date)", nz(l->route), nz(l->outcome));
    if (l->carc != NULL)
        fprintf(out, " %s-%s", nz(l->grp), l->carc);
    if (l->rarc[0])
        fprintf(out, " %s", l->rarc);
    put_money(out, "allowed", l->allowed);
    put_money(out, "paid", l->paid);
    put_money(out, "patient", l->patient_resp);
    fputc('\n', out);
    if (l->charge != NULL)
        fprintf(out, "      charge %s, units %s\n", l->charge, l->units ? l->units : "0");
    if (l->carc != NULL)
        fprintf(out, "      CARC %s: %s\n", l->carc,
                l->carc_text ? l->carc_text : "(no text on file)");
    /* one RARC per line */
    for (const char *s = nz(l->rarc_text); *s;) {
        const char *nl = strchr(s, '\n');
        int len = nl ? (int)(nl - s) : (int)strlen(s);
        fprintf(out, "      RARC %.*s\n", len, s);
        s += len + (nl != NULL);
    }
    if (l->ruleset_id != NULL)
        fprintf(out, "      ruleset %s (sha256 %s)\n", l->ruleset_id, nz(l->ruleset_sha256));
    fprintf(out, "      rules: %s\n", l->rules);
    if (l->matched_claim != NULL) {
        fputs("      matched claim: ", out);
        put_raw(out, l->matched_claim, tty);
        if (l->matched_pcn != NULL)
            fprintf(out, " (payer claim control number %s)", l->matched_pcn);
        fputc('\n', out);
    }
    fputs("      reason: ", out);
    put_raw(out, l->reason, tty);
    fprintf(out, "\n      hash %s\n", nz(l->hash));
}

void adj_show_text_claims(FILE *out, const AdjShowClaim *c, size_t n, bool tty)
{
    for (size_t i = 0; i < n; i++) {
        if (i > 0)
            fputc('\n', out);
        claim_head(out, &c[i], tty);
        for (size_t j = 0; j < c[i].nversions; j++) {
            const AdjShowVersion *v = &c[i].versions[j];
            who(out, v, tty);
            for (size_t k = 0; k < v->nlines; k++)
                line(out, &v->lines[k], tty);
        }
    }
}

void adj_show_text_persons(FILE *out, const AdjShowPerson *p, size_t n, bool tty)
{
    if (n > 0)
        fprintf(out, "%zu person%s with claims under this member ID:\n", n, n == 1 ? "" : "s");
    for (size_t i = 0; i < n; i++) {
        fprintf(out, "  %s ", p[i].dependent ? "dependent " : "subscriber");
        if (p[i].first_name && p[i].first_name[0])
            put_raw(out, p[i].first_name, tty);
        else
            fputs("(no first name)", out);
        fprintf(out, ", born %s: %lld claim%s (pcn %s .. %s)\n",
                p[i].birth ? p[i].birth : "unknown", (long long)p[i].claims,
                p[i].claims != 1 ? "s" : "", nz(p[i].first_pcn), nz(p[i].last_pcn));
    }
}

void adj_show_text_acks(FILE *out, const AdjShowAck *a, size_t n, bool tty)
{
    if (n > 0)
        fputs("acknowledgements sent for its interchange:\n", out);
    for (size_t i = 0; i < n; i++) {
        fprintf(out, "  %s control %09lld answering ISA13 ",
                strcmp(a[i].kind, "277") == 0 ? "277CA" : a[i].kind, (long long)a[i].control);
        put_raw(out, a[i].in_isa13, tty); /* the sender's */
        fprintf(out, " at %s UTC%s%s%s", a[i].at, a[i].verdict[0] ? ": claim " : "",
                a[i].verdict, a[i].written_to[0] ? ", written to " : "");
        put_raw(out, a[i].written_to, tty);
        fputc('\n', out);
    }
}

void adj_show_text_deps(FILE *out, const AdjShowDep *d, size_t n, bool heading, bool tty)
{
    if (heading && n > 0)
        fputs("\ndecisions of other claims that relied on these lines (re-run them with\n"
              "'adjudicator rerun --where depends-on=CLAIM_ID --reason ... --user ...'):\n",
              out);
    for (size_t i = 0; i < n; i++) {
        const char *carc = nz(d[i].carc);
        /* claim IDs, NPIs and codes are the claims' bytes: escaped on a terminal */
        fputs("  claim ", out);
        put_raw(out, nz(d[i].claim_id), tty);
        fputs("  billing NPI ", out);
        put_raw(out, nz(d[i].npi), tty);
        fprintf(out, "  pcn %s  line %d ", nz(d[i].pcn), d[i].line_no);
        put_raw(out, nz(d[i].code), tty);
        fprintf(out, ": %s%s%s (%s: ", nz(d[i].outcome), carc[0] ? " " : "", carc, nz(d[i].why));
        put_raw(out, nz(d[i].base_claim_id), tty);
        fprintf(out, " pcn %s)\n", nz(d[i].base_pcn));
    }
}
