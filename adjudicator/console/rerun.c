/* Re-runs from the console, through the rerun module as `adjudicator rerun`
 * does: of one claim (from its page), or of every claim a search matches
 * (from the search page, supervisors only, at most CON_RERUN_MAX claims).
 * A dry run's diff first, then a commit with the reason; the user is the
 * signed-in account. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "console/console_int.h"
#include "rerun/rerun.h"
#include "store/rerun.h"

/* the reason as given, or NULL after an error page */
static const char *reason_of(ConReq *r)
{
    const char *reason = con_form_get(r->form, "reason");
    bool blank = true;
    for (const char *p = reason ? reason : ""; *p; p++) {
        if ((unsigned char)*p < 0x20 || *p == 0x7f) {
            con_error_page(r, 400, "the reason must be one line of text");
            return NULL;
        }
        blank &= *p == ' ';
    }
    if (blank || strlen(reason) > 200) {
        con_error_page(r, 400, "a reason (up to 200 characters) is required");
        return NULL;
    }
    return reason;
}

static void error_line(ConReq *r, const char *msg)
{
    con_puts(&r->body, "<p class=\"err\" id=\"error\">");
    con_escs(&r->body, msg);
    con_puts(&r->body, "</p>");
}

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

static void claim_form(ConReq *r, const char *pcn, const char *reason)
{
    con_puts(&r->body, "<form method=\"post\" id=\"commit\" action=\"/claim/");
    con_escs(&r->body, pcn);
    con_puts(&r->body, "/rerun\" data-confirm=\"Write the new decisions?\">");
    con_csrf_field(r);
    con_puts(&r->body, "<input type=\"hidden\" name=\"commit\" value=\"1\">"
                       "<input type=\"hidden\" name=\"reason\" value=\"");
    con_escs(&r->body, reason);
    con_puts(&r->body, "\"><button>Commit the re-run</button></form>");
}

/* one run of the rerun module; its table and summary appended to out */
static AdjStatus run_one(ConReq *r, AdjStoreRerunFilter f, const char *ftext, const char *reason,
                         bool commit, FILE *out, AdjRerunResult *res, AdjError *err)
{
    AdjRerunOptions o = {.conninfo = r->opt->conninfo,
                         .rulesets_path = r->opt->rulesets_path,
                         .installed_path = r->opt->rulesets_path,
                         .reason = reason,
                         .user = r->s.login,
                         .dry_run = !commit,
                         .per_line = true,
                         .batch_size = 10,
                         .filter = f,
                         .filter_text = ftext,
                         .sign_key = commit ? r->opt->sign_key : NULL,
                         .key = commit ? r->opt->key : NULL,
                         .key_len = commit ? r->opt->key_len : 0,
                         .out = out};
    AdjStatus st = adj_rerun_run(&o, res, err);
    if (st == ADJ_OK) {
        adj_rerun_print_table(res, out);
        adj_rerun_print_summary(&o, res, out);
    }
    return st;
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
    const char *reason = reason_of(r);
    if (reason == NULL)
        return;
    const char *ids[1] = {c.claim_id};
    char ftext[128];
    snprintf(ftext, sizeof(ftext), "claims=%s npi=%s", c.claim_id, c.npi);
    char *out = NULL;
    size_t olen = 0;
    FILE *m = open_memstream(&out, &olen);
    AdjRerunResult res;
    AdjError err = {0};
    AdjStatus st = run_one(r, (AdjStoreRerunFilter){.claim_ids = ids, .nclaim_ids = 1, .npi = c.npi},
                           ftext, reason, commit, m, &res, &err);
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
        error_line(r, err.msg);
    } else {
        con_puts(&r->body, "<pre id=\"diff\">");
        con_esc(&r->body, out ? out : "", olen);
        con_puts(&r->body, "</pre>");
        if (!commit && res.lines_changed > 0 && role >= CON_SUPERVISOR)
            claim_form(r, c.pcn, reason);
        else if (!commit && res.lines_changed > 0)
            con_puts(&r->body, "<p class=\"msg\">A supervisor commits re-runs.</p>");
        else if (commit)
            con_puts(&r->body, "<p class=\"ok\" id=\"done\">Written.</p>");
    }
    adj_rerun_result_free(&res);
    free(out);
    con_page_end(r);
}

/* "YYYY-MM-01" of an ISO date, into buf[11] */
static const char *month_of(const char *date, char buf[11])
{
    if (date == NULL)
        return NULL;
    snprintf(buf, 11, "%.7s-01", date);
    return buf;
}

/* Claims of one billing NPI among the search's matches: the rerun module's
 * filter takes one NPI and a list of claim numbers (exact, as stored). */
typedef struct Group {
    const char *npi;
    const char **ids;
    size_t n;
} Group;

static size_t group_by_npi(const AdjStoreFound *f, size_t n, Group *g)
{
    size_t ng = 0;
    for (size_t i = 0; i < n; i++) {
        size_t k = 0;
        while (k < ng && strcmp(g[k].npi, f[i].npi) != 0)
            k++;
        if (k == ng) {
            g[ng].npi = f[i].npi;
            g[ng].ids = adj_xcalloc(n, sizeof(*g[ng].ids));
            g[ng].n = 0;
            ng++;
        }
        bool seen = false;
        for (size_t j = 0; j < g[k].n; j++)
            seen |= strcmp(g[k].ids[j], f[i].claim_id) == 0;
        if (!seen)
            g[k].ids[g[k].n++] = f[i].claim_id;
    }
    return ng;
}

