/* Shared by the ruleset loader's files (ruleset.c, tables.c): the load
 * context and "FILE:LINE: message" errors at a setting. */
#ifndef ADJ_CONFIG_RULESET_INT_H
#define ADJ_CONFIG_RULESET_INT_H

#include <libconfig.h>

#include "config/ruleset.h"

typedef struct RsCtx {
    const char *path;
    AdjRuleset *rs;
    AdjError *err;
} RsCtx;

AdjStatus rs_fail_at(const RsCtx *c, const config_setting_t *s, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* A CPT/HCPCS code: five characters, digits or upper-case letters. */
bool rs_code_ok(const char *s);

/* The dated CMS tables a ruleset names, each { table = "..."; sha256 = "..."; }
 * with the file's SHA-256 pinned (tables.c). */
AdjStatus rs_load_ncci_table(RsCtx *c, const config_setting_t *grp);
AdjStatus rs_load_mue(RsCtx *c, const config_setting_t *grp);
AdjStatus rs_load_addons(RsCtx *c, const config_setting_t *grp);
AdjStatus rs_load_pos(RsCtx *c, const config_setting_t *grp);
AdjStatus rs_load_diagnoses(RsCtx *c, const config_setting_t *grp);

#endif
