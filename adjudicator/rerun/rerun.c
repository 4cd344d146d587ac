/* The re-run loop; see rerun.h. Each batch holds at most one claim per
 * subscriber, so a claim is decided against history that already holds the
 * new decisions of that member's earlier claims in the run (committed, or in
 * the dry run's open transaction), exactly as a sequential re-run would;
 * the history view itself is pipeline/hist.c's adj_pipeline_hist_rerun_view.
 * A changed claim is recorded again in history (its new paid and pending
 * lines), so the claims after it see its decision in force. */
#include "rerun/rerun.h"
#include "rerun/rerun_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crypto/crypto.h"
#include "pipeline/decide.h"
#include "pipeline/hist.h"

typedef struct Run {
    const AdjRerunOptions *opt;
    AdjRerunResult *res;
    AdjStore *store;
    AdjPipelineEngine pe;
    AdjPipelineEngine base;       /* shadow run: the installed rulesets */
    AdjPipelineEngine *eng;       /* the engine of this pass */
    enum { PASS_REAL, PASS_BASE, PASS_CAND } pass;
    AdjDecision *saved_d;         /* shadow: the installed pass's decisions */
    size_t nsaved_d, cap_saved_d;
    size_t *saved_at;             /* per claim: first decision in saved_d */
    int *saved_n;
    size_t nsaved, cap_saved, nseen;
    char shas[4096];              /* "{sha,...}" of pe's rulesets */
    AdjStoreRerunFilter filter;   /* opt's, with the rulesets in force */
    char decided_by[160];         /* the database login (--user goes beside it) */
    int64_t ref_version;          /* the reference data decided with */
    int64_t total, done;
} Run;

/* Take up to limit claims of distinct members from todo[0..*n), in order;
 * the rest (a member already in the batch keeps its later claims back) stays
 * in todo, in order. */
static size_t next_batch(AdjStoreRerunPick *todo, size_t *n, size_t limit, int64_t *pks)
{
    size_t taken = 0, kept = 0;
    int64_t *groups = adj_xmalloc((limit ? limit : 1) * sizeof(*groups));
    for (size_t i = 0; i < *n; i++) {
        bool busy = taken == limit;
        for (size_t g = 0; g < taken && !busy; g++)
            busy = groups[g] == todo[i].group;
        if (busy) {
            todo[kept++] = todo[i];
            continue;
        }
        groups[taken] = todo[i].group;
        pks[taken++] = todo[i].claim_pk;
    }
    *n = kept;
    free(groups);
    return taken;
}

static const AdjStoreCurrent *find_current(const AdjStoreCurrent *cur, size_t ncur,
                                           int64_t pk, size_t *count)
{
    size_t lo = 0, hi = ncur;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (cur[mid].claim_pk < pk)
            lo = mid + 1;
        else
            hi = mid;
    }
    *count = 0;
    while (lo + *count < ncur && cur[lo + *count].claim_pk == pk)
        (*count)++;
    return *count ? &cur[lo] : NULL;
}

static bool is_base_loss(const AdjStoreCurrent *old, const AdjDecision *d)
{
    bool was = strcmp(old->outcome, "pay") == 0 || strcmp(old->outcome, "pend") == 0;
    bool now = d->outcome == ADJ_OUT_PAY || d->outcome == ADJ_OUT_PEND;
    return was && !now;
}

