/* The console's frame, sign-in and sign-out, and claim search. Every value
 * goes through con_esc; forms that change anything are POSTs carrying the
 * session's CSRF token; PHI (member IDs, names) never goes into a URL. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "console/console_int.h"
#include "crypto/password.h"
#include "store/staff.h"

#define MAX_FAILURES 5
#define LOCK_MINUTES 15
#define PAGE_SIZE 25

void con_page_begin(ConReq *r, const char *title)
{
    con_puts(&r->body, "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                       "<meta name=\"viewport\" content=\"width=device-width\"><title>");
    con_escs(&r->body, title);
    con_puts(&r->body, " - adjudicator console</title>"
                       "<link rel=\"stylesheet\" href=\"/static/app.css\">"
                       "<script src=\"/static/app.js\" defer></script></head><body><header>"
                       "<a href=\"/\">Claims</a><a href=\"/pend\">Pend queue</a>"
                       "<a href=\"/shadow\">Shadow run</a>");
    if (r->have_session) {
        con_puts(&r->body, "<span class=\"muted\">");
        con_escs(&r->body, r->s.login);
        con_puts(&r->body, " (");
        con_escs(&r->body, r->s.role);
        con_puts(&r->body, ")</span><form method=\"post\" action=\"/logout\">");
        con_csrf_field(r);
        con_puts(&r->body, "<button id=\"signout\">Sign out</button></form>");
    }
    con_puts(&r->body, "</header><main><h1>");
    con_escs(&r->body, title);
    con_puts(&r->body, "</h1>");
}

void con_page_end(ConReq *r)
{
    con_puts(&r->body, "</main></body></html>\n");
}

void con_csrf_field(ConReq *r)
{
    con_puts(&r->body, "<input type=\"hidden\" name=\"csrf\" value=\"");
    con_escs(&r->body, r->s.csrf);
    con_puts(&r->body, "\">");
}

void con_error_page(ConReq *r, int status, const char *msg)
{
    r->status = status;
    r->body.len = 0;
    con_page_begin(r, status == 403 ? "Refused" : status == 404 ? "Not found" : "Error");
    con_puts(&r->body, "<p class=\"err\" id=\"error\">");
    con_escs(&r->body, msg);
    con_puts(&r->body, "</p>");
    con_page_end(r);
}

void con_redirect(ConReq *r, const char *to)
{
    r->status = 303;
    snprintf(r->location, sizeof(r->location), "%s", to);
}

static void login_form(ConReq *r, const char *msg)
{
    /* login CSRF: a random value in a cookie and in the form (double submit) */
    char pre[65];
    /* keep the browser's value: another tab or a redirect must not
     * invalidate the form on screen */
    const char *have = r->cookie_pre;
    bool reuse = have != NULL && strlen(have) == 64 && strspn(have, "0123456789abcdef") == 64;
    if (reuse)
        snprintf(pre, sizeof(pre), "%s", have);
    else if (!adj_random_hex(pre, 32)) {
        con_error_page(r, 500, "no randomness");
        return;
    }
    snprintf(r->set_cookie[0], sizeof(r->set_cookie[0]),
             "pre=%s; Path=/login; HttpOnly; SameSite=Strict%s", pre, r->tls ? "; Secure" : "");
    con_page_begin(r, "Sign in");
    if (msg)
        con_printf(&r->body, "<p class=\"err\" id=\"error\">%s</p>", msg);
    con_puts(&r->body, "<form method=\"post\" action=\"/login\" id=\"login\">"
                       "<input type=\"hidden\" name=\"csrf\" value=\"");
    con_escs(&r->body, pre);
    con_puts(&r->body, "\"><label>Login <input type=\"text\" name=\"login\" autocomplete="
                       "\"username\" maxlength=\"63\"></label><label>Password <input type="
                       "\"password\" name=\"password\" autocomplete=\"current-password\" "
                       "maxlength=\"256\"></label><button>Sign in</button></form>");
    con_page_end(r);
}

void con_login_get(ConReq *r)
{
    r->have_session = con_session_get(r->cookie_sid, &r->s);
    if (r->have_session) {
        con_redirect(r, "/");
        return;
    }
    login_form(r, NULL);
}

