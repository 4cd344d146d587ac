/* The engine as the worker's decider; see decide.h. */
#include "pipeline/decide.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config/ruleset.h"
#include "crypto/crypto.h"
#include "pipeline/hist.h"

static void free_rules(AdjRulesetSet *rules, char **bodies, size_t *lens)
{
    if (bodies != NULL)
        for (int i = 0; i < rules->n; i++)
            free(bodies[i]);
    free(bodies);
    free(lens);
    adj_ruleset_set_free(rules);
}

/* The rulesets and the exact text behind each SHA-256. */
static AdjStatus load_rules(const char *path, AdjRulesetSet *rules, char ***bodies_out,
                            size_t **lens_out, AdjError *err)
{
    memset(rules, 0, sizeof(*rules));
    AdjStatus st = adj_ruleset_set_load(&path, 1, rules, err);
    if (st != ADJ_OK)
        return st;
    char **bodies = adj_xcalloc((size_t)(rules->n ? rules->n : 1), sizeof(*bodies));
    size_t *lens = adj_xcalloc((size_t)(rules->n ? rules->n : 1), sizeof(*lens));
    for (int i = 0; i < rules->n && st == ADJ_OK; i++) {
        const AdjRuleset *rs = rules->sets[i];
        FILE *f = fopen(rs->path, "rb");
        if (f == NULL) {
            st = ADJ_FAIL(err, ADJ_ERR_IO, "%s: %s", rs->path, strerror(errno));
            break;
        }
        size_t cap = 1 << 16, len = 0, r;
        char *buf = adj_xmalloc(cap);
        while ((r = fread(buf + len, 1, cap - len, f)) > 0)
            if ((len += r) == cap)
                buf = adj_xrealloc(buf, cap *= 2);
        fclose(f);
        char sha[ADJ_SHA256_HEX];
        adj_sha256_hex(buf, len, sha);
        bodies[i] = buf;
        lens[i] = len;
        if (strcmp(sha, rs->sha256) != 0)
            st = ADJ_FAIL(err, ADJ_ERR_USAGE, "%s: changed while being loaded", rs->path);
    }
    if (st != ADJ_OK) {
        free_rules(rules, bodies, lens);
        return st;
    }
    *bodies_out = bodies;
    *lens_out = lens;
    return ADJ_OK;
}

AdjStatus adj_pipeline_engine_init(AdjPipelineEngine *p, const char *rulesets_path,
                                   AdjError *err)
{
    memset(p, 0, sizeof(*p));
    snprintf(p->rulesets_path, sizeof(p->rulesets_path), "%s", rulesets_path);
    p->ref_version = -1;
    return load_rules(rulesets_path, &p->rules, &p->bodies, &p->body_lens, err);
}

void adj_pipeline_engine_free(AdjPipelineEngine *p)
{
    free_rules(&p->rules, p->bodies, p->body_lens);
    adj_refdata_free(p->ref);
    memset(p, 0, sizeof(*p));
}

AdjStatus adj_pipeline_engine_reload(AdjPipelineEngine *p, const char *rulesets_path,
                                     AdjError *err)
{
    p->ref_version = -1;
    AdjRulesetSet rules;
    char **bodies = NULL;
    size_t *lens = NULL;
    AdjStatus st = load_rules(rulesets_path, &rules, &bodies, &lens, err);
    if (st != ADJ_OK)
        return st; /* the old rulesets stay in force */
    free_rules(&p->rules, p->bodies, p->body_lens);
    p->rules = rules;
    p->bodies = bodies;
    p->body_lens = lens;
    snprintf(p->rulesets_path, sizeof(p->rulesets_path), "%s", rulesets_path);
    if (p->ref != NULL) {
        adj_engine_init(&p->engine, &p->rules, p->ref);
        p->engine.payer_id = p->payer_id[0] ? p->payer_id : NULL;
    }
    return ADJ_OK;
}

static AdjStatus ensure_refdata(AdjPipelineEngine *p, AdjStore *store, AdjError *err)
{
    int64_t version = 0;
    AdjStatus st = adj_store_refdata_version(store, &version, err);
    if (st != ADJ_OK || (p->ref != NULL && version == p->ref_version))
        return st;
    AdjRefdata *ref = NULL;
    st = adj_store_refdata_read(store, &ref, err);
    if (st != ADJ_OK)
        return st;
    adj_refdata_free(p->ref);
    p->ref = ref;
    p->ref_version = version;
    adj_engine_init(&p->engine, &p->rules, p->ref);
    p->engine.payer_id = p->payer_id[0] ? p->payer_id : NULL;
    return ADJ_OK;
}

AdjStatus adj_pipeline_decide(void *ctx, AdjStore *store, const AdjStoreBatch *b,
                              AdjStoreWrite *w, AdjError *err)
{
    AdjPipelineEngine *p = ctx;
    memset(p->outcomes, 0, sizeof(p->outcomes));
    AdjStatus st = ensure_refdata(p, store, err);
    /* every decision names its ruleset's SHA-256: the text is stored first */
    for (int i = 0; st == ADJ_OK && i < p->rules.n; i++)
        st = adj_store_ruleset_put(store, p->rules.sets[i]->sha256, p->rules.sets[i]->id,
                                   p->bodies[i], p->body_lens[i], err);
    /* the report's code families before the decisions counted by them */
    if (st == ADJ_OK)
        st = adj_store_report_families_put(store, &p->rules, err);
    if (st != ADJ_OK)
        return st;
    adj_store_write_who(w, NULL, p->ref_version);
    /* history of the batch's members, once */
    const char **members = adj_xmalloc((b->n ? b->n : 1) * sizeof(*members));
    for (size_t i = 0; i < b->n; i++)
        members[i] = b->claims[i].member_id;
    AdjPipelineHist *h = adj_pipeline_hist_new();
    adj_pipeline_hist_skip_own(h, b->claim_pks, b->n);
    st = adj_pipeline_hist_load(h, store, members, b->n, err);
    free(members);
    AdjHistory iface = adj_pipeline_hist_interface(h);
    AdjDecision out[ADJ_MAX_LINES];
    for (size_t i = 0; i < b->n && st == ADJ_OK; i++) {
        const AdjClaim *c = &b->claims[i];
        int n = 0;
        adj_pipeline_hist_current(h, w, b->claim_pks[i], b->pcn[i]);
        st = adj_engine_decide(&p->engine, c, &iface, out, &n, err);
        if (st != ADJ_OK) {
            adj_error_prefix(err, "claim pcn %s: ", b->pcn[i]);
            break;
        }
        st = adj_store_write_add(w, b->claim_pks[i], b->person_keys[i], b->person_key_lens[i],
                                 out, n, err);
        for (int k = 0; k < n; k++)
            if (out[k].outcome >= ADJ_OUT_PAY && out[k].outcome <= ADJ_OUT_VOID)
                p->outcomes[out[k].outcome]++;
    }
    adj_pipeline_hist_free(h);
    return st;
}
