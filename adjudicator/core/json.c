/* JSON output helpers; see json.h. */
#include "core/json.h"

#include <string.h>

/* Length of a valid UTF-8 sequence at s (max n bytes), or 0 when invalid. */
static size_t utf8_len(const unsigned char *s, size_t n)
{
    unsigned char c = s[0];
    size_t len;
    unsigned min;
    if (c >= 0xC2 && c <= 0xDF) { len = 2; min = 0x80; }
    else if (c >= 0xE0 && c <= 0xEF) { len = 3; min = 0x800; }
    else if (c >= 0xF0 && c <= 0xF4) { len = 4; min = 0x10000; }
    else return 0;
    if (len > n)
        return 0;
    unsigned cp = c & (0x7F >> len);
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[i] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return len;
}

void adj_json_string(FILE *f, const char *str, size_t len)
{
    const unsigned char *s = (const unsigned char *)str;
    fputc('"', f);
    for (size_t i = 0; i < len; i++) {
        /* runs of plain printable ASCII go out in one write */
        size_t run = i;
        while (run < len && s[run] >= 0x20 && s[run] < 0x7F && s[run] != '"' && s[run] != '\\')
            run++;
        if (run > i) {
            fwrite(s + i, 1, run - i, f);
            i = run - 1;
            continue;
        }
        unsigned char c = s[i];
        switch (c) {
        case '"': fputs("\\\"", f); continue;
        case '\\': fputs("\\\\", f); continue;
        case '\n': fputs("\\n", f); continue;
        case '\r': fputs("\\r", f); continue;
        case '\t': fputs("\\t", f); continue;
        default: break;
        }
        if (c < 0x20 || c == 0x7F) {
            fprintf(f, "\\u%04x", c);
        } else if (c < 0x80) {
            fputc(c, f);
        } else {
            size_t n = utf8_len(s + i, len - i);
            if (n == 0) {
                fprintf(f, "\\u%04x", c); /* the byte, as a code point */
            } else {
                fwrite(s + i, 1, n, f);
                i += n - 1;
            }
        }
    }
    fputc('"', f);
}

void adj_json_cstr(FILE *f, const char *s)
{
    if (s == NULL)
        fputs("null", f);
    else
        adj_json_string(f, s, strlen(s));
}

size_t adj_json_escape(char *dst, const char *str, size_t len)
{
    static const char hex[] = "0123456789abcdef";
    const unsigned char *s = (const unsigned char *)str;
    char *d = dst;
    *d++ = '"';
    for (size_t i = 0; i < len; i++) {
        unsigned char c = s[i];
        if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\') {
            *d++ = (char)c;
            continue;
        }
        switch (c) {
        case '"': *d++ = '\\'; *d++ = '"'; continue;
        case '\\': *d++ = '\\'; *d++ = '\\'; continue;
        case '\n': *d++ = '\\'; *d++ = 'n'; continue;
        case '\r': *d++ = '\\'; *d++ = 'r'; continue;
        case '\t': *d++ = '\\'; *d++ = 't'; continue;
        default: break;
        }
        size_t n = c < 0x80 ? 0 : utf8_len(s + i, len - i);
        if (n == 0) {
            /* a control character, DEL or a byte outside valid UTF-8: the
             * byte as a code point */
            memcpy(d, "\\u00", 4);
            d[4] = hex[c >> 4];
            d[5] = hex[c & 15];
            d += 6;
        } else {
            memcpy(d, s + i, n);
            d += n;
            i += n - 1;
        }
    }
    *d++ = '"';
    return (size_t)(d - dst);
}
