/* adjudicator console: the provider-relations web console (issue 17). An
 * HTTP server (libmicrohttpd) on 127.0.0.1 by default, HTTPS with a
 * configured certificate, server-rendered HTML with one small script file,
 * no external assets. Staff sign in with accounts in PostgreSQL; every page
 * escapes every value; every POST carries its session's CSRF token; every
 * claim page view is in the access log. No SQL here: store/ does that. */
#ifndef ADJ_CONSOLE_CONSOLE_H
#define ADJ_CONSOLE_CONSOLE_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "core/status.h"

typedef struct AdjConsoleOptions {
    const char *conninfo;        /* the primary: access log, re-runs, pends, sign-in */
    const char *read_conninfo;   /* claim pages and search (a standby), or NULL: conninfo */
    const char *address;         /* IPv4 address to bind, "127.0.0.1" by default */
    int port;
    const char *tls_cert, *tls_key; /* PEM files: HTTPS (Secure cookies) */
    const char *rulesets_path;   /* the installed rulesets */
    const struct AdjSignKey *sign_key; /* Ed25519 checkpoint key (re-runs, pend decisions) */
    const uint8_t *key;          /* checkpoint HMAC key, or NULL */
    size_t key_len;
    int threads;                 /* worker threads, each with its own connection */
    int session_minutes;         /* idle session lifetime */
    volatile sig_atomic_t *stop; /* set by SIGTERM/SIGINT */
    FILE *log;                   /* one line per request (no PHI), or NULL */
} AdjConsoleOptions;

/* Serve until *stop. ADJ_ERR_USAGE when the address cannot be bound or the
 * certificate read; ADJ_ERR_DB when the database cannot be reached first. */
AdjStatus adj_console_run(const AdjConsoleOptions *opt, AdjError *err);

#endif