/* Compare one claim's new decisions with those in force; print, count. */
static bool compare_claim(Run *r, const AdjClaim *c, const char *pcn, const AdjDecision *out,
                          int n, const AdjStoreCurrent *old, size_t nold, int *nchanged)
{
    const AdjRerunOptions *opt = r->opt;
    AdjRerunResult *res = r->res;
    bool changed = (size_t)n != nold;
    int64_t lines_changed = 0;
    if (opt->per_line)
        fprintf(opt->out, "claim %s  billing NPI %s  payer claim control number %s\n",
                c->claim_id, c->billing_npi, pcn);
    for (int i = 0; i < n; i++) {
        const AdjStoreCurrent *o = (size_t)i < nold ? &old[i] : NULL;
        bool same = o != NULL && adj_rerun_same(&out[i], i + 1, o);
        char before[160] = "(no decision)", after[160];
        if (o != NULL)
            adj_rerun_describe_old(o, before, sizeof(before));
        adj_rerun_describe_new(&out[i], after, sizeof(after));
        if (!same) {
            changed = true;
            lines_changed++;
            if (o != NULL) {
                adj_rerun_tally(res, o, &out[i]);
                if (is_base_loss(o, &out[i]))
                    res->bases_denied++;
            }
        }
        if (opt->per_line) {
            if (same)
                fprintf(opt->out, "  line %d %s: %s (unchanged)\n", i + 1, out[i].code, after);
            else if (strcmp(before, after) == 0)
                fprintf(opt->out, "  line %d %s: %s (rules, reason or ruleset changed)\n",
                        i + 1, out[i].code, after);
            else
                fprintf(opt->out, "  line %d %s: %s -> %s\n", i + 1, out[i].code, before,
                        after);
            if (!same && o != NULL && is_base_loss(o, &out[i]))
                fprintf(opt->out, "    decisions that relied on this line: adjudicator show %s"
                                  " --npi %s; rerun --where depends-on=%s\n",
                        c->claim_id, c->billing_npi, c->claim_id);
        }
    }
    res->lines += n;
    res->lines_changed += lines_changed;
    *nchanged = (int)lines_changed;
    return changed;
}

/* What a shadow run compares: outcome, CARC/RARC and amounts (a new
 * ruleset hash, trace or wording alone is not a change). */
static bool same_material(const AdjDecision *a, const AdjDecision *b)
{
    if (a->outcome != b->outcome || strcmp(a->group, b->group) != 0 ||
        strcmp(a->carc, b->carc) != 0 || a->nrarc != b->nrarc ||
        a->has_amounts != b->has_amounts)
        return false;
    for (int i = 0; i < a->nrarc; i++)
        if (strcmp(a->rarc[i], b->rarc[i]) != 0)
            return false;
    return !a->has_amounts || (a->allowed == b->allowed && a->paid == b->paid &&
                               a->patient_resp == b->patient_resp);
}

/* The installed decision as the tally's "old" side. */
static void as_current(const AdjDecision *d, AdjStoreCurrent *c, char *rarc, size_t size)
{
    memset(c, 0, sizeof(*c));
    rarc[0] = '\0';
    for (int k = 0; k < d->nrarc; k++)
        snprintf(rarc + strlen(rarc), size - strlen(rarc), "%s%s", k ? "\n" : "", d->rarc[k]);
    c->outcome = adj_outcome_name(d->outcome);
    c->grp = d->group;
    c->carc = d->carc;
    c->rarc = rarc;
    c->has_amounts = d->has_amounts;
    c->allowed = d->allowed;
    c->paid = d->paid;
    c->patient_resp = d->patient_resp;
}

/* Shadow run, candidate pass: report one claim against the installed
 * rulesets' decisions of the first pass. */
static void report_shadow(Run *r, const AdjClaim *c, const char *pcn, const AdjDecision *bo,
                          int nb, const AdjDecision *co, int nc)
{
    const AdjRerunOptions *opt = r->opt;
    AdjRerunResult *res = r->res;
    int changed = 0;
    if (opt->per_line)
        fprintf(opt->out, "claim %s  billing NPI %s  payer claim control number %s\n",
                c->claim_id, c->billing_npi, pcn);
    for (int k = 0; k < nc; k++) {
        bool same = k < nb && same_material(&bo[k], &co[k]);
        char before[160] = "(no decision)", after[160], rarc[ADJ_MAX_RARC * 7];
        if (k < nb)
            adj_rerun_describe_new(&bo[k], before, sizeof(before));
        adj_rerun_describe_new(&co[k], after, sizeof(after));
        if (opt->per_line && same)
            fprintf(opt->out, "  line %d %s: %s (unchanged)\n", k + 1, co[k].code, after);
        else if (opt->per_line)
            fprintf(opt->out, "  line %d %s: %s -> %s\n", k + 1, co[k].code, before, after);
        if (!same && k < nb) {
            AdjStoreCurrent old;
            as_current(&bo[k], &old, rarc, sizeof(rarc));
            adj_rerun_tally(res, &old, &co[k]);
        }
        changed += !same;
    }
    res->claims++;
    res->lines += nc;
    res->lines_changed += changed;
    res->claims_changed += changed > 0;
}

