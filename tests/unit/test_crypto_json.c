/* Unit tests of crypto/ (SHA-256, HMAC) and core/json. */
#include <stdlib.h>
#include <unistd.h>
#include <string.h>

#include "core/json.h"
#include "crypto/crypto.h"
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

static const UnitTest tests[] = {
    {"sha256 vectors", test_sha256_vectors},
    {"hmac rfc4231", test_hmac_rfc4231},
    {"sha256 of a file", test_sha256_file},
    {"json escaping", test_json_escape},
    {NULL, NULL},
};

ADJ_UNIT_MAIN("crypto_json", tests)
