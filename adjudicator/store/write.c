/* Decision versions: each claim's rows chained after its last stored row
 * (SHA-256, audit/chain.c), inserted with COPY, then the batch checkpoint
 * sealed by audit/seal.c: signed with Ed25519 over the decisions and
 * history events (issue 15), or the legacy HMAC over the decisions. Runs
 * inside the caller's transaction; never commits. */
#include "store/store_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "audit/audit.h"

#define CHECKPOINT_LOCK_KEY "727272002"
#define NCOLS (ADJ_CF_COUNT + 2) /* the chained fields, prev_hash, hash */

typedef struct Pending {
    int64_t claim_pk;
    char *person_key;
    size_t person_key_len;
    AdjDecision *d;
    const char **rules; /* nrules per decision, copied */
    int n;
} Pending;

typedef struct Event {
    int64_t claim_pk;
    bool retract;
    const char *pcn, *person_key, *member_id, *billing_npi, *claim_id, *lines;
    size_t lines_len;
} Event;

struct AdjStoreWrite {
    AdjArena arena;
    Event *events;
    size_t nevents, cap_events;
    char *decided_by;
    char *rerun_reason;
    Pending *claims;
    size_t nclaims, cap;
    size_t nrows;
    const AdjSignKey *sign; /* borrowed: signed checkpoints */
    char *app_user;         /* --user beside the database login, or NULL */
    char refdata_version[24]; /* "" : the database's current version */
};

typedef struct Tail {
    int64_t claim_pk;
    int chain_seq;
    int version;
    char hash[ADJ_SHA256_HEX];
} Tail;

typedef struct Row {
    AdjChainRow c;
    char prev[ADJ_SHA256_HEX];
    char hash[ADJ_SHA256_HEX];
} Row;

AdjStoreWrite *adj_store_write_new(const char *decided_by, const char *rerun_reason)
{
    AdjStoreWrite *w = adj_xcalloc(1, sizeof(*w));
    adj_arena_init(&w->arena, 1 << 16);
    w->decided_by = adj_arena_strndup(&w->arena, decided_by, strlen(decided_by));
    if (rerun_reason != NULL)
        w->rerun_reason = adj_arena_strndup(&w->arena, rerun_reason, strlen(rerun_reason));
    return w;
}

void adj_store_write_sign_with(AdjStoreWrite *w, const AdjSignKey *key)
{
    w->sign = key;
}

void adj_store_write_who(AdjStoreWrite *w, const char *app_user, int64_t refdata_version)
{
    w->app_user = app_user ? adj_arena_strndup(&w->arena, app_user, strlen(app_user)) : NULL;
    w->refdata_version[0] = '\0';
    if (refdata_version >= 0)
        snprintf(w->refdata_version, sizeof(w->refdata_version), "%lld",
                 (long long)refdata_version);
}

void adj_store_write_free(AdjStoreWrite *w)
{
    if (w == NULL)
        return;
    adj_arena_free(&w->arena);
    free(w->claims);
    free(w->events);
    free(w);
}

static bool chainable_name(const char *s)
{
    return s != NULL && s[0] != '\0' && strchr(s, '\n') == NULL;
}

AdjStatus adj_store_write_add(AdjStoreWrite *w, int64_t claim_pk, const char *person_key,
                              size_t person_key_len, const AdjDecision *d, int n,
                              AdjError *err)
{
    for (int i = 0; i < n; i++) {
        for (int r = 0; r < d[i].nrules; r++)
            if (!chainable_name(d[i].rules[r]))
                return ADJ_FAIL(err, ADJ_ERR_INPUT,
                                "claim %s line %d: rule name is empty or holds a newline",
                                d[i].claim_id, d[i].line);
        for (int r = 0; r < d[i].nrarc; r++)
            if (!chainable_name(d[i].rarc[r]))
                return ADJ_FAIL(err, ADJ_ERR_INPUT, "claim %s line %d: empty RARC",
                                d[i].claim_id, d[i].line);
    }
    if (w->nclaims == w->cap) {
        w->cap = w->cap ? w->cap * 2 : 64;
        w->claims = adj_xrealloc(w->claims, w->cap * sizeof(*w->claims));
    }
    Pending *p = &w->claims[w->nclaims++];
    p->claim_pk = claim_pk;
    p->person_key = adj_arena_strndup(&w->arena, person_key, person_key_len);
    p->person_key_len = person_key_len;
    p->n = n;
    p->d = adj_arena_alloc(&w->arena, (size_t)(n > 0 ? n : 1) * sizeof(*p->d));
    if (n > 0)
        memcpy(p->d, d, (size_t)n * sizeof(*d));
    for (int i = 0; i < n; i++)
        for (int r = 0; r < d[i].nrules; r++)
            p->d[i].rules[r] = adj_arena_strndup(&w->arena, d[i].rules[r], strlen(d[i].rules[r]));
    w->nrows += (size_t)n;
    return ADJ_OK;
}

