/* A re-run's view of the engine's history calls: everything passes through
 * to the PostgreSQL-backed history; the claim's record call (its paid and
 * pending lines) is kept so that a changed claim can be recorded again.
 * Pure: no I/O. */
#include <stdio.h>
#include <string.h>

#include "rerun/rerun_int.h"

static void cap_month_lines(void *ctx, const char *person, AdjMonth month, AdjHistVisit fn,
                            void *arg)
{
    AdjRerunCapture *c = ctx;
    c->inner.month_lines(c->inner.ctx, person, month, fn, arg);
}

static bool cap_claim_find(void *ctx, const char *npi, const char *claim_id, const char *member)
{
    AdjRerunCapture *c = ctx;
    return c->inner.claim_find(c->inner.ctx, npi, claim_id, member);
}

/* a replacement's retract of its original stands as first recorded */
static AdjStatus cap_claim_retract(void *ctx, const char *npi, const char *claim_id,
                                   const char *member, AdjError *err)
{
    AdjRerunCapture *c = ctx;
    return c->inner.claim_retract(c->inner.ctx, npi, claim_id, member, err);
}

static AdjStatus cap_record(void *ctx, const char *person, const char *member, const char *npi,
                            const char *claim_id, const AdjHistLine *lines, int n, AdjError *err)
{
    AdjRerunCapture *c = ctx;
    c->recorded = true;
    snprintf(c->person, sizeof(c->person), "%s", person);
    snprintf(c->member, sizeof(c->member), "%s", member);
    snprintf(c->npi, sizeof(c->npi), "%s", npi);
    snprintf(c->claim_id, sizeof(c->claim_id), "%s", claim_id);
    c->n = n < ADJ_MAX_LINES ? n : ADJ_MAX_LINES;
    if (c->n > 0)
        memcpy(c->lines, lines, (size_t)c->n * sizeof(*lines));
    return c->inner.record(c->inner.ctx, person, member, npi, claim_id, lines, n, err);
}

static void cap_accum(void *ctx, const char *person, const char *member, uint64_t plan,
                      AdjDate year, AdjAccumState *out)
{
    AdjRerunCapture *c = ctx;
    if (c->inner.accum != NULL)
        c->inner.accum(c->inner.ctx, person, member, plan, year, out);
    else
        memset(out, 0, sizeof(*out));
}

static int cap_claim_counts(void *ctx, const char *npi, const char *claim_id,
                            const char *member)
{
    AdjRerunCapture *c = ctx;
    return c->inner.claim_counts != NULL
               ? c->inner.claim_counts(c->inner.ctx, npi, claim_id, member)
               : -1;
}

AdjHistory adj_rerun_capture_interface(AdjRerunCapture *c, AdjHistory inner)
{
    c->inner = inner;
    return (AdjHistory){c,         cap_month_lines, cap_claim_find,  cap_claim_retract,
                        cap_record, cap_accum,      cap_claim_counts};
}
