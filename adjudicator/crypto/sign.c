/* Ed25519 through OpenSSL's EVP interface. */
#include "crypto/sign.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include "crypto/crypto.h"

struct AdjSignKey {
    EVP_PKEY *pkey;
    bool is_private;
};

static const char *ossl_reason(void)
{
    unsigned long e = ERR_get_error();
    const char *r = e != 0 ? ERR_reason_error_string(e) : NULL;
    ERR_clear_error();
    return r != NULL ? r : "unknown OpenSSL error";
}

static AdjStatus write_pem(const char *path, EVP_PKEY *pkey, bool priv, AdjError *err)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, priv ? 0600 : 0644);
    if (fd < 0)
        return ADJ_FAIL(err, ADJ_ERR_IO, "%s: cannot create key file: %s", path,
                        strerror(errno));
    FILE *f = fdopen(fd, "w");
    if (f == NULL) {
        close(fd);
        return ADJ_FAIL(err, ADJ_ERR_IO, "%s: %s", path, strerror(errno));
    }
    int ok = priv ? PEM_write_PrivateKey(f, pkey, NULL, NULL, 0, NULL, NULL)
                  : PEM_write_PUBKEY(f, pkey);
    if (fclose(f) != 0 || ok != 1) {
        unlink(path);
        return ADJ_FAIL(err, ADJ_ERR_IO, "%s: cannot write key: %s", path, ossl_reason());
    }
    return ADJ_OK;
}

AdjStatus adj_sign_keygen(const char *priv_path, const char *pub_path, AdjError *err)
{
    EVP_PKEY *pkey = NULL;
    EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new_id(EVP_PKEY_ED25519, NULL);
    if (ctx == NULL || EVP_PKEY_keygen_init(ctx) != 1 || EVP_PKEY_keygen(ctx, &pkey) != 1) {
        EVP_PKEY_CTX_free(ctx);
        return ADJ_FAIL(err, ADJ_ERR_INTERNAL, "Ed25519 key generation failed: %s",
                        ossl_reason());
    }
    EVP_PKEY_CTX_free(ctx);
    AdjStatus st = write_pem(priv_path, pkey, true, err);
    if (st == ADJ_OK) {
        st = write_pem(pub_path, pkey, false, err);
        if (st != ADJ_OK)
            unlink(priv_path);
    }
    EVP_PKEY_free(pkey);
    return st;
}

static AdjStatus load(const char *path, bool priv, AdjSignKey **key, AdjError *err)
{
    *key = NULL;
    if (path == NULL || path[0] == '\0')
        return ADJ_FAIL(err, ADJ_ERR_USAGE, "no %s key file configured",
                        priv ? "signing" : "public");
    FILE *f = fopen(path, "r");
    if (f == NULL)
        return ADJ_FAIL(err, ADJ_ERR_USAGE, "%s: cannot read key file: %s", path,
                        strerror(errno));
    struct stat sb;
    if (priv && (fstat(fileno(f), &sb) != 0 || (sb.st_mode & 077) != 0)) {
        fclose(f);
        return ADJ_FAIL(err, ADJ_ERR_USAGE,
                        "%s: private key must not be readable by group or others (chmod 600)",
                        path);
    }
    if (priv && sb.st_uid != geteuid()) {
        fclose(f);
        return ADJ_FAIL(err, ADJ_ERR_USAGE,
                        "%s: private key must be owned by the user running the service", path);
    }
    EVP_PKEY *pkey = priv ? PEM_read_PrivateKey(f, NULL, NULL, NULL)
                          : PEM_read_PUBKEY(f, NULL, NULL, NULL);
    fclose(f);
    if (pkey == NULL)
        return ADJ_FAIL(err, ADJ_ERR_USAGE, "%s: not a PEM %s key: %s", path,
                        priv ? "private" : "public", ossl_reason());
    if (EVP_PKEY_get_id(pkey) != EVP_PKEY_ED25519) {
        EVP_PKEY_free(pkey);
        return ADJ_FAIL(err, ADJ_ERR_USAGE, "%s: not an Ed25519 key", path);
    }
    AdjSignKey *k = calloc(1, sizeof(*k));
    if (k == NULL) {
        EVP_PKEY_free(pkey);
        return ADJ_FAIL(err, ADJ_ERR_INTERNAL, "out of memory");
    }
    k->pkey = pkey;
    k->is_private = priv;
    *key = k;
    return ADJ_OK;
}

AdjStatus adj_sign_load_private(const char *path, AdjSignKey **key, AdjError *err)
{
    return load(path, true, key, err);
}

AdjStatus adj_sign_load_public(const char *path, AdjSignKey **key, AdjError *err)
{
    return load(path, false, key, err);
}

bool adj_sign_is_private(const AdjSignKey *key)
{
    return key != NULL && key->is_private;
}

AdjStatus adj_sign(const AdjSignKey *key, const void *msg, size_t len,
                   uint8_t sig[ADJ_SIG_LEN], AdjError *err)
{
    if (key == NULL || !key->is_private)
        return ADJ_FAIL(err, ADJ_ERR_USAGE, "signing needs the private key");
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    size_t siglen = ADJ_SIG_LEN;
    int ok = ctx != NULL && EVP_DigestSignInit(ctx, NULL, NULL, NULL, key->pkey) == 1 &&
             EVP_DigestSign(ctx, sig, &siglen, msg, len) == 1 && siglen == ADJ_SIG_LEN;
    EVP_MD_CTX_free(ctx);
    if (!ok)
        return ADJ_FAIL(err, ADJ_ERR_INTERNAL, "Ed25519 signing failed: %s", ossl_reason());
    return ADJ_OK;
}

bool adj_sign_verify(const AdjSignKey *key, const void *msg, size_t len,
                     const uint8_t sig[ADJ_SIG_LEN])
{
    if (key == NULL)
        return false;
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    int ok = ctx != NULL && EVP_DigestVerifyInit(ctx, NULL, NULL, NULL, key->pkey) == 1 &&
             EVP_DigestVerify(ctx, sig, ADJ_SIG_LEN, msg, len) == 1;
    EVP_MD_CTX_free(ctx);
    ERR_clear_error();
    return ok;
}

void adj_sig_hex(const uint8_t sig[ADJ_SIG_LEN], char out[ADJ_SIG_HEX])
{
    adj_hex(sig, ADJ_SIG_LEN, out);
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

bool adj_sig_from_hex(const char *hex, uint8_t sig[ADJ_SIG_LEN])
{
    if (hex == NULL || strlen(hex) != 2 * ADJ_SIG_LEN)
        return false;
    for (size_t i = 0; i < ADJ_SIG_LEN; i++) {
        int hi = hexval(hex[2 * i]), lo = hexval(hex[2 * i + 1]);
        if (hi < 0 || lo < 0)
            return false;
        sig[i] = (uint8_t)(hi << 4 | lo);
    }
    return true;
}

void adj_sign_fingerprint(const AdjSignKey *key, char out[ADJ_FPR_HEX])
{
    uint8_t raw[32];
    size_t n = sizeof(raw);
    if (key == NULL || EVP_PKEY_get_raw_public_key(key->pkey, raw, &n) != 1 || n != 32) {
        ERR_clear_error();
        out[0] = '\0';
        return;
    }
    adj_sha256_hex(raw, n, out);
}

void adj_sign_free(AdjSignKey *key)
{
    if (key == NULL)
        return;
    EVP_PKEY_free(key->pkey);
    free(key);
}
