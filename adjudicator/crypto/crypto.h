/* Hashing and signing: SHA-256 and HMAC-SHA256. The only module that
 * includes OpenSSL. Digests are also offered as lowercase hex. */
#ifndef ADJ_CRYPTO_CRYPTO_H
#define ADJ_CRYPTO_CRYPTO_H

#include <stddef.h>
#include <stdint.h>

#include "core/status.h"

#define ADJ_SHA256_LEN 32
#define ADJ_SHA256_HEX 65 /* 64 hex digits and a NUL */

void adj_sha256(const void *data, size_t len, uint8_t out[ADJ_SHA256_LEN]);
void adj_sha256_hex(const void *data, size_t len, char out[ADJ_SHA256_HEX]);
void adj_hex(const uint8_t *bytes, size_t len, char *out); /* out: 2*len+1 */

/* Incremental SHA-256 for large inputs (files). */
typedef struct AdjSha256 AdjSha256;
AdjSha256 *adj_sha256_new(void);
void adj_sha256_update(AdjSha256 *ctx, const void *data, size_t len);
void adj_sha256_final(AdjSha256 *ctx, uint8_t out[ADJ_SHA256_LEN]); /* frees ctx */
/* SHA-256 of a file's bytes. */
AdjStatus adj_sha256_file(const char *path, char out[ADJ_SHA256_HEX], AdjError *err);

void adj_hmac_sha256(const void *key, size_t key_len, const void *data, size_t len,
                     uint8_t out[ADJ_SHA256_LEN]);
void adj_hmac_sha256_hex(const void *key, size_t key_len, const void *data, size_t len,
                         char out[ADJ_SHA256_HEX]);

/* Wipe key material (OPENSSL_cleanse: not optimised away). */
void adj_crypto_wipe(void *p, size_t len);

#define ADJ_KEY_MIN 16
#define ADJ_KEY_MAX 1024

/* Read an HMAC key from a file (audit.key_file, report.key_file): its bytes,
 * less one trailing newline. Fails, naming the file, when it is missing,
 * readable by group or others (mode & 077), owned by another user than the
 * one running, shorter than ADJ_KEY_MIN or longer than ADJ_KEY_MAX bytes.
 * The caller wipes key with adj_crypto_wipe. */
AdjStatus adj_crypto_key_load(const char *path, uint8_t key[ADJ_KEY_MAX], size_t *len,
                              AdjError *err);

#endif
