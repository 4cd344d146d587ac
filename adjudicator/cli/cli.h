/* Subcommands of the adjudicator command. Each lives in cli/cmd_<name>.c and
 * is listed once in the table of cli/main.c. A command returns the exit
 * status of DESIGN.md 3.1: 0 ok, 1 some input rejected, 2 usage or
 * configuration, 3 database unavailable. */
#ifndef ADJ_CLI_CLI_H
#define ADJ_CLI_CLI_H

#include <stdbool.h>
#include <stddef.h>

#include "config/config.h"
#include "core/status.h"

typedef struct AdjCli {
    const char *config_path; /* --config, or NULL */
    const char *db_override; /* --db, or NULL */
    AdjConfig config;
    const char *argv0;
} AdjCli;

/* The conninfo in force: --db, else db.conninfo, else $ADJ_DB, else "". */
const char *adj_cli_conninfo(const AdjCli *cli);
/* The sql/ directory: $ADJ_SQL_DIR, else next to the binary, else ./sql. */
const char *adj_cli_sql_dir(const AdjCli *cli);
/* NAME beside the binary (../NAME, ../../NAME, ../share/adjudicator/NAME)
 * into buf, or NULL when none exists. */
const char *adj_cli_beside_binary(const char *name, char *buf, size_t size);
/* True when argv[i] is -h or --help. */
bool adj_cli_wants_help(int argc, char **argv);

/* The rulesets in force: override (--ruleset), else rulesets.dir, else
 * next to the binary (cli/rulesets_path.c). buf holds a found path. */
const char *adj_cli_rulesets_path(const AdjCli *cli, const char *override, char *buf,
                                  size_t size);

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
AdjRemitCheck *adj_remit_check_new(const char *dir);
void adj_remit_check_claim(AdjRemitCheck *rc, const struct AdjClaim *claim,
                           const struct AdjDecision *d, int n);
/* Write the 835s; 0, or 1 when a payee's file did not balance (not
 * written), 2 when the directory cannot be written. Frees rc. */
int adj_remit_check_finish(AdjRemitCheck *rc);

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
int adj_cmd_ack(AdjCli *cli, int argc, char **argv);
int adj_cmd_remit(AdjCli *cli, int argc, char **argv);

#endif
