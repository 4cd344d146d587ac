/* Minimal JSON output helpers (strings escaped per RFC 8259). Bytes that are
 * not valid UTF-8 are written as \u00XX escapes of the byte, so output is
 * always valid JSON and never loses information silently. */
#ifndef ADJ_CORE_JSON_H
#define ADJ_CORE_JSON_H

#include <stddef.h>
#include <stdio.h>

/* Write "..." with escapes. */
void adj_json_string(FILE *f, const char *s, size_t len);
/* Write "..." for a NUL-terminated string, or null when s is NULL. */
void adj_json_cstr(FILE *f, const char *s);
/* The bytes adj_json_string writes for s, into dst (room for 6 * len + 2
 * bytes); returns how many. For callers that build a line in memory. */
size_t adj_json_escape(char *dst, const char *s, size_t len);

#endif
