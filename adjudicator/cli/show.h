/* `show`'s output (cli/show_text.c for people, cli/show_json.c for
 * programs), rendered from the data store/show_view.h returns; also the
 * dependents `pend decide` prints. Claim fields are written byte for byte
 * (they may hold any byte but NUL), except that in the claims' text
 * control bytes are escaped (\xNN) when writing to a terminal (tty). */
#ifndef ADJ_CLI_SHOW_H
#define ADJ_CLI_SHOW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "store/show_view.h"

/* Each claim with every decision version (newest first) and its lines and
 * trace, a blank line between claims. */
void adj_show_text_claims(FILE *out, const AdjShowClaim *c, size_t n, bool tty);
/* "N persons with claims under this member ID:", one line each (nothing
 * when n is 0). */
void adj_show_text_persons(FILE *out, const AdjShowPerson *p, size_t n, bool tty);
/* The acknowledgements of one claim key, under a heading (nothing when n
 * is 0). */
void adj_show_text_acks(FILE *out, const AdjShowAck *a, size_t n, bool tty);
/* The dependents of one claim key; heading: the first key with any, so the
 * heading (how to re-run them) comes before them. */
void adj_show_text_deps(FILE *out, const AdjShowDep *d, size_t n, bool heading, bool tty);

/* "claims":[...] (a member of the caller's object). */
void adj_show_json_claims(FILE *out, const AdjShowClaim *c, size_t n);
/* [...] of the persons. */
void adj_show_json_persons(FILE *out, const AdjShowPerson *p, size_t n);
/* The dependents as elements of the caller's array; first: no elements
 * were written before (else each starts with a comma). */
void adj_show_json_deps(FILE *out, const AdjShowDep *d, size_t n, bool first);

#endif
