/* The segment buffer and the envelopes (ISA/GS/ST ... SE/GE/IEA) every
 * outgoing transaction shares. Pure: bytes into memory, or handed to the
 * caller's flush. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "x12out/x12out.h"

#define FLUSH_AT ((size_t)1 << 20)

void adj_x12out_init(AdjX12Out *w)
{
    memset(w, 0, sizeof(*w));
}

void adj_x12out_free(AdjX12Out *w)
{
    if (w == NULL)
        return;
    free(w->buf);
    w->buf = NULL;
    w->len = w->cap = 0;
}

void adj_x12out_reset(AdjX12Out *w)
{
    w->len = 0;
    w->seg_count = 0;
}

static void grow(AdjX12Out *w, size_t need)
{
    if (w->len + need <= w->cap)
        return;
    size_t cap = w->cap ? w->cap : 4096;
    while (cap < w->len + need)
        cap *= 2;
    w->buf = adj_xrealloc(w->buf, cap);
    w->cap = cap;
}

AdjStatus adj_x12out_flush(AdjX12Out *w, AdjError *err)
{
    if (w->status != ADJ_OK) {
        if (err != NULL)
            *err = w->err;
        return w->status;
    }
    if (w->flush == NULL || w->len == 0)
        return ADJ_OK;
    AdjStatus st = w->flush(w->flush_ctx, w->buf, w->len, &w->err);
    w->len = 0;
    if (st != ADJ_OK) {
        w->status = st;
        if (err != NULL)
            *err = w->err;
    }
    return st;
}

void adj_x12out_raw(AdjX12Out *w, const char *p, size_t n)
{
    if (w->status != ADJ_OK)
        return;
    grow(w, n);
    memcpy(w->buf + w->len, p, n);
    w->len += n;
    w->total += n;
    if (w->flush != NULL && w->len >= FLUSH_AT)
        adj_x12out_flush(w, NULL);
}

/* What each byte of a value becomes: our separators and control bytes a
 * space; the unit separator (0x1F, put there by adj_x12out_comp) ':';
 * every other byte itself. Built once. A plain table lookup per byte (no
 * branch): the 277CA of `ack` writes every claim through here. */
static unsigned char value_map[256];
static bool value_map_ready;

static void value_map_init(void)
{
    for (int c = 0; c < 256; c++)
        value_map[c] = (c < 0x20 || c == 0x7F || c == '*' || c == '~' || c == '^' || c == ':')
                           ? ' '
                           : (unsigned char)c;
    value_map[0x1F] = ':';
    value_map_ready = true;
}

static void put_value(AdjX12Out *w, const char *v, size_t n)
{
    char *o = w->buf + w->len;
    const unsigned char *in = (const unsigned char *)v;
    for (size_t i = 0; i < n; i++)
        o[i] = (char)value_map[in[i]];
    w->len += n;
    w->total += n;
}

void adj_x12out_seg(AdjX12Out *w, const char *id, ...)
{
    if (w->status != ADJ_OK)
        return;
    if (!value_map_ready)
        value_map_init();
    const char *v[40];
    size_t len[40];
    int n = 0;
    size_t need = strlen(id) + 2;
    va_list ap;
    va_start(ap, id);
    for (const char *s = va_arg(ap, const char *); s != NULL && n < 40; s = va_arg(ap, const char *)) {
        len[n] = strlen(s);
        need += len[n] + 1;
        v[n++] = s;
    }
    va_end(ap);
    while (n > 0 && len[n - 1] == 0)
        n--;
    grow(w, need);
    size_t idn = strlen(id);
    memcpy(w->buf + w->len, id, idn);
    w->len += idn;
    w->total += idn;
    for (int i = 0; i < n; i++) {
        w->buf[w->len++] = '*';
        w->total++;
        put_value(w, v[i], len[i]);
    }
    w->buf[w->len++] = '~';
    w->buf[w->len++] = '\n';
    w->total += 2;
    w->seg_count++;
    if (w->flush != NULL && w->len >= FLUSH_AT)
        adj_x12out_flush(w, NULL);
}