/* Shadow run, installed pass: keep a claim's decisions for the candidate
 * pass (claims come in the same order in both). */
static void save_base(Run *r, const AdjDecision *out, int n)
{
    if (r->nsaved + 1 > r->cap_saved) {
        r->cap_saved = r->cap_saved ? r->cap_saved * 2 : 256;
        r->saved_n = adj_xrealloc(r->saved_n, r->cap_saved * sizeof(*r->saved_n));
        r->saved_at = adj_xrealloc(r->saved_at, r->cap_saved * sizeof(*r->saved_at));
    }
    if (r->nsaved_d + (size_t)n > r->cap_saved_d) {
        r->cap_saved_d = (r->cap_saved_d + (size_t)n) * 2;
        r->saved_d = adj_xrealloc(r->saved_d, r->cap_saved_d * sizeof(*r->saved_d));
    }
    memcpy(r->saved_d + r->nsaved_d, out, (size_t)n * sizeof(*out));
    r->saved_at[r->nsaved] = r->nsaved_d;
    r->saved_n[r->nsaved++] = n;
    r->nsaved_d += (size_t)n;
}

static AdjStatus store_rulesets(Run *r, AdjError *err)
{
    AdjStatus st = ADJ_OK;
    for (int i = 0; st == ADJ_OK && i < r->pe.rules.n; i++)
        st = adj_store_ruleset_put(r->store, r->pe.rules.sets[i]->sha256, r->pe.rules.sets[i]->id,
                                   r->pe.bodies[i], r->pe.body_lens[i], err);
    for (int i = 0; st == ADJ_OK && i < r->base.rules.n; i++)
        st = adj_store_ruleset_put(r->store, r->base.rules.sets[i]->sha256,
                                   r->base.rules.sets[i]->id, r->base.bodies[i],
                                   r->base.body_lens[i], err);
    if (st == ADJ_OK) /* the report's code families before the decisions counted by them */
        st = adj_store_report_families_put(r->store, &r->pe.rules, err);
    return st;
}

/* Decide one batch and queue what changed on w; changed[] per claim. */
static AdjStatus decide_batch(Run *r, const int64_t *pks, size_t n, AdjStoreWrite *w,
                              AdjStoreRerunMark *marks, AdjError *err)
{
    AdjStoreBatch b;
    AdjStatus st = adj_store_batch_load(r->store, pks, n, &b, err);
    AdjArena arena;
    adj_arena_init(&arena, 1 << 16);
    AdjStoreCurrent *cur = NULL;
    size_t ncur = 0;
    if (st == ADJ_OK)
        st = adj_store_rerun_current(r->store, b.claim_pks, b.n, &arena, &cur, &ncur, err);
    AdjPipelineHist *h = adj_pipeline_hist_new();
    if (st == ADJ_OK) {
        const char **members = adj_xmalloc((b.n ? b.n : 1) * sizeof(*members));
        for (size_t i = 0; i < b.n; i++)
            members[i] = b.claims[i].member_id;
        adj_pipeline_hist_rerun_view(h, b.claim_pks, members, b.n);
        st = adj_pipeline_hist_load(h, r->store, members, b.n, err);
        free(members);
    }
    AdjRerunCapture *cap = adj_xcalloc(1, sizeof(*cap));
    AdjHistory iface = adj_rerun_capture_interface(cap, adj_pipeline_hist_interface(h));
    AdjDecision out[ADJ_MAX_LINES];
    for (size_t i = 0; i < b.n && st == ADJ_OK; i++) {
        int nout = 0;
        /* no writer: events are written below, only for a claim written */
        adj_pipeline_hist_current(h, NULL, b.claim_pks[i], b.pcn[i]);
        cap->recorded = false;
        st = adj_engine_decide(&r->eng->engine, &b.claims[i], &iface, out, &nout, err);
        if (st != ADJ_OK) {
            adj_error_prefix(err, "claim pcn %s: ", b.pcn[i]);
            break;
        }
        size_t nold = 0;
        const AdjStoreCurrent *old = find_current(cur, ncur, b.claim_pks[i], &nold);
        /* batch_load sorts by claim_pk: marks[] follows b.claim_pks */
        AdjStoreRerunMark *m = &marks[i];
        m->claim_pk = b.claim_pks[i];
        m->lines = nout;
        if (r->pass == PASS_REAL) {
            m->changed = compare_claim(r, &b.claims[i], b.pcn[i], out, nout, old, nold,
                                       &m->lines_changed);
            r->res->claims++;
            if (m->changed)
                r->res->claims_changed++;
        } else {
            /* written (into the rolled-back transaction) as a real run with
             * this engine would, so later claims see it; counted apart */
            m->changed = (size_t)nout != nold;
            for (int k = 0; k < nout && !m->changed; k++)
                m->changed = !adj_rerun_same(&out[k], k + 1, &old[k]);
            if (r->pass == PASS_BASE)
                save_base(r, out, nout);
            else if (r->nseen < r->nsaved)
                report_shadow(r, &b.claims[i], b.pcn[i], r->saved_d + r->saved_at[r->nseen],
                              r->saved_n[r->nseen], out, nout);
            r->nseen++;
        }
        if (!m->changed && !r->opt->record_unchanged)
            continue;
        m->written = nout;
        st = adj_store_write_add(w, b.claim_pks[i], b.person_keys[i], b.person_key_lens[i],
                                 out, nout, err);
        if (st == ADJ_OK && cap->recorded)
            adj_store_write_event(w, b.claim_pks[i], b.pcn[i], false, cap->person, cap->member,
                                  cap->npi, cap->claim_id, cap->lines, cap->n);
    }
    free(cap);
    adj_pipeline_hist_free(h);
    free(cur);
    adj_arena_free(&arena);
    adj_store_batch_free(&b);
    return st;
}