void adj_store_write_event(AdjStoreWrite *w, int64_t claim_pk, const char *pcn, bool retract,
                           const char *person_key, const char *member_id,
                           const char *billing_npi, const char *claim_id,
                           const AdjHistLine *lines, int n)
{
    if (w->nevents == w->cap_events) {
        w->cap_events = w->cap_events ? w->cap_events * 2 : 64;
        w->events = adj_xrealloc(w->events, w->cap_events * sizeof(*w->events));
    }
    Event *e = &w->events[w->nevents++];
    e->claim_pk = claim_pk;
    e->retract = retract;
    e->person_key = adj_arena_strndup(&w->arena, person_key, strlen(person_key));
    e->member_id = adj_arena_strndup(&w->arena, member_id, strlen(member_id));
    e->billing_npi = adj_arena_strndup(&w->arena, billing_npi, strlen(billing_npi));
    e->claim_id = adj_arena_strndup(&w->arena, claim_id, strlen(claim_id));
    e->pcn = adj_arena_strndup(&w->arena, pcn ? pcn : "", pcn ? strlen(pcn) : 0);
    size_t len = 0;
    char *enc = adj_store_lines_encode(lines, lines ? n : 0, &len);
    e->lines = adj_arena_strndup(&w->arena, enc, len);
    e->lines_len = len;
    free(enc);
}

/* The partition key of a claim's history events: the earliest month of
 * service among the claim's decisions of this batch, or none. */
typedef struct EventMonth {
    int64_t claim_pk;
    AdjDate first; /* earliest date of service; 0 = none */
} EventMonth;

static int cmp_event_month(const void *a, const void *b)
{
    int64_t x = ((const EventMonth *)a)->claim_pk, y = ((const EventMonth *)b)->claim_pk;
    return x < y ? -1 : x > y;
}

/* One entry per pending claim, sorted by claim_pk for bsearch. */
static EventMonth *event_months(const AdjStoreWrite *w)
{
    EventMonth *m = adj_xcalloc(w->nclaims ? w->nclaims : 1, sizeof(*m));
    for (size_t c = 0; c < w->nclaims; c++) {
        const Pending *p = &w->claims[c];
        m[c].claim_pk = p->claim_pk;
        for (int i = 0; i < p->n; i++)
            if (adj_date_valid(p->d[i].dos) && (m[c].first == 0 || p->d[i].dos < m[c].first))
                m[c].first = p->d[i].dos;
    }
    qsort(m, w->nclaims, sizeof(*m), cmp_event_month);
    return m;
}

static AdjStatus insert_events(AdjStore *store, AdjStoreWrite *w, int64_t cp_id, AdjError *err)
{
    if (w->nevents == 0)
        return ADJ_OK;
    StoreCopy cp;
    AdjStatus st = store_copy_begin(store,
                                    "COPY history_event (claim_pk, kind, person_key, member_id,"
                                    " billing_npi, claim_id, pcn, lines, checkpoint_id,"
                                    " service_month) FROM STDIN",
                                    &cp, err);
    if (st != ADJ_OK)
        return st;
    EventMonth *months = event_months(w);
    for (size_t i = 0; i < w->nevents && st == ADJ_OK; i++) {
        const Event *e = &w->events[i];
        store_copy_int(&cp, e->claim_pk);
        store_copy_text(&cp, e->retract ? "retract" : "record");
        store_copy_bytea(&cp, e->person_key, strlen(e->person_key));
        store_copy_bytea(&cp, e->member_id, strlen(e->member_id));
        store_copy_bytea(&cp, e->billing_npi, strlen(e->billing_npi));
        store_copy_bytea(&cp, e->claim_id, strlen(e->claim_id));
        store_copy_text(&cp, e->pcn);
        store_copy_bytea(&cp, e->lines, e->lines_len);
        store_copy_int(&cp, cp_id);
        EventMonth key = {.claim_pk = e->claim_pk};
        const EventMonth *m = bsearch(&key, months, w->nclaims, sizeof(*months), cmp_event_month);
        if (m != NULL && m->first != 0) {
            char month[11];
            adj_date_format_iso(adj_month_first_day(adj_date_month(m->first)), month, sizeof(month));
            store_copy_text(&cp, month);
        } else {
            store_copy_null(&cp);
        }
        st = store_copy_row_end(&cp, err);
    }
    free(months);
    AdjStatus st2 = store_copy_end(&cp, err);
    return st != ADJ_OK ? st : st2;
}

