/* The claim page: the claim's facts, every version with who and why, a
 * table of each version's lines (outcome, CARC/RARC with their text,
 * amounts), the rule trace, dependent decisions of other claims, what was
 * sent back (acknowledgements, 835s) and the raw 837 segments; every value
 * escaped. The view is recorded in the access log on the primary before
 * anything is read from the read connection (db.read_conninfo: a standby's
 * snapshot), so a failure to log shows nothing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "console/console_int.h"
#include "store/show_view.h"
#include "store/staff.h"

static const char *nz(const char *s)
{
    return s ? s : "";
}

static void td(ConReq *r, const char *s)
{
    con_puts(&r->body, "<td>");
    con_escs(&r->body, s);
    con_puts(&r->body, "</td>");
}

static void td_num(ConReq *r, const char *s)
{
    con_puts(&r->body, "<td class=\"num\">");
    con_escs(&r->body, s ? s : "");
    con_puts(&r->body, "</td>");
}

/* <tr><th>label</th><td>value</td></tr>, nothing when value is empty */
static void fact(ConReq *r, const char *label, const char *value)
{
    if (value == NULL || value[0] == '\0')
        return;
    con_printf(&r->body, "<tr><th>%s</th>", label);
    td(r, value);
    con_puts(&r->body, "</tr>");
}

static void summary(ConReq *r, const AdjShowClaim *c)
{
    con_puts(&r->body, "<table class=\"facts\" id=\"summary\">");
    con_puts(&r->body, "<tr><th>Control number</th><td id=\"pcn\">");
    con_escs(&r->body, c->pcn);
    con_puts(&r->body, "</td></tr><tr><th>Claim number</th><td id=\"claim-id\">");
    con_escs(&r->body, c->claim_id);
    con_puts(&r->body, "</td></tr><tr><th>Patient</th><td id=\"patient\">");
    con_escs(&r->body, c->patient_name ? c->patient_name : c->first_name);
    con_puts(&r->body, c->dependent ? " (dependent)" : " (subscriber)");
    con_puts(&r->body, ", born ");
    con_escs(&r->body, c->birth ? c->birth : "unknown");
    con_puts(&r->body, "</td></tr>");
    fact(r, "Member ID", c->member_id);
    fact(r, "Plan", c->plan ? c->plan : "none on file for the date of service");
    con_puts(&r->body, "<tr><th>Billing provider</th><td>");
    con_escs(&r->body, c->bill_name ? c->bill_name : "(not in the provider file)");
    con_puts(&r->body, ", NPI ");
    con_escs(&r->body, c->npi);
    con_puts(&r->body, "</td></tr>");
    if (nz(c->rend_npi)[0]) {
        con_puts(&r->body, "<tr><th>Rendering provider</th><td>");
        con_escs(&r->body, c->rend_name ? c->rend_name : "(not in the provider file)");
        con_puts(&r->body, ", NPI ");
        con_escs(&r->body, c->rend_npi);
        con_puts(&r->body, "</td></tr>");
    }
    fact(r, "Total charge", c->total_charge ? c->total_charge : "0.00");
    fact(r, "Received", c->received);
    fact(r, "Frequency", c->freq);
    fact(r, "Original named (REF*F8)", c->original_ref);
    fact(r, "Replaces or voids", c->replaces);
    fact(r, "Later", c->superseded_by);
    fact(r, "Queue", c->queue);
    con_puts(&r->body, "</table>");
}