static int cmp_pk(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return x < y ? -1 : x > y;
}

/* One batch: its own transaction (a real run) or a part of the dry run's. */
static AdjStatus one_batch(Run *r, int64_t *pks, size_t n, AdjError *err)
{
    const AdjRerunOptions *opt = r->opt;
    qsort(pks, n, sizeof(*pks), cmp_pk);
    AdjStoreRerunMark *marks = adj_xcalloc(n, sizeof(*marks));
    AdjStoreWrite *w = adj_store_write_new(r->decided_by, opt->reason);
    adj_store_write_who(w, opt->user, r->ref_version);
    if (!opt->dry_run && opt->sign_key != NULL)
        adj_store_write_sign_with(w, opt->sign_key);
    AdjStatus st = ADJ_OK;
    if (!opt->dry_run) {
        st = adj_store_begin(r->store, err);
        if (st == ADJ_OK)
            st = adj_store_rerun_lock(r->store, pks, n, err);
        if (st == ADJ_OK)
            st = store_rulesets(r, err);
    }
    if (st == ADJ_OK)
        st = decide_batch(r, pks, n, w, marks, err);
    AdjStoreWriteResult wr = {0};
    if (st == ADJ_OK)
        st = adj_store_write_flush(r->store, w, opt->dry_run ? NULL : opt->key, opt->key_len, &wr,
                                   err);
    if (st == ADJ_OK && !opt->dry_run)
        st = adj_store_rerun_mark(r->store, r->res->run_id, marks, n, err);
    if (st == ADJ_OK && !opt->dry_run)
        st = adj_store_commit(r->store, err);
    if (st == ADJ_OK && !opt->dry_run)
        r->res->written += wr.decisions;
    if (st != ADJ_OK && !opt->dry_run)
        adj_store_rollback(r->store);
    adj_store_write_free(w);
    free(marks);
    return st;
}

static AdjStatus prepare_engine(Run *r, AdjError *err)
{
    AdjStatus st = adj_pipeline_engine_init(&r->pe, r->opt->rulesets_path, err);
    if (st != ADJ_OK) {
        adj_error_prefix(err, "ruleset: ");
        return ADJ_ERR_USAGE;
    }
    AdjRefdata *ref = NULL;
    st = adj_store_refdata_version(r->store, &r->ref_version, err);
    if (st == ADJ_OK)
        st = adj_store_refdata_read(r->store, &ref, err);
    if (st != ADJ_OK)
        return st;
    r->pe.ref = ref;
    adj_engine_init(&r->pe.engine, &r->pe.rules, r->pe.ref);
    return ADJ_OK;
}

