/* Buffers, HTML escaping and form decoding for the console's pages. Pure:
 * no I/O. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "console/console_int.h"
#include "core/arena.h"

void con_put(ConBuf *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 4096;
        while (b->len + n + 1 > cap)
            cap *= 2;
        b->p = adj_xrealloc(b->p, cap);
        b->cap = cap;
    }
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
}

void con_puts(ConBuf *b, const char *s)
{
    con_put(b, s, strlen(s));
}

void con_printf(ConBuf *b, const char *fmt, ...)
{
    char small[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof(small), fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if ((size_t)n < sizeof(small)) {
        con_put(b, small, (size_t)n);
        return;
    }
    char *big = adj_xmalloc((size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(big, (size_t)n + 1, fmt, ap);
    va_end(ap);
    con_put(b, big, (size_t)n);
    free(big);
}

/* length of the valid UTF-8 sequence at s (0: not one) */
static size_t utf8_len(const unsigned char *s, size_t n)
{
    size_t want = s[0] >= 0xf0 && s[0] <= 0xf4 ? 4 : s[0] >= 0xe0 ? 3 : s[0] >= 0xc2 ? 2 : 0;
    if (want == 0 || s[0] > 0xf4 || want > n)
        return 0;
    for (size_t i = 1; i < want; i++)
        if ((s[i] & 0xc0) != 0x80)
            return 0;
    return want;
}

void con_esc(ConBuf *b, const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; i < n;) {
        unsigned char c = u[i];
        switch (c) {
        case '&': con_puts(b, "&amp;"); i++; continue;
        case '<': con_puts(b, "&lt;"); i++; continue;
        case '>': con_puts(b, "&gt;"); i++; continue;
        case '"': con_puts(b, "&quot;"); i++; continue;
        case '\'': con_puts(b, "&#39;"); i++; continue;
        case '\n': con_puts(b, "\n"); i++; continue;
        default: break;
        }
        if (c >= 0x20 && c < 0x7f) {
            con_put(b, s + i, 1);
            i++;
            continue;
        }
        size_t l = c >= 0x80 ? utf8_len(u + i, n - i) : 0;
        if (l > 0) {
            con_put(b, s + i, l);
            i += l;
        } else {
            con_printf(b, "\\x%02X", c);
            i++;
        }
    }
}

void con_escs(ConBuf *b, const char *s)
{
    if (s != NULL)
        con_esc(b, s, strlen(s));
}

static int hexval(char c)
{
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
         : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* decode in place; returns the new length (a NUL byte ends the value) */
static size_t url_decode(char *s)
{
    char *w = s;
    for (char *r = s; *r; r++) {
        if (*r == '+')
            *w++ = ' ';
        else if (*r == '%' && hexval(r[1]) >= 0 && hexval(r[2]) >= 0) {
            char c = (char)(hexval(r[1]) * 16 + hexval(r[2]));
            r += 2;
            if (c == '\0')
                break;
            *w++ = c;
        } else
            *w++ = *r;
    }
    *w = '\0';
    return (size_t)(w - s);
}

void con_form_parse(ConForm *f, const char *body, size_t len)
{
    memset(f, 0, sizeof(*f));
    f->store = adj_xmalloc(len + 1);
    memcpy(f->store, body, len);
    f->store[len] = '\0';
    char *save = NULL;
    for (char *pair = strtok_r(f->store, "&", &save); pair && f->n < CON_FIELDS_MAX;
         pair = strtok_r(NULL, "&", &save)) {
        char *eq = strchr(pair, '=');
        char *value = eq ? eq + 1 : pair + strlen(pair);
        if (eq)
            *eq = '\0';
        url_decode(pair);
        url_decode(value);
        f->name[f->n] = pair;
        f->value[f->n++] = value;
    }
}

const char *con_form_get(const ConForm *f, const char *name)
{
    for (int i = 0; i < f->n; i++)
        if (strcmp(f->name[i], name) == 0)
            return f->value[i];
    return NULL;
}

void con_form_free(ConForm *f)
{
    free(f->store);
    memset(f, 0, sizeof(*f));
}
