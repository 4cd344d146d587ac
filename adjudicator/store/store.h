/* The only code that includes libpq. Every SQL statement of the product
 * lives behind a named function in this module; PGresult never leaves it.
 * All SQL is parameterised. */
#ifndef ADJ_STORE_STORE_H
#define ADJ_STORE_STORE_H

#include <stdbool.h>

#include <stddef.h>
#include <stdint.h>

#include "audit/audit.h"
#include "core/arena.h"
#include "core/status.h"
#include "crypto/crypto.h"
#include "crypto/sign.h"
#include "edits/history.h"
#include "claim/decision.h"
#include "refdata/refdata.h"
#include "x12/x12.h"
#include "x12out/x12out.h"

typedef struct AdjStore AdjStore;

/* Connect with a libpq conninfo. ADJ_ERR_DB when unreachable. A conninfo
 * (or PGHOST/PGHOSTADDR) naming a TCP host must carry sslmode=verify-full
 * (or PGSSLMODE): else ADJ_ERR_USAGE before any byte is sent, unless
 * adj_store_tls_policy(true) was called. */
AdjStatus adj_store_open(const char *conninfo, AdjStore **out, AdjError *err);
/* Process-wide: allow TCP connections without verify-full (db.allow_insecure_tcp;
 * logged as a warning once here). Default false. */
void adj_store_tls_policy(bool allow_insecure_tcp);
/* The check adj_store_open makes, alone. */
AdjStatus adj_store_conninfo_check(const char *conninfo, AdjError *err);
void adj_store_close(AdjStore *store);

typedef struct AdjMigrateResult {
    int applied;        /* migrations applied by this call */
    int current;        /* schema version after the call */
} AdjMigrateResult;

/* Apply every migration of sql_dir (files NNN_name.sql) not yet recorded in
 * schema_version, each in its own transaction, in order. A failing
 * migration is rolled back and named in err; earlier ones stay applied. */
AdjStatus adj_store_migrate(AdjStore *store, const char *sql_dir, AdjMigrateResult *res,
                            AdjError *err);

/* Transactions: the caller brackets a batch (queue rows, decisions, the
 * checkpoint) in one. rollback is safe when none is open. */
AdjStatus adj_store_begin(AdjStore *store, AdjError *err);
AdjStatus adj_store_commit(AdjStore *store, AdjError *err);
void adj_store_rollback(AdjStore *store);
/* A read-only REPEATABLE READ transaction: every later query sees one
 * snapshot, on a primary or a hot standby. End it with rollback or close. */
AdjStatus adj_store_begin_snapshot(AdjStore *store, AdjError *err);

/* Decisions of one batch, written as new versions (store/write.c). */
typedef struct AdjStoreWrite AdjStoreWrite;

typedef struct AdjStoreWriteResult {
    int64_t decisions;      /* rows inserted */
    int64_t checkpoint_seq; /* the batch's checkpoint, 0 when nothing written */
} AdjStoreWriteResult;

/* decided_by: "engine host:pid" or a staff user; rerun_reason NULL for a
 * claim's first decision. Both copied. */
AdjStoreWrite *adj_store_write_new(const char *decided_by, const char *rerun_reason);
void adj_store_write_free(AdjStoreWrite *w);
/* Sign the batch checkpoints with this Ed25519 private key (borrowed; it
 * must outlive w): flush then writes a signed checkpoint over the
 * decisions and history events whatever its key argument. Never attach a
 * key to a dry run's writer. */
void adj_store_write_sign_with(AdjStoreWrite *w, const AdjSignKey *key);
/* Who and with what (issue 15): app_user, the user named with --user,
 * recorded beside the database login (which the database sets itself);
 * refdata_version, the reference-data version the engine decided with
 * (negative: the database's current one). Copied. */
void adj_store_write_who(AdjStoreWrite *w, const char *app_user, int64_t refdata_version);
/* Queue one claim's decision set (one per line, in line order) as the
 * claim's next version. Copies everything. ADJ_ERR_INPUT when a rule or
 * RARC name is empty or holds a newline (it could not be chained). */
AdjStatus adj_store_write_add(AdjStoreWrite *w, int64_t claim_pk, const char *person_key,
                              size_t person_key_len, const AdjDecision *d, int n,
                              AdjError *err);
/* Queue one history event of the engine (record with its lines, or
 * retract) for the batch, written by flush in the order added. Copies. */
void adj_store_write_event(AdjStoreWrite *w, int64_t claim_pk, const char *pcn, bool retract,
                           const char *person_key, const char *member_id,
                           const char *billing_npi, const char *claim_id,
                           const AdjHistLine *lines, int n);
