/* Subcommands of the adjudicator command. Each lives in cli/cmd_<name>.c,
 * is listed once in the table of cli/main.c and parses its command line with
 * adj_cli_parse (cli/opts.c), the one grammar of every subcommand. A command
 * returns an exit status of the table below (docs/contracts.md "Exit
 * status"); a failed AdjStatus becomes one through adj_status_exit_code. */
#ifndef ADJ_CLI_CLI_H
#define ADJ_CLI_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "config/config.h"
#include "core/status.h"
#include "crypto/crypto.h"
#include "crypto/sign.h"

/* Exit status of every command. A failed AdjStatus maps onto 1-3 through
 * adj_status_exit_code (core/status.c), the one table: ADJ_ERR_INPUT 1;
 * ADJ_ERR_USAGE, ADJ_ERR_IO (an input file that cannot be opened or read)
 * and ADJ_ERR_INTERNAL 2; ADJ_ERR_DB 3. */
enum {
    ADJ_EXIT_OK = 0,
    ADJ_EXIT_REJECTED = 1,     /* some input rejected (the rest processed) */
    ADJ_EXIT_USAGE = 2,        /* usage, configuration, a file that cannot be read */
    ADJ_EXIT_DB = 3,           /* database unavailable */
    ADJ_EXIT_INTERRUPTED = 130 /* rerun stopped by SIGINT/SIGTERM; resumable */
};

typedef struct AdjCli {
    const char *config_path; /* --config, or NULL */
    const char *db_override; /* --db, or NULL */
    bool verbose;            /* -v */
    bool configured;         /* config loaded (adj_cli_configure) */
    AdjConfig config;
    const char *argv0;
} AdjCli;

/* One option of a subcommand: --NAME, with a value when arg is 1. id is
 * what the option callback receives: a letter other than h and v, or a
 * value from 256 up. */
typedef struct AdjCliOpt {
    const char *name;
    int arg;
    int id;
} AdjCliOpt;

/* Returned by adj_cli_parse and option callbacks to go on; anything else is
 * the exit status to return at once. */
#define ADJ_CLI_GO (-1)

typedef struct AdjCliSpec {
    const char *name;        /* "check", "db", as in the usage errors */
    void (*usage)(FILE *f);  /* the full --help text */
    const AdjCliOpt *opts;   /* ends with {NULL, 0, 0}; NULL for none */
    /* One option: ADJ_CLI_GO, or an exit status (after one line on stderr,
     * adj_cli_usage_error). name is the option's long name. */
    int (*option)(void *ctx, int id, const char *name, const char *value);
    void *ctx;
} AdjCliSpec;

/* Parse a subcommand's command line (argv[0] is the subcommand): options
 * anywhere, --opt=value, "--" ends the options; -h/--help prints the usage
 * and returns 0; --config, --db and -v are accepted here too. On success the
 * operands, in order, are left in argv[1..*argc-1], the configuration is
 * loaded, and ADJ_CLI_GO is returned; otherwise the exit status. */
int adj_cli_parse(AdjCli *cli, const AdjCliSpec *spec, int *argc, char **argv);
/* Load --config (once) and set the log level: ADJ_CLI_GO or 2. */
int adj_cli_configure(AdjCli *cli);
/* One line on stderr, "adjudicator CMD: what (see 'adjudicator help CMD')";
 * returns 2. */
