/* Ed25519 signatures (OpenSSL): audit checkpoints and report manifests are
 * signed with a private key only the signing service holds; anyone with
 * the public key can verify. Keys are PEM files (PKCS#8 private,
 * SubjectPublicKeyInfo public). One signing module for the whole product. */
#ifndef ADJ_CRYPTO_SIGN_H
#define ADJ_CRYPTO_SIGN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/status.h"

#define ADJ_SIG_LEN 64     /* an Ed25519 signature */
#define ADJ_SIG_HEX 129    /* 128 hex digits and a NUL */
#define ADJ_FPR_HEX 65     /* SHA-256 of the raw public key, hex */

typedef struct AdjSignKey AdjSignKey; /* a private or a public key */

/* Write a new key pair: the private key mode 0600 (created, never
 * overwritten: an existing file is an error), the public key 0644. */
AdjStatus adj_sign_keygen(const char *priv_path, const char *pub_path, AdjError *err);

/* Load a private key (the file must not be readable by group or others) or
 * a public key. The private key's public half can verify too. */
AdjStatus adj_sign_load_private(const char *path, AdjSignKey **key, AdjError *err);
AdjStatus adj_sign_load_public(const char *path, AdjSignKey **key, AdjError *err);

bool adj_sign_is_private(const AdjSignKey *key);

AdjStatus adj_sign(const AdjSignKey *key, const void *msg, size_t len,
                   uint8_t sig[ADJ_SIG_LEN], AdjError *err);
/* True only for a valid signature of msg by key's private half. */
bool adj_sign_verify(const AdjSignKey *key, const void *msg, size_t len,
                     const uint8_t sig[ADJ_SIG_LEN]);

/* Hex helpers: signature to hex; hex to signature (false when malformed). */
void adj_sig_hex(const uint8_t sig[ADJ_SIG_LEN], char out[ADJ_SIG_HEX]);
bool adj_sig_from_hex(const char *hex, uint8_t sig[ADJ_SIG_LEN]);

/* SHA-256 (hex) of the raw 32-byte public key: the fingerprint printed on
 * reports and logged at start, to compare with the published key. */
void adj_sign_fingerprint(const AdjSignKey *key, char out[ADJ_FPR_HEX]);

void adj_sign_free(AdjSignKey *key);

#endif
