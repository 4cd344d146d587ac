/* Entry points of the 837P reader: a file (mapped read-only, with pages
 * dropped behind the cursor so resident memory stays bounded; standard input
 * and pipes are spooled to a temporary file first) or a buffer. Finds each
 * interchange and runs the two envelope passes over it. */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/arena.h"
#include "x12/x12_int.h"

void x12_diag(X12Reader *r, uint64_t segment, const char *seg_id, const char *claim_id,
              const char *fmt, ...)
{
    if (r->h->diag == NULL)
        return;
    AdjX12Diag d = {.file = r->name, .segment = segment};
    snprintf(d.segment_id, sizeof(d.segment_id), "%s", seg_id ? seg_id : "");
    snprintf(d.claim_id, sizeof(d.claim_id), "%s", claim_id ? claim_id : "");
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(d.msg, sizeof(d.msg), fmt, ap);
    va_end(ap);
    r->h->diag(r->h->ctx, &d);
}

void x12_release(X12Reader *r, size_t upto)
{
    if (upto <= r->released_to)
        return;
    if (r->release != NULL)
        r->release(r->release_ctx, r->released_to, upto);
    r->released_to = upto;
}

void x12_rewind(X12Reader *r, size_t off)
{
    r->released_to = off;
}

/* Offset of the next "ISA" followed by a non-alphanumeric byte, or len. */
static size_t find_isa(const char *data, size_t len, size_t from)
{
    while (from + 4 <= len) {
        const char *p = memchr(data + from, 'I', len - from - 3);
        if (p == NULL)
            return len;
        size_t at = (size_t)(p - data);
        if (p[1] == 'S' && p[2] == 'A' && !((p[3] >= '0' && p[3] <= '9') ||
                                            (p[3] >= 'A' && p[3] <= 'Z') ||
                                            (p[3] >= 'a' && p[3] <= 'z')))
            return at;
        from = at + 1;
    }
    return len;
}

static AdjStatus read_all(X12Reader *r, AdjError *err)
{
    size_t pos = 0;
    if (r->len >= 3 && memcmp(r->data, "\xEF\xBB\xBF", 3) == 0)
        pos = 3;
    pos = x12_skip_ws(r->data, r->len, pos);
    if (pos >= r->len) {
        x12_diag(r, 0, "", NULL, "empty file: no interchange (ISA) to read");
        r->st->interchanges_rejected++;
        return ADJ_OK;
    }
    bool after_bad_isa = false;
    while (pos < r->len) {
        size_t isa = find_isa(r->data, r->len, pos);
        /* after a bad ISA the bytes up to the next ISA are that broken
         * interchange, already reported */
        if (isa != pos && !after_bad_isa) {
            if (isa == r->len && pos == 0)
                x12_diag(r, 0, "", NULL,
                         "no ISA segment: not an X12 interchange, nothing is read");
            else
                x12_diag(r, 0, "", NULL,
                         "%zu bytes at offset %zu are not inside an interchange (no ISA "
                         "before them) and are not read",
                         isa - pos, pos);
            r->st->interchanges_rejected++;
        }
        if (isa == r->len)
            break;
        bool ok;
        uint64_t nsets;
        r->st->interchanges++;
        size_t end = x12_envelope_check(r, isa, &ok, &nsets);
        after_bad_isa = end == isa + 3;
        r->st->sets += nsets;
        if (r->h->interchange != NULL) {
            AdjStatus st = r->h->interchange(r->h->ctx, &r->ix, err);
            if (st != ADJ_OK)
                return st;
        }
        if (!ok) {
            r->st->interchanges_rejected++;
            r->st->sets_rejected += nsets;
        } else {
            uint64_t before = r->st->sets_rejected;
            for (uint64_t i = 0; i < nsets; i++)
                if (!r->sets[i].ok)
                    r->st->sets_rejected++;
            (void)before;
            AdjStatus st = x12_interchange_emit(r, isa, end, err);
            if (st != ADJ_OK)
                return st;
        }
        x12_release(r, end);
        pos = x12_skip_ws(r->data, r->len, end);
    }
    return ADJ_OK;
}

static AdjStatus read_buffer(X12Reader *r, AdjError *err)
{
    AdjClaim *claim = adj_xcalloc(1, sizeof(AdjClaim));
    r->claim = claim;
    AdjStatus st = read_all(r, err);
    r->st->bytes += r->len;
    free(claim);
    free(r->sets);
    r->sets = NULL;
    free(r->groups);
    r->groups = NULL;
    r->groups_cap = 0;
    r->sets_cap = 0;
    return st;
}

AdjStatus adj_x12_read_mem(const char *name, const char *data, size_t len,
                           const AdjX12Handler *h, AdjX12Stats *stats, AdjError *err)
{
    AdjX12Stats local;
    if (stats == NULL)
        stats = &local;
    memset(stats, 0, sizeof(*stats));
    X12Reader r = {.name = name, .data = data, .len = len, .h = h, .st = stats};
    return read_buffer(&r, err);
}