void con_rerun_filter(ConReq *r)
{
    bool commit = con_form_get(r->form, "commit") != NULL;
    if (con_role(r->s.role) < CON_SUPERVISOR) {
        con_error_page(r, 403, "refused: only a supervisor re-runs the claims of a search");
        return;
    }
    AdjStoreLookup q = {.limit = CON_RERUN_MAX + 1};
    con_search_fields(r, &q);
    const char *bad = con_search_check(&q);
    if (bad) {
        con_error_page(r, 400, bad);
        return;
    }
    const char *reason = reason_of(r);
    if (reason == NULL)
        return;
    /* the claims as the search finds them now, on the primary */
    AdjStoreFound *f = NULL;
    size_t n = 0;
    bool more = false;
    AdjError err = {0};
    if (adj_store_lookup(r->store, &q, &f, &n, &more, &err) != ADJ_OK) {
        con_error_page(r, 503, err.msg);
        return;
    }
    if (n > CON_RERUN_MAX || n == 0) {
        free(f);
        con_error_page(r, 400, n ? "the search matches more claims than a console re-run takes "
                                   "(200): narrow it, or use `adjudicator rerun`"
                                 : "the search matches no claim");
        return;
    }
    Group *g = adj_xcalloc(n, sizeof(*g));
    size_t ng = group_by_npi(f, n, g);
    char from[11], to[11];
    AdjStoreRerunFilter base = {.outcome = q.outcome,
                                .carc = q.carc,
                                .month_from = month_of(q.dos_from, from),
                                .month_to = month_of(q.dos_to, to)};
    char *out = NULL;
    size_t olen = 0;
    FILE *m = open_memstream(&out, &olen);
    AdjStatus st = ADJ_OK;
    int64_t sel = 0, claims = 0, changed = 0, lines = 0, lines_changed = 0, written = 0;
    for (size_t k = 0; k < ng && st == ADJ_OK; k++) {
        AdjStoreRerunFilter flt = base;
        flt.claim_ids = g[k].ids;
        flt.nclaim_ids = g[k].n;
        flt.npi = g[k].npi;
        /* the normalised selection (the run's audit row and resume key) */
        ConBuf ft = {0};
        con_printf(&ft, "console search: npi=%s claims=", g[k].npi);
        for (size_t j = 0; j < g[k].n; j++)
            con_printf(&ft, "%s%s", j ? "," : "", g[k].ids[j]);
        if (q.outcome)
            con_printf(&ft, " outcome=%s", q.outcome);
        if (q.carc)
            con_printf(&ft, " carc=%s", q.carc);
        if (base.month_from || base.month_to)
            con_printf(&ft, " month=%.7s..%.7s", base.month_from ? base.month_from : "",
                       base.month_to ? base.month_to : "");
        AdjRerunResult res;
        st = run_one(r, flt, ft.p, reason, commit, m, &res, &err);
        free(ft.p);
        if (st == ADJ_OK) {
            sel += res.selected;
            claims += res.claims;
            changed += res.claims_changed;
            lines += res.lines;
            lines_changed += res.lines_changed;
            written += res.written;
        }
        adj_rerun_result_free(&res);
    }
    fclose(m);
    con_page_begin(r, commit ? "Re-run of a search committed" : "Re-run of a search: dry run");
    con_printf(&r->body, "<p>The search matched <b id=\"matched\">%zu</b> claim%s (billing "
                         "NPIs: %zu); reason: ",
               n, n == 1 ? "" : "s", ng);
    con_escs(&r->body, reason);
    con_puts(&r->body, "</p>");
    if (st != ADJ_OK) {
        error_line(r, err.msg);
    } else {
        con_printf(&r->body,
                   "<p id=\"counts\">%lld claim%s selected (with each claim number's other "
                   "stored versions: a superseded one is not re-run), %lld re-run, %lld "
                   "changed; %lld line%s, %lld changed",
                   (long long)sel, sel == 1 ? "" : "s", (long long)claims, (long long)changed,
                   (long long)lines, lines == 1 ? "" : "s", (long long)lines_changed);
        if (commit)
            con_printf(&r->body, "; %lld decisions written", (long long)written);
        con_puts(&r->body, "</p>");
        ConBuf kept = {0};
        con_changed_only(&kept, out ? out : "");
        con_puts(&r->body, "<h2>Changed lines</h2><pre id=\"diff\">");
        con_esc(&r->body, kept.p ? kept.p : "", kept.len);
        con_puts(&r->body, "</pre>");
        free(kept.p);
        if (!commit && lines_changed > 0) {
            con_puts(&r->body, "<form method=\"post\" id=\"commit\" action=\"/search/rerun\" "
                               "data-confirm=\"Write the new decisions?\">");
            con_csrf_field(r);
            con_search_hidden(r, &q);
            con_puts(&r->body, "<input type=\"hidden\" name=\"commit\" value=\"1\">"
                               "<input type=\"hidden\" name=\"reason\" value=\"");
            con_escs(&r->body, reason);
            con_puts(&r->body, "\"><button>Commit the re-run</button></form>");
        } else if (!commit) {
            con_puts(&r->body, "<p class=\"msg\" id=\"nothing\">Nothing would change.</p>");
        } else {
            con_puts(&r->body, "<p class=\"ok\" id=\"done\">Written.</p>");
        }
    }
    for (size_t k = 0; k < ng; k++)
        free(g[k].ids);
    free(g);
    free(f);
    free(out);
    con_page_end(r);
}
