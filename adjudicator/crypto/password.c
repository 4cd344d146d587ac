/* PBKDF2-HMAC-SHA256 password hashes, random tokens and constant-time
 * comparison for staff accounts and console sessions (crypto/password.h). */
#include "crypto/password.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crypto/crypto.h"

#define SALT_LEN 16
#define DK_LEN 32

static bool unhex(const char *s, size_t len, unsigned char *out)
{
    for (size_t i = 0; i < len; i++) {
        unsigned v = 0;
        for (int k = 0; k < 2; k++) {
            char c = s[2 * i + (size_t)k];
            v <<= 4;
            if (c >= '0' && c <= '9')
                v |= (unsigned)(c - '0');
            else if (c >= 'a' && c <= 'f')
                v |= (unsigned)(c - 'a' + 10);
            else
                return false;
        }
        out[i] = (unsigned char)v;
    }
    return true;
}

static bool derive(const char *password, const unsigned char *salt, unsigned iterations,
                   unsigned char out[DK_LEN])
{
    return PKCS5_PBKDF2_HMAC(password, (int)strlen(password), salt, SALT_LEN, (int)iterations,
                             EVP_sha256(), DK_LEN, out) == 1;
}

AdjStatus adj_password_hash(const char *password, unsigned iterations,
                            char out[ADJ_PW_HASH_MAX], AdjError *err)
{
    size_t len = strlen(password);
    if (len < ADJ_PW_MIN || len > ADJ_PW_MAX)
        return ADJ_FAIL(err, ADJ_ERR_INPUT, "a password has %d to %d characters", ADJ_PW_MIN,
                        ADJ_PW_MAX);
    if (iterations == 0)
        iterations = ADJ_PW_ITERATIONS;
    unsigned char salt[SALT_LEN], dk[DK_LEN];
    if (RAND_bytes(salt, SALT_LEN) != 1 || !derive(password, salt, iterations, dk))
        return ADJ_FAIL(err, ADJ_ERR_INTERNAL, "cannot hash the password (OpenSSL)");
    char salt_hex[2 * SALT_LEN + 1], dk_hex[2 * DK_LEN + 1];
    adj_hex(salt, SALT_LEN, salt_hex);
    adj_hex(dk, DK_LEN, dk_hex);
    snprintf(out, ADJ_PW_HASH_MAX, "pbkdf2-sha256$%u$%s$%s", iterations, salt_hex, dk_hex);
    OPENSSL_cleanse(dk, sizeof(dk));
    return ADJ_OK;
}

bool adj_password_verify(const char *password, const char *stored)
{
    const char prefix[] = "pbkdf2-sha256$";
    if (password == NULL || stored == NULL || strncmp(stored, prefix, sizeof(prefix) - 1) != 0)
        return false;
    const char *p = stored + sizeof(prefix) - 1;
    char *end;
    unsigned long iter = strtoul(p, &end, 10);
    if (*end != '$' || iter < 1000 || iter > 10000000)
        return false;
    const char *salt_hex = end + 1;
    const char *dollar = strchr(salt_hex, '$');
    if (dollar == NULL || dollar - salt_hex != 2 * SALT_LEN || strlen(dollar + 1) != 2 * DK_LEN)
        return false;
    unsigned char salt[SALT_LEN], want[DK_LEN], got[DK_LEN];
    if (!unhex(salt_hex, SALT_LEN, salt) || !unhex(dollar + 1, DK_LEN, want))
        return false;
    if (strlen(password) > ADJ_PW_MAX || !derive(password, salt, (unsigned)iter, got))
        return false;
    bool ok = CRYPTO_memcmp(got, want, DK_LEN) == 0;
    OPENSSL_cleanse(got, sizeof(got));
    return ok;
}

bool adj_random_hex(char *out, size_t nbytes)
{
    unsigned char buf[64];
    if (nbytes > sizeof(buf) || RAND_bytes(buf, (int)nbytes) != 1)
        return false;
    adj_hex(buf, nbytes, out);
    return true;
}

bool adj_ct_equal(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la != lb)
        return false;
    return CRYPTO_memcmp(a, b, la) == 0;
}
