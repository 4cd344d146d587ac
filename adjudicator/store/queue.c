/* The intake queue, worker side: take a batch of ready claims (FOR UPDATE
 * SKIP LOCKED, arrival order) whose members no other worker holds, and
 * rebuild each claim (claim/claim.h) from its rows. Runs in the caller's
 * transaction, whose end releases every lock taken here. */
#include "store/store_int.h"

#include <stdio.h>
#include <stdlib.h>

#include "core/date.h"

static const char claim_sql[] =
    "SELECT c.claim_pk, c.isa13, c.gs06, c.st02, to_char(c.interchange_date, 'YYYYMMDD'),"
    " c.segment, c.billing_npi, c.billing_taxonomy, c.billing_zip, c.member_id,"
    " to_char(c.subscriber_birth, 'YYYYMMDD'), c.patient_is_dependent,"
    " to_char(c.patient_birth, 'YYYYMMDD'), c.patient_first, c.person_key, c.claim_id,"
    " c.total_charge_cents, c.pos, c.freq, c.original_ref,"
    " (SELECT string_agg(encode(x, 'hex'), ',' ORDER BY o) FROM unnest(c.dx) WITH ORDINALITY u(x, o)),"
    " (SELECT string_agg(encode(x, 'hex'), ',' ORDER BY o) FROM unnest(c.dx_qual) WITH ORDINALITY u(x, o)),"
    " c.rendering_npi, c.facility_zip, c.problems_dropped, c.pcn, c.benefit,"
    " to_char(c.received_at AT TIME ZONE 'UTC', 'YYYYMMDD')"
    " FROM claim c WHERE c.claim_pk = ANY($1::bigint[]) ORDER BY c.claim_pk";
enum {
    K_PK, K_ISA13, K_GS06, K_ST02, K_IDATE, K_SEG, K_NPI, K_TAX, K_BZIP, K_MEMBER, K_SBIRTH,
    K_DEP, K_PBIRTH, K_PFIRST, K_PERSON, K_CLM, K_CHARGE, K_POS, K_FREQ, K_REF, K_DX, K_DXQ,
    K_RNPI, K_FZIP, K_DROPPED, K_PCN, K_BENEFIT, K_RECEIVED
};

static const char line_sql[] =
    "SELECT l.claim_pk, l.line_no, l.lx, l.qualifier, l.code,"
    " (SELECT string_agg(encode(x, 'hex'), ',' ORDER BY o) FROM unnest(l.mods) WITH ORDINALITY u(x, o)),"
    " l.charge_cents, l.unit_basis, l.units_milli, l.pos, array_to_string(l.dx_ptr, ','),"
    " to_char(l.dos_from, 'YYYYMMDD'), to_char(l.dos_to, 'YYYYMMDD'), l.rendering_npi, l.segment"
    " FROM claim_line l WHERE l.claim_pk = ANY($1::bigint[]) ORDER BY l.claim_pk, l.line_no";
enum { L_PK, L_NO, L_LX, L_QUAL, L_CODE, L_MODS, L_CHARGE, L_BASIS, L_UNITS, L_POS, L_DXP,
       L_FROM, L_TO, L_RNPI, L_SEG };

static const char problem_sql[] =
    "SELECT claim_pk, segment, segment_id, loop, element, kind, msg FROM claim_problem"
    " WHERE claim_pk = ANY($1::bigint[]) ORDER BY claim_pk, n";

void adj_store_batch_free(AdjStoreBatch *b)
{
    if (b == NULL)
        return;
    free(b->claim_pks);
    free(b->claims);
    free(b->pcn);
    adj_arena_free(&b->arena);
    memset(b, 0, sizeof(*b));
}

/* A stored value that does not fit the fixed-size model (a row a pipeline
 * inserted by hand) makes the claim a front-end reject rather than being
 * cut silently. */
