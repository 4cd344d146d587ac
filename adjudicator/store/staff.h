/* Staff accounts of the web console (sql/112) and the claim data its pages
 * read beyond `show` (store/staff.c). Password hashes are made and checked
 * by crypto/password.h; this module only stores them. */
#ifndef ADJ_STORE_STAFF_H
#define ADJ_STORE_STAFF_H

#include <stdbool.h>
#include <stddef.h>

#include "store/store.h"

typedef struct AdjStaffRow {
    char login[64];
    char role[16];          /* viewer, analyst, supervisor */
    char pw_hash[192];
    bool disabled;
    bool locked;            /* locked_until is in the future */
} AdjStaffRow;

/* ADJ_ERR_INPUT when the login exists (add) or does not (passwd, disable),
 * or login or role is not acceptable (the table's checks). */
AdjStatus adj_store_staff_add(AdjStore *store, const char *login, const char *role,
                              const char *pw_hash, AdjError *err);
/* New hash; also clears failures and the lock and re-enables the account. */
AdjStatus adj_store_staff_passwd(AdjStore *store, const char *login, const char *pw_hash,
                                 AdjError *err);
AdjStatus adj_store_staff_disable(AdjStore *store, const char *login, AdjError *err);
AdjStatus adj_store_staff_get(AdjStore *store, const char *login, AdjStaffRow *row,
                              bool *found, AdjError *err);
/* A failed sign-in: after max_failures in a row the account is locked for
 * lock_minutes (failures start again). A good one clears the count. */
AdjStatus adj_store_staff_failed(AdjStore *store, const char *login, int max_failures,
                                 int lock_minutes, AdjError *err);
AdjStatus adj_store_staff_ok(AdjStore *store, const char *login, AdjError *err);

/* A claim's raw 837 segments (2300 through its last 2400) by payer claim
 * control number; *raw (caller frees) NULL when none is stored. */
AdjStatus adj_store_claim_raw(AdjStore *store, const char *pcn, char **raw, size_t *len,
                              AdjError *err);

#endif
