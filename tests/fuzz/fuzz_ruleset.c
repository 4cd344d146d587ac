/* libFuzzer entry for the ruleset loader (libconfig text, codes, dates,
 * fees, edit parameters, the pinned NCCI tables): the input is written as
 * fuzz.conf in $FUZZ_RULESET_DIR (tests/fuzz/run makes it, with the
 * shipped tables beside it) and loaded like any ruleset. A ruleset that
 * loads is indexed and freed; an error must name the file. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config/ruleset.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static volatile size_t sink;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static char path[4096];
    if (path[0] == '\0') {
        const char *dir = getenv("FUZZ_RULESET_DIR");
        snprintf(path, sizeof(path), "%s/fuzz.conf", dir ? dir : ".");
    }
    FILE *f = fopen(path, "wb");
    if (f == NULL)
        return 0;
    if (size > 0)
        fwrite(data, 1, size, f);
    fclose(f);
    AdjRuleset *rs = NULL;
    AdjError err = {0};
    if (adj_ruleset_load(path, &rs, &err) == ADJ_OK) {
        sink += (size_t)rs;
        adj_ruleset_free(rs);
    } else if (err.msg[0] == '\0') {
        __builtin_trap(); /* an error with no message */
    }
    sink += strnlen(err.msg, sizeof(err.msg));
    return 0;
}
