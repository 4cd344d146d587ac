/* Logging to stderr; see log.h. */
#include "core/log.h"

#include <stdarg.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "core/guard.h"
#include "core/json.h"

static AdjLogLevel log_level = ADJ_LOG_INFO;
static AdjLogFormat log_format = ADJ_LOG_TEXT;
static const char *const level_names[] = {"debug", "info", "warn", "error"};

void adj_log_set_level(AdjLogLevel level) { log_level = level; }

AdjLogLevel adj_log_get_level(void) { return log_level; }

void adj_log_set_format(AdjLogFormat format) { log_format = format; }

int adj_log_level_parse(const char *name)
{
    for (int i = 0; i < 4; i++)
        if (strcmp(name, level_names[i]) == 0)
            return i;
    return -1;
}

int adj_log_format_parse(const char *name)
{
    if (strcmp(name, "text") == 0)
        return ADJ_LOG_TEXT;
    if (strcmp(name, "json") == 0)
        return ADJ_LOG_JSON;
    return -1;
}

/* One JSON object per line, written with one call so that lines of several
 * threads never interleave: {"ts":"...Z","level":"info","pid":N,"msg":"..."} */
static void log_json(AdjLogLevel level, const char *msg)
{
    struct timeval tv;
    gettimeofday(&tv, NULL);
    struct tm tm;
    gmtime_r(&tv.tv_sec, &tm);
    char ts[40];
    strftime(ts, sizeof(ts), "%Y-%m-%dT%H:%M:%S", &tm);
    char *mem = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&mem, &len);
    if (f == NULL)
        return;
    fprintf(f, "{\"ts\":\"%s.%03dZ\",\"level\":\"%s\",\"pid\":%d,\"msg\":", ts,
            (int)(tv.tv_usec / 1000), level_names[level], (int)getpid());
    adj_json_cstr(f, msg);
    fputs("}\n", f);
    fclose(f);
    fwrite(mem, 1, len, stderr);
    fflush(stderr);
    free(mem);
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
    if (log_format == ADJ_LOG_JSON)
        log_json(level, buf);
    else
        fprintf(stderr, "adjudicator: %s: %s\n", level_names[level], buf);
}
