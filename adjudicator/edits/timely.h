/* Timely filing (issue 13). Pure. */
#ifndef ADJ_EDITS_TIMELY_H
#define ADJ_EDITS_TIMELY_H

#include <stdbool.h>

#include "core/date.h"

/* True when received is more than limit_days after dos (limit 0: none;
 * an invalid date never makes a line late). */
bool adj_timely_late(AdjDate received, AdjDate dos, int limit_days);

#endif