typedef struct Mapping {
    char *base;
    size_t len;
} Mapping;

/* Whole pages of [from, upto) leave resident memory; a later access reads
 * them back from the file, so borrowed pointers stay valid. */
static void mapping_release(void *ctx, size_t from, size_t upto)
{
    Mapping *m = ctx;
    long pg = sysconf(_SC_PAGESIZE);
    size_t page = pg > 0 ? (size_t)pg : 4096;
    size_t start = from / page * page, end = upto / page * page;
    if (end > start)
        madvise(m->base + start, end - start, MADV_DONTNEED);
}

/* Copy a non-seekable input into an unlinked temporary file. */
static int spool(int in, const char *path, AdjError *err)
{
    const char *dir = getenv("TMPDIR");
    char tmpl[4096];
    snprintf(tmpl, sizeof(tmpl), "%s/adj-x12-XXXXXX", dir && dir[0] ? dir : "/tmp");
    int fd = mkstemp(tmpl);
    if (fd < 0) {
        ADJ_FAIL(err, ADJ_ERR_IO, "%s: cannot create a spool file in %s: %s", path,
                 dir && dir[0] ? dir : "/tmp", strerror(errno));
        return -1;
    }
    unlink(tmpl);
    static char buf[1 << 16];
    for (;;) {
        ssize_t n = read(in, buf, sizeof(buf));
        if (n == 0)
            break;
        if (n < 0) {
            if (errno == EINTR)
                continue;
            ADJ_FAIL(err, ADJ_ERR_IO, "%s: read: %s", path, strerror(errno));
            close(fd);
            return -1;
        }
        for (ssize_t off = 0; off < n;) {
            ssize_t w = write(fd, buf + off, (size_t)(n - off));
            if (w < 0 && errno == EINTR)
                continue;
            if (w <= 0) {
                ADJ_FAIL(err, ADJ_ERR_IO, "%s: spooling to %s: %s", path,
                         dir && dir[0] ? dir : "/tmp", strerror(errno));
                close(fd);
                return -1;
            }
            off += w;
        }
    }
    return fd;
}

AdjStatus adj_x12_read_file(const char *path, const AdjX12Handler *h, AdjX12Stats *stats,
                            AdjError *err)
{
    AdjX12Stats local;
    if (stats == NULL)
        stats = &local;
    memset(stats, 0, sizeof(*stats));
    bool is_stdin = strcmp(path, "-") == 0;
    const char *name = is_stdin ? "<stdin>" : path;
    int fd = is_stdin ? dup(0) : open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return ADJ_FAIL(err, ADJ_ERR_IO, "%s: cannot open: %s", name, strerror(errno));
    return adj_x12_read_fd(name, fd, h, stats, err);
}

AdjStatus adj_x12_read_fd(const char *name, int fd, const AdjX12Handler *h, AdjX12Stats *stats,
                          AdjError *err)
{
    AdjX12Stats local;
    if (stats == NULL)
        stats = &local;
    memset(stats, 0, sizeof(*stats));
    struct stat sb;
    if (fstat(fd, &sb) != 0) {
        close(fd);
        return ADJ_FAIL(err, ADJ_ERR_IO, "%s: cannot stat: %s", name, strerror(errno));
    }
    if (S_ISDIR(sb.st_mode)) {
        close(fd);
        return ADJ_FAIL(err, ADJ_ERR_IO, "%s: is a directory", name);
    }
    if (!S_ISREG(sb.st_mode)) {
        int tmp = spool(fd, name, err);
        close(fd);
        if (tmp < 0)
            return ADJ_ERR_IO;
        fd = tmp;
        if (fstat(fd, &sb) != 0) {
            close(fd);
            return ADJ_FAIL(err, ADJ_ERR_IO, "%s: cannot stat the spool file: %s", name,
                            strerror(errno));
        }
    }
    size_t len = (size_t)sb.st_size;
    if (len == 0) {
        close(fd);
        return adj_x12_read_mem(name, "", 0, h, stats, err);
    }
    char *base = mmap(NULL, len, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    if (base == MAP_FAILED)
        return ADJ_FAIL(err, ADJ_ERR_IO, "%s: cannot map: %s", name, strerror(errno));
    madvise(base, len, MADV_SEQUENTIAL);
    Mapping m = {.base = base, .len = len};
    memset(stats, 0, sizeof(*stats));
    X12Reader r = {.name = name, .data = base, .len = len, .h = h, .st = stats,
                   .release = mapping_release, .release_ctx = &m};
    AdjStatus st = read_buffer(&r, err);
    munmap(base, len);
    return st;
}
