/* History for the engine, fetched once per batch: the history events
 * (record with its lines / retract, in order) of the batch's members, in
 * one probe of the (member_id, event_id) index per member, so the cost per
 * claim does not grow with the tables (LATERAL with OFFSET 0: flattened, the
 * planner picks a hash join over a full scan while the table is small or
 * unanalysed, every batch). Also the lines' storage format. */
#include "store/store_int.h"

#include <stdio.h>
#include <stdlib.h>

#include "core/fields.h"

static const char events_sql[] =
    "SELECT e.claim_pk, e.kind, e.person_key, e.member_id, e.billing_npi, e.claim_id, e.pcn,"
    " e.lines FROM (SELECT DISTINCT unnest($1::bytea[])) m(id)"
    " CROSS JOIN LATERAL (SELECT * FROM history_event WHERE member_id = m.id OFFSET 0) e"
    " ORDER BY e.event_id";

/* Lines format: per line "lx codelen:code nmods [modlen:mod]... dos units
 * charge outcome[ a year plan ded oop]\n" (outcome p pay, e pend, f
 * forward; integers in decimal; strings length-prefixed, so any byte
 * round-trips). The bracketed part is the line's cost share toward the
 * accumulators (issue 13), written only when it has one, so lines of plans
 * without accumulators keep the format migration 005's backfill writes.
 * Claim ID and billing NPI are the event's. */
static size_t put_str(char *out, const char *s)
{
    size_t n = strlen(s);
    int h = sprintf(out, "%zu:", n);
    memcpy(out + h, s, n);
    return (size_t)h + n;
}

char *adj_store_lines_encode(const AdjHistLine *lines, int n, size_t *len)
{
    size_t cap = 1 + (size_t)n * (ADJ_CODE_MAX + ADJ_MAX_MODS * 8 + 240);
    char *out = adj_xmalloc(cap);
    size_t at = 0;
    for (int i = 0; i < n; i++) {
        const AdjHistLine *l = &lines[i];
        at += (size_t)sprintf(out + at, "%d ", l->line);
        at += put_str(out + at, l->code);
        at += (size_t)sprintf(out + at, " %d", l->nmods);
        for (int m = 0; m < l->nmods && m < ADJ_MAX_MODS; m++) {
            out[at++] = ' ';
            at += put_str(out + at, l->mods[m]);
        }
        at += (size_t)sprintf(out + at, " %d %lld %lld %c", (int)l->dos, (long long)l->units,
                              (long long)l->charge,
                              l->outcome == ADJ_OUT_PEND      ? 'e'
                              : l->outcome == ADJ_OUT_FORWARD ? 'f'
                                                              : 'p');
        if (l->year != 0)
            at += (size_t)sprintf(out + at, " a %d %llu %lld %lld", (int)l->year,
                                  (unsigned long long)l->plan, (long long)l->ded, (long long)l->oop);
        out[at++] = '\n';
    }
    out[at] = '\0';
    *len = at;
    return out;
}

