/* The `mpfs` group of a ruleset (issue 13): the fee-schedule year, its
 * conversion factor and its tables (RVUs, GPCIs, place-of-service facility
 * flags), each pinned by SHA-256 like the NCCI table, so a ruleset's own
 * hash names every value an MPFS-priced decision used. */
#ifndef ADJ_CONFIG_MPFS_H
#define ADJ_CONFIG_MPFS_H

#include "core/status.h"
#include "edits/mpfs.h"

/* grp is the libconfig setting of `mpfs`; ruleset_path resolves relative
 * table paths. Errors name the ruleset file and line, or the table file
 * and row. */
AdjStatus adj_config_mpfs_load(const char *ruleset_path, const void *grp, AdjMpfs **out,
                               AdjError *err);

/* Name the group's three tables in rs->tables (for `ruleset check`). */
struct AdjRuleset;
void adj_config_mpfs_note(const void *grp, struct AdjRuleset *rs);

#endif
