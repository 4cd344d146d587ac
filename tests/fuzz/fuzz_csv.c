/* libFuzzer entry for the reference-data CSV loaders (providers, members,
 * plans): the first byte picks the loader, the rest is the file, written
 * to a memfd and read through /proc/self/fd like any path. Every field of
 * every row handed over is read so that the sanitizers see any
 * out-of-bounds or uninitialised value. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "refdata/refdata.h"
#include "tests/fuzz/fuzz_touch.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static AdjStatus on_provider(void *ctx, const AdjProviderRow *r, const char *file, int line,
                             AdjError *err)
{
    (void)ctx, (void)file, (void)err;
    size_t h = T(r->npi) + T(r->name) + T(r->taxonomy) + (size_t)r->kind + (size_t)line;
    for (int i = 0; i < r->nzips; i++)
        h += T(r->zips[i]);
    sink += h;
    return ADJ_OK;
}

static AdjStatus on_member(void *ctx, const AdjMemberRow *r, const char *file, int line,
                           AdjError *err)
{
    (void)ctx, (void)file, (void)err;
    sink += T(r->member_id) + T(r->plan_id) + (size_t)r->effective_from +
            (size_t)r->effective_to + (size_t)line;
    return ADJ_OK;
}

static AdjStatus on_plan(void *ctx, const AdjPlanRow *r, const char *file, int line,
                         AdjError *err)
{
    (void)ctx, (void)file, (void)err;
    sink += T(r->plan_id) + T(r->name) + T(r->bh_administrator) +
            (size_t)r->coinsurance_milli + (size_t)r->copay + (size_t)line;
    return ADJ_OK;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    int fd = memfd_create("fuzz.csv", MFD_CLOEXEC);
    if (fd < 0)
        return 0;
    if (size > 1 && write(fd, data + 1, size - 1) != (ssize_t)(size - 1)) {
        close(fd);
        return 0;
    }
    char path[64];
    snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
    AdjError err = {0};
    switch (data[0] % 3) {
    case 0:
        adj_refdata_read_providers(path, on_provider, NULL, &err);
        break;
    case 1:
        adj_refdata_read_members(path, on_member, NULL, &err);
        break;
    default:
        adj_refdata_read_plans(path, on_plan, NULL, &err);
        break;
    }
    sink += strnlen(err.msg, sizeof(err.msg));
    close(fd);
    return 0;
}
