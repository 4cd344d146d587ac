/* Ruleset loader: reads rulesets/NAME.conf (libconfig) and their NCCI tables
 * into AdjRuleset (edits/ruleset.h). Every error names the file and line:
 * unknown keys, malformed codes or dates, missing edits, overlapping
 * effective ranges (naming both files). The only code besides config.c that
 * includes libconfig.h. */
#ifndef ADJ_CONFIG_RULESET_H
#define ADJ_CONFIG_RULESET_H

#include "core/status.h"
#include "edits/ruleset.h"

/* Load one ruleset file. The caller frees *out with adj_ruleset_free. */
AdjStatus adj_ruleset_load(const char *path, AdjRuleset **out, AdjError *err);

/* Load files and directories (every *.conf in a directory, in name order)
 * into set, checking that no two effective ranges overlap and ids are
 * unique. On error set is empty. */
AdjStatus adj_ruleset_set_load(const char *const *paths, int npaths, AdjRulesetSet *set,
                               AdjError *err);

#endif
