/* The pend queue page (oldest first, filter by rule, work one line as
 * `pend decide` does) and the shadow-run page (a candidate ruleset over a
 * month: counts and the changed lines). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "console/console_int.h"
#include "core/date.h"
#include "pend/pend.h"
#include "rerun/rerun.h"
#include "store/pend.h"

static void cell(ConReq *r, const char *s)
{
    con_puts(&r->body, "<td>");
    con_escs(&r->body, s);
    con_puts(&r->body, "</td>");
}

static void decide_form(ConReq *r, const AdjStorePendRow *p)
{
    con_puts(&r->body, "<form method=\"post\" action=\"/pend/decide\" class=\"decide\">");
    con_csrf_field(r);
    con_puts(&r->body, "<input type=\"hidden\" name=\"pcn\" value=\"");
    con_escs(&r->body, p->pcn);
    con_printf(&r->body, "\"><input type=\"hidden\" name=\"line\" value=\"%d\">"
                         "<select name=\"action\"><option value=\"pay\">pay</option>"
                         "<option value=\"deny\">deny</option></select>"
                         " <input type=\"text\" name=\"allowed\" placeholder=\"allowed (fee)\" "
                         "size=\"9\" maxlength=\"12\"> <input type=\"text\" name=\"carc\" "
                         "placeholder=\"CARC\" size=\"6\" maxlength=\"8\"> <input type=\"text\" "
                         "name=\"rarc\" placeholder=\"RARCs\" size=\"8\" maxlength=\"40\"> "
                         "<input type=\"text\" name=\"reason\" placeholder=\"reason\" size=\"28\" "
                         "maxlength=\"200\"> <button>Decide</button></form>",
               p->line_no);
}

void con_pend(ConReq *r)
{
    const char *rule = r->query(r->conn, "reason");
    if (rule != NULL && (rule[0] == '\0' || strlen(rule) > 60))
        rule = NULL;
    AdjStorePendRow *p = NULL;
    size_t n = 0;
    int64_t total = 0;
    AdjError err = {0};
    if (adj_store_pend_list(r->store, rule, -1, 200, 0, &p, &n, &total, &err) != ADJ_OK) {
        con_error_page(r, 500, err.msg);
        return;
    }
    con_page_begin(r, "Pend queue");
    con_puts(&r->body, "<form method=\"get\" action=\"/pend\"><label>Rule holds <input "
                       "type=\"text\" name=\"reason\" maxlength=\"60\" value=\"");
    con_escs(&r->body, rule);
    con_puts(&r->body, "\"></label><button>Filter</button> <span class=\"muted\">duplicate, "
                       "no_fee, original_missing, ...</span></form>");
    con_printf(&r->body, "<h2 id=\"pend-count\">%lld pended line%s, oldest first</h2>",
               (long long)total, total == 1 ? "" : "s");
    con_puts(&r->body, "<table id=\"pend\"><tr><th>Control number</th><th>Claim</th><th>Line"
                       "</th><th>Code</th><th>Service date</th><th>Charge</th><th>Pended</th>"
                       "<th>Days</th><th>Why</th><th>Work it</th></tr>");
    bool may = con_role(r->s.role) >= CON_ANALYST;
    for (size_t i = 0; i < n; i++) {
        con_puts(&r->body, "<tr><td><a href=\"/claim/");
        con_escs(&r->body, p[i].pcn);
        con_puts(&r->body, "\">");
        con_escs(&r->body, p[i].pcn);
        con_puts(&r->body, "</a></td>");
        cell(r, p[i].claim_id);
        con_printf(&r->body, "<td>%d</td>", p[i].line_no);
        cell(r, p[i].code);
        cell(r, p[i].dos);
        cell(r, p[i].charge);
        cell(r, p[i].pended_at);
        con_printf(&r->body, "<td>%d</td><td>", p[i].age_days);
        con_escs(&r->body, p[i].reason);
        if (p[i].matched_pcn[0]) {
            con_puts(&r->body, " (match: control number ");
            con_escs(&r->body, p[i].matched_pcn);
            con_puts(&r->body, ")");
        }
        con_puts(&r->body, "</td><td>");
        if (may)
            decide_form(r, &p[i]);
        else
            con_puts(&r->body, "<span class=\"muted\">analysts work pends</span>");
        con_puts(&r->body, "</td></tr>");
    }
    con_puts(&r->body, "</table>");
    free(p);
    con_page_end(r);
}

void con_pend_decide(ConReq *r)
{
    if (con_role(r->s.role) < CON_ANALYST) {
        con_error_page(r, 403, "refused: a viewer cannot work pended lines");
        return;
    }
    const char *pcn = con_form_get(r->form, "pcn"), *line = con_form_get(r->form, "line");
    const char *action = con_form_get(r->form, "action");
    const char *allowed = con_form_get(r->form, "allowed");
    const char *carc = con_form_get(r->form, "carc");
    const char *rarcs = con_form_get(r->form, "rarc");
    if (pcn == NULL || line == NULL || action == NULL) {
        con_error_page(r, 400, "incomplete form");
        return;
    }
    char rbuf[64];
    snprintf(rbuf, sizeof(rbuf), "%s", rarcs ? rarcs : "");
    const char *rarc[ADJ_MAX_RARC + 1];
    int nrarc = 0;
    char *save = NULL;
    for (char *t = strtok_r(rbuf, " ,", &save); t && nrarc <= ADJ_MAX_RARC;
         t = strtok_r(NULL, " ,", &save))
        rarc[nrarc++] = t;
    AdjPendDecide d = {.conninfo = r->opt->conninfo,
                       .rulesets_path = r->opt->rulesets_path,
                       .claim = pcn,
                       .line = atoi(line),
                       .pay = strcmp(action, "pay") == 0,
                       .allowed = allowed && allowed[0] ? allowed : NULL,
                       .deny = strcmp(action, "deny") == 0 ? (carc ? carc : "") : NULL,
                       .rarc = rarc,
                       .nrarc = nrarc,
                       .reason = con_form_get(r->form, "reason"),
                       .app_user = r->s.login,
                       .sign_key = r->opt->sign_key,
                       .key = r->opt->key,
                       .key_len = r->opt->key_len};
    AdjPendResult res;
    AdjError err = {0};
    AdjStatus st = d.line < 1 ? ADJ_FAIL(&err, ADJ_ERR_USAGE, "bad line number")
                              : adj_pend_decide(&d, &res, &err);
    con_page_begin(r, "Pend queue");
    if (st == ADJ_OK) {
        con_puts(&r->body, "<p class=\"ok\" id=\"done\">Claim <a href=\"/claim/");
        con_escs(&r->body, res.pcn);
        con_puts(&r->body, "\">");
        con_escs(&r->body, res.pcn);
        con_printf(&r->body, "</a> line %d: ", d.line);
        con_escs(&r->body, res.outcome);
        con_puts(&r->body, ", decided by ");
        con_escs(&r->body, res.decided_by);
        con_puts(&r->body, ".</p>");
    } else {
        r->status = st == ADJ_ERR_DB ? 503 : 400;
        con_puts(&r->body, "<p class=\"err\" id=\"error\">");
        con_escs(&r->body, err.msg);
        con_puts(&r->body, "</p>");
    }
    con_puts(&r->body, "<p><a href=\"/pend\">Back to the queue</a></p>");
    con_page_end(r);
}

/* keep the table, the summary and the changed lines (with their claim) */
void con_changed_only(ConBuf *dst, const char *text)
{
    const char *claim = NULL;
    size_t claim_len = 0;
    for (const char *s = text; *s;) {
        const char *nl = strchr(s, '\n');
        size_t len = nl ? (size_t)(nl - s) + 1 : strlen(s);
        if (strncmp(s, "claim ", 6) == 0) {
            claim = s;
            claim_len = len;
        } else if (strncmp(s, "  line ", 7) == 0) {
            if (strstr(s, " -> ") != NULL && (size_t)(strstr(s, " -> ") - s) < len) {
                if (claim) {
                    con_put(dst, claim, claim_len);
                    claim = NULL;
                }
                con_put(dst, s, len);
            }
        } else {
            con_put(dst, s, len);
        }
        s += len;
    }
}