static void codes_cell(ConReq *r, const AdjShowLine *l)
{
    con_puts(&r->body, "<td class=\"codes\">");
    if (nz(l->carc)[0]) {
        con_puts(&r->body, "<b>");
        con_escs(&r->body, l->grp);
        con_puts(&r->body, "-");
        con_escs(&r->body, l->carc);
        con_puts(&r->body, "</b> ");
        con_escs(&r->body, l->carc_text ? l->carc_text : "(no text on file)");
    }
    /* "CODE: text" lines, one per RARC in order: the code in bold */
    for (const char *s = nz(l->rarc_text); *s;) {
        const char *nl = strchr(s, '\n');
        size_t len = nl ? (size_t)(nl - s) : strlen(s);
        const char *colon = memchr(s, ':', len);
        size_t clen = colon ? (size_t)(colon - s) : len;
        size_t skip = clen + 2 <= len ? clen + 2 : len; /* "CODE: " */
        con_puts(&r->body, "<br><b>");
        con_esc(&r->body, s, clen);
        con_puts(&r->body, "</b> ");
        con_esc(&r->body, s + skip, len - skip);
        s += len + (nl != NULL);
    }
    con_puts(&r->body, "</td>");
}

/* "version 7, loaded ... by ... for user ... because ...; files: ...", or
 * "" when the version names no reference data */
static void refdata_of(const AdjShowRefdata *f, char *buf, size_t size)
{
    buf[0] = '\0';
    if (f->version == NULL)
        return;
    int n = snprintf(buf, size, "version %s", f->version);
    if (f->loaded_at != NULL && n >= 0 && (size_t)n < size)
        snprintf(buf + n, size - (size_t)n, ", loaded %s by %s%s%s%s%s%s%s", f->loaded_at,
                 nz(f->db_login), f->app_user ? " for user " : "", nz(f->app_user),
                 f->reason ? " because: " : "", nz(f->reason),
                 nz(f->files)[0] ? "; files: " : "", nz(f->files));
}

static void version_section(ConReq *r, const AdjShowVersion *v, bool in_force)
{
    con_printf(&r->body, "<section class=\"version\" id=\"v%d\"><h3>Version %d%s</h3>",
               v->version, v->version, in_force ? " (in force)" : "");
    con_puts(&r->body, "<p class=\"who\">Decided ");
    con_escs(&r->body, v->decided_at);
    con_puts(&r->body, " by <b>");
    con_escs(&r->body, v->decided_by);
    con_puts(&r->body, "</b>");
    if (nz(v->db_login)[0] && strcmp(v->db_login, nz(v->decided_by)) != 0) {
        con_puts(&r->body, " (database login ");
        con_escs(&r->body, v->db_login);
        con_puts(&r->body, ")");
    }
    if (nz(v->app_user)[0]) {
        con_puts(&r->body, " for user <b class=\"user\">");
        con_escs(&r->body, v->app_user);
        con_puts(&r->body, "</b>");
    }
    if (nz(v->rerun_reason)[0]) {
        con_puts(&r->body, "; why: <q class=\"why\">");
        con_escs(&r->body, v->rerun_reason);
        con_puts(&r->body, "</q>");
    }
    con_puts(&r->body, "</p>");
    char refdata[1024];
    refdata_of(&v->ref, refdata, sizeof(refdata));
    if (refdata[0]) {
        con_puts(&r->body, "<p class=\"muted\">Reference data ");
        con_escs(&r->body, refdata);
        con_puts(&r->body, "</p>");
    }
    con_puts(&r->body, "<table class=\"lines\"><tr><th>Line</th><th>Code</th><th>Service date"
                       "</th><th>Route</th><th>Outcome</th><th>CARC / RARC</th><th>Charge</th>"
                       "<th>Units</th><th>Allowed</th><th>Paid</th><th>Patient</th></tr>");
    for (size_t i = 0; i < v->nlines; i++) {
        const AdjShowLine *l = &v->lines[i];
        con_printf(&r->body, "<tr class=\"line\"><td>%d</td>", l->line_no);
        td(r, l->code);
        td(r, l->dos);
        td(r, l->route);
        con_puts(&r->body, "<td class=\"outcome\">");
        con_escs(&r->body, l->outcome);
        con_puts(&r->body, "</td>");
        codes_cell(r, l);
        td_num(r, l->charge);
        td_num(r, l->units);
        td_num(r, l->allowed);
        td_num(r, l->paid);
        td_num(r, l->patient_resp);
        con_puts(&r->body, "</tr>");
    }
    con_puts(&r->body, "</table><table class=\"trace\"><tr><th>Line</th><th>Rules that fired"
                       "</th><th>Why, in words</th><th>Matched claim</th><th>Ruleset</th></tr>");
    for (size_t i = 0; i < v->nlines; i++) {
        const AdjShowLine *l = &v->lines[i];
        con_printf(&r->body, "<tr><td>%d</td>", l->line_no);
        td(r, l->rules);
        td(r, l->reason);
        con_puts(&r->body, "<td>");
        if (nz(l->matched_claim)[0]) {
            con_escs(&r->body, l->matched_claim);
            if (nz(l->matched_pcn)[0]) {
                con_puts(&r->body, " (control number <a href=\"/claim/");
                con_escs(&r->body, l->matched_pcn);
                con_puts(&r->body, "\">");
                con_escs(&r->body, l->matched_pcn);
                con_puts(&r->body, "</a>)");
            }
        }
        con_puts(&r->body, "</td><td>");
        con_escs(&r->body, l->ruleset_id);
        if (nz(l->ruleset_sha256)[0]) {
            con_puts(&r->body, " <span class=\"hash\" title=\"SHA-256\">");
            con_escs(&r->body, l->ruleset_sha256);
            con_puts(&r->body, "</span>");
        }
        con_puts(&r->body, "</td></tr>");
    }
    con_puts(&r->body, "</table></section>");
}

