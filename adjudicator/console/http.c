/* The console's HTTP server: libmicrohttpd with a pool of threads, each
 * with its own PostgreSQL connection; bounded requests (body size,
 * connection count, memory and time); security headers on every response;
 * sessions and CSRF checked before any page runs. */
#include <arpa/inet.h>
#include <errno.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "config/ruleset.h"
#include "console/console_int.h"
#include "crypto/password.h"

static const char csp[] = "default-src 'none'; script-src 'self'; style-src 'self'; "
                          "img-src 'self'; form-action 'self'; frame-ancestors 'none'; "
                          "base-uri 'none'";

static AdjRulesetSet rulesets;

const AdjRulesetSet *con_rulesets(void)
{
    return &rulesets;
}

/* Each pool thread's connections (the primary's, and the read one when
 * db.read_conninfo names another); all of them are closed at shutdown. */
static _Thread_local AdjStore *tls_store[2];
static AdjStore *all_stores[512];
static int nstores;
static pthread_mutex_t stores_lock = PTHREAD_MUTEX_INITIALIZER;

static AdjStore *thread_store(const AdjConsoleOptions *opt, int which)
{
    AdjStore **mine = &tls_store[which];
    if (*mine != NULL && adj_store_ok(*mine))
        return *mine;
    AdjError err = {0};
    AdjStore *s = NULL;
    if (adj_store_open(which ? opt->read_conninfo : opt->conninfo, &s, &err) != ADJ_OK) {
        if (opt->log)
            fprintf(opt->log, "console: database%s unavailable: %s\n",
                    which ? " (read connection)" : "", err.msg);
        return NULL;
    }
    pthread_mutex_lock(&stores_lock);
    for (int i = 0; i < nstores; i++)
        if (all_stores[i] == *mine)
            all_stores[i] = s; /* a broken one is replaced */
    if (*mine == NULL && nstores < (int)(sizeof(all_stores) / sizeof(all_stores[0])))
        all_stores[nstores++] = s;
    pthread_mutex_unlock(&stores_lock);
    adj_store_close(*mine);
    *mine = s;
    return s;
}

typedef struct Ctx {
    ConBuf body;
    bool too_big;
    struct timespec start;
} Ctx;

static void completed(void *cls, struct MHD_Connection *c, void **con_cls,
                      enum MHD_RequestTerminationCode toe)
{
    (void)cls, (void)c, (void)toe;
    Ctx *ctx = *con_cls;
    if (ctx != NULL) {
        free(ctx->body.p);
        free(ctx);
    }
    *con_cls = NULL;
}

static const char *query(void *conn, const char *name)
{
    return MHD_lookup_connection_value(conn, MHD_GET_ARGUMENT_KIND, name);
}

static void dispatch(ConReq *r)
{
    const char *p = r->path;
    bool get = strcmp(r->method, "GET") == 0, post = strcmp(r->method, "POST") == 0;
    if (!get && !post) {
        con_error_page(r, 405, "only GET and POST are served");
        return;
    }
    if (get && strcmp(p, "/static/app.js") == 0) {
        con_puts(&r->body, con_app_js);
        r->content_type = "text/javascript; charset=utf-8";
        return;
    }
    if (get && strcmp(p, "/static/app.css") == 0) {
        con_puts(&r->body, con_app_css);
        r->content_type = "text/css; charset=utf-8";
        return;
    }
    if (strcmp(p, "/favicon.ico") == 0) {
        con_error_page(r, 404, "no icon");
        return;
    }
    if (strcmp(p, "/login") == 0) {
        if (get)
            con_login_get(r);
        else
            con_login_post(r);
        return;
    }
    r->have_session = con_session_get(r->cookie_sid, &r->s);
    if (!r->have_session) {
        if (get)
            con_redirect(r, "/login");
        else
            con_error_page(r, 403, "not signed in");
        return;
    }
    if (post) {
        const char *t = con_form_get(r->form, "csrf");
        if (t == NULL || !adj_ct_equal(t, r->s.csrf)) {
            con_error_page(r, 403, "refused: the form's CSRF token is missing or wrong");
            return;
        }
    }
    if (post && strcmp(p, "/logout") == 0)
        con_logout(r);
    else if (strcmp(p, "/") == 0 || strcmp(p, "/search") == 0)
        con_search(r);
    else if (post && strcmp(p, "/search/rerun") == 0)
        con_rerun_filter(r);
    else if (get && strncmp(p, "/claim/", 7) == 0 && strchr(p + 7, '/') == NULL)
        con_claim(r, p + 7);
    else if (post && strncmp(p, "/claim/", 7) == 0 && strlen(p) > 13 &&
             strcmp(p + strlen(p) - 6, "/rerun") == 0) {
        char pcn[40];
        snprintf(pcn, sizeof(pcn), "%.*s", (int)(strlen(p) - 13), p + 7);
        con_rerun(r, pcn);
    } else if (get && strcmp(p, "/pend") == 0)
        con_pend(r);
    else if (post && strcmp(p, "/pend/decide") == 0)
        con_pend_decide(r);
    else if (strcmp(p, "/shadow") == 0)
        con_shadow(r);
    else
        con_error_page(r, 404, "no such page");
}