void con_shadow(ConReq *r)
{
    bool post = strcmp(r->method, "POST") == 0;
    const char *cand = post ? con_form_get(r->form, "ruleset") : NULL;
    const char *month = post ? con_form_get(r->form, "month") : NULL;
    con_page_begin(r, "Shadow run");
    con_puts(&r->body, "<p class=\"muted\">A candidate ruleset (a file or folder on this server) "
                       "and the installed rulesets decide the same claims of a month against the "
                       "same reference data and history; only lines whose outcome, CARC/RARC or "
                       "amounts differ are listed. Nothing is written.</p>"
                       "<form method=\"post\" action=\"/shadow\" id=\"shadow\">");
    con_csrf_field(r);
    con_puts(&r->body, "<label>Candidate ruleset <input type=\"text\" name=\"ruleset\" size=\"50\" "
                       "maxlength=\"900\" value=\"");
    con_escs(&r->body, cand);
    con_puts(&r->body, "\"></label><label>Month (YYYY-MM) <input type=\"text\" name=\"month\" "
                       "maxlength=\"7\" value=\"");
    con_escs(&r->body, month);
    con_puts(&r->body, "\"></label><button>Run</button></form>");
    AdjMonth mo;
    if (post && con_role(r->s.role) < CON_ANALYST) {
        con_puts(&r->body, "<p class=\"err\" id=\"error\">Refused: viewers cannot run shadow runs.</p>");
    } else if (post && (!cand || !cand[0] || !month || strlen(month) != 7 ||
                        !adj_month_parse(month, 7, &mo))) {
        con_puts(&r->body, "<p class=\"err\" id=\"error\">Give a candidate ruleset and a month "
                           "YYYY-MM.</p>");
    } else if (post) {
        char from[11], ftext[64], reason[96];
        snprintf(from, sizeof(from), "%.7s-01", month);
        snprintf(ftext, sizeof(ftext), "month=%.7s..%.7s", month, month);
        snprintf(reason, sizeof(reason), "console shadow run %.7s", month);
        char *out = NULL;
        size_t olen = 0;
        FILE *m = open_memstream(&out, &olen);
        AdjRerunOptions o = {.conninfo = r->opt->conninfo,
                             .rulesets_path = cand,
                             .ruleset_arg = cand,
                             .installed_path = r->opt->rulesets_path,
                             .reason = reason,
                             .user = r->s.login,
                             .dry_run = true,
                             .per_line = true,
                             .batch_size = 100,
                             .filter = {.month_from = from, .month_to = from},
                             .filter_text = ftext,
                             .out = m};
        AdjRerunResult res;
        AdjError err = {0};
        AdjStatus st = adj_rerun_run(&o, &res, &err);
        if (st == ADJ_OK) {
            adj_rerun_print_table(&res, m);
            adj_rerun_print_summary(&o, &res, m);
        }
        fclose(m);
        if (st != ADJ_OK) {
            con_puts(&r->body, "<p class=\"err\" id=\"error\">");
            con_escs(&r->body, err.msg);
            con_puts(&r->body, "</p>");
        } else {
            if (!res.shadow)
                con_puts(&r->body, "<p class=\"msg\">That ruleset is the installed one: this is a "
                                   "plain dry run against the decisions in force.</p>");
            ConBuf kept = {0};
            con_changed_only(&kept, out ? out : "");
            con_puts(&r->body, "<pre id=\"result\">");
            con_esc(&r->body, kept.p ? kept.p : "", kept.len);
            con_puts(&r->body, "</pre>");
            free(kept.p);
        }
        adj_rerun_result_free(&res);
        free(out);
    }
    con_page_end(r);
}