static void deps_table(ConReq *r, const AdjShowClaim *c)
{
    if (c->ndeps == 0) {
        con_puts(&r->body, "<p class=\"muted\" id=\"deps\">None.</p>");
        return;
    }
    con_puts(&r->body, "<table id=\"deps\"><tr><th>Control number</th><th>Claim</th><th>Billing "
                       "NPI</th><th>Line</th><th>Code</th><th>Outcome</th><th>CARC</th>"
                       "<th>Relied on</th></tr>");
    for (size_t i = 0; i < c->ndeps; i++) {
        const AdjShowDep *d = &c->deps[i];
        con_puts(&r->body, "<tr><td><a href=\"/claim/");
        con_escs(&r->body, d->pcn);
        con_puts(&r->body, "\">");
        con_escs(&r->body, d->pcn);
        con_puts(&r->body, "</a></td>");
        td(r, d->claim_id);
        td(r, d->npi);
        con_printf(&r->body, "<td>%d</td>", d->line_no);
        td(r, d->code);
        td(r, d->outcome);
        td(r, d->carc);
        con_puts(&r->body, "<td>");
        con_escs(&r->body, d->why);
        con_puts(&r->body, " (control number ");
        con_escs(&r->body, d->base_pcn);
        con_puts(&r->body, ")</td></tr>");
    }
    con_puts(&r->body, "</table>");
}

static void sent_table(ConReq *r, const AdjShowClaim *c)
{
    if (c->nsent == 0) {
        con_puts(&r->body, "<p class=\"muted\" id=\"sent\">Nothing sent back yet.</p>");
        return;
    }
    con_puts(&r->body, "<table id=\"sent\"><tr><th>What</th><th>Control number</th><th>When</th>"
                       "<th>Details</th></tr>");
    for (size_t i = 0; i < c->nsent; i++) {
        con_puts(&r->body, "<tr>");
        td(r, c->sent[i].kind);
        td(r, c->sent[i].control);
        td(r, c->sent[i].at);
        td(r, c->sent[i].detail);
        con_puts(&r->body, "</tr>");
    }
    con_puts(&r->body, "</table>");
}

/* the raw segments as stored, one per line when they end in ~ (the usual
 * terminator) and are not on lines already */
static void raw_block(ConReq *r, const char *raw, size_t len)
{
    if (raw == NULL || len == 0) {
        con_puts(&r->body, "<p class=\"muted\" id=\"raw\">Not stored.</p>");
        return;
    }
    con_puts(&r->body, "<pre id=\"raw\">");
    size_t start = 0;
    for (size_t i = 0; i < len; i++) {
        if (raw[i] != '~')
            continue;
        con_esc(&r->body, raw + start, i + 1 - start);
        if (i + 1 < len && raw[i + 1] != '\n' && raw[i + 1] != '\r')
            con_puts(&r->body, "\n");
        start = i + 1;
    }
    con_esc(&r->body, raw + start, len - start);
    con_puts(&r->body, "</pre>");
}

