/* Subcommands of the adjudicator command. Each lives in cli/cmd_<name>.c and
 * is listed once in the table of cli/main.c. A command returns the exit
 * status of DESIGN.md 3.1: 0 ok, 1 some input rejected, 2 usage or
 * configuration, 3 database unavailable. */
#ifndef ADJ_CLI_CLI_H
#define ADJ_CLI_CLI_H

#include <stdbool.h>
#include <stddef.h>

#include "config/config.h"
#include "crypto/crypto.h"
#include "crypto/sign.h"

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

/* Audit keys (cli/audit_keys.c). signing: audit.signing_key (Ed25519),
 * else the legacy HMAC audit.key_file with a warning; logs which. verify:
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

#endif
