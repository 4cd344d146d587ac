/* Reference CSVs for a synthetic file (docs/contracts.md): providers.csv,
 * members.csv and plans.csv, regenerated from the same seed as the claims so
 * that every NPI, member and plan the claims name is listed. Members are
 * streamed one at a time: memory does not grow with their number. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "synth/synth_int.h"

static AdjStatus open_csv(const char *dir, const char *name, FILE **f, char *path, size_t size,
                          AdjError *err)
{
    snprintf(path, size, "%s/%s", dir, name);
    *f = fopen(path, "w");
    if (*f == NULL)
        return ADJ_FAIL(err, ADJ_ERR_IO, "%s: cannot create: %s", path, strerror(errno));
    return ADJ_OK;
}

static AdjStatus close_csv(FILE *f, const char *path, AdjError *err)
{
    bool bad = ferror(f) != 0;
    if (fclose(f) != 0 || bad)
        return ADJ_FAIL(err, ADJ_ERR_IO, "%s: write failed", path);
    return ADJ_OK;
}

static AdjStatus write_plans(const char *dir, AdjError *err)
{
    char path[4096];
    FILE *f;
    if (open_csv(dir, "plans.csv", &f, path, sizeof(path), err) != ADJ_OK)
        return err->status;
    fputs("plan_id,name,bh_administrator,coinsurance_pct,copay\n", f);
    for (int i = 0; i < syn_nplans; i++) {
        const SynPlan *p = &syn_plans[i];
        fprintf(f, "%s,%s,%s,%s,%s\n", p->id, p->name, p->bh_admin, p->coinsurance, p->copay);
    }
    return close_csv(f, path, err);
}

static AdjStatus write_providers(const SynWorld *w, const char *dir, AdjError *err)
{
    char path[4096];
    FILE *f;
    if (open_csv(dir, "providers.csv", &f, path, sizeof(path), err) != ADJ_OK)
        return err->status;
    fputs("npi,name,kind,taxonomy,zips\n", f);
    for (uint32_t i = 0; i < w->nmed + w->nbeh; i++) {
        const SynProvider *p = &w->prov[i];
        fprintf(f, "%s,%s,%s,%s,", p->npi, p->name,
                p->kind == SYN_MEDICAL ? "medical" : "behavioral", p->taxonomy);
        for (int z = 0; z < p->nzips; z++)
            fprintf(f, "%s%s", z > 0 ? " " : "", p->zips[z]);
        fputc('\n', f);
    }
    /* Rendering clinicians are listed too, with the kind of their practice. */
    for (uint32_t i = 0; i < w->nmed + w->nbeh; i++) {
        const SynProvider *p = &w->prov[i];
        fprintf(f, "%s,%s %s,%s,%s,%s\n", p->clin_npi, p->clin_first, p->clin_last,
                p->kind == SYN_MEDICAL ? "medical" : "behavioral", p->clin_taxonomy, p->zips[0]);
    }
    return close_csv(f, path, err);
}

static AdjStatus write_members(const SynWorld *w, const AdjSynthOptions *opts, const char *dir,
                               AdjError *err)
{
    char path[4096];
    FILE *f;
    if (open_csv(dir, "members.csv", &f, path, sizeof(path), err) != ADJ_OK)
        return err->status;
    fputs("member_id,plan_id,effective_from,effective_to\n", f);
    for (uint64_t i = 0; i < opts->members; i++) {
        SynMember m;
        syn_member(w, opts, i, &m);
        char to[16] = "";
        if (m.term_month >= 0)
            adj_date_format_iso(adj_month_last_day(opts->start + m.term_month), to, sizeof(to));
        fprintf(f, "%s,%s,2020-01-01,%s\n", m.id, syn_plans[m.plan].id, to);
    }
    return close_csv(f, path, err);
}

AdjStatus adj_synth_write_refs(const AdjSynthOptions *opts, const char *dir, AdjError *err)
{
    if (adj_synth_check(opts, err) != ADJ_OK)
        return ADJ_ERR_USAGE;
    SynWorld w;
    if (syn_world_new(&w, opts, err) != ADJ_OK)
        return err->status;
    AdjStatus st = write_plans(dir, err);
    if (st == ADJ_OK)
        st = write_providers(&w, dir, err);
    if (st == ADJ_OK)
        st = write_members(&w, opts, dir, err);
    syn_world_free(&w);
    return st;
}
