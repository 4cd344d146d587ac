/* Internals of the console module: buffers and escaping, form fields,
 * sessions, the request a page handler sees and the pages. */
#ifndef ADJ_CONSOLE_CONSOLE_INT_H
#define ADJ_CONSOLE_CONSOLE_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "console/console.h"
#include "store/store.h"

#define CON_BODY_MAX 16384     /* a POST body larger than this is refused (413) */
#define CON_FIELDS_MAX 32

/* A growable byte buffer (buf.c). */
typedef struct ConBuf {
    char *p;
    size_t len, cap;
} ConBuf;
void con_put(ConBuf *b, const char *s, size_t n);
void con_puts(ConBuf *b, const char *s);
void con_printf(ConBuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* HTML-escaped text: & < > " ' and every byte that is not printable ASCII
 * or valid UTF-8 as a character reference or \xNN, so no input can open a
 * tag, an attribute or a script. */
void con_esc(ConBuf *b, const char *s, size_t n);
void con_escs(ConBuf *b, const char *s);

/* application/x-www-form-urlencoded fields (buf.c). */
typedef struct ConForm {
    int n;
    char *name[CON_FIELDS_MAX];
    char *value[CON_FIELDS_MAX];
    char *store;               /* owns the strings */
} ConForm;
void con_form_parse(ConForm *f, const char *body, size_t len);
const char *con_form_get(const ConForm *f, const char *name); /* NULL when absent */
void con_form_free(ConForm *f);

/* Sessions (session.c): in memory, by random token; each has its CSRF
 * token. Thread-safe. */
typedef struct ConSession {
    char token[65];
    char csrf[65];
    char login[64];
    char role[16];
} ConSession;
void con_sessions_init(int idle_minutes);
void con_sessions_free(void);
/* New session for login; false when randomness fails. */
bool con_session_new(const char *login, const char *role, ConSession *out);
/* The live session of token (its idle time restarts); false when none. */
bool con_session_get(const char *token, ConSession *out);
void con_session_end(const char *token);

typedef enum ConRole { CON_VIEWER = 0, CON_ANALYST = 1, CON_SUPERVISOR = 2 } ConRole;
ConRole con_role(const char *name);

/* What a page handler gets and gives (http.c dispatches). */
typedef struct ConReq {
    const AdjConsoleOptions *opt;
    AdjStore *store;            /* this thread's connection (the primary: writes) */
    AdjStore *read;             /* its read connection (db.read_conninfo), else store */
    const char *method, *path;
    const ConForm *form;        /* POST fields (empty for GET) */
    const char *(*query)(void *conn, const char *name);
    void *conn;
    const char *cookie_sid, *cookie_pre;
    bool have_session;
    ConSession s;
    bool tls;
    /* the response */
    int status;
    ConBuf body;
    const char *content_type;
    char location[256];         /* redirect target (status 303) */
    char set_cookie[2][256];
} ConReq;

/* Pages (pages.c, claim.c, work.c). */
void con_page_begin(ConReq *r, const char *title);
void con_page_end(ConReq *r);
void con_csrf_field(ConReq *r);
void con_error_page(ConReq *r, int status, const char *msg);
void con_redirect(ConReq *r, const char *to);
void con_login_get(ConReq *r);
void con_login_post(ConReq *r);
void con_logout(ConReq *r);
void con_search(ConReq *r);
/* the search's fields of a POST, their check (NULL: fine, else the
 * message) and as hidden inputs of another form (pages.c) */
void con_search_fields(ConReq *r, AdjStoreLookup *q);
const char *con_search_check(const AdjStoreLookup *q);
void con_search_hidden(ConReq *r, const AdjStoreLookup *q);
void con_claim(ConReq *r, const char *pcn);
/* Re-runs (rerun.c): of one claim, and of every claim a search matches (at
 * most CON_RERUN_MAX, supervisors only): a dry run's diff, then a commit
 * with the reason. */
#define CON_RERUN_MAX 200
void con_rerun(ConReq *r, const char *pcn);
void con_rerun_filter(ConReq *r);
/* keep a re-run's table, summary and changed lines (work.c) */
void con_changed_only(ConBuf *dst, const char *text);
void con_pend(ConReq *r);
void con_pend_decide(ConReq *r);
void con_shadow(ConReq *r);

/* The installed rulesets, loaded once at start (http.c): read-only, shared
 * by every thread (dependents' add-on and cap rules). */
struct AdjRulesetSet;
const struct AdjRulesetSet *con_rulesets(void);

/* The static script and style sheet (assets.c). */
extern const char con_app_js[];
extern const char con_app_css[];

#endif