void con_login_post(ConReq *r)
{
    const char *t = con_form_get(r->form, "csrf");
    if (t == NULL || r->cookie_pre == NULL || !adj_ct_equal(t, r->cookie_pre)) {
        con_error_page(r, 403, "refused: the form's CSRF token is missing or wrong");
        return;
    }
    const char *login = con_form_get(r->form, "login");
    const char *pw = con_form_get(r->form, "password");
    AdjStaffRow row;
    bool found = false;
    AdjError err = {0};
    if (login == NULL || pw == NULL || strlen(login) > 63 ||
        adj_store_staff_get(r->store, login, &row, &found, &err) != ADJ_OK) {
        r->status = 401;
        login_form(r, "Sign-in failed.");
        return;
    }
    /* the hash is computed whatever happens, so timing tells nothing */
    bool ok = adj_password_verify(pw, found ? row.pw_hash
                                            : "pbkdf2-sha256$210000$00000000000000000000000000"
                                              "000000$000000000000000000000000000000000000000000"
                                              "0000000000000000000000");
    if (found && row.locked) {
        r->status = 401;
        login_form(r, "This account is locked after repeated failed sign-ins; try again later "
                      "or ask a supervisor to reset it.");
        return;
    }
    if (!found || !ok || row.disabled) {
        if (found && !row.disabled)
            adj_store_staff_failed(r->store, login, MAX_FAILURES, LOCK_MINUTES, &err);
        r->status = 401;
        login_form(r, "Sign-in failed.");
        return;
    }
    adj_store_staff_ok(r->store, login, &err);
    ConSession s;
    if (!con_session_new(row.login, row.role, &s)) {
        con_error_page(r, 500, "no randomness");
        return;
    }
    snprintf(r->set_cookie[0], sizeof(r->set_cookie[0]),
             "sid=%s; Path=/; HttpOnly; SameSite=Strict%s", s.token, r->tls ? "; Secure" : "");
    snprintf(r->set_cookie[1], sizeof(r->set_cookie[1]),
             "pre=; Path=/login; Max-Age=0; HttpOnly; SameSite=Strict%s", r->tls ? "; Secure" : "");
    con_redirect(r, "/");
}

void con_logout(ConReq *r)
{
    con_session_end(r->s.token);
    snprintf(r->set_cookie[0], sizeof(r->set_cookie[0]),
             "sid=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict%s", r->tls ? "; Secure" : "");
    r->have_session = false;
    con_redirect(r, "/login");
}

static const char *field(ConReq *r, const char *name)
{
    const char *v = con_form_get(r->form, name);
    return v && v[0] ? v : NULL;
}

static void text_input(ConReq *r, const char *label, const char *name, const char *value,
                       int max)
{
    con_printf(&r->body, "<label>%s <input type=\"text\" name=\"%s\" maxlength=\"%d\" value=\"",
               label, name, max);
    con_escs(&r->body, value);
    con_puts(&r->body, "\"></label>");
}

void con_search_fields(ConReq *r, AdjStoreLookup *q)
{
    q->claim_id = field(r, "claim");
    q->pcn = field(r, "pcn");
    q->npi = field(r, "npi");
    q->member_id = field(r, "member");
    q->dos_from = field(r, "from");
    q->dos_to = field(r, "to");
    q->outcome = field(r, "outcome");
    q->carc = field(r, "carc");
}

const char *con_search_check(const AdjStoreLookup *q)
{
    AdjDate d;
    if (!q->claim_id && !q->pcn && !q->npi && !q->member_id)
        return "Give a claim number, control number, billing NPI or member ID.";
    if ((q->dos_from && !adj_date_parse_iso(q->dos_from, strlen(q->dos_from), &d)) ||
        (q->dos_to && !adj_date_parse_iso(q->dos_to, strlen(q->dos_to), &d)))
        return "Dates are YYYY-MM-DD.";
    if (q->outcome && strcmp(q->outcome, "pay") && strcmp(q->outcome, "deny") &&
        strcmp(q->outcome, "pend") && strcmp(q->outcome, "forward") &&
        strcmp(q->outcome, "reject") && strcmp(q->outcome, "void"))
        return "Unknown outcome.";
    return NULL;
}

void con_search_hidden(ConReq *r, const AdjStoreLookup *q)
{
    const char *names[] = {"claim", "pcn", "npi", "member", "from", "to", "outcome", "carc"};
    const char *vals[] = {q->claim_id, q->pcn, q->npi, q->member_id, q->dos_from, q->dos_to,
                          q->outcome, q->carc};
    for (int k = 0; k < 8; k++) {
        if (!vals[k])
            continue;
        con_printf(&r->body, "<input type=\"hidden\" name=\"%s\" value=\"", names[k]);
        con_escs(&r->body, vals[k]);
        con_puts(&r->body, "\">");
    }
}

/* a supervisor's way to re-run every claim of the search (console/rerun.c) */
static void rerun_filter_form(ConReq *r, const AdjStoreLookup *q)
{
    if (con_role(r->s.role) < CON_SUPERVISOR)
        return;
    con_puts(&r->body, "<form method=\"post\" action=\"/search/rerun\" id=\"rerun-filter\">");
    con_csrf_field(r);
    con_search_hidden(r, q);
    con_printf(&r->body, "<label>Re-run every claim this search matches (at most %d) with the "
                         "reference data in force. Reason <input type=\"text\" name=\"reason\" "
                         "maxlength=\"200\" size=\"40\"></label><button>Dry run first</button>"
                         "</form>",
               CON_RERUN_MAX);
}

