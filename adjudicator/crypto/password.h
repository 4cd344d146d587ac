/* Staff passwords and console secrets: PBKDF2-HMAC-SHA256 hashes in a
 * self-describing text form, random tokens, constant-time comparison.
 * OpenSSL stays inside crypto/. */
#ifndef ADJ_CRYPTO_PASSWORD_H
#define ADJ_CRYPTO_PASSWORD_H

#include <stdbool.h>
#include <stddef.h>

#include "core/status.h"

#define ADJ_PW_ITERATIONS 210000  /* OWASP's figure for PBKDF2-HMAC-SHA256 */
#define ADJ_PW_HASH_MAX 160       /* "pbkdf2-sha256$ITER$SALT_HEX$HASH_HEX" and a NUL */
#define ADJ_PW_MIN 10             /* shortest password accepted */
#define ADJ_PW_MAX 256

/* Hash password with a fresh 16-byte salt into out. iterations 0: the
 * default. ADJ_ERR_INPUT when the password is shorter than ADJ_PW_MIN or
 * longer than ADJ_PW_MAX bytes. */
AdjStatus adj_password_hash(const char *password, unsigned iterations,
                            char out[ADJ_PW_HASH_MAX], AdjError *err);
/* Whether password matches a stored hash (false for a malformed one);
 * compares in constant time. */
bool adj_password_verify(const char *password, const char *stored);
/* n random bytes as 2n hex digits into out (2n+1 bytes). False when the
 * system has no randomness to give. */
bool adj_random_hex(char *out, size_t nbytes);
/* Equal strings, in time that depends only on their lengths. */
bool adj_ct_equal(const char *a, const char *b);

#endif
