/* The claim page (every version with who and why, each line's decision,
 * CARC/RARC texts, the trace, the raw 837 segments, dependent decisions:
 * `show`'s rendering, escaped) and re-runs from it: a dry run's diff first,
 * then a supervisor commits with a reason. Each view is in the access log. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config/ruleset.h"
#include "console/console_int.h"
#include "rerun/rerun.h"
#include "store/rerun.h"
#include "store/staff.h"

/* the claim by control number; false (and a 404 page) when none */
static bool find(ConReq *r, const char *pcn, AdjStoreFound *out)
{
    AdjStoreLookup q = {.pcn = pcn, .limit = 1};
    AdjStoreFound *f = NULL;
    size_t n = 0;
    bool more = false;
    AdjError err = {0};
    bool ok = strlen(pcn) < 24 && adj_store_lookup(r->store, &q, &f, &n, &more, &err) == ADJ_OK &&
              n == 1;
    if (ok)
        *out = f[0];
    else
        con_error_page(r, 404, "no claim with that control number");
    free(f);
    return ok;
}

/* a FILE* writer's output, escaped into the page */
static void pre_of(ConReq *r, const char *id, const char *text, size_t len)
{
    con_printf(&r->body, "<pre id=\"%s\">", id);
    con_esc(&r->body, text, len);
    con_puts(&r->body, "</pre>");
}

static void rerun_form(ConReq *r, const char *pcn, bool commit, const char *reason)
{
    con_puts(&r->body, "<form method=\"post\" id=\"");
    con_puts(&r->body, commit ? "commit" : "rerun");
    con_puts(&r->body, "\" action=\"/claim/");
    con_escs(&r->body, pcn);
    con_puts(&r->body, "/rerun\"");
    if (commit)
        con_puts(&r->body, " data-confirm=\"Write the new decisions?\"");
    con_puts(&r->body, ">");
    con_csrf_field(r);
    if (commit) {
        con_puts(&r->body, "<input type=\"hidden\" name=\"commit\" value=\"1\">"
                           "<input type=\"hidden\" name=\"reason\" value=\"");
        con_escs(&r->body, reason);
        con_puts(&r->body, "\"><button>Commit the re-run</button>");
    } else {
        con_puts(&r->body, "<label>Reason <input type=\"text\" name=\"reason\" maxlength=\"200\" "
                           "size=\"50\"></label><button>Re-run (dry run first)</button>");
    }
    con_puts(&r->body, "</form>");
}

void con_claim(ConReq *r, const char *pcn)
{
    AdjStoreFound c;
    if (!find(r, pcn, &c))
        return;
    AdjError err = {0};
    char *text = NULL, *deps = NULL, *raw = NULL;
    size_t tlen = 0, dlen = 0, rlen = 0;
    FILE *m = open_memstream(&text, &tlen);
    int found = 0, ndeps = 0;
    AdjStatus st = adj_store_show(r->store, &c.claim_pk, 1, m, &found, &err);
    fclose(m);
    if (st == ADJ_OK) {
        m = open_memstream(&deps, &dlen);
        st = adj_store_show_dependents(r->store, con_rulesets(), c.claim_id, c.npi, false, m,
                                       &ndeps, &err);
        fclose(m);
    }
    if (st == ADJ_OK)
        st = adj_store_claim_raw(r->store, pcn, &raw, &rlen, &err);
    char detail[48];
    snprintf(detail, sizeof(detail), "claim page (pcn %s)", c.pcn);
    if (st == ADJ_OK)
        st = adj_store_access_log_claim(r->store, NULL, r->s.login, "console", c.claim_pk,
                                        detail, &err);
    if (st != ADJ_OK) {
        con_error_page(r, 500, err.msg);
    } else {
        con_page_begin(r, "Claim");
        con_puts(&r->body, "<p>Control number <b id=\"pcn\">");
        con_escs(&r->body, c.pcn);
        con_puts(&r->body, "</b>, claim <b id=\"claim-id\">");
        con_escs(&r->body, c.claim_id);
        con_puts(&r->body, "</b>, billing NPI ");
        con_escs(&r->body, c.npi);
        con_puts(&r->body, "</p>");
        if (con_role(r->s.role) >= CON_ANALYST)
            rerun_form(r, c.pcn, false, NULL);
        con_puts(&r->body, "<h2>Decisions, newest version first</h2>");
        pre_of(r, "show", text ? text : "", tlen);
        con_puts(&r->body, "<h2>Decisions of other claims that relied on it</h2>");
        if (ndeps > 0)
            pre_of(r, "deps", deps, dlen);
        else
            con_puts(&r->body, "<p class=\"muted\" id=\"deps\">None.</p>");
        con_puts(&r->body, "<h2>The claim as sent (837 segments)</h2>");
        if (raw && rlen)
            pre_of(r, "raw", raw, rlen);
        else
            con_puts(&r->body, "<p class=\"muted\">Not stored.</p>");
        con_puts(&r->body, "<p class=\"muted\">Acknowledgements and 835 references: not yet "
                           "(they come with the X12-out work).</p>");
        con_page_end(r);
    }
    free(text);
    free(deps);
    free(raw);
}