static int cmp_tail(const void *a, const void *b)
{
    int64_t x = ((const Tail *)a)->claim_pk, y = ((const Tail *)b)->claim_pk;
    return x < y ? -1 : x > y;
}

/* The last chain position, version and hash of each claim of the batch. */
static AdjStatus fetch_tails(AdjStore *store, AdjStoreWrite *w, Tail **out, size_t *nout,
                             AdjError *err)
{
    StoreParams p;
    store_params_init(&p, NULL);
    StoreArray pks = {0};
    for (size_t i = 0; i < w->nclaims; i++)
        store_array_int(&pks, w->claims[i].claim_pk);
    store_params_array(&p, &pks);
    PGresult *res = NULL;
    AdjStatus st = store_run(
        store, "decision tails",
        /* one index probe per claim (LATERAL): with = ANY over a batch of
         * keys, a table whose statistics are stale or missing (the first
         * minute after a bulk load) is planned as a full scan per batch */
        "SELECT k.pk, t.seq, t.version, t.hash FROM (SELECT DISTINCT unnest($1::bigint[])) k(pk)"
        " CROSS JOIN LATERAL (SELECT max(chain_seq) AS seq, max(version) AS version,"
        "  (array_agg(hash ORDER BY chain_seq DESC))[1] AS hash"
        "  FROM decision WHERE claim_pk = k.pk) t WHERE t.seq IS NOT NULL",
        &p, &res, err);
    store_params_free(&p);
    if (st != ADJ_OK)
        return st;
    /* every claim of the batch gets a tail, genesis when it has no row yet */
    size_t n = w->nclaims;
    Tail *t = adj_xcalloc(n, sizeof(*t));
    for (size_t i = 0; i < n; i++) {
        t[i].claim_pk = w->claims[i].claim_pk;
        memcpy(t[i].hash, ADJ_CHAIN_GENESIS, ADJ_SHA256_HEX);
    }
    qsort(t, n, sizeof(*t), cmp_tail);
    for (int r = 0; r < PQntuples(res); r++) {
        Tail key = {.claim_pk = strtoll(PQgetvalue(res, r, 0), NULL, 10)};
        Tail *hit = bsearch(&key, t, n, sizeof(*t), cmp_tail);
        if (hit == NULL)
            continue;
        hit->chain_seq = atoi(PQgetvalue(res, r, 1));
        hit->version = atoi(PQgetvalue(res, r, 2));
        snprintf(hit->hash, sizeof(hit->hash), "%s", PQgetvalue(res, r, 3));
    }
    PQclear(res);
    *out = t;
    *nout = n;
    return ADJ_OK;
}

static const char *fmt_int(AdjArena *a, int64_t v)
{
    char buf[24];
    int n = snprintf(buf, sizeof(buf), "%lld", (long long)v);
    return adj_arena_strndup(a, buf, (size_t)n);
}

static void set(AdjChainRow *r, AdjChainField f, const char *v)
{
    r->v[f] = v;
    r->len[f] = v ? strlen(v) : 0;
}

static void set_bytes(AdjChainRow *r, AdjChainField f, const char *v, size_t len)
{
    r->v[f] = v;
    r->len[f] = len;
}

static const char *opt(const char *s)
{
    return s[0] ? s : NULL;
}

static const char *join(AdjArena *a, const char *const *items, int n, size_t stride)
{
    size_t len = 0;
    for (int i = 0; i < n; i++)
        len += strlen(*(const char *const *)((const char *)items + (size_t)i * stride)) + 1;
    char *out = adj_arena_alloc(a, len + 1);
    size_t at = 0;
    for (int i = 0; i < n; i++) {
        const char *s = *(const char *const *)((const char *)items + (size_t)i * stride);
        if (i)
            out[at++] = '\n';
        size_t l = strlen(s);
        memcpy(out + at, s, l);
        at += l;
    }
    out[at] = '\0';
    return out;
}

