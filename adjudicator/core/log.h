/* Logging to stderr with levels. Never log member identifiers or diagnoses
 * at info level or above. The level is process-wide, set once at start-up. */
#ifndef ADJ_CORE_LOG_H
#define ADJ_CORE_LOG_H

typedef enum AdjLogLevel {
    ADJ_LOG_DEBUG = 0,
    ADJ_LOG_INFO = 1,
    ADJ_LOG_WARN = 2,
    ADJ_LOG_ERROR = 3
} AdjLogLevel;

/* text: "adjudicator: info: MESSAGE"; json: one object per line with ts
 * (UTC), level, pid and msg; journal: one datagram per message to
 * journald's native socket with MESSAGE, PRIORITY, SYSLOG_IDENTIFIER and
 * ADJ_LEVEL (log.format; docs/contracts.md "Logs"). */
typedef enum AdjLogFormat { ADJ_LOG_TEXT = 0, ADJ_LOG_JSON = 1, ADJ_LOG_JOURNAL = 2 } AdjLogFormat;

#define ADJ_LOG_JOURNAL_SOCKET "/run/systemd/journal/socket"

void adj_log_set_level(AdjLogLevel level);
/* journal: when the socket is absent, one error line on stderr says so and
 * the format stays text. */
void adj_log_set_format(AdjLogFormat format);
/* The journal socket (log.journal_socket; NULL or "": the default). */
void adj_log_set_journal_socket(const char *path);
/* Parse "text", "json" or "journal"; -1 when unknown. */
int adj_log_format_parse(const char *name);
AdjLogLevel adj_log_get_level(void);
/* Parse "debug", "info", "warn", "error"; returns -1 when unknown. */
int adj_log_level_parse(const char *name);
void adj_log(AdjLogLevel level, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#define adj_debug(...) adj_log(ADJ_LOG_DEBUG, __VA_ARGS__)
#define adj_info(...) adj_log(ADJ_LOG_INFO, __VA_ARGS__)
#define adj_warn(...) adj_log(ADJ_LOG_WARN, __VA_ARGS__)
#define adj_error(...) adj_log(ADJ_LOG_ERROR, __VA_ARGS__)

#endif
