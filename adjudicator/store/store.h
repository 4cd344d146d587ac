/* The only code that includes libpq. Every SQL statement of the product
 * lives behind a named function in this module; PGresult never leaves it.
 * All SQL is parameterised. */
#ifndef ADJ_STORE_STORE_H
#define ADJ_STORE_STORE_H

#include <stdbool.h>

#include "core/status.h"

typedef struct AdjStore AdjStore;

/* Connect with a libpq conninfo. ADJ_ERR_DB when unreachable. */
AdjStatus adj_store_open(const char *conninfo, AdjStore **out, AdjError *err);
void adj_store_close(AdjStore *store);

typedef struct AdjMigrateResult {
    int applied;        /* migrations applied by this call */
    int current;        /* schema version after the call */
} AdjMigrateResult;

/* Apply every migration of sql_dir (files NNN_name.sql) not yet recorded in
 * schema_version, each in its own transaction, in order. A failing
 * migration is rolled back and named in err; earlier ones stay applied. */
AdjStatus adj_store_migrate(AdjStore *store, const char *sql_dir, AdjMigrateResult *res,
                            AdjError *err);

#endif
