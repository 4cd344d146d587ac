/* Unit tests of ingest/ that need no database: a file that cannot be read
 * is refused before the store is touched (the store here is NULL, so a call
 * into it would crash), with the error the command prints after the path.
 * Storing, chunks and resuming are tests/integration/test_ingest_chunks.sh. */
#include <string.h>

#include "ingest/ingest.h"
#include "unit.h"

static void test_missing_file(void)
{
    AdjIngestOptions opt = {.chunk_claims = 100};
    AdjIngestResult res;
    AdjError err = {0};
    AdjStatus st = adj_ingest_file(NULL, "/nonexistent/f.837", &opt, &res, &err);
    CU_ASSERT_EQUAL(st, ADJ_ERR_IO);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "cannot read: No such file"));
    CU_ASSERT_FALSE(res.began);
    CU_ASSERT_EQUAL(res.committed, 0);
}

static void test_not_regular(void)
{
    AdjIngestOptions opt = {0};
    AdjIngestResult res;
    AdjError err = {0};
    AdjStatus st = adj_ingest_file(NULL, "/tmp", &opt, &res, &err);
    CU_ASSERT_EQUAL(st, ADJ_ERR_IO);
    CU_ASSERT_STRING_EQUAL(err.msg, "cannot read: not a regular file");
    CU_ASSERT_FALSE(res.began);
}

static const UnitTest tests[] = {
    {"a missing file is refused before the store", test_missing_file},
    {"a directory is refused before the store", test_not_regular},
    {NULL, NULL},
};
ADJ_UNIT_MAIN("ingest", tests)
