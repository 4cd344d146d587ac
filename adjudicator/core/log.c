/* Logging to stderr or to journald's native protocol; see log.h. */
#include "core/log.h"

#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "core/guard.h"
#include "core/json.h"

static AdjLogLevel log_level = ADJ_LOG_INFO;
static AdjLogFormat log_format = ADJ_LOG_TEXT;
static const char *const level_names[] = {"debug", "info", "warn", "error"};

void adj_log_set_level(AdjLogLevel level) { log_level = level; }

AdjLogLevel adj_log_get_level(void) { return log_level; }

static char journal_path[sizeof(((struct sockaddr_un *)0)->sun_path)] = ADJ_LOG_JOURNAL_SOCKET;

void adj_log_set_journal_socket(const char *path)
{
    snprintf(journal_path, sizeof(journal_path), "%s",
             path != NULL && path[0] != '\0' ? path : ADJ_LOG_JOURNAL_SOCKET);
}

void adj_log_set_format(AdjLogFormat format)
{
    struct stat st;
    if (format == ADJ_LOG_JOURNAL && stat(journal_path, &st) != 0) {
        fprintf(stderr, "adjudicator: error: log.format journal: %s: %s (is systemd-journald "
                        "running?); logging to stderr as text\n", journal_path, strerror(errno));
        format = ADJ_LOG_TEXT;
    } else if (format == ADJ_LOG_JOURNAL && !S_ISSOCK(st.st_mode)) {
        fprintf(stderr, "adjudicator: error: log.format journal: %s: not a socket; logging to "
                        "stderr as text\n", journal_path);
        format = ADJ_LOG_TEXT;
    }
    log_format = format;
}

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
    if (strcmp(name, "journal") == 0)
        return ADJ_LOG_JOURNAL;
    return -1;
}

/* journald's native protocol (systemd.journal-fields(7), "Native Journal
 * Protocol"): one datagram of fields; a value holding a newline goes as
 * NAME, LF, its length (64-bit little endian), the bytes, LF. Returns false
 * when the datagram could not be sent (the caller falls back to stderr). */
static void journal_field(FILE *f, const char *name, const char *value)
{
    if (strchr(value, '\n') == NULL) {
        fprintf(f, "%s=%s\n", name, value);
        return;
    }
    uint64_t n = strlen(value);
    unsigned char len[8];
    for (int i = 0; i < 8; i++)
        len[i] = (unsigned char)(n >> (8 * i));
    fprintf(f, "%s\n", name);
    fwrite(len, 1, sizeof(len), f);
    fwrite(value, 1, (size_t)n, f);
    fputc('\n', f);
}

static bool log_journal(AdjLogLevel level, const char *msg)
{
    static const char *const priority[] = {"7", "6", "4", "3"}; /* syslog(3) levels */
    char *mem = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&mem, &len);
    if (f == NULL)
        return false;
    journal_field(f, "MESSAGE", msg);
    journal_field(f, "PRIORITY", priority[level]);
    journal_field(f, "SYSLOG_IDENTIFIER", "adjudicator");
    journal_field(f, "ADJ_LEVEL", level_names[level]);
    fclose(f);
    struct sockaddr_un sa;
    memset(&sa, 0, sizeof(sa));
    sa.sun_family = AF_UNIX;
    memcpy(sa.sun_path, journal_path, strlen(journal_path));
    bool ok = false;
    int fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd >= 0) {
        ssize_t w = sendto(fd, mem, len, MSG_NOSIGNAL, (struct sockaddr *)&sa,
                           (socklen_t)(offsetof(struct sockaddr_un, sun_path) +
                                       strlen(journal_path) + 1));
        ok = w == (ssize_t)len;
        close(fd);
    }
    free(mem);
    return ok;
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
    else if (log_format == ADJ_LOG_JOURNAL && log_journal(level, buf))
        return;
    else
        fprintf(stderr, "adjudicator: %s: %s\n", level_names[level], buf);
}