/* Inside the caller's open transaction: chain each claim's rows after its
 * last stored decision, insert them, and append the batch checkpoint (HMAC
 * with key). Nothing is written when no claim was added. key NULL: no
 * checkpoint (a re-run's dry run, whose caller rolls the transaction back;
 * the rows' deferred checkpoint reference could never commit). */
AdjStatus adj_store_write_flush(AdjStore *store, AdjStoreWrite *w, const uint8_t *key,
                                size_t key_len, AdjStoreWriteResult *res, AdjError *err);

/* `audit verify` (store/verify.c): recompute every claim's chain and every
 * checkpoint. Each problem goes to report (one line, naming the claim and
 * version or the checkpoint); *problems counts them. Ed25519 checkpoints
 * are verified with pub (a public key; a private key's public half works
 * too), legacy HMAC checkpoints with hmac (when NULL, each is a problem:
 * unverifiable). Every anchor (a checkpoint recorded outside the
 * database) must still be in the database with the same digest; a queue
 * row 'done' without decisions is a problem too. */
AdjStatus adj_store_audit_verify(AdjStore *store, const AdjAuditKeys *keys,
                                 void (*report)(void *ctx, const char *msg), void *ctx,
                                 AdjAuditResult *res, AdjError *err);
/* The newest checkpoint (for `audit anchor`): ADJ_ERR_INPUT when there is
 * none; scheme "ed25519" or "hmac-sha256"; sig empty for HMAC ones. */
typedef struct AdjStoreCheckpoint {
    int64_t seq, id;
    char scheme[16];
    char digest[ADJ_SHA256_HEX];
    char key_id[ADJ_FPR_HEX];
    char sig[ADJ_SIG_HEX];
    char created_at[40];
} AdjStoreCheckpoint;
AdjStatus adj_store_checkpoint_latest(AdjStore *store, AdjStoreCheckpoint *out, AdjError *err);

/* The database login of this connection (session_user). */
AdjStatus adj_store_session_user(AdjStore *store, char *out, size_t size, AdjError *err);

/* The access log (store/access.c; append-only): one read of a claim by
 * action ("show", "console"), with the OS user and the user named in the
 * application (either may be NULL); the database login is recorded by the
 * database. claim_pk <= 0: none (e.g. a look-up that found nothing). */
AdjStatus adj_store_access_log(AdjStore *store, const char *os_user, const char *app_user,
                               const char *action, int64_t claim_pk, const char *claim_key,
                               const char *detail, AdjError *err);
/* One read of the stored claim claim_pk, its key ("NPI CLM01") as the
 * database renders it (claim bytes need not be UTF-8). */
AdjStatus adj_store_access_log_claim(AdjStore *store, const char *os_user, const char *app_user,
                                     const char *action, int64_t claim_pk, const char *detail,
                                     AdjError *err);
/* `show`'s reads: one access-log row per stored claim whose CLM01 is
 * claim_id (and billing NPI npi when not NULL), or one row without a
 * claim when none is stored. *logged counts the claims. */
AdjStatus adj_store_access_log_claims(AdjStore *store, const char *os_user,
                                      const char *app_user, const char *action,
                                      const char *claim_id, const char *npi,
                                      const char *detail, int *logged, AdjError *err);

/* `show` look-ups (store/lookup.c): the claims matching every given field
 * (NULL: any), in arrival order, at most limit (*more tells whether there
 * were others). CLM01 matches whatever its case; dates select claims with a
 * line whose service dates meet [dos_from, dos_to] (ISO dates). */
typedef struct AdjStoreLookup {
    const char *claim_id;   /* CLM01, case-insensitive */
    const char *pcn;        /* payer claim control number */
    const char *npi;        /* billing NPI */
    const char *dos_from, *dos_to;
    const char *member_id;  /* subscriber ID */
    const char *outcome;    /* a line in force with this outcome */
    const char *carc;       /* a line in force with this CARC */
    int limit;
    int offset;             /* paging */
} AdjStoreLookup;
typedef struct AdjStoreFound {
    int64_t claim_pk;
    char pcn[24];
    char npi[11];
    char claim_id[ADJ_CLAIM_ID_MAX + 1];
    char dos[11];           /* first date of service */
    char outcomes[96];      /* the lines in force: "pay deny CO-18 ..." */
} AdjStoreFound;
AdjStatus adj_store_lookup(AdjStore *store, const AdjStoreLookup *q, AdjStoreFound **out,
                           size_t *n, bool *more, AdjError *err);