int adj_cli_usage_error(const char *cmd, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* --format values, one meaning everywhere: table (aligned text for people),
 * json (one JSON document), jsonl (one JSON object per line), csv, html. */
typedef enum AdjFormat {
    ADJ_FMT_TABLE,
    ADJ_FMT_JSON,
    ADJ_FMT_JSONL,
    ADJ_FMT_CSV,
    ADJ_FMT_HTML
} AdjFormat;
#define ADJ_FMT_BIT(f) (1u << (f))
/* value as one of the allowed formats (ADJ_FMT_BIT mask), or false after
 * a usage error line naming the allowed ones. */
bool adj_format_parse(const char *cmd, const char *value, unsigned allowed, AdjFormat *out);

/* The conninfo in force: --db, else db.conninfo, else $ADJ_DB, else "". */
const char *adj_cli_conninfo(const AdjCli *cli);
/* The conninfo of read-only commands (show, report): --db, else
 * db.read_conninfo (a standby), else adj_cli_conninfo (cli/read_conninfo.c). */
const char *adj_cli_read_conninfo(const AdjCli *cli);
/* The sql/ directory: $ADJ_SQL_DIR, else next to the binary, else ./sql. */
const char *adj_cli_sql_dir(const AdjCli *cli);
/* NAME beside the binary (../NAME, ../../NAME, ../share/adjudicator/NAME)
 * into buf, or NULL when none exists. */
const char *adj_cli_beside_binary(const char *name, char *buf, size_t size);

/* The rulesets in force: override (--ruleset), else rulesets.dir, else
 * next to the binary (cli/rulesets_path.c). buf holds a found path. */
const char *adj_cli_rulesets_path(const AdjCli *cli, const char *override, char *buf,
                                  size_t size);

/* Progress of a long run (cli/progress.c): one line on stderr when it is a
 * terminal (and, with stdout_busy, stdout is not), rewritten at most four
 * times a second: bytes or claims done, rate, time left. Silent otherwise
 * or with $ADJ_NO_PROGRESS set. bytes: total counts bytes of input files
 * (adj_progress_file before each), else claims. */
typedef struct AdjProgress {
    bool on, bytes, shown;
    const char *what;
    uint64_t total, done, done_base, cur_size, claims;
    const char *first_raw;
    double start, last;
} AdjProgress;
void adj_progress_init(AdjProgress *p, const char *what, uint64_t total, bool bytes,
                       bool stdout_busy);
void adj_progress_file(AdjProgress *p, uint64_t size);
/* One claim done (raw: its segments in the mapped file, or NULL). */
void adj_progress_claim(AdjProgress *p, const char *raw, size_t raw_len);
/* Erase the line before another message on stderr. */
void adj_progress_clear(AdjProgress *p);
void adj_progress_end(AdjProgress *p);

/* The next interchange control number for replies to sender (any key
 * without spaces), recorded in DIR/control-numbers under a lock so that
 * concurrent runs never reuse one (cmd_ack.c). */
AdjStatus adj_cli_control_next(const char *dir, const char *sender, uint32_t *out,
                               AdjError *err);

/* ingest: produce, store (and write to acks.dir) the TA1/999/277CA of a
 * file; interchange_id 0 when nothing of it was stored. Returns an exit
 * status (0, 1 not stored, 3 database) (cmd_ack.c). */
struct AdjStore;
int adj_ack_ingested(const AdjCli *cli, struct AdjStore *store, const char *path,
                     const char *sha, int64_t interchange_id);

/* check --remit-dir: 835s of the decisions of one check run (cmd_remit.c) */
struct AdjClaim;
struct AdjDecision;
typedef struct AdjRemitCheck AdjRemitCheck;
/* cfg: the payer named by remit.* (--config given), or NULL: the payer the
 * 837 names, with remit.*'s defaults for the rest */
AdjRemitCheck *adj_remit_check_new(const char *dir, const AdjConfig *cfg);
void adj_remit_check_claim(AdjRemitCheck *rc, const struct AdjClaim *claim,
                           const struct AdjDecision *d, int n);
/* Write the 835s; 0, or 1 when a payee's file did not balance (not
 * written), 2 when the directory cannot be written. Frees rc. */
int adj_remit_check_finish(AdjRemitCheck *rc);

/* Audit keys (cli/audit_keys.c). signing: audit.signing_key (Ed25519),
 * required (no HMAC fallback: an error naming the setting); logs it. verify:
 * the public key (override, audit.public_key, else the signing key's public
 * half) and the HMAC key when configured, for legacy checkpoints. free
 * wipes the key bytes. */
typedef struct AdjCliAuditKeys {
    AdjSignKey *sign;
    AdjSignKey *pub;
    uint8_t hmac[ADJ_KEY_MAX];
    size_t hmac_len;
    bool has_hmac;
} AdjCliAuditKeys;
AdjStatus adj_cli_audit_keys_signing(const AdjCli *cli, AdjCliAuditKeys *k, AdjError *err);
AdjStatus adj_cli_audit_keys_verify(const AdjCli *cli, const char *pub_override,
                                    const char *hmac_override, AdjCliAuditKeys *k,
                                    AdjError *err);
void adj_cli_audit_keys_free(AdjCliAuditKeys *k);

/* Who runs the command (cli/who.c): the OS user's name (or "uid N"), and
 * whether a --user or --reason value is blank (empty or only spaces). */
const char *adj_cli_os_user(void);
bool adj_cli_blank(const char *s);

typedef int (*AdjCommandFn)(AdjCli *cli, int argc, char **argv);

int adj_cmd_db(AdjCli *cli, int argc, char **argv);
int adj_cmd_audit(AdjCli *cli, int argc, char **argv);
int adj_cmd_rerun(AdjCli *cli, int argc, char **argv);
int adj_cmd_show(AdjCli *cli, int argc, char **argv);
int adj_cmd_ingest(AdjCli *cli, int argc, char **argv);
int adj_cmd_load(AdjCli *cli, int argc, char **argv);
int adj_cmd_run(AdjCli *cli, int argc, char **argv);
int adj_cmd_serve(AdjCli *cli, int argc, char **argv);
int adj_cmd_synth(AdjCli *cli, int argc, char **argv);
int adj_cmd_parse(AdjCli *cli, int argc, char **argv);
int adj_cmd_ruleset(AdjCli *cli, int argc, char **argv);
int adj_cmd_check(AdjCli *cli, int argc, char **argv);
int adj_cmd_report(AdjCli *cli, int argc, char **argv);
int adj_cmd_status(AdjCli *cli, int argc, char **argv);
int adj_cmd_pend(AdjCli *cli, int argc, char **argv);
int adj_cmd_console(AdjCli *cli, int argc, char **argv);
int adj_cmd_staff(AdjCli *cli, int argc, char **argv);
int adj_cmd_ack(AdjCli *cli, int argc, char **argv);
int adj_cmd_remit(AdjCli *cli, int argc, char **argv);

#endif
