/* Rendering decisions for people and pipelines: one JSON object per line
 * exactly as docs/contracts.md "Decisions", or an aligned table for a claims analyst. Writes
 * to a stream; decides nothing. Member IDs appear only where that contract puts them. */
#ifndef ADJ_ENGINE_RENDER_H
#define ADJ_ENGINE_RENDER_H

#include <stdio.h>

#include "claim/decision.h"

/* The decision JSONL contract's major version (docs/contracts.md
 * "Decisions"): it changes only when a field is removed, renamed or changes
 * meaning; new fields are appended at the end without changing it. */
#define ADJ_DECISION_CONTRACT 2

void adj_render_jsonl(FILE *f, const AdjDecision *d, const char *member_id);
/* Table: header once (adj_render_table_header), then a row per decision. */
void adj_render_table_header(FILE *f);
void adj_render_table_row(FILE *f, const AdjDecision *d);

#endif
