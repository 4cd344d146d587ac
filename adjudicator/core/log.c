/* Logging to stderr; see log.h. */
#include "core/log.h"

#include "core/guard.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static AdjLogLevel log_level = ADJ_LOG_INFO;
static const char *const level_names[] = {"debug", "info", "warn", "error"};

void adj_log_set_level(AdjLogLevel level) { log_level = level; }

AdjLogLevel adj_log_get_level(void) { return log_level; }

int adj_log_level_parse(const char *name)
{
    for (int i = 0; i < 4; i++)
        if (strcmp(name, level_names[i]) == 0)
            return i;
    return -1;
}

void adj_log(AdjLogLevel level, const char *fmt, ...)
{
    if (level < log_level || adj_guard_active()) /* API calls never write to stderr */
        return;
    char buf[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof(buf), fmt, ap);
    va_end(ap);
    fprintf(stderr, "adjudicator: %s: %s\n", level_names[level], buf);
}
