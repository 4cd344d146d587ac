/* The conninfo of read-only commands: a standby when db.read_conninfo names
 * one. show, report and the console read claims through it; every write
 * (the access log included) uses adj_cli_conninfo. */
#include "cli/cli.h"

const char *adj_cli_read_conninfo(const AdjCli *cli)
{
    if (cli->db_override == NULL && cli->config.db_read_conninfo[0] != '\0')
        return cli->config.db_read_conninfo;
    return adj_cli_conninfo(cli);
}