/* `show` and the console's claim page read claims, their dependents,
 * persons and acknowledgements as data: store/show_view.h. */

/* Intake (store/intake.c): one file in one transaction. begin stores the
 * interchange row unless a file with the same SHA-256 is stored already
 * (then adj_store_intake_already() is true, nothing is written and the
 * caller ends or aborts at once). set and claim take the reader's callbacks
 * in order; end writes what is buffered, enqueues, commits and frees. abort
 * rolls back and frees (NULL is a no-op). */
typedef struct AdjStoreIntake AdjStoreIntake;
typedef struct AdjStoreIntakeResult {
    bool already;               /* the file was stored before: nothing written */
    int64_t interchange_id;
    char first_file[256];       /* when already: the name and time it came under */
    char first_received[32];
    int64_t sets, claims, claims_rejected, lines; /* written by this ingest */
    int64_t chunks;             /* transactions committed by this ingest */
    bool resumed;               /* an interrupted chunked ingest of the file resumed */
    int64_t resumed_claims;     /* claims its committed chunks held (skipped) */
} AdjStoreIntakeResult;
AdjStatus adj_store_intake_begin(AdjStore *store, const char *file_name, int64_t size,
                                 const char *sha256, AdjStoreIntake **out, AdjError *err);
bool adj_store_intake_already(const AdjStoreIntake *in);
/* Commit every chunk_claims claims (about: at the next INTAKE_FLUSH
 * boundary) in a transaction of its own, queued as it commits; 0 (the
 * default): one transaction for the file. Call right after begin. */
void adj_store_intake_chunked(AdjStoreIntake *in, int64_t chunk_claims);
/* Claims committed so far (by this ingest's chunks and the interrupted
 * one it resumed): what stays queued if the rest is aborted. */
int64_t adj_store_intake_committed(const AdjStoreIntake *in);
AdjStatus adj_store_intake_set(AdjStoreIntake *in, const AdjX12Set *set, AdjError *err);
AdjStatus adj_store_intake_claim(AdjStoreIntake *in, const AdjClaim *claim, AdjError *err);
AdjStatus adj_store_intake_end(AdjStoreIntake *in, int sets_rejected,
                               AdjStoreIntakeResult *res, AdjError *err);
void adj_store_intake_abort(AdjStoreIntake *in);

/* A batch of claims to decide (store/queue.c), sorted by claim_pk (arrival
 * order). Owned by the caller: adj_store_batch_free. */
typedef struct AdjStoreBatch {
    size_t n;
    int64_t *claim_pks;
    AdjClaim *claims;          /* rebuilt from their rows; raw is not loaded */
    char (*pcn)[24];           /* payer claim control numbers */
    char **person_keys;
    size_t *person_key_lens;
    size_t skipped;            /* ready rows left for later: member busy elsewhere */
    AdjArena arena;
} AdjStoreBatch;
/* Inside the caller's transaction: lock up to limit ready queue rows (FOR
 * UPDATE SKIP LOCKED) and the advisory lock of each of their members; keep
 * the claims of members this worker now holds and that have no older ready
 * claim elsewhere; load them. The locks last until the transaction ends. */
AdjStatus adj_store_queue_take(AdjStore *store, int limit, AdjStoreBatch *b, AdjError *err);
/* Load the given claims (any state) into b, e.g. for a rerun. */
AdjStatus adj_store_batch_load(AdjStore *store, const int64_t *claim_pks, size_t n,
                               AdjStoreBatch *b, AdjError *err);
void adj_store_batch_free(AdjStoreBatch *b);
/* Queue rows by state: c[0] ready, c[1] done, c[2] failed (store/status.c). */
AdjStatus adj_store_queue_counts(AdjStore *store, int64_t c[3], AdjError *err);

/* What `adjudicator status` shows (store/status.c): the queue by state, the
 * failed rows with their error (newest first, up to max_failed), the
 * workers that committed a batch in the last hour (from the checkpoints'
 * decided_by) and the newest checkpoint. Strings are "" when absent. */
typedef struct AdjStoreFailedRow {
    int64_t claim_pk;
    char pcn[32], claim_id[40], at[40], decided_by[128], error[512];
} AdjStoreFailedRow;
typedef struct AdjStoreWorkerRow {
    char decided_by[128], last_at[40];
    int64_t batches, decisions;
} AdjStoreWorkerRow;
typedef struct AdjStoreStatus {
    int64_t queue[3];            /* ready, done, failed */
    char oldest_ready[40];       /* enqueued_at of the oldest ready row */
    AdjStoreFailedRow *failed;
    size_t nfailed;
    AdjStoreWorkerRow *workers;
    size_t nworkers;
    int64_t checkpoint_seq;      /* 0: none yet */
    char checkpoint_at[40], checkpoint_by[128];
    int64_t checkpoint_decisions;
} AdjStoreStatus;
AdjStatus adj_store_status(AdjStore *store, int max_failed, AdjStoreStatus *out, AdjError *err);
void adj_store_status_free(AdjStoreStatus *s);