static void take_bytes(AdjClaim *c, char *dst, size_t size, PGresult *res, int r, int col,
                       const char *name)
{
    dst[0] = '\0';
    if (PQgetisnull(res, r, col))
        return;
    size_t len = 0;
    unsigned char *b = store_bytea(res, r, col, &len);
    if (b == NULL)
        return;
    if (len >= size || memchr(b, 0, len) != NULL) {
        adj_claim_problem(c, 0, "", "", name, ADJ_PROBLEM_OTHER, "stored %s is longer than %zu bytes or holds a NUL byte",
                          name, size - 1);
        len = 0;
    }
    memcpy(dst, b, len);
    dst[len] = '\0';
    PQfreemem(b);
}

static void take_text(char *dst, size_t size, PGresult *res, int r, int col)
{
    snprintf(dst, size, "%s", PQgetisnull(res, r, col) ? "" : PQgetvalue(res, r, col));
}

static AdjDate take_date(PGresult *res, int r, int col)
{
    return PQgetisnull(res, r, col) ? 0 : (AdjDate)atoi(PQgetvalue(res, r, col));
}

/* "4633,4631" (hex of each element) into up to max fixed-size strings */
static int take_hex_list(AdjClaim *c, char *base, size_t stride, int max, PGresult *res, int r,
                         int col, const char *name)
{
    if (PQgetisnull(res, r, col))
        return 0;
    const char *s = PQgetvalue(res, r, col);
    int n = 0;
    while (*s) {
        const char *end = strchr(s, ',');
        size_t hexlen = end ? (size_t)(end - s) : strlen(s);
        if (n == max || hexlen / 2 >= stride) {
            adj_claim_problem(c, 0, "", "", name, ADJ_PROBLEM_OTHER, "stored %s has too many or too long values",
                              name);
            return n;
        }
        char *dst = base + (size_t)n * stride;
        for (size_t i = 0; i + 1 < hexlen + 1 && i < hexlen; i += 2) {
            unsigned v = 0;
            sscanf(s + i, "%2x", &v);
            dst[i / 2] = (char)v;
        }
        dst[hexlen / 2] = '\0';
        n++;
        s += hexlen;
        if (*s == ',')
            s++;
    }
    return n;
}

static void fill_claim(AdjStoreBatch *b, size_t i, PGresult *res, int r)
{
    AdjClaim *c = &b->claims[i];
    memset(c, 0, sizeof(*c));
    take_text(c->isa13, sizeof(c->isa13), res, r, K_ISA13);
    take_text(c->gs06, sizeof(c->gs06), res, r, K_GS06);
    take_text(c->st02, sizeof(c->st02), res, r, K_ST02);
    c->interchange_date = take_date(res, r, K_IDATE);
    c->segment = (uint32_t)strtoul(PQgetvalue(res, r, K_SEG), NULL, 10);
    take_bytes(c, c->billing_npi, sizeof(c->billing_npi), res, r, K_NPI, "billing NPI");
    take_bytes(c, c->billing_taxonomy, sizeof(c->billing_taxonomy), res, r, K_TAX, "taxonomy");
    take_bytes(c, c->billing_zip, sizeof(c->billing_zip), res, r, K_BZIP, "billing ZIP");
    take_bytes(c, c->member_id, sizeof(c->member_id), res, r, K_MEMBER, "member ID");
    c->subscriber_birth = take_date(res, r, K_SBIRTH);
    c->patient_is_dependent = PQgetvalue(res, r, K_DEP)[0] == 't';
    c->patient_birth = take_date(res, r, K_PBIRTH);
    take_bytes(c, c->patient_first, sizeof(c->patient_first), res, r, K_PFIRST, "patient first name");
    take_bytes(c, c->claim_id, sizeof(c->claim_id), res, r, K_CLM, "CLM01");
    c->total_charge = strtoll(PQgetvalue(res, r, K_CHARGE), NULL, 10);
    take_bytes(c, c->pos, sizeof(c->pos), res, r, K_POS, "CLM05-1");
    take_bytes(c, c->freq, sizeof(c->freq), res, r, K_FREQ, "CLM05-3");
    take_bytes(c, c->original_ref, sizeof(c->original_ref), res, r, K_REF, "REF*F8");
    c->ndx = take_hex_list(c, &c->dx[0][0], sizeof(c->dx[0]), ADJ_MAX_DX, res, r, K_DX, "HI");
    take_hex_list(c, &c->dx_qual[0][0], sizeof(c->dx_qual[0]), ADJ_MAX_DX, res, r, K_DXQ, "HI");
    take_bytes(c, c->rendering_npi, sizeof(c->rendering_npi), res, r, K_RNPI, "rendering NPI");
    take_bytes(c, c->facility_zip, sizeof(c->facility_zip), res, r, K_FZIP, "facility ZIP");
    c->problems_dropped = atoi(PQgetvalue(res, r, K_DROPPED));
    size_t klen = 0;
    unsigned char *key = store_bytea(res, r, K_PERSON, &klen);
    b->person_keys[i] = adj_arena_strndup(&b->arena, key ? (const char *)key : "", key ? klen : 0);
    b->person_key_lens[i] = klen;
    PQfreemem(key);
    take_text(b->pcn[i], sizeof(b->pcn[i]), res, r, K_PCN);
    c->received = take_date(res, r, K_RECEIVED); /* timely filing: the ingest date */
}

