/* Episode edit (docs/adjudication.md): an initial-month code (99492) only in an
 * episode's first month. An episode, per member and billing provider, ends
 * after the ruleset's gap (6) of months without CoCM; a CoCM service from
 * the same billing provider in any of those months means the episode is
 * still open: CO-119/N362, once per episode. Pure. */
#include <stdio.h>
#include <string.h>

#include "edits/edit.h"

typedef struct Episode {
    const AdjEditIn *in;
    bool found;
    char claim[ADJ_CLAIM_ID_MAX + 1];
    AdjDate dos;
} Episode;

static bool visit(void *arg, const AdjHistLine *h)
{
    Episode *e = arg;
    if (strcmp(h->billing_npi, e->in->claim->billing_npi) == 0 &&
        adj_ruleset_has(e->in->rs, ADJ_CODES_EPISODE, h->code)) {
        e->found = true;
        e->dos = h->dos;
        adj_edit_copy(e->claim, sizeof(e->claim), h->claim_id);
        return false;
    }
    return true;
}

bool adj_edit_episode(const AdjEditIn *in, AdjEditOut *out)
{
    if (!adj_code_is(in->ci, ADJ_CODES_INITIAL))
        return adj_edit_pass(out, NULL);
    Episode e = {.in = in};
    for (int k = 1; k <= in->rs->episode_gap_months && !e.found; k++)
        adj_hist_each(in->hist, adj_month_add(in->month, -k), visit, &e);
    if (e.found) {
        char d[11];
        adj_date_format_iso(e.dos, d, sizeof(d));
        adj_edit_copy(out->matched_claim, sizeof(out->matched_claim), e.claim);
        return adj_edit_fail(out, ADJ_EDIT_EPISODE_REPEAT, "edit.episode.repeat_initial",
                             "%s is for an episode's first month, but this episode is open "
                             "(CoCM on claim %s, %s); bill the subsequent-month code",
                             in->line->code, e.claim, d);
    }
    return adj_edit_pass(out, "edit.episode.initial_ok");
}