/* Ready rows in the queue. */
AdjStatus adj_store_queue_ready(AdjStore *store, int64_t *count, AdjError *err);

/* History (store/history.c): the engine's history events of the given
 * members (subscriber IDs), in the order made; a record event carries the
 * paid and pending lines the engine recorded. pipeline/ replays them into
 * the engine's history interface. */
typedef struct AdjStoreHistEvent {
    int64_t claim_pk;
    bool retract;                          /* else record */
    char person_key[ADJ_PERSON_KEY_MAX];
    char member_id[ADJ_MEMBER_ID_MAX + 1];
    char billing_npi[11];
    char claim_id[ADJ_CLAIM_ID_MAX + 1];   /* retract: the original's CLM01 */
    char pcn[24];                          /* of claim_pk */
    size_t first_line;                     /* record: lines[first_line ..] */
    int nlines;
} AdjStoreHistEvent;
typedef struct AdjStoreHistory {
    AdjStoreHistEvent *events;
    size_t nevents;
    AdjHistLine *lines;
    size_t nlines;
} AdjStoreHistory;
AdjStatus adj_store_history_fetch(AdjStore *store, const char *const *member_ids,
                                  const size_t *lens, size_t n, AdjStoreHistory *h,
                                  AdjError *err);
void adj_store_history_free(AdjStoreHistory *h);
/* The stored form of a record event's lines (pure; caller frees) and back
 * (claim ID and NPI from the event; -1 when malformed). */
char *adj_store_lines_encode(const AdjHistLine *lines, int n, size_t *len);
int adj_store_lines_decode(const char *s, size_t len, const char *claim_id, const char *npi,
                           AdjHistLine *out, int max);

/* Reference data (store/refdata.c). A load is one transaction: begin, rows
 * in any order (plans before the members naming them), end commits and
 * bumps refdata_version so workers reload; abort rolls back. */
typedef struct AdjStoreRefLoad AdjStoreRefLoad;
typedef struct AdjStoreRefCounts {
    int64_t plans, providers, members;
    int64_t version; /* the reference-data version the load became */
} AdjStoreRefCounts;
AdjStatus adj_store_refload_begin(AdjStore *store, AdjStoreRefLoad **out, AdjError *err);
AdjStatus adj_store_refload_plan(AdjStoreRefLoad *l, const AdjPlanRow *r, AdjError *err);
AdjStatus adj_store_refload_provider(AdjStoreRefLoad *l, const AdjProviderRow *r,
                                     AdjError *err);
AdjStatus adj_store_refload_member(AdjStoreRefLoad *l, const AdjMemberRow *r, AdjError *err);
/* A benefits.csv row (issue 13). */
AdjStatus adj_store_refload_benefit(AdjStoreRefLoad *l, const AdjBenefitRow *r, AdjError *err);
/* Whether a plan exists (stored before or earlier in this load). */
AdjStatus adj_store_refload_plan_exists(AdjStoreRefLoad *l, const char *plan_id, bool *exists,
                                        AdjError *err);
/* Who loads and why (recorded as the new reference-data version with the
 * rows it changed); any may be NULL. Copied. Call before end. */
void adj_store_refload_describe(AdjStoreRefLoad *l, const char *os_user, const char *app_user,
                                const char *reason, const char *files);
AdjStatus adj_store_refload_end(AdjStoreRefLoad *l, AdjStoreRefCounts *counts, AdjError *err);
void adj_store_refload_abort(AdjStoreRefLoad *l);
/* The reference data version (bumped by every load). */
AdjStatus adj_store_refdata_version(AdjStore *store, int64_t *version, AdjError *err);
/* All reference data into new engine tables; the caller frees *out. */
AdjStatus adj_store_refdata_read(AdjStore *store, AdjRefdata **out, AdjError *err);

/* LISTEN for new claims (store/notify.c). */
AdjStatus adj_store_listen(AdjStore *store, AdjError *err);
/* Wait up to timeout_ms for a NOTIFY (a signal cuts it short). *woken tells
 * whether one came. ADJ_ERR_DB when the connection is gone. */