static void build_row(AdjStoreWrite *w, const Pending *p, int i, Tail *t, int64_t cp_id,
                      const char *decided_at, Row *row)
{
    AdjArena *a = &w->arena;
    const AdjDecision *d = &p->d[i];
    AdjChainRow *r = &row->c;
    memset(r, 0, sizeof(*r));
    set(r, ADJ_CF_CLAIM_PK, fmt_int(a, p->claim_pk));
    set(r, ADJ_CF_CHAIN_SEQ, fmt_int(a, ++t->chain_seq));
    set(r, ADJ_CF_LINE_NO, fmt_int(a, i + 1));
    set(r, ADJ_CF_LX, fmt_int(a, d->line));
    set(r, ADJ_CF_VERSION, fmt_int(a, t->version + 1));
    set(r, ADJ_CF_CHECKPOINT_ID, fmt_int(a, cp_id));
    set(r, ADJ_CF_DECIDED_AT, decided_at);
    set(r, ADJ_CF_DECIDED_BY, w->decided_by);
    set(r, ADJ_CF_RERUN_REASON, w->rerun_reason);
    set_bytes(r, ADJ_CF_PERSON_KEY, p->person_key, p->person_key_len);
    if (adj_date_valid(d->dos)) {
        char *dos = adj_arena_alloc(a, 11), *month = adj_arena_alloc(a, 11);
        adj_date_format_iso(d->dos, dos, 11);
        adj_date_format_iso(adj_month_first_day(adj_date_month(d->dos)), month, 11);
        set(r, ADJ_CF_DOS, dos);
        set(r, ADJ_CF_SERVICE_MONTH, month);
    }
    set(r, ADJ_CF_CODE, d->code);
    set(r, ADJ_CF_ROUTE, adj_route_name(d->route));
    set(r, ADJ_CF_OUTCOME, adj_outcome_name(d->outcome));
    set(r, ADJ_CF_GROUP, opt(d->group));
    set(r, ADJ_CF_CARC, opt(d->carc));
    const char *rarc[ADJ_MAX_RARC];
    for (int k = 0; k < d->nrarc; k++)
        rarc[k] = d->rarc[k];
    set(r, ADJ_CF_RARC, join(a, rarc, d->nrarc, sizeof(rarc[0])));
    if (d->has_amounts) {
        set(r, ADJ_CF_ALLOWED, fmt_int(a, d->allowed));
        set(r, ADJ_CF_PAID, fmt_int(a, d->paid));
        set(r, ADJ_CF_PATIENT_RESP, fmt_int(a, d->patient_resp));
    }
    set(r, ADJ_CF_RULESET_ID, opt(d->ruleset_id));
    set(r, ADJ_CF_RULESET_SHA256, opt(d->ruleset_sha256));
    set(r, ADJ_CF_RULES, join(a, (const char *const *)d->rules, d->nrules, sizeof(d->rules[0])));
    set(r, ADJ_CF_MATCHED_CLAIM, opt(d->matched_claim));
    set(r, ADJ_CF_REASON, d->reason);
    if (d->has_amounts) {
        char *cs = adj_arena_alloc(a, 128);
        if (d->has_cob)
            snprintf(cs, 128, "%lld %lld %lld %lld %lld", (long long)d->deductible,
                     (long long)d->coinsurance, (long long)d->copay, (long long)d->cob_reduction,
                     (long long)d->primary_paid);
        else
            snprintf(cs, 128, "%lld %lld %lld %lld -", (long long)d->deductible,
                     (long long)d->coinsurance, (long long)d->copay, (long long)d->cob_reduction);
        set(r, ADJ_CF_COST_SHARE, cs);
    }
    memcpy(row->prev, t->hash, ADJ_SHA256_HEX);
    adj_store_chain_hash(row->prev, r, row->hash);
    memcpy(t->hash, row->hash, ADJ_SHA256_HEX);
}

