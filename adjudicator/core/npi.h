/* National Provider Identifier check digit: Luhn over the 80840 prefix and
 * the first nine digits. Pure. */
#ifndef ADJ_CORE_NPI_H
#define ADJ_CORE_NPI_H

#include <stdbool.h>
#include <stddef.h>

/* Exactly ten digits whose last is the check digit. */
bool adj_npi_valid(const char *s, size_t len);
/* Check digit for nine digits ("123456789" -> 3). -1 when not 9 digits. */
int adj_npi_check_digit(const char *nine, size_t len);

#endif