/* --ruleset: are its rulesets the installed ones (same SHA-256s)? Not
 * installed: a dry run is a shadow run against the installed rulesets; a
 * real run needs allow_uninstalled. The candidate's text is stored under
 * its SHA-256 either way (its own statement: kept even by a dry run). */
static AdjStatus check_candidate(Run *r, AdjError *err)
{
    const AdjRerunOptions *opt = r->opt;
    AdjRerunResult *res = r->res;
    res->ruleset_installed = -1;
    if (opt->ruleset_arg == NULL || opt->installed_path == NULL)
        return ADJ_OK;
    AdjStatus st = adj_pipeline_engine_init(&r->base, opt->installed_path, err);
    if (st != ADJ_OK) {
        adj_error_prefix(err, "installed rulesets: ");
        return ADJ_ERR_USAGE;
    }
    bool installed = true;
    int nnew = 0;
    size_t at = 0;
    r->shas[at++] = '{';
    for (int i = 0; i < r->pe.rules.n; i++) {
        const AdjRuleset *rs = r->pe.rules.sets[i];
        bool found = false;
        for (int k = 0; k < r->base.rules.n; k++)
            found |= strcmp(r->base.rules.sets[k]->sha256, rs->sha256) == 0;
        installed &= found;
        if (at + 70 < sizeof(r->shas))
            at += (size_t)snprintf(r->shas + at, sizeof(r->shas) - at, "%s%s", i ? "," : "",
                                   rs->sha256);
        /* the rulesets that are new are the candidate people want named */
        if (!found && nnew < 2)
            snprintf(res->candidate[nnew++], sizeof(res->candidate[0]), "%s sha256 %s", rs->id,
                     rs->sha256);
    }
    if (nnew == 0 && r->pe.rules.n > 0)
        snprintf(res->candidate[0], sizeof(res->candidate[0]), "%s sha256 %s",
                 r->pe.rules.sets[0]->id, r->pe.rules.sets[0]->sha256);
    snprintf(r->shas + at, sizeof(r->shas) - at, "}");
    res->ruleset_installed = installed;
    if (!installed && !opt->dry_run && !opt->allow_uninstalled)
        return ADJ_FAIL(err, ADJ_ERR_USAGE,
                        "ruleset %s is not installed (its SHA-256 is not among the rulesets of "
                        "%s): try it with --dry-run (a shadow run), or give "
                        "--allow-uninstalled-ruleset to decide real claims with it",
                        opt->ruleset_arg, opt->installed_path);
    res->shadow = !installed && opt->dry_run;
    if (res->shadow) {
        r->base.ref = r->pe.ref; /* the same reference data for both */
        adj_engine_init(&r->base.engine, &r->base.rules, r->base.ref);
    }
    return store_rulesets(r, err);
}

static void run_key(const AdjRerunOptions *opt, char out[ADJ_SHA256_HEX])
{
    AdjSha256 *s = adj_sha256_new();
    const char *parts[] = {opt->filter_text, opt->reason, opt->user,
                           opt->ruleset_arg ? opt->ruleset_arg : "",
                           opt->record_unchanged ? "record-unchanged" : ""};
    for (size_t i = 0; i < sizeof(parts) / sizeof(parts[0]); i++)
        adj_sha256_update(s, parts[i], strlen(parts[i]) + 1); /* with the NUL: unambiguous */
    uint8_t d[ADJ_SHA256_LEN];
    adj_sha256_final(s, d);
    adj_hex(d, sizeof(d), out);
}

/* Claim IDs given that select nothing, or only claims a later replacement
 * or void superseded: named, never silently skipped. */
