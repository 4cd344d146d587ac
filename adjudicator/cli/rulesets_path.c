/* Where the rulesets in force are: --ruleset, else rulesets.dir as
 * configured, else next to the binary (a checkout or an installation).
 * Shared by the commands that decide against PostgreSQL. */
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"

const char *adj_cli_rulesets_path(const AdjCli *cli, const char *override, char *buf,
                                  size_t size)
{
    if (override != NULL)
        return override;
    const char *dir = cli->config.rulesets_dir;
    if (dir[0] == '/' || access(dir, R_OK) == 0)
        return dir;
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash != NULL) {
            *slash = '\0';
            const char *cand[] = {"/../rulesets", "/../../rulesets", "/../share/adjudicator/rulesets"};
            for (size_t i = 0; i < 3; i++) {
                snprintf(buf, size, "%s%s", exe, cand[i]);
                if (access(buf, R_OK) == 0)
                    return buf;
            }
        }
    }
    return dir;
}
