/* Rendering decisions for people and pipelines: one JSON object per line
 * exactly as docs/adjudication.md, or an aligned table for a claims analyst. Writes
 * to a stream; decides nothing. Member IDs appear only where 3.3 puts them. */
#ifndef ADJ_ENGINE_RENDER_H
#define ADJ_ENGINE_RENDER_H

#include <stdio.h>

#include "engine/decision.h"

void adj_render_jsonl(FILE *f, const AdjDecision *d, const char *member_id);
/* Table: header once (adj_render_table_header), then a row per decision. */
void adj_render_table_header(FILE *f);
void adj_render_table_row(FILE *f, const AdjDecision *d);

#endif