static enum MHD_Result respond(struct MHD_Connection *c, ConReq *r)
{
    struct MHD_Response *resp =
        MHD_create_response_from_buffer(r->body.len, r->body.p, MHD_RESPMEM_MUST_COPY);
    MHD_add_response_header(resp, "Content-Type",
                            r->content_type ? r->content_type : "text/html; charset=utf-8");
    MHD_add_response_header(resp, "Content-Security-Policy", csp);
    MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(resp, "X-Frame-Options", "DENY");
    MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
    MHD_add_response_header(resp, "Cache-Control", "no-store");
    if (r->tls)
        MHD_add_response_header(resp, "Strict-Transport-Security", "max-age=31536000");
    if (r->location[0])
        MHD_add_response_header(resp, "Location", r->location);
    for (int i = 0; i < 2; i++)
        if (r->set_cookie[i][0])
            MHD_add_response_header(resp, "Set-Cookie", r->set_cookie[i]);
    enum MHD_Result ret = MHD_queue_response(c, (unsigned)r->status, resp);
    MHD_destroy_response(resp);
    return ret;
}

static enum MHD_Result handle(void *cls, struct MHD_Connection *c, const char *url,
                              const char *method, const char *version, const char *upload,
                              size_t *upload_size, void **con_cls)
{
    (void)version;
    const AdjConsoleOptions *opt = cls;
    Ctx *ctx = *con_cls;
    if (ctx == NULL) {
        ctx = adj_xcalloc(1, sizeof(*ctx));
        clock_gettime(CLOCK_MONOTONIC, &ctx->start);
        *con_cls = ctx;
        return MHD_YES;
    }
    if (*upload_size > 0) {
        if (ctx->body.len + *upload_size > CON_BODY_MAX)
            ctx->too_big = true;
        else
            con_put(&ctx->body, upload, *upload_size);
        *upload_size = 0;
        return MHD_YES;
    }
    ConReq r;
    memset(&r, 0, sizeof(r));
    r.opt = opt;
    r.method = method;
    r.path = url;
    r.status = 200;
    r.query = query;
    r.conn = c;
    r.tls = opt->tls_cert != NULL;
    r.cookie_sid = MHD_lookup_connection_value(c, MHD_COOKIE_KIND, "sid");
    r.cookie_pre = MHD_lookup_connection_value(c, MHD_COOKIE_KIND, "pre");
    ConForm form;
    con_form_parse(&form, ctx->body.p ? ctx->body.p : "", ctx->body.len);
    r.form = &form;
    if (ctx->too_big)
        con_error_page(&r, 413, "request too large");
    else if ((r.store = thread_store(opt, 0)) == NULL ||
             (r.read = opt->read_conninfo ? thread_store(opt, 1) : r.store) == NULL)
        con_error_page(&r, 503, "the database is unavailable; try again shortly");
    else
        dispatch(&r);
    enum MHD_Result ret = respond(c, &r);
    if (opt->log) {
        struct timespec end;
        clock_gettime(CLOCK_MONOTONIC, &end);
        double ms = (double)(end.tv_sec - ctx->start.tv_sec) * 1e3 +
                    (double)(end.tv_nsec - ctx->start.tv_nsec) / 1e6;
        fprintf(opt->log, "console: %s %s %d %.1f ms%s%s\n", method, url, r.status, ms,
                r.have_session ? " user " : "", r.have_session ? r.s.login : "");
        fflush(opt->log);
    }
    free(r.body.p);
    con_form_free(&form);
    return ret;
}