/* Decimal digits of v into buf (no sign); returns the length. */
static size_t utoa(uint64_t v, char *buf)
{
    char tmp[24];
    size_t n = 0;
    do {
        tmp[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v != 0);
    for (size_t i = 0; i < n; i++)
        buf[i] = tmp[n - 1 - i];
    buf[n] = '\0';
    return n;
}

char *adj_x12out_uint(uint64_t v, char buf[24])
{
    utoa(v, buf);
    return buf;
}

void adj_x12out_amount(AdjMoney cents, char buf[ADJ_MONEY_FMT_MAX])
{
    bool neg = cents < 0;
    uint64_t u = neg ? (uint64_t)0 - (uint64_t)cents : (uint64_t)cents;
    uint64_t whole = u / 100, frac = u % 100;
    size_t at = 0;
    if (neg)
        buf[at++] = '-';
    at += utoa(whole, buf + at);
    if (frac != 0) {
        buf[at++] = '.';
        buf[at++] = (char)('0' + frac / 10);
        if (frac % 10 != 0)
            buf[at++] = (char)('0' + frac % 10);
    }
    buf[at] = '\0';
}

char *adj_x12out_comp(char *buf, size_t size, const char *const *parts, int n)
{
    while (n > 1 && parts[n - 1][0] == '\0')
        n--;
    size_t at = 0;
    buf[0] = '\0';
    for (int i = 0; i < n && at + 1 < size; i++) {
        if (i > 0)
            buf[at++] = '\x1F';
        for (const char *p = parts[i]; *p != '\0' && at + 1 < size; p++)
            buf[at++] = *p == '\x1F' ? ' ' : *p;
        buf[at] = '\0';
    }
    return buf;
}

static void copy(char *dst, size_t size, const char *src)
{
    snprintf(dst, size, "%s", src);
}

void adj_x12out_env_reply(AdjX12Env *env, const AdjX12Interchange *ix, size_t gi)
{
    copy(env->sender_qual, sizeof(env->sender_qual), ix->isa07[0] ? ix->isa07 : "ZZ");
    copy(env->sender_id, sizeof(env->sender_id), ix->isa08[0] ? ix->isa08 : "PAYER");
    copy(env->receiver_qual, sizeof(env->receiver_qual), ix->isa05[0] ? ix->isa05 : "ZZ");
    copy(env->receiver_id, sizeof(env->receiver_id), ix->isa06[0] ? ix->isa06 : "SENDER");
    if (gi < ix->ngroups && ix->groups[gi].gs03[0] && ix->groups[gi].gs02[0]) {
        copy(env->gs_sender, sizeof(env->gs_sender), ix->groups[gi].gs03);
        copy(env->gs_receiver, sizeof(env->gs_receiver), ix->groups[gi].gs02);
    } else {
        copy(env->gs_sender, sizeof(env->gs_sender), env->sender_id);
        copy(env->gs_receiver, sizeof(env->gs_receiver), env->receiver_id);
    }
    env->usage = ix->isa15[0] == 'T' ? 'T' : 'P';
}

/* A fixed-width ISA field: left-justified, space-padded. */
static void pad(char *dst, size_t width, const char *src)
{
    size_t n = strlen(src);
    if (n > width)
        n = width;
    memcpy(dst, src, n);
    memset(dst + n, ' ', width - n);
    dst[width] = '\0';
}

void adj_x12out_isa(AdjX12Out *w, const AdjX12Env *env)
{
    char sq[3], sid[16], rq[3], rid[16], date[8], time[8], ctl[12], usage[2] = {env->usage, 0};
    pad(sq, 2, env->sender_qual);
    pad(sid, 15, env->sender_id);
    pad(rq, 2, env->receiver_qual);
    pad(rid, 15, env->receiver_id);
    snprintf(date, sizeof(date), "%06d", (int)(env->date % 1000000));
    snprintf(time, sizeof(time), "%04d", env->hhmm % 10000);
    snprintf(ctl, sizeof(ctl), "%09u", (unsigned)(env->isa13 % 1000000000u));
    adj_x12out_seg(w, "ISA", "00", "          ", "00", "          ", sq, sid, rq, rid, date, time,
                   " ", "00501", ctl, "0", usage, "\x1F", (const char *)NULL);
    /* ISA11 is the repetition separator '^', which put_value would blank */
    char *isa = w->buf + w->len - 107;
    if (w->status == ADJ_OK && w->len >= 107 && memcmp(isa, "ISA*", 4) == 0)
        isa[82] = '^';
}

void adj_x12out_gs(AdjX12Out *w, const AdjX12Env *env, const char *gs01, const char *version)
{
    char date[12], time[8], ctl[12];
    snprintf(date, sizeof(date), "%08d", (int)env->date);
    snprintf(time, sizeof(time), "%04d", env->hhmm % 10000);
    snprintf(ctl, sizeof(ctl), "%u", (unsigned)env->gs06);
    adj_x12out_seg(w, "GS", gs01, env->gs_sender, env->gs_receiver, date, time, ctl, "X", version,
                   (const char *)NULL);
}

void adj_x12out_st(AdjX12Out *w, const char *st01, uint32_t st02, const char *version)
{
    char ctl[12];
    snprintf(ctl, sizeof(ctl), "%04u", (unsigned)st02);
    w->seg_count = 0;
    adj_x12out_seg(w, "ST", st01, ctl, version, (const char *)NULL);
}

void adj_x12out_se(AdjX12Out *w, uint32_t st02)
{
    char n[12], ctl[12];
    snprintf(n, sizeof(n), "%u", (unsigned)(w->seg_count + 1));
    snprintf(ctl, sizeof(ctl), "%04u", (unsigned)st02);
    adj_x12out_seg(w, "SE", n, ctl, (const char *)NULL);
}

void adj_x12out_ge(AdjX12Out *w, uint32_t nsets, const AdjX12Env *env)
{
    char n[12], ctl[12];
    snprintf(n, sizeof(n), "%u", (unsigned)nsets);
    snprintf(ctl, sizeof(ctl), "%u", (unsigned)env->gs06);
    adj_x12out_seg(w, "GE", n, ctl, (const char *)NULL);
}

void adj_x12out_iea(AdjX12Out *w, uint32_t ngroups, const AdjX12Env *env)
{
    char n[12], ctl[12];
    snprintf(n, sizeof(n), "%u", (unsigned)ngroups);
    snprintf(ctl, sizeof(ctl), "%09u", (unsigned)(env->isa13 % 1000000000u));
    adj_x12out_seg(w, "IEA", n, ctl, (const char *)NULL);
}

bool adj_x12out_ta1(AdjX12Out *w, const AdjX12Env *env, const AdjX12Interchange *ix)
{
    if (!ix->readable)
        return false;
    char ctl[12], date[8], time[8];
    bool digits = strlen(ix->isa13) == 9 && strspn(ix->isa13, "0123456789") == 9;
    snprintf(ctl, sizeof(ctl), "%s", digits ? ix->isa13 : "000000000");
    bool dok = strlen(ix->isa09) == 6 && strspn(ix->isa09, "0123456789") == 6;
    bool tok = strlen(ix->isa10) == 4 && strspn(ix->isa10, "0123456789") == 4;
    snprintf(date, sizeof(date), "%s", dok ? ix->isa09 : "000101");
    snprintf(time, sizeof(time), "%s", tok ? ix->isa10 : "0000");
    adj_x12out_isa(w, env);
    adj_x12out_seg(w, "TA1", ctl, date, time, ix->ok ? "A" : "R",
                   ix->ok ? "000" : (ix->ta105[0] ? ix->ta105 : "022"), (const char *)NULL);
    adj_x12out_iea(w, 0, env);
    return true;
}
