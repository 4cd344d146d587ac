/* Front-end validation of a claim as read (docs/adjudication.md "Front-end
 * rejects"): NPI check digits, dates, amounts, required elements,
 * ICD-10 shape, diagnosis pointers, CLM02 = sum of lines. Adds AdjProblem
 * entries; never prints member IDs or diagnosis codes. Pure. */
#ifndef ADJ_CLAIM_VALIDATE_H
#define ADJ_CLAIM_VALIDATE_H

#include <stdbool.h>
#include <stddef.h>

#include "claim/claim.h"

/* Check the claim and append its problems (nproblems > 0: rejected). */
void adj_claim_validate(AdjClaim *claim);

/* Shape of a diagnosis code without its dot: ICD-10-CM for ABK/ABF
 * (letter, digit, alphanumeric, then up to four alphanumerics), ICD-9-CM
 * for BK/BF (3-5 digits, V + 2-4 digits, E + 3-4 digits). */
bool adj_claim_dx_shape_ok(const char *qualifier, const char *code);

#endif
