/* Progress of long runs on a terminal; see cli.h. One line on stderr,
 * rewritten at most four times a second; nothing at all when stderr is not
 * a terminal (or stdout shares the terminal with what the command prints). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void adj_progress_init(AdjProgress *p, const char *what, uint64_t total, bool bytes,
                       bool stdout_busy)
{
    memset(p, 0, sizeof(*p));
    p->what = what;
    p->total = total;
    p->bytes = bytes;
    const char *off = getenv("ADJ_NO_PROGRESS");
    p->on = isatty(2) && !(stdout_busy && isatty(1)) && (off == NULL || off[0] == '\0');
    p->start = now_s();
}

static void human(char *buf, size_t size, double v, bool bytes)
{
    const char *unit[] = {"", "k", "M", "G", "T"};
    int u = 0;
    double div = bytes ? 1024.0 : 1000.0;
    while (v >= div && u < 4) {
        v /= div;
        u++;
    }
    snprintf(buf, size, u == 0 ? "%.0f%s%s" : "%.1f%s%s", v, unit[u], bytes ? "B" : "");
}

static void draw(AdjProgress *p, bool final)
{
    double t = now_s();
    if (!p->on || (!final && t - p->last < 0.25))
        return;
    p->last = t;
    double el = t - p->start;
    uint64_t done = p->done_base + p->done;
    char d[32], tot[32], rate[32], left[32] = "";
    human(d, sizeof(d), (double)done, p->bytes);
    human(tot, sizeof(tot), (double)p->total, p->bytes);
    human(rate, sizeof(rate), el > 0 ? (double)p->claims / el : 0, false);
    if (p->total > 0 && done > 0 && done < p->total && el > 1) {
        double rem = el * (double)(p->total - done) / (double)done;
        snprintf(left, sizeof(left), ", %d:%02d left", (int)(rem / 60), (int)rem % 60);
    }
    int pct = p->total > 0 ? (int)(100.0 * (double)done / (double)p->total) : 0;
    if (p->bytes)
        fprintf(stderr, "\r%s: %s of %s (%d%%), %llu claims, %s claims/s%s\033[K", p->what, d,
                tot, pct > 100 ? 100 : pct, (unsigned long long)p->claims, rate, left);
    else
        fprintf(stderr, "\r%s: %llu of %llu claims (%d%%), %s claims/s%s\033[K", p->what,
                (unsigned long long)p->claims, (unsigned long long)p->total,
                pct > 100 ? 100 : pct, rate, left);
    p->shown = true;
}

void adj_progress_file(AdjProgress *p, uint64_t size)
{
    p->done_base += p->cur_size; /* the previous file, whole */
    p->cur_size = size;
    p->done = 0;
    p->first_raw = NULL;
}

void adj_progress_claim(AdjProgress *p, const char *raw, size_t raw_len)
{
    p->claims++;
    if (p->bytes && raw != NULL) {
        /* a claim's raw segments point into the mapped file, in order: the
         * distance from the first claim is the bytes read so far */
        if (p->first_raw == NULL || raw < p->first_raw)
            p->first_raw = raw;
        uint64_t at = (uint64_t)(raw + raw_len - p->first_raw);
        if (at > p->done && at <= p->cur_size)
            p->done = at;
    } else if (!p->bytes) {
        p->done = p->claims;
    }
    draw(p, false);
}

void adj_progress_clear(AdjProgress *p)
{
    if (p->on && p->shown) {
        fputs("\r\033[K", stderr);
        p->last = 0;
    }
}

void adj_progress_end(AdjProgress *p)
{
    adj_progress_clear(p);
    p->on = false;
}