/* column, cast; bytea columns travel in binary format (raw bytes) */
static const struct {
    const char *name;
    const char *pre, *post; /* around the parameter: "$n::type" */
    bool binary;
} cols[NCOLS] = {
    {"claim_pk", "", "::bigint", false},       {"chain_seq", "", "::int", false},
    {"line_no", "", "::int", false},           {"lx", "", "::int", false},
    {"version", "", "::int", false},           {"checkpoint_id", "", "::bigint", false},
    {"decided_at", "", "::timestamptz", false}, {"decided_by", "", "::text", false},
    {"rerun_reason", "", "::text", false},     {"person_key", "", "::bytea", true},
    {"service_month", "", "::date", false},    {"dos", "", "::date", false},
    {"code", "", "::bytea", true},             {"route", "", "::text", false},
    {"outcome", "", "::text", false},          {"grp", "", "::text", false},
    {"carc", "", "::text", false},             {"rarc", "string_to_array(", "::text, E'\\n')", false},
    {"allowed_cents", "", "::bigint", false},  {"paid_cents", "", "::bigint", false},
    {"patient_resp_cents", "", "::bigint", false}, {"ruleset_id", "", "::text", false},
    {"ruleset_sha256", "", "::text", false},   {"rules", "string_to_array(", "::text, E'\\n')", false},
    {"matched_claim", "", "::bytea", true},    {"reason", "", "::bytea", true},
    {"cost_share", "", "::text", false},
    {"prev_hash", "", "::text", false},        {"hash", "", "::text", false},
};

/* COPY is several times cheaper than multi-row INSERT for these wide rows
 * (no statement to parse; the same triggers, constraints and indexes). */
static AdjStatus insert_rows(AdjStore *store, const AdjStoreWrite *w, const Row *rows,
                             size_t nrows, AdjError *err)
{
    char sql[1024];
    size_t len = (size_t)snprintf(sql, sizeof(sql), "COPY decision (");
    for (int c = 0; c < NCOLS; c++)
        len += (size_t)snprintf(sql + len, sizeof(sql) - len, "%s%s", c ? "," : "", cols[c].name);
    /* beside the chained columns: who (db_login is set by the database) */
    snprintf(sql + len, sizeof(sql) - len, ",app_user,refdata_version) FROM STDIN");
    StoreCopy cp;
    AdjStatus st = store_copy_begin(store, sql, &cp, err);
    if (st != ADJ_OK)
        return st;
    for (size_t r = 0; r < nrows && st == ADJ_OK; r++) {
        const Row *row = &rows[r];
        for (int c = 0; c < NCOLS; c++) {
            if (c == ADJ_CF_COUNT) {
                store_copy_text(&cp, row->prev);
                continue;
            }
            if (c == ADJ_CF_COUNT + 1) {
                store_copy_text(&cp, row->hash);
                continue;
            }
            const char *v = row->c.v[c];
            if (v == NULL)
                store_copy_null(&cp);
            else if (cols[c].binary)
                store_copy_bytea(&cp, v, row->c.len[c]);
            else if (cols[c].pre[0] != '\0') /* string_to_array: LF-joined list */
                store_copy_lf_array(&cp, v);
            else
                store_copy_text(&cp, v);
        }
        if (w->app_user != NULL)
            store_copy_text(&cp, w->app_user);
        else
            store_copy_null(&cp);
        if (w->refdata_version[0])
            store_copy_text(&cp, w->refdata_version);
        else
            store_copy_null(&cp);
        st = store_copy_row_end(&cp, err);
    }
    AdjStatus st2 = store_copy_end(&cp, err);
    return st != ADJ_OK ? st : st2;
}

static AdjStatus next_checkpoint_id(AdjStore *store, int64_t *id, AdjError *err)
{
    PGresult *res = NULL;
    AdjStatus st = store_run(store, "checkpoint id", "SELECT nextval('checkpoint_id_seq')", NULL,
                             &res, err);
    if (st != ADJ_OK)
        return st;
    *id = store_int(res, 0, 0);
    PQclear(res);
    return ADJ_OK;
}

/* Under the checkpoint lock (held to the transaction's end): the next
 * checkpoint's seq, the previous checkpoint's hmac or signature (the
 * genesis for the first), and the batch's decision hashes concatenated
 * (*hashes, freed by the caller). */