void con_search(ConReq *r)
{
    bool post = strcmp(r->method, "POST") == 0;
    AdjStoreLookup q = {.limit = PAGE_SIZE};
    if (post) {
        con_search_fields(r, &q);
        const char *page = field(r, "page");
        int pg = page ? atoi(page) : 0;
        q.offset = pg > 0 && pg < 100000 ? pg * PAGE_SIZE : 0;
    }
    con_page_begin(r, "Claim search");
    con_puts(&r->body, "<form method=\"post\" action=\"/search\" id=\"search\">");
    con_csrf_field(r);
    text_input(r, "Claim number", "claim", q.claim_id, 38);
    text_input(r, "Control number", "pcn", q.pcn, 20);
    text_input(r, "Billing NPI", "npi", q.npi, 10);
    text_input(r, "Member ID", "member", q.member_id, 80);
    con_puts(&r->body, "<br>");
    text_input(r, "Service from (YYYY-MM-DD)", "from", q.dos_from, 10);
    text_input(r, "to", "to", q.dos_to, 10);
    con_puts(&r->body, "<label>Outcome <select name=\"outcome\"><option value=\"\">any</option>");
    const char *outs[] = {"pay", "deny", "pend", "forward", "reject", "void"};
    for (int i = 0; i < 6; i++)
        con_printf(&r->body, "<option%s>%s</option>",
                   q.outcome && strcmp(q.outcome, outs[i]) == 0 ? " selected" : "", outs[i]);
    con_puts(&r->body, "</select></label>");
    text_input(r, "CARC", "carc", q.carc, 5);
    con_puts(&r->body, "<button>Search</button></form>");
    if (!post) {
        con_puts(&r->body, "<p class=\"muted\">Give a claim number (any case), control number, "
                           "billing NPI or member ID; dates, outcome and CARC narrow it.</p>");
        con_page_end(r);
        return;
    }
    const char *bad = con_search_check(&q);
    if (bad) {
        con_printf(&r->body, "<p class=\"err\">%s</p>", bad);
        con_page_end(r);
        return;
    }
    AdjStoreFound *f = NULL;
    size_t n = 0;
    bool more = false;
    AdjError err = {0};
    if (adj_store_lookup(r->read, &q, &f, &n, &more, &err) != ADJ_OK) {
        con_puts(&r->body, "<p class=\"err\">The search failed: ");
        con_escs(&r->body, err.msg);
        con_puts(&r->body, "</p>");
        con_page_end(r);
        return;
    }
    con_printf(&r->body, "<h2>%zu claim%s%s</h2>", n, n == 1 ? "" : "s",
               more || q.offset ? " on this page" : "");
    con_puts(&r->body, "<table id=\"results\"><tr><th>Control number</th><th>Claim</th>"
                       "<th>Billing NPI</th><th>First service date</th><th>Lines in force</th></tr>");
    for (size_t i = 0; i < n; i++) {
        con_puts(&r->body, "<tr><td><a href=\"/claim/");
        con_escs(&r->body, f[i].pcn);
        con_puts(&r->body, "\">");
        con_escs(&r->body, f[i].pcn);
        con_puts(&r->body, "</a></td><td>");
        con_escs(&r->body, f[i].claim_id);
        con_puts(&r->body, "</td><td>");
        con_escs(&r->body, f[i].npi);
        con_puts(&r->body, "</td><td>");
        con_escs(&r->body, f[i].dos);
        con_puts(&r->body, "</td><td>");
        con_escs(&r->body, f[i].outcomes);
        con_puts(&r->body, "</td></tr>");
    }
    con_puts(&r->body, "</table>");
    /* paging re-posts the same fields (never in a URL) */
    int page = q.offset / PAGE_SIZE;
    for (int dir = -1; dir <= 1; dir += 2) {
        if ((dir < 0 && page == 0) || (dir > 0 && !more))
            continue;
        con_puts(&r->body, "<form class=\"inline\" method=\"post\" action=\"/search\">");
        con_csrf_field(r);
        con_search_hidden(r, &q);
        con_printf(&r->body, "<input type=\"hidden\" name=\"page\" value=\"%d\"><button>%s"
                             "</button></form> ", page + dir, dir < 0 ? "Previous" : "Next");
    }
    if (n > 0)
        rerun_filter_form(r, &q);
    free(f);
    con_page_end(r);
}
