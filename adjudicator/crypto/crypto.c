/* SHA-256 and HMAC-SHA256 through OpenSSL; see crypto.h. */
#include "crypto/crypto.h"

#include <errno.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"

struct AdjSha256 {
    EVP_MD_CTX *md;
};

static void die(const char *what)
{
    fprintf(stderr, "adjudicator: error: openssl: %s failed\n", what);
    abort();
}

void adj_hex(const uint8_t *bytes, size_t len, char *out)
{
    static const char digits[] = "0123456789abcdef";
    for (size_t i = 0; i < len; i++) {
        out[2 * i] = digits[bytes[i] >> 4];
        out[2 * i + 1] = digits[bytes[i] & 15];
    }
    out[2 * len] = '\0';
}

void adj_sha256(const void *data, size_t len, uint8_t out[ADJ_SHA256_LEN])
{
    if (EVP_Digest(data, len, out, NULL, EVP_sha256(), NULL) != 1)
        die("EVP_Digest");
}

void adj_sha256_hex(const void *data, size_t len, char out[ADJ_SHA256_HEX])
{
    uint8_t d[ADJ_SHA256_LEN];
    adj_sha256(data, len, d);
    adj_hex(d, sizeof(d), out);
}

AdjSha256 *adj_sha256_new(void)
{
    AdjSha256 *c = adj_xmalloc(sizeof(*c));
    c->md = EVP_MD_CTX_new();
    if (c->md == NULL || EVP_DigestInit_ex(c->md, EVP_sha256(), NULL) != 1)
        die("EVP_DigestInit_ex");
    return c;
}

void adj_sha256_update(AdjSha256 *ctx, const void *data, size_t len)
{
    if (EVP_DigestUpdate(ctx->md, data, len) != 1)
        die("EVP_DigestUpdate");
}

void adj_sha256_final(AdjSha256 *ctx, uint8_t out[ADJ_SHA256_LEN])
{
    unsigned n = 0;
    if (EVP_DigestFinal_ex(ctx->md, out, &n) != 1 || n != ADJ_SHA256_LEN)
        die("EVP_DigestFinal_ex");
    EVP_MD_CTX_free(ctx->md);
    free(ctx);
}

AdjStatus adj_sha256_file(const char *path, char out[ADJ_SHA256_HEX], AdjError *err)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return ADJ_FAIL(err, ADJ_ERR_IO, "%s: %s", path, strerror(errno));
    AdjSha256 *c = adj_sha256_new();
    static _Thread_local unsigned char buf[1 << 16];
    size_t n;
    while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
        adj_sha256_update(c, buf, n);
    int bad = ferror(f);
    fclose(f);
    uint8_t d[ADJ_SHA256_LEN];
    adj_sha256_final(c, d);
    if (bad)
        return ADJ_FAIL(err, ADJ_ERR_IO, "%s: read error", path);
    adj_hex(d, sizeof(d), out);
    return ADJ_OK;
}

void adj_hmac_sha256(const void *key, size_t key_len, const void *data, size_t len,
                     uint8_t out[ADJ_SHA256_LEN])
{
    unsigned n = 0;
    if (HMAC(EVP_sha256(), key, (int)key_len, data, len, out, &n) == NULL ||
        n != ADJ_SHA256_LEN)
        die("HMAC");
}

void adj_hmac_sha256_hex(const void *key, size_t key_len, const void *data, size_t len,
                         char out[ADJ_SHA256_HEX])
{
    uint8_t d[ADJ_SHA256_LEN];
    adj_hmac_sha256(key, key_len, data, len, d);
    adj_hex(d, sizeof(d), out);
}

void adj_crypto_wipe(void *p, size_t len)
{
    if (p != NULL && len > 0)
        OPENSSL_cleanse(p, len);
}
