/* Unit tests of crypto/ (SHA-256, HMAC) and core/json. */
#include <stdlib.h>
#include <unistd.h>
#include <string.h>
#include <stdio.h>
#include <sys/stat.h>

#include "core/json.h"
#include "crypto/crypto.h"
#include "crypto/sign.h"
#include "unit.h"

static void test_sha256_vectors(void)
{
    char hex[ADJ_SHA256_HEX];
    adj_sha256_hex("", 0, hex);
    CU_ASSERT_STRING_EQUAL(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    adj_sha256_hex("abc", 3, hex);
    CU_ASSERT_STRING_EQUAL(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    AdjSha256 *c = adj_sha256_new();
    adj_sha256_update(c, "a", 1);
    adj_sha256_update(c, "bc", 2);
    uint8_t d[ADJ_SHA256_LEN];
    adj_sha256_final(c, d);
    adj_hex(d, sizeof(d), hex);
    CU_ASSERT_STRING_EQUAL(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

static void test_hmac_rfc4231(void)
{
    /* RFC 4231 test case 2 */
    char hex[ADJ_SHA256_HEX];
    const char *data = "what do ya want for nothing?";
    adj_hmac_sha256_hex("Jefe", 4, data, strlen(data), hex);
    CU_ASSERT_STRING_EQUAL(hex, "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

static void test_sha256_file(void)
{
    char path[] = "/tmp/adj_sha_XXXXXX";
    int fd = mkstemp(path);
    CU_ASSERT_FATAL(fd >= 0);
    CU_ASSERT_EQUAL(write(fd, "abc", 3), 3);
    close(fd);
    char hex[ADJ_SHA256_HEX];
    AdjError err = {0};
    CU_ASSERT_EQUAL(adj_sha256_file(path, hex, &err), ADJ_OK);
    CU_ASSERT_STRING_EQUAL(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    unlink(path);
    CU_ASSERT_EQUAL(adj_sha256_file(path, hex, &err), ADJ_ERR_IO);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, path));
}

static void test_json_escape(void)
{
    char *buf = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&buf, &size);
    const char in[] = "a\"b\\c\n\x01 caf\xc3\xa9 \xff'; DROP";
    adj_json_string(f, in, sizeof(in) - 1);
    fputc(' ', f);
    adj_json_cstr(f, NULL);
    fclose(f);
    CU_ASSERT_STRING_EQUAL(buf, "\"a\\\"b\\\\c\\n\\u0001 caf\xc3\xa9 \\u00ff'; DROP\" null");
    free(buf);
}

/* adj_json_escape writes into memory exactly what adj_json_string writes */
static void test_json_escape_to_memory(void)
{
    static const char *const cases[] = {
        "", "plain", "a\"b\\c\n\r\t\x01\x1f\x7f", "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80",
        "\xc3\x28 \xe2\x82 \xed\xa0\x80 \xf5\x80\x80\x80 \xc0\xaf \xff\xfe", "\xe2\x82\xac\xe2",
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char *buf = NULL;
        size_t size = 0, len = strlen(cases[i]);
        FILE *f = open_memstream(&buf, &size);
        adj_json_string(f, cases[i], len);
        fclose(f);
        char mem[6 * 32 + 2];
        size_t n = adj_json_escape(mem, cases[i], len);
        CU_ASSERT_EQUAL(n, size);
        CU_ASSERT(n == size && memcmp(mem, buf, n) == 0);
        free(buf);
    }
}


static void test_ed25519(void)
{
    char dir[] = "/tmp/adj_sign_XXXXXX";
    CU_ASSERT_FATAL(mkdtemp(dir) != NULL);
    char priv[64], pub[64], pub2[64], priv2[64];
    snprintf(priv, sizeof(priv), "%s/k", dir);
    snprintf(pub, sizeof(pub), "%s/k.pub", dir);
    snprintf(priv2, sizeof(priv2), "%s/o", dir);
    snprintf(pub2, sizeof(pub2), "%s/o.pub", dir);
    AdjError err = {0};
    CU_ASSERT_EQUAL_FATAL(adj_sign_keygen(priv, pub, &err), ADJ_OK);
    CU_ASSERT_EQUAL(adj_sign_keygen(priv, pub, &err), ADJ_ERR_IO); /* never overwritten */
    CU_ASSERT_EQUAL_FATAL(adj_sign_keygen(priv2, pub2, &err), ADJ_OK);
    AdjSignKey *sk = NULL, *pk = NULL, *other = NULL;
    CU_ASSERT_EQUAL_FATAL(adj_sign_load_private(priv, &sk, &err), ADJ_OK);
    CU_ASSERT_EQUAL_FATAL(adj_sign_load_public(pub, &pk, &err), ADJ_OK);
    CU_ASSERT_EQUAL_FATAL(adj_sign_load_public(pub2, &other, &err), ADJ_OK);
    CU_ASSERT_TRUE(adj_sign_is_private(sk));
    CU_ASSERT_FALSE(adj_sign_is_private(pk));
    uint8_t sig[ADJ_SIG_LEN];
    CU_ASSERT_EQUAL(adj_sign(pk, "m", 1, sig, &err), ADJ_ERR_USAGE);
    CU_ASSERT_EQUAL_FATAL(adj_sign(sk, "manifest", 8, sig, &err), ADJ_OK);
    CU_ASSERT_TRUE(adj_sign_verify(pk, "manifest", 8, sig));
    CU_ASSERT_TRUE(adj_sign_verify(sk, "manifest", 8, sig));
    CU_ASSERT_FALSE(adj_sign_verify(pk, "manifesT", 8, sig));
    CU_ASSERT_FALSE(adj_sign_verify(other, "manifest", 8, sig));
    char hex[ADJ_SIG_HEX];
    uint8_t back[ADJ_SIG_LEN];
    adj_sig_hex(sig, hex);
    CU_ASSERT_TRUE(adj_sig_from_hex(hex, back));
    CU_ASSERT_EQUAL(memcmp(sig, back, ADJ_SIG_LEN), 0);
    hex[5] = 'g';
    CU_ASSERT_FALSE(adj_sig_from_hex(hex, back));
    CU_ASSERT_FALSE(adj_sig_from_hex("00", back));
    back[0] ^= 1;
    CU_ASSERT_FALSE(adj_sign_verify(pk, "manifest", 8, back));
    char f1[ADJ_FPR_HEX], f2[ADJ_FPR_HEX], f3[ADJ_FPR_HEX];
    adj_sign_fingerprint(sk, f1);
    adj_sign_fingerprint(pk, f2);
    adj_sign_fingerprint(other, f3);
    CU_ASSERT_EQUAL(strlen(f1), 64);
    CU_ASSERT_STRING_EQUAL(f1, f2);
    CU_ASSERT_STRING_NOT_EQUAL(f1, f3);
    /* a private key readable by others is refused; a public key is not a private one */
    AdjSignKey *bad = NULL;
    CU_ASSERT_EQUAL(chmod(priv, 0644), 0);
    CU_ASSERT_EQUAL(adj_sign_load_private(priv, &bad, &err), ADJ_ERR_USAGE);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "chmod 600"));
    CU_ASSERT_EQUAL(adj_sign_load_private(pub, &bad, &err), ADJ_ERR_USAGE);
    CU_ASSERT_PTR_NULL(bad);
    adj_sign_free(sk);
    adj_sign_free(pk);
    adj_sign_free(other);
    unlink(priv); unlink(pub); unlink(priv2); unlink(pub2);
    rmdir(dir);
}

static const UnitTest tests[] = {
    {"ed25519 sign and verify", test_ed25519},
    {"sha256 vectors", test_sha256_vectors},
    {"hmac rfc4231", test_hmac_rfc4231},
    {"sha256 of a file", test_sha256_file},
    {"json escaping", test_json_escape},
    {"json escaping to memory", test_json_escape_to_memory},
    {NULL, NULL},
};

ADJ_UNIT_MAIN("crypto_json", tests)