static void fill_line(AdjClaim *c, PGresult *res, int r)
{
    if (c->nlines == ADJ_MAX_LINES) {
        adj_claim_problem(c, 0, "LX", "2400", "LX01", ADJ_PROBLEM_OTHER, "more than %d stored lines",
                          ADJ_MAX_LINES);
        return;
    }
    AdjLine *l = &c->lines[c->nlines++];
    memset(l, 0, sizeof(*l));
    l->lx = atoi(PQgetvalue(res, r, L_LX));
    take_bytes(c, l->qualifier, sizeof(l->qualifier), res, r, L_QUAL, "SV101-1");
    take_bytes(c, l->code, sizeof(l->code), res, r, L_CODE, "SV101-2");
    l->nmods = take_hex_list(c, &l->mods[0][0], sizeof(l->mods[0]), ADJ_MAX_MODS, res, r,
                             L_MODS, "SV101-3");
    l->charge = strtoll(PQgetvalue(res, r, L_CHARGE), NULL, 10);
    take_bytes(c, l->unit_basis, sizeof(l->unit_basis), res, r, L_BASIS, "SV103");
    l->units_milli = strtoll(PQgetvalue(res, r, L_UNITS), NULL, 10);
    take_bytes(c, l->pos, sizeof(l->pos), res, r, L_POS, "SV105");
    const char *s = PQgetvalue(res, r, L_DXP);
    while (*s && l->ndx_ptr < ADJ_MAX_DX_PTR) {
        l->dx_ptr[l->ndx_ptr++] = atoi(s);
        s = strchr(s, ',');
        if (s == NULL)
            break;
        s++;
    }
    l->dos_from = take_date(res, r, L_FROM);
    l->dos_to = take_date(res, r, L_TO);
    take_bytes(c, l->rendering_npi, sizeof(l->rendering_npi), res, r, L_RNPI, "2420A NM109");
    l->segment = (uint32_t)strtoul(PQgetvalue(res, r, L_SEG), NULL, 10);
}

static int cmp_pk(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return x < y ? -1 : x > y;
}

