/* Parse benchmark: reads one 837P through the library's reader
 * (adj_x12_read_file) with a handler that only counts, on one core, and
 * prints key=value figures for tests/bench/run. Measures; decides nothing.
 * With --memchr, the physical reference instead: one memchr call per
 * segment terminator over the same file, mapped the same way. */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "x12/x12.h"

typedef struct Count {
    unsigned long long claims, rejected, lines, diags;
    long long charge; /* touches the claim so the work cannot be elided */
} Count;

static AdjStatus on_claim(void *ctx, const AdjClaim *claim, AdjError *err)
{
    (void)err;
    Count *c = ctx;
    c->claims++;
    c->lines += (unsigned long long)claim->nlines;
    if (claim->nproblems > 0)
        c->rejected++;
    c->charge += claim->total_charge;
    return ADJ_OK;
}

static void on_diag(void *ctx, const AdjX12Diag *d)
{
    Count *c = ctx;
    c->diags++;
    if (c->diags <= 5) {
        char buf[512];
        fprintf(stderr, "bench_parse: %s\n", adj_x12_diag_format(d, buf, sizeof(buf)));
    }
}

static double since(const struct timespec *t0)
{
    struct timespec t1;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    return (double)(t1.tv_sec - t0->tv_sec) + (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

/* The floor for any reader: find every terminator (ISA16's next byte, or
 * '~') with memchr, touching nothing else. */
static int memchr_pass(const char *path)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    struct stat sb;
    if (fd < 0 || fstat(fd, &sb) != 0 || sb.st_size == 0) {
        fprintf(stderr, "bench_parse: cannot open %s\n", path);
        return 1;
    }
    size_t len = (size_t)sb.st_size;
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    const char *base = mmap(NULL, len, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    if (base == MAP_FAILED) {
        fprintf(stderr, "bench_parse: cannot map %s\n", path);
        return 1;
    }
    madvise((void *)base, len, MADV_SEQUENTIAL);
    char term = len > 105 && memcmp(base, "ISA", 3) == 0 ? base[105] : '~';
    unsigned long long segments = 0;
    for (const char *p = base, *end = base + len; p < end; p++) {
        p = memchr(p, term, (size_t)(end - p));
        if (p == NULL)
            break;
        segments++;
    }
    double secs = since(&t0);
    munmap((void *)base, len);
    printf("bytes=%zu segments=%llu seconds=%.6f\n", len, segments, secs);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc == 3 && strcmp(argv[1], "--memchr") == 0)
        return memchr_pass(argv[2]);
    if (argc != 2) {
        fprintf(stderr, "usage: bench_parse [--memchr] FILE.837\n");
        return 2;
    }
    Count c;
    memset(&c, 0, sizeof(c));
    AdjX12Handler h = {.ctx = &c, .set = NULL, .claim = on_claim, .diag = on_diag};
    AdjX12Stats st;
    memset(&st, 0, sizeof(st));
    AdjError err = {0};
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    AdjStatus s = adj_x12_read_file(argv[1], &h, &st, &err);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    if (s != ADJ_OK) {
        fprintf(stderr, "bench_parse: %s\n", err.msg);
        return 1;
    }
    double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("bytes=%llu claims=%llu rejected=%llu lines=%llu diags=%llu seconds=%.6f "
           "maxrss_kb=%ld charge=%lld\n",
           (unsigned long long)st.bytes, c.claims, c.rejected, c.lines, c.diags, secs,
           ru.ru_maxrss, c.charge);
    return 0;
}