static AdjStatus find_missing(Run *r, AdjError *err)
{
    const AdjStoreRerunFilter *f = &r->filter;
    AdjStatus st = ADJ_OK;
    for (size_t i = 0; i < f->nclaim_ids && st == ADJ_OK; i++) {
        AdjStoreRerunFilter one = *f;
        one.claim_ids = &f->claim_ids[i];
        one.nclaim_ids = 1;
        AdjStoreRerunPick *p = NULL;
        size_t n = 0;
        st = adj_store_rerun_select(r->store, &one, &p, &n, err);
        size_t current = 0;
        for (size_t k = 0; k < n; k++)
            current += !p[k].superseded;
        AdjRerunResult *res = r->res;
        if (st == ADJ_OK && n == 0) {
            if (res->nmissing < sizeof(res->missing) / sizeof(res->missing[0]))
                res->missing[res->nmissing] = f->claim_ids[i];
            res->nmissing++;
        } else if (st == ADJ_OK && current == 0) {
            if (res->nrefused < sizeof(res->refused) / sizeof(res->refused[0])) {
                res->refused[res->nrefused].claim_id = f->claim_ids[i];
                res->refused[res->nrefused].pick = p[0];
            }
            res->nrefused++;
        }
        free(p);
    }
    return st;
}

/* A superseded claim is never re-run: its replacement's (or void's)
 * decisions stand, and re-deciding it would put a claim the provider
 * withdrew back into history. Keeps the others, in order. */
static size_t drop_superseded(AdjStoreRerunPick *picks, size_t n, int64_t *dropped)
{
    size_t kept = 0;
    for (size_t i = 0; i < n; i++) {
        if (picks[i].superseded)
            (*dropped)++;
        else
            picks[kept++] = picks[i];
    }
    return kept;
}

static AdjStatus loop(Run *r, AdjStoreRerunPick *todo, size_t ntodo, AdjError *err)
{
    const AdjRerunOptions *opt = r->opt;
    size_t limit = opt->batch_size > 0 ? (size_t)opt->batch_size : 100;
    int64_t *pks = adj_xmalloc(limit * sizeof(*pks));
    AdjStatus st = ADJ_OK;
    r->total = r->res->selected;
    r->done = r->res->done_before;
    adj_rerun_progress(opt->progress, opt->progress_tty, r->done, r->total, false);
    while (ntodo > 0 && st == ADJ_OK) {
        if (opt->stop != NULL && *opt->stop) {
            r->res->interrupted = true;
            break;
        }
        size_t n = next_batch(todo, &ntodo, limit, pks);
        st = one_batch(r, pks, n, err);
        if (st == ADJ_OK) {
            r->done += (int64_t)n;
            adj_rerun_progress(opt->progress, opt->progress_tty, r->done, r->total, false);
        }
    }
    if (st == ADJ_OK && ntodo > 0)
        r->res->interrupted = true;
    adj_rerun_progress(opt->progress, opt->progress_tty, r->done, r->total, true);
    free(pks);
    return st;
}

static AdjStatus finish(Run *r, const AdjStoreRerunRun *rr, AdjStatus st, AdjError *err)
{
    AdjRerunResult *res = r->res;
    AdjStoreRerunCounts c = {.selected = res->selected,
                             .done = res->done_before + res->claims,
                             .changed = res->claims_changed,
                             .lines = res->lines,
                             .lines_changed = res->lines_changed,
                             .written = res->written};
    const char *state = st != ADJ_OK ? "failed" : res->interrupted ? "interrupted" : "done";
    AdjError e2 = {0};
    AdjStatus st2 = adj_store_rerun_finish(r->store, r->opt->dry_run ? 0 : res->run_id, rr,
                                           state, &c, &res->run_id, &e2);
    if (st == ADJ_OK && st2 != ADJ_OK) {
        *err = e2;
        return st2;
    }
    return st;
}