AdjStatus adj_store_batch_load(AdjStore *store, const int64_t *pks, size_t n, AdjStoreBatch *b,
                               AdjError *err)
{
    memset(b, 0, sizeof(*b));
    adj_arena_init(&b->arena, 1 << 16);
    b->n = n;
    b->claim_pks = adj_xmalloc((n ? n : 1) * sizeof(*b->claim_pks));
    if (n)
        memcpy(b->claim_pks, pks, n * sizeof(*pks));
    qsort(b->claim_pks, n, sizeof(*b->claim_pks), cmp_pk);
    b->claims = adj_xcalloc(n ? n : 1, sizeof(*b->claims));
    b->pcn = adj_xcalloc(n ? n : 1, sizeof(*b->pcn));
    b->person_keys = adj_arena_alloc(&b->arena, (n ? n : 1) * sizeof(*b->person_keys));
    b->person_key_lens = adj_arena_alloc(&b->arena, (n ? n : 1) * sizeof(*b->person_key_lens));
    if (n == 0)
        return ADJ_OK;
    char *arr = store_int64_array(b->claim_pks, n);
    AdjStatus st;
    /* each claim's issue-13 fields, decoded once its lines are read */
    char **ben = adj_xcalloc(n, sizeof(*ben));
    size_t *ben_len = adj_xcalloc(n, sizeof(*ben_len));
    PGresult *res = NULL;
    st = store_query(store, "load claims", claim_sql, 1, (const char *[]){arr}, &res, err);
    if (st == ADJ_OK) {
        if ((size_t)PQntuples(res) != n)
            st = ADJ_FAIL(err, ADJ_ERR_INPUT, "load claims: %d of %zu queued claims exist",
                          PQntuples(res), n);
        for (int r = 0; st == ADJ_OK && r < PQntuples(res); r++) {
            fill_claim(b, (size_t)r, res, r);
            unsigned char *raw = store_bytea(res, r, K_BENEFIT, &ben_len[r]);
            ben[r] = adj_arena_strndup(&b->arena, raw ? (const char *)raw : "", raw ? ben_len[r] : 0);
            PQfreemem(raw);
        }
        PQclear(res);
    }
    for (int pass = 0; pass < 2 && st == ADJ_OK; pass++) {
        st = store_query(store, pass == 0 ? "load lines" : "load problems",
                         pass == 0 ? line_sql : problem_sql, 1, (const char *[]){arr}, &res, err);
        if (st != ADJ_OK)
            break;
        for (int r = 0; r < PQntuples(res); r++) {
            int64_t pk = strtoll(PQgetvalue(res, r, 0), NULL, 10);
            int64_t *hit = bsearch(&pk, b->claim_pks, n, sizeof(pk), cmp_pk);
            if (hit == NULL)
                continue;
            AdjClaim *c = &b->claims[hit - b->claim_pks];
            if (pass == 0) {
                fill_line(c, res, r);
            } else {
                AdjProblem shape;
                char seg[sizeof(shape.segment_id)], loop[sizeof(shape.loop)],
                    el[sizeof(shape.element)], kind[24];
                take_text(seg, sizeof(seg), res, r, 2);
                take_text(loop, sizeof(loop), res, r, 3);
                take_text(el, sizeof(el), res, r, 4);
                take_text(kind, sizeof(kind), res, r, 5);
                int k = adj_problem_kind_parse(kind); /* unknown: other */
                size_t mlen = 0;
                unsigned char *msg = store_bytea(res, r, 6, &mlen);
                adj_claim_problem(c, (uint32_t)strtoul(PQgetvalue(res, r, 1), NULL, 10), seg,
                                  loop, el, k < 0 ? ADJ_PROBLEM_OTHER : (AdjProblemKind)k, "%.*s", (int)mlen, msg ? (const char *)msg : "");
                PQfreemem(msg);
            }
        }
        PQclear(res);
    }
    for (size_t i = 0; st == ADJ_OK && i < n; i++)
        if (ben[i] != NULL && !adj_claim_benefit_decode(&b->claims[i], ben[i], ben_len[i]))
            adj_claim_problem(&b->claims[i], 0, "", "", "benefit", ADJ_PROBLEM_OTHER,
                              "stored coordination-of-benefits data is unreadable");
    free(ben);
    free(ben_len);
    free(arr);
    return st;
}