static AdjStatus checkpoint_tail(AdjStore *store, const Row *rows, size_t nrows, int64_t *seq,
                                 char prev[ADJ_SHA256_HEX], char **hashes, AdjError *err)
{
    AdjStatus st = store_exec(store, "SELECT pg_advisory_xact_lock(" CHECKPOINT_LOCK_KEY ")",
                              "checkpoint lock", err);
    if (st != ADJ_OK)
        return st;
    PGresult *res = NULL;
    st = store_run(store, "checkpoint tail",
                   "SELECT seq, hmac FROM checkpoint ORDER BY seq DESC LIMIT 1", NULL, &res, err);
    if (st != ADJ_OK)
        return st;
    *seq = 1;
    memcpy(prev, ADJ_CHAIN_GENESIS, ADJ_SHA256_HEX);
    if (PQntuples(res) == 1) {
        *seq = strtoll(PQgetvalue(res, 0, 0), NULL, 10) + 1;
        snprintf(prev, ADJ_SHA256_HEX, "%s", PQgetvalue(res, 0, 1));
    }
    PQclear(res);
    *hashes = adj_xmalloc(nrows * 64 + 1);
    for (size_t i = 0; i < nrows; i++)
        memcpy(*hashes + i * 64, rows[i].hash, 64);
    return ADJ_OK;
}

/* Append the checkpoint after the last committed one. The advisory lock,
 * held to the end of the transaction, orders the checkpoints of concurrent
 * workers: it is the one serial point, and it is short. */
static AdjStatus append_checkpoint(AdjStore *store, AdjStoreWrite *w, int64_t cp_id,
                                   const Row *rows, size_t nrows, const uint8_t *key,
                                   size_t key_len, int64_t *seq_out, AdjError *err)
{
    int64_t seq;
    char prev[ADJ_SHA256_HEX];
    char *hashes = NULL;
    AdjStatus st = checkpoint_tail(store, rows, nrows, &seq, prev, &hashes, err);
    if (st != ADJ_OK)
        return st;
    char hmac[ADJ_SHA256_HEX], key_id[17];
    adj_audit_seal_hmac(key, key_len, seq, cp_id, prev, hashes, nrows, hmac, key_id);
    free(hashes);
    char id_s[24], seq_s[24], n_s[24];
    snprintf(id_s, sizeof(id_s), "%lld", (long long)cp_id);
    snprintf(seq_s, sizeof(seq_s), "%lld", (long long)seq);
    snprintf(n_s, sizeof(n_s), "%zu", nrows);
    const char *params[7] = {id_s, seq_s, prev, w->decided_by, n_s, key_id, hmac};
    st = store_exec_params(store,
                           "INSERT INTO checkpoint (checkpoint_id, seq, prev_hmac, decided_by,"
                           " decisions, key_id, hmac)"
                           " VALUES ($1::bigint, $2::bigint, $3, $4, $5::int, $6, $7)",
                           7, params, "insert checkpoint", err);
    if (st == ADJ_OK)
        *seq_out = seq;
    return st;
}

/* The hashes of the batch's history events, as audit verify recomputes
 * them from the stored rows (n consecutive 64-character hex strings). */
static char *event_hashes(AdjStoreWrite *w, int64_t cp_id)
{
    char *out = adj_xmalloc(w->nevents * 64 + 1);
    const char *pk_cp = fmt_int(&w->arena, cp_id);
    for (size_t i = 0; i < w->nevents; i++) {
        const Event *e = &w->events[i];
        AdjChainEvent ce;
        const char *pk = fmt_int(&w->arena, e->claim_pk);
        const char *kind = e->retract ? "retract" : "record";
        const char *v[ADJ_EF_COUNT] = {pk, kind, e->person_key, e->member_id, e->billing_npi,
                                       e->claim_id, e->pcn, e->lines, pk_cp};
        for (int f = 0; f < ADJ_EF_COUNT; f++) {
            ce.v[f] = v[f];
            ce.len[f] = f == ADJ_EF_LINES ? e->lines_len : strlen(v[f]);
        }
        char h[ADJ_SHA256_HEX];
        adj_store_chain_event_hash(&ce, h);
        memcpy(out + i * 64, h, 64);
    }
    return out;
}

/* The signed checkpoint: as append_checkpoint, with the Ed25519 signature
 * of the digest over decisions and events instead of an HMAC. */