AdjStatus adj_store_wait(AdjStore *store, int timeout_ms, bool *woken, AdjError *err);
/* The connection is up. */
bool adj_store_ok(const AdjStore *store);
/* Set a claim the engine could not decide aside ('failed', with the error),
 * in the caller's transaction, so it cannot block the queue. */
AdjStatus adj_store_queue_fail(AdjStore *store, int64_t claim_pk, const char *decided_by,
                               const char *error, AdjError *err);
/* Store a ruleset's text under its SHA-256 unless already there. */
AdjStatus adj_store_ruleset_put(AdjStore *store, const char *sha256, const char *ruleset_id,
                                const void *body, size_t len, AdjError *err);
/* Store the report's code families of the rulesets (report_families) in
 * report_code_family: codes added or moved, none removed (sql/130). */
typedef struct AdjRulesetSet AdjRulesetSet;
AdjStatus adj_store_report_families_put(AdjStore *store, const AdjRulesetSet *rules,
                                        AdjError *err);

/* Mark queue rows decided, in the caller's transaction. */
AdjStatus adj_store_queue_done(AdjStore *store, const int64_t *claim_pks, size_t n,
                               const char *decided_by, AdjError *err);

/* Remittance (store/remit.c, sql/070): one transaction per `remit` run,
 * serialised against other runs by an advisory lock. begin opens it and a
 * cursor over the work (claims to pay or reverse, payee then claim order,
 * decisions made through `through`, 0 = all); next returns one claim with
 * its remitted lines (found false at the end); ids allocates the next 835's
 * row id and interchange control number; record queues a claim's
 * remit_claim row; file writes the remit_file row; a payee's work is
 * bracketed by savepoint(false) ... savepoint(true), or undo_payee when its
 * 835 cannot be written; end commits (or rolls back) and frees. */
typedef struct AdjStoreRemit AdjStoreRemit;
typedef struct AdjStoreRemitClaim {
    int64_t claim_pk;
    AdjRemitPayee payee;
    AdjRemitClaim claim;           /* lines point into lines[] */
    int64_t decision_ids[ADJ_MAX_LINES];
    int nlines;
    AdjRemitLine lines[ADJ_MAX_LINES];
} AdjStoreRemitClaim;
typedef struct AdjStoreRemitFile {
    int64_t remit_id;
    uint32_t control;
    const char *payee_npi, *file_name;
    int64_t claims, reversals, paid, plb;
    AdjDate through;
} AdjStoreRemitFile;
AdjStatus adj_store_remit_begin(AdjStore *store, AdjDate through, AdjStoreRemit **out,
                                AdjError *err);
AdjStatus adj_store_remit_next(AdjStoreRemit *r, AdjStoreRemitClaim *c, bool *found,
                               AdjError *err);
AdjStatus adj_store_remit_ids(AdjStoreRemit *r, int64_t *remit_id, uint32_t *control,
                              AdjError *err);
AdjStatus adj_store_remit_record(AdjStoreRemit *r, int64_t remit_id, int seq,
                                 const AdjStoreRemitClaim *c, int64_t paid, AdjError *err);
AdjStatus adj_store_remit_file(AdjStoreRemit *r, const AdjStoreRemitFile *f, AdjError *err);
AdjStatus adj_store_remit_savepoint(AdjStoreRemit *r, bool release, AdjError *err);
void adj_store_remit_undo_payee(AdjStoreRemit *r);
AdjStatus adj_store_remit_end(AdjStoreRemit *r, bool commit, AdjError *err);

/* Acknowledgements ingest produced (store/ack.c, sql/071). control: the
 * next interchange control number (unique per receiver); put stores one
 * TA1/999/277CA whole (interchange_id 0: nothing of the file was stored);
 * pcns: the payer claim control numbers of an interchange's claims in file
 * order (caller frees *pcns). Those of a claim key, for `show`:
 * adj_store_show_acks (store/show_view.h). */
typedef struct AdjStoreAck {
    int64_t interchange_id;
    const char *file_name, *file_sha256, *in_isa13, *kind, *receiver, *written_to;
    uint32_t control;
    const char *body;
    size_t body_len;
} AdjStoreAck;
AdjStatus adj_store_ack_control(AdjStore *store, uint32_t *out, AdjError *err);
AdjStatus adj_store_ack_put(AdjStore *store, const AdjStoreAck *a, AdjError *err);
AdjStatus adj_store_ack_pcns(AdjStore *store, int64_t interchange_id, char (**pcns)[24],
                             size_t *n, AdjError *err);

#endif
