/* adjudicator staff add LOGIN --role ROLE | passwd LOGIN | disable LOGIN:
 * console staff accounts. The password is read from standard input (one
 * line; prompted without echo on a terminal), never from the command line. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "crypto/password.h"
#include "store/staff.h"

static void staff_usage(FILE *f)
{
    fprintf(f, "usage: adjudicator [--config FILE] [--db CONNINFO] staff add LOGIN --role ROLE\n"
               "       adjudicator staff passwd LOGIN\n"
               "       adjudicator staff disable LOGIN\n\n"
               "Console staff accounts. Roles: viewer (searches and reads claims), analyst\n"
               "(also works pended lines and previews re-runs), supervisor (also commits\n"
               "re-runs). add and passwd read the password from standard input (one line,\n"
               "at least %d characters; prompted without echo on a terminal) and store a\n"
               "PBKDF2-HMAC-SHA256 hash. passwd also unlocks the account (5 failed sign-ins\n"
               "in a row lock it for 15 minutes) and enables it again.\n", ADJ_PW_MIN);
}

static int read_password(char *buf, size_t size)
{
    if (isatty(STDIN_FILENO)) {
        char *p = getpass("password: ");
        if (p == NULL)
            return -1;
        snprintf(buf, size, "%s", p);
        memset(p, 0, strlen(p));
        return 0;
    }
    if (fgets(buf, (int)size, stdin) == NULL)
        return -1;
    buf[strcspn(buf, "\r\n")] = '\0';
    return ADJ_EXIT_OK;
}

static int on_option(void *ctx, int id, const char *name, const char *v)
{
    (void)id, (void)name;
    *(const char **)ctx = v; /* --role */
    return ADJ_CLI_GO;
}

/* "add LOGIN --role R", "passwd LOGIN", "disable LOGIN": ADJ_CLI_GO, or the
 * exit status after one line on stderr */
static int staff_parse(AdjCli *cli, int argc, char **argv, const char **verb,
                       const char **login, const char **role)
{
    static const AdjCliOpt opts[] = {{"role", 1, 'r'}, {NULL, 0, 0}};
    AdjCliSpec spec = {"staff", staff_usage, opts, on_option, role};
    int rc = adj_cli_parse(cli, &spec, &argc, argv);
    if (rc != ADJ_CLI_GO)
        return rc;
    if (argc != 3)
        return adj_cli_usage_error("staff", "staff add LOGIN --role ROLE | passwd LOGIN | "
                                            "disable LOGIN");
    *verb = argv[1];
    *login = argv[2];
    if (strcmp(*verb, "add") == 0)
        return *role ? ADJ_CLI_GO : adj_cli_usage_error("staff", "add needs --role");
    if (strcmp(*verb, "passwd") != 0 && strcmp(*verb, "disable") != 0)
        return adj_cli_usage_error("staff", "unknown action '%s': add, passwd or disable", *verb);
    if (*role)
        return adj_cli_usage_error("staff", "--role goes with add");
    return ADJ_CLI_GO;
}

int adj_cmd_staff(AdjCli *cli, int argc, char **argv)
{
    const char *verb = NULL, *login = NULL, *role = NULL;
    int rc = staff_parse(cli, argc, argv, &verb, &login, &role);
    if (rc != ADJ_CLI_GO)
        return rc;
    AdjError err = {0};
    char pw[ADJ_PW_MAX + 2], hash[ADJ_PW_HASH_MAX];
    if (strcmp(verb, "disable") != 0) {
        if (read_password(pw, sizeof(pw)) != 0) {
            fprintf(stderr, "adjudicator staff: no password on standard input\n");
            return ADJ_EXIT_USAGE;
        }
        AdjStatus hs = adj_password_hash(pw, 0, hash, &err);
        memset(pw, 0, sizeof(pw));
        if (hs != ADJ_OK) {
            fprintf(stderr, "adjudicator staff: %s\n", err.msg);
            return adj_status_exit_code(hs);
        }
    }
    AdjStore *store = NULL;
    AdjStatus st = adj_store_open(adj_cli_conninfo(cli), &store, &err);
    if (st == ADJ_OK && strcmp(verb, "add") == 0)
        st = adj_store_staff_add(store, login, role, hash, &err);
    else if (st == ADJ_OK && strcmp(verb, "passwd") == 0)
        st = adj_store_staff_passwd(store, login, hash, &err);
    else if (st == ADJ_OK)
        st = adj_store_staff_disable(store, login, &err);
    adj_store_close(store);
    if (st != ADJ_OK) {
        fprintf(stderr, "adjudicator staff: %s\n", err.msg);
        return adj_status_exit_code(st);
    }
    printf("staff %s: %s%s%s\n", verb, login, role ? " as " : "", role ? role : "");
    return ADJ_EXIT_OK;
}