static AdjStatus append_signed_checkpoint(AdjStore *store, AdjStoreWrite *w, int64_t cp_id,
                                          const Row *rows, size_t nrows, int64_t *seq_out,
                                          AdjError *err)
{
    int64_t seq;
    char prev[ADJ_SHA256_HEX];
    char *hashes = NULL;
    AdjStatus st = checkpoint_tail(store, rows, nrows, &seq, prev, &hashes, err);
    if (st != ADJ_OK)
        return st;
    char *ev = event_hashes(w, cp_id);
    char digest[ADJ_SHA256_HEX], sig_hex[ADJ_SIG_HEX], fpr[ADJ_FPR_HEX];
    st = adj_audit_seal_signed(w->sign, seq, cp_id, prev, hashes, nrows, ev, w->nevents, digest,
                               sig_hex, fpr, err);
    free(hashes);
    free(ev);
    if (st != ADJ_OK)
        return st;
    char id_s[24], seq_s[24], n_s[24], m_s[24];
    snprintf(id_s, sizeof(id_s), "%lld", (long long)cp_id);
    snprintf(seq_s, sizeof(seq_s), "%lld", (long long)seq);
    snprintf(n_s, sizeof(n_s), "%zu", nrows);
    snprintf(m_s, sizeof(m_s), "%zu", w->nevents);
    const char *params[9] = {id_s, seq_s, prev, w->decided_by, n_s, fpr, digest, sig_hex, m_s};
    st = store_exec_params(store,
                           "INSERT INTO checkpoint (checkpoint_id, seq, prev_hmac, decided_by,"
                           " decisions, key_id, hmac, sig, events, scheme)"
                           " VALUES ($1::bigint, $2::bigint, $3, $4, $5::int, $6, $7, $8,"
                           " $9::int, 'ed25519')",
                           9, params, "insert checkpoint", err);
    if (st == ADJ_OK)
        *seq_out = seq;
    return st;
}

static void now_utc(char *buf, size_t size)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    struct tm tm;
    gmtime_r(&ts.tv_sec, &tm);
    char base[32];
    strftime(base, sizeof(base), "%Y-%m-%d %H:%M:%S", &tm);
    snprintf(buf, size, "%.20s.%06d+00", base, (int)(ts.tv_nsec / 1000));
}

AdjStatus adj_store_write_flush(AdjStore *store, AdjStoreWrite *w, const uint8_t *key,
                                size_t key_len, AdjStoreWriteResult *res, AdjError *err)
{
    res->decisions = 0;
    res->checkpoint_seq = 0;
    if (w->nclaims == 0 && w->nevents == 0)
        return ADJ_OK;
    int64_t cp_id = 0;
    AdjStatus st = next_checkpoint_id(store, &cp_id, err);
    Tail *tails = NULL;
    size_t ntails = 0;
    if (st == ADJ_OK)
        st = fetch_tails(store, w, &tails, &ntails, err);
    if (st != ADJ_OK)
        return st;
    char decided_at[48];
    now_utc(decided_at, sizeof(decided_at));
    Row *rows = adj_xcalloc(w->nrows ? w->nrows : 1, sizeof(*rows));
    size_t nrows = 0;
    for (size_t c = 0; c < w->nclaims; c++) {
        const Pending *p = &w->claims[c];
        Tail key_t = {.claim_pk = p->claim_pk};
        Tail *t = bsearch(&key_t, tails, ntails, sizeof(*tails), cmp_tail);
        for (int i = 0; i < p->n; i++)
            build_row(w, p, i, t, cp_id, decided_at, &rows[nrows++]);
        t->version++; /* a second set for the same claim in one batch is the next version */
    }
    free(tails);
    st = insert_rows(store, w, rows, nrows, err);
    if (st == ADJ_OK)
        st = insert_events(store, w, cp_id, err);
    if (st == ADJ_OK && w->sign != NULL)
        st = append_signed_checkpoint(store, w, cp_id, rows, nrows, &res->checkpoint_seq, err);
    else if (st == ADJ_OK && key != NULL) /* NULL: a dry run, rolled back by its caller */
        st = append_checkpoint(store, w, cp_id, rows, nrows, key, key_len,
                               &res->checkpoint_seq, err);
    free(rows);
    if (st == ADJ_OK)
        res->decisions = (int64_t)nrows;
    return st;
}

AdjStatus adj_store_queue_done(AdjStore *store, const int64_t *claim_pks, size_t n,
                               const char *decided_by, AdjError *err)
{
    if (n == 0)
        return ADJ_OK;
    StoreParams p;
    store_params_init(&p, NULL);
    store_params_int64_array(&p, claim_pks, n);
    store_params_text(&p, decided_by);
    AdjStatus st = store_run(store, "queue done",
                             "UPDATE intake_queue SET state = 'done', decided_at = now(),"
                             " decided_by = $2"
                             " WHERE claim_pk = ANY($1::bigint[]) AND state = 'ready'",
                             &p, NULL, err);
    store_params_free(&p);
    return st;
}
