/* Where the command finds its data: the rulesets in force and the sql/
 * migrations, from the configuration or beside the binary (a checkout's
 * build/, build/asan/, or an installation's share/adjudicator/). */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"

const char *adj_cli_beside_binary(const char *name, char *buf, size_t size)
{
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
    if (n <= 0)
        return NULL;
    exe[n] = '\0';
    char *slash = strrchr(exe, '/');
    if (slash == NULL)
        return NULL;
    *slash = '\0';
    const char *cand[] = {"/../", "/../../", "/../share/adjudicator/"};
    for (size_t i = 0; i < 3; i++) {
        snprintf(buf, size, "%s%s%s", exe, cand[i], name);
        if (access(buf, R_OK) == 0)
            return buf;
    }
    return NULL;
}

const char *adj_cli_rulesets_path(const AdjCli *cli, const char *override, char *buf,
                                  size_t size)
{
    if (override != NULL)
        return override;
    const char *dir = cli->config.rulesets_dir;
    if (dir[0] == '/' || access(dir, R_OK) == 0)
        return dir;
    const char *found = adj_cli_beside_binary("rulesets", buf, size);
    return found != NULL ? found : dir;
}

const char *adj_cli_sql_dir(const AdjCli *cli)
{
    static char path[PATH_MAX];
    (void)cli;
    const char *env = getenv("ADJ_SQL_DIR");
    if (env != NULL && env[0] != '\0')
        return env;
    const char *found = adj_cli_beside_binary("sql", path, sizeof(path));
    return found != NULL ? found : "sql";
}