static void rerun_form(ConReq *r, const char *pcn)
{
    con_puts(&r->body, "<form method=\"post\" id=\"rerun\" action=\"/claim/");
    con_escs(&r->body, pcn);
    con_puts(&r->body, "/rerun\">");
    con_csrf_field(r);
    con_puts(&r->body, "<label>Reason <input type=\"text\" name=\"reason\" maxlength=\"200\" "
                       "size=\"50\"></label><button>Re-run (dry run first)</button></form>");
}

/* Look the claim up, log the view on the primary, read it: from one
 * snapshot of the read connection when it is another connection (the
 * look-up included), else from a snapshot taken after the log row. */
static AdjStatus read_claim(ConReq *r, const char *pcn, AdjArena *arena, AdjShowClaim *c,
                            bool *found, char **raw, size_t *rlen, AdjError *err)
{
    bool split = r->read != r->store;
    AdjStatus st = split ? adj_store_read_begin(r->read, err) : ADJ_OK;
    AdjStoreLookup q = {.pcn = pcn, .limit = 1};
    AdjStoreFound *f = NULL;
    size_t n = 0;
    bool more = false;
    *found = false;
    if (st == ADJ_OK && strlen(pcn) < 24)
        st = adj_store_lookup(r->read, &q, &f, &n, &more, err);
    if (st == ADJ_OK && n == 1) {
        char detail[48];
        snprintf(detail, sizeof(detail), "claim page (pcn %s)", f[0].pcn);
        st = adj_store_access_log_claim(r->store, NULL, r->s.login, "console", f[0].claim_pk,
                                        detail, err);
        if (st == ADJ_OK && !split)
            st = adj_store_read_begin(r->read, err);
        if (st == ADJ_OK)
            st = adj_store_show_view(r->read, con_rulesets(), f[0].claim_pk, arena, c, found,
                                     err);
        if (st == ADJ_OK && *found)
            st = adj_store_claim_raw(r->read, c->pcn, raw, rlen, err);
    }
    adj_store_read_end(r->read);
    free(f);
    return st;
}

void con_claim(ConReq *r, const char *pcn)
{
    AdjArena arena;
    adj_arena_init(&arena, 64 * 1024);
    AdjShowClaim c;
    bool found = false;
    char *raw = NULL;
    size_t rlen = 0;
    AdjError err = {0};
    AdjStatus st = read_claim(r, pcn, &arena, &c, &found, &raw, &rlen, &err);
    if (st != ADJ_OK) {
        con_error_page(r, st == ADJ_ERR_DB ? 503 : 500, err.msg);
    } else if (!found) {
        con_error_page(r, 404, "no claim with that control number");
    } else {
        con_page_begin(r, "Claim");
        con_puts(&r->body, "<div id=\"show\">");
        summary(r, &c);
        if (con_role(r->s.role) >= CON_ANALYST)
            rerun_form(r, c.pcn);
        con_puts(&r->body, "<h2>Decisions, newest version first</h2>");
        if (c.nversions == 0)
            con_puts(&r->body, "<p class=\"muted\">No decision yet.</p>");
        for (size_t i = 0; i < c.nversions; i++)
            version_section(r, &c.versions[i], i == 0);
        con_puts(&r->body, "</div><h2>Decisions of other claims that relied on it</h2>");
        deps_table(r, &c);
        con_puts(&r->body, "<h2>Sent back (acknowledgements, 835s)</h2>");
        sent_table(r, &c);
        con_puts(&r->body, "<h2>The claim as sent (837 segments)</h2>");
        raw_block(r, raw, rlen);
        con_page_end(r);
    }
    free(raw);
    adj_arena_free(&arena);
}
