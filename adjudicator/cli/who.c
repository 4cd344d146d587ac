/* Who runs a command: the OS user recorded beside the database login in
 * the access log and the reference-data versions; blank --user/--reason. */
#include <ctype.h>
#include <pwd.h>
#include <stdio.h>
#include <unistd.h>

#include "cli/cli.h"

const char *adj_cli_os_user(void)
{
    static char name[64];
    struct passwd *pw = getpwuid(geteuid());
    if (pw != NULL && pw->pw_name != NULL)
        snprintf(name, sizeof(name), "%s", pw->pw_name);
    else
        snprintf(name, sizeof(name), "uid %u", (unsigned)geteuid());
    return name;
}

bool adj_cli_blank(const char *s)
{
    if (s == NULL)
        return true;
    for (; *s; s++)
        if (!isspace((unsigned char)*s))
            return false;
    return true;
}