AdjStatus adj_rerun_run(const AdjRerunOptions *opt, AdjRerunResult *res, AdjError *err)
{
    memset(res, 0, sizeof(*res));
    res->ruleset_installed = -1;
    Run r = {.opt = opt, .res = res};
    AdjStatus st = adj_store_open(opt->conninfo, &r.store, err);
    if (st != ADJ_OK)
        return st;
    /* decided_by is the database login, never --user (recorded beside it) */
    st = adj_store_session_user(r.store, r.decided_by, sizeof(r.decided_by), err);
    if (st != ADJ_OK) {
        adj_store_close(r.store);
        return st;
    }
    /* re-runs run under the staff role, whoever connects */
    st = adj_store_set_role(r.store, "adj_staff", err);
    if (st != ADJ_OK) {
        adj_error_prefix(err, "re-runs need the adj_staff role: ");
        st = st == ADJ_ERR_DB ? st : ADJ_ERR_USAGE;
    }
    if (st == ADJ_OK)
        st = prepare_engine(&r, err);
    if (st == ADJ_OK)
        st = check_candidate(&r, err);
    /* depends-on counts add-ons and cap denials as the rulesets in force say */
    r.filter = opt->filter;
    r.filter.rules = &r.pe.rules;
    AdjStoreRerunPick *picks = NULL, *todo = NULL;
    size_t npicks = 0, ntodo = 0;
    if (st == ADJ_OK && opt->filter.claim_ids != NULL)
        st = find_missing(&r, err);
    if (st == ADJ_OK)
        st = adj_store_rerun_select(r.store, &r.filter, &picks, &npicks, err);
    if (st == ADJ_OK)
        npicks = drop_superseded(picks, npicks, &res->superseded);
    char key[ADJ_SHA256_HEX];
    run_key(opt, key);
    AdjStoreRerunRun rr = {.run_key = key,
                           .dry_run = opt->dry_run,
                           .user = opt->user,
                           .reason = opt->reason,
                           .filter = opt->filter_text,
                           .ruleset = opt->ruleset_arg,
                           .ruleset_sha256s = res->ruleset_installed >= 0 ? r.shas : NULL,
                           .ruleset_installed = res->ruleset_installed,
                           .shadow = res->shadow};
    bool opened = false;
    if (st == ADJ_OK && opt->dry_run) {
        res->selected = (int64_t)npicks;
        todo = picks;
        ntodo = npicks;
        picks = NULL;
        /* one transaction, rolled back: later claims see earlier ones' new
         * decisions as the real run would, and nothing stays */
        st = adj_store_begin(r.store, err);
        if (st == ADJ_OK)
            st = store_rulesets(&r, err);
    } else if (st == ADJ_OK) {
        st = adj_store_rerun_open(r.store, &rr, picks, npicks, &res->run_id, &res->resumed,
                                  &todo, &ntodo, &res->done_before, err);
        if (st == ADJ_OK) {
            opened = true;
            res->selected = res->done_before + (int64_t)ntodo;
        }
    }
    r.eng = &r.pe;
    if (st == ADJ_OK && res->shadow) {
        /* first the installed rulesets over the same claims, in a
         * transaction of their own, rolled back; then the candidate */
        AdjStoreRerunPick *copy = adj_xmalloc((ntodo ? ntodo : 1) * sizeof(*copy));
        memcpy(copy, todo, ntodo * sizeof(*copy));
        r.pass = PASS_BASE;
        r.eng = &r.base;
        st = loop(&r, copy, ntodo, err);
        free(copy);
        adj_store_rollback(r.store);
        r.pass = PASS_CAND;
        r.eng = &r.pe;
        r.nseen = 0;
        if (st == ADJ_OK)
            st = adj_store_begin(r.store, err);
        if (st == ADJ_OK)
            st = store_rulesets(&r, err);
    }
    if (st == ADJ_OK)
        st = loop(&r, todo, ntodo, err);
    if (opt->dry_run)
        adj_store_rollback(r.store);
    free(r.saved_d);
    free(r.saved_at);
    free(r.saved_n);
    if (opened || (opt->dry_run && st == ADJ_OK))
        st = finish(&r, &rr, st, err);
    free(picks);
    free(todo);
    if (r.base.ref == r.pe.ref)
        r.base.ref = NULL; /* shared with pe */
    adj_pipeline_engine_free(&r.base);
    adj_pipeline_engine_free(&r.pe);
    adj_store_close(r.store);
    return st;
}

void adj_rerun_result_free(AdjRerunResult *res)
{
    if (res == NULL)
        return;
    free(res->tally);
    memset(res, 0, sizeof(*res));
}