static char *slurp(const char *path, AdjError *err)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        ADJ_FAIL(err, ADJ_ERR_USAGE, "%s: %s", path, strerror(errno));
        return NULL;
    }
    ConBuf b = {0};
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
        con_put(&b, chunk, n);
    fclose(f);
    if (b.p == NULL)
        con_puts(&b, "");
    return b.p;
}

AdjStatus adj_console_run(const AdjConsoleOptions *opt, AdjError *err)
{
    AdjStore *probe = NULL;
    AdjStatus st = adj_store_open(opt->conninfo, &probe, err);
    adj_store_close(probe);
    if (st == ADJ_OK && opt->read_conninfo != NULL) {
        probe = NULL;
        st = adj_store_open(opt->read_conninfo, &probe, err);
        adj_store_close(probe);
        if (st != ADJ_OK)
            adj_error_prefix(err, "db.read_conninfo: ");
    }
    if (st != ADJ_OK)
        return st;
    const char *rpath = opt->rulesets_path;
    if (adj_ruleset_set_load(&rpath, 1, &rulesets, err) != ADJ_OK) {
        adj_error_prefix(err, "ruleset: ");
        return ADJ_ERR_USAGE;
    }
    struct sockaddr_in sa;
    memset(&sa, 0, sizeof(sa));
    sa.sin_family = AF_INET;
    sa.sin_port = htons((uint16_t)opt->port);
    if (inet_pton(AF_INET, opt->address ? opt->address : "127.0.0.1", &sa.sin_addr) != 1) {
        adj_ruleset_set_free(&rulesets);
        return ADJ_FAIL(err, ADJ_ERR_USAGE, "'%s' is not an IPv4 address", opt->address);
    }
    char *cert = NULL, *key = NULL;
    if (opt->tls_cert != NULL) {
        cert = slurp(opt->tls_cert, err);
        key = cert ? slurp(opt->tls_key, err) : NULL;
        if (key == NULL) {
            free(cert);
            adj_ruleset_set_free(&rulesets);
            return ADJ_ERR_USAGE;
        }
    }
    con_sessions_init(opt->session_minutes);
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ERROR_LOG;
    if (cert)
        flags |= MHD_USE_TLS;
    struct MHD_OptionItem tls_opts[] = {
        {cert ? MHD_OPTION_HTTPS_MEM_CERT : MHD_OPTION_END, 0, cert},
        {cert ? MHD_OPTION_HTTPS_MEM_KEY : MHD_OPTION_END, 0, key},
        {MHD_OPTION_END, 0, NULL}};
    struct MHD_Daemon *d = MHD_start_daemon(
        flags, (uint16_t)opt->port, NULL, NULL, handle, (void *)opt,
        MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
        MHD_OPTION_THREAD_POOL_SIZE, (unsigned)(opt->threads > 0 ? opt->threads : 4),
        MHD_OPTION_CONNECTION_LIMIT, (unsigned)256,
        MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned)64,
        MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)15,
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(64 * 1024),
        MHD_OPTION_NOTIFY_COMPLETED, completed, NULL,
        MHD_OPTION_ARRAY, tls_opts,
        MHD_OPTION_END);
    if (d == NULL) {
        free(cert);
        free(key);
        adj_ruleset_set_free(&rulesets);
        return ADJ_FAIL(err, ADJ_ERR_USAGE, "cannot listen on %s:%d (in use, or TLS refused)",
                        opt->address ? opt->address : "127.0.0.1", opt->port);
    }
    if (opt->log) {
        fprintf(opt->log, "console: listening on %s://%s:%d/\n", cert ? "https" : "http",
                opt->address ? opt->address : "127.0.0.1", opt->port);
        fflush(opt->log);
    }
    while (opt->stop == NULL || !*opt->stop)
        usleep(100 * 1000);
    MHD_stop_daemon(d);
    pthread_mutex_lock(&stores_lock);
    for (int i = 0; i < nstores; i++)
        adj_store_close(all_stores[i]);
    nstores = 0;
    pthread_mutex_unlock(&stores_lock);
    con_sessions_free();
    adj_ruleset_set_free(&rulesets);
    free(cert);
    free(key);
    return ADJ_OK;
}
