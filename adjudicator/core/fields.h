/* Reading the product's own compact field strings (history lines stored by
 * store/history.c, the claim extension of claim/claim.c): a decimal number,
 * or a length-prefixed string "N:bytes", each followed by one optional
 * separator (space or newline). The cursor *p only moves on success; a
 * field that runs past end, lacks its digits or does not fit is refused. */
#ifndef ADJ_CORE_FIELDS_H
#define ADJ_CORE_FIELDS_H

#include <stdbool.h>
#include <stddef.h>

bool adj_field_int(const char **p, const char *end, long long *v);
bool adj_field_str(const char **p, const char *end, char *dst, size_t size);

#endif