AdjStatus adj_store_queue_take(AdjStore *store, int limit, AdjStoreBatch *b, AdjError *err)
{
    memset(b, 0, sizeof(*b));
    char lim[16];
    snprintf(lim, sizeof(lim), "%d", limit);
    /* 1. ready rows nobody else holds, oldest first */
    PGresult *res = NULL;
    AdjStatus st = store_query(store, "take queue rows",
                               "SELECT claim_pk, person_lock FROM intake_queue"
                               " WHERE state = 'ready' ORDER BY claim_pk LIMIT $1::int"
                               " FOR UPDATE SKIP LOCKED",
                               1, (const char *[]){lim}, &res, err);
    if (st != ADJ_OK)
        return st;
    size_t n = (size_t)PQntuples(res);
    int64_t *pks = adj_xmalloc((n ? n : 1) * sizeof(*pks));
    int64_t *locks = adj_xmalloc((n ? n : 1) * sizeof(*locks));
    for (size_t i = 0; i < n; i++) {
        pks[i] = strtoll(PQgetvalue(res, (int)i, 0), NULL, 10);
        locks[i] = strtoll(PQgetvalue(res, (int)i, 1), NULL, 10);
    }
    PQclear(res);
    size_t kept = 0;
    if (n > 0) {
        /* 2. each member (person key) once: a member with a ready claim
         * outside this batch that is older than one of its claims inside
         * (another worker holds that row) waits, so a member's claims are
         * decided in arrival order; else try its advisory lock, held to the
         * end of the transaction: a member another worker holds waits too.
         * CASE orders the two tests. */
        StoreParams p;
        store_params_init(&p, NULL);
        store_params_int64_array(&p, locks, n);
        store_params_int64_array(&p, pks, n);
        st = store_run(
            store, "lock members",
            "WITH b AS (SELECT l, max(p) AS last_pk FROM unnest($1::bigint[], $2::bigint[]) u(l, p)"
            "           GROUP BY l)"
            " SELECT l FROM b WHERE CASE WHEN EXISTS ("
            "  SELECT 1 FROM intake_queue q WHERE q.person_lock = b.l AND q.state = 'ready'"
            "  AND q.claim_pk < b.last_pk AND q.claim_pk <> ALL ($2::bigint[]))"
            " THEN false ELSE pg_try_advisory_xact_lock(b.l) END",
            &p, &res, err);
        store_params_free(&p);
        if (st != ADJ_OK) {
            free(pks);
            free(locks);
            return st;
        }
        int64_t *ok = adj_xmalloc((size_t)(PQntuples(res) ? PQntuples(res) : 1) * sizeof(*ok));
        size_t nok = (size_t)PQntuples(res);
        for (size_t i = 0; i < nok; i++)
            ok[i] = strtoll(PQgetvalue(res, (int)i, 0), NULL, 10);
        PQclear(res);
        qsort(ok, nok, sizeof(*ok), cmp_pk);
        for (size_t i = 0; i < n; i++)
            if (bsearch(&locks[i], ok, nok, sizeof(*ok), cmp_pk) != NULL)
                pks[kept++] = pks[i];
        free(ok);
    }
    free(locks);
    st = adj_store_batch_load(store, pks, kept, b, err);
    b->skipped = n - kept;
    free(pks);
    return st;
}

AdjStatus adj_store_queue_ready(AdjStore *store, int64_t *count, AdjError *err)
{
    PGresult *res = NULL;
    AdjStatus st = store_run(store, "count queue",
                             "SELECT count(*) FROM intake_queue WHERE state = 'ready'", NULL,
                             &res, err);
    if (st != ADJ_OK)
        return st;
    *count = store_int(res, 0, 0);
    PQclear(res);
    return ADJ_OK;
}