void con_rerun(ConReq *r, const char *pcn)
{
    ConRole role = con_role(r->s.role);
    bool commit = con_form_get(r->form, "commit") != NULL;
    if (role < CON_ANALYST || (commit && role < CON_SUPERVISOR)) {
        con_error_page(r, 403, commit ? "refused: only a supervisor commits a re-run"
                                      : "refused: a viewer cannot re-run claims");
        return;
    }
    AdjStoreFound c;
    if (!find(r, pcn, &c))
        return;
    const char *reason = con_form_get(r->form, "reason");
    bool blank = true;
    for (const char *p = reason ? reason : ""; *p; p++) {
        if ((unsigned char)*p < 0x20 || *p == 0x7f) {
            con_error_page(r, 400, "the reason must be one line of text");
            return;
        }
        blank &= *p == ' ';
    }
    if (blank || strlen(reason) > 200) {
        con_error_page(r, 400, "a reason (up to 200 characters) is required");
        return;
    }
    const char *ids[1] = {c.claim_id};
    char ftext[128];
    snprintf(ftext, sizeof(ftext), "claims=%s npi=%s", c.claim_id, c.npi);
    char *out = NULL;
    size_t olen = 0;
    FILE *m = open_memstream(&out, &olen);
    AdjRerunOptions o = {.conninfo = r->opt->conninfo,
                         .rulesets_path = r->opt->rulesets_path,
                         .installed_path = r->opt->rulesets_path,
                         .reason = reason,
                         .user = r->s.login,
                         .dry_run = !commit,
                         .per_line = true,
                         .batch_size = 10,
                         .filter = {.claim_ids = ids, .nclaim_ids = 1, .npi = c.npi},
                         .filter_text = ftext,
                         .sign_key = commit ? r->opt->sign_key : NULL,
                         .key = commit ? r->opt->key : NULL,
                         .key_len = commit ? r->opt->key_len : 0,
                         .out = m};
    AdjRerunResult res;
    AdjError err = {0};
    AdjStatus st = adj_rerun_run(&o, &res, &err);
    if (st == ADJ_OK) {
        adj_rerun_print_table(&res, m);
        adj_rerun_print_summary(&o, &res, m);
    }
    fclose(m);
    con_page_begin(r, commit ? "Re-run committed" : "Re-run: dry run");
    con_puts(&r->body, "<p>Claim <a href=\"/claim/");
    con_escs(&r->body, c.pcn);
    con_puts(&r->body, "\">");
    con_escs(&r->body, c.pcn);
    con_puts(&r->body, "</a>, reason: ");
    con_escs(&r->body, reason);
    con_puts(&r->body, "</p>");
    if (st != ADJ_OK) {
        con_puts(&r->body, "<p class=\"err\" id=\"error\">");
        con_escs(&r->body, err.msg);
        con_puts(&r->body, "</p>");
    } else {
        pre_of(r, "diff", out ? out : "", olen);
        if (!commit && res.lines_changed > 0 && role >= CON_SUPERVISOR)
            rerun_form(r, c.pcn, true, reason);
        else if (!commit && res.lines_changed > 0)
            con_puts(&r->body, "<p class=\"msg\">A supervisor commits re-runs.</p>");
        else if (commit)
            con_puts(&r->body, "<p class=\"ok\" id=\"done\">Written.</p>");
    }
    adj_rerun_result_free(&res);
    free(out);
    con_page_end(r);
}