int adj_store_lines_decode(const char *s, size_t len, const char *claim_id, const char *npi,
                           AdjHistLine *out, int max)
{
    const char *p = s, *end = s + len;
    int n = 0;
    while (p < end && n < max) {
        AdjHistLine *l = &out[n];
        memset(l, 0, sizeof(*l));
        long long v, nmods, dos, units, charge;
        if (!adj_field_int(&p, end, &v))
            return -1;
        l->line = (int)v;
        if (!adj_field_str(&p, end, l->code, sizeof(l->code)) || !adj_field_int(&p, end, &nmods) ||
            nmods < 0 || nmods > ADJ_MAX_MODS)
            return -1;
        for (int m = 0; m < (int)nmods; m++)
            if (!adj_field_str(&p, end, l->mods[m], sizeof(l->mods[m])))
                return -1;
        l->nmods = (int)nmods;
        if (!adj_field_int(&p, end, &dos) || !adj_field_int(&p, end, &units) ||
            !adj_field_int(&p, end, &charge) || p >= end)
            return -1;
        l->outcome = *p == 'e' ? ADJ_OUT_PEND : *p == 'f' ? ADJ_OUT_FORWARD : ADJ_OUT_PAY;
        p++;
        if (p + 2 < end && p[0] == ' ' && p[1] == 'a' && p[2] == ' ') {
            p += 3;
            long long year, ded, oop;
            char *e;
            if (!adj_field_int(&p, end, &year))
                return -1;
            unsigned long long plan = strtoull(p, &e, 10);
            if (e == p || e >= end || *e != ' ')
                return -1;
            p = e + 1;
            if (!adj_field_int(&p, end, &ded) || !adj_field_int(&p, end, &oop) || ded < 0 ||
                oop < 0)
                return -1;
            l->year = (AdjDate)year;
            l->plan = plan;
            l->ded = ded;
            l->oop = oop;
        }
        if (p < end && *p == '\n')
            p++;
        l->dos = (AdjDate)dos;
        l->month = adj_date_month(l->dos);
        l->units = units;
        l->charge = charge;
        snprintf(l->claim_id, sizeof(l->claim_id), "%s", claim_id);
        snprintf(l->billing_npi, sizeof(l->billing_npi), "%s", npi);
        n++;
    }
    return n;
}

void adj_store_history_free(AdjStoreHistory *h)
{
    if (h == NULL)
        return;
    free(h->events);
    free(h->lines);
    memset(h, 0, sizeof(*h));
}

AdjStatus adj_store_history_fetch(AdjStore *store, const char *const *member_ids,
                                  const size_t *lens, size_t n, AdjStoreHistory *h,
                                  AdjError *err)
{
    memset(h, 0, sizeof(*h));
    if (n == 0)
        return ADJ_OK;
    StoreArray ids = {0};
    for (size_t i = 0; i < n; i++)
        store_array_bytes(&ids, member_ids[i], lens[i]);
    char *arr = store_array_end(&ids);
    PGresult *res = NULL;
    AdjStatus st = store_query(store, "history", events_sql, 1, (const char *[]){arr}, &res, err);
    free(arr);
    if (st != ADJ_OK)
        return st;
    h->nevents = (size_t)PQntuples(res);
    h->events = adj_xcalloc(h->nevents ? h->nevents : 1, sizeof(*h->events));
    size_t cap = 0;
    for (size_t i = 0; i < h->nevents && st == ADJ_OK; i++) {
        AdjStoreHistEvent *e = &h->events[i];
        int r = (int)i;
        e->claim_pk = strtoll(PQgetvalue(res, r, 0), NULL, 10);
        e->retract = strcmp(PQgetvalue(res, r, 1), "retract") == 0;
        store_bytea_to(e->person_key, sizeof(e->person_key), res, r, 2);
        store_bytea_to(e->member_id, sizeof(e->member_id), res, r, 3);
        store_bytea_to(e->billing_npi, sizeof(e->billing_npi), res, r, 4);
        store_bytea_to(e->claim_id, sizeof(e->claim_id), res, r, 5);
        snprintf(e->pcn, sizeof(e->pcn), "%s", PQgetvalue(res, r, 6));
        size_t blen = 0;
        unsigned char *blob = store_bytea(res, r, 7, &blen);
        if (h->nlines + ADJ_MAX_LINES > cap) {
            cap = cap ? cap * 2 : 1024;
            while (cap < h->nlines + ADJ_MAX_LINES)
                cap *= 2;
            h->lines = adj_xrealloc(h->lines, cap * sizeof(*h->lines));
        }
        int got = adj_store_lines_decode((const char *)blob, blen, e->claim_id, e->billing_npi,
                                         h->lines + h->nlines, ADJ_MAX_LINES);
        PQfreemem(blob);
        if (got < 0) {
            st = ADJ_FAIL(err, ADJ_ERR_INPUT, "history: unreadable lines in event of claim pcn %s",
                          e->pcn);
            break;
        }
        e->first_line = h->nlines;
        e->nlines = got;
        h->nlines += (size_t)got;
    }
    PQclear(res);
    return st;
}
