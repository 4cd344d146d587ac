/* console/buf.c and console/session.c, and crypto/password.c that the
 * console signs in with: HTML escaping of hostile bytes, form decoding,
 * sessions and their tokens, PBKDF2 hashes. No server, no database. */
#include <string.h>

#include "console/console_int.h"
#include "crypto/password.h"
#include "unit.h"

static char *esc(const char *s, size_t n)
{
    static ConBuf b;
    b.len = 0;
    con_esc(&b, s, n);
    return b.p ? b.p : "";
}

static void test_escape(void)
{
    CU_ASSERT_STRING_EQUAL(esc("<script>alert(1)</script>", 25),
                           "&lt;script&gt;alert(1)&lt;/script&gt;");
    CU_ASSERT_STRING_EQUAL(esc("a\"b'c&d", 7), "a&quot;b&#39;c&amp;d");
    /* a Latin-1 byte, a control byte and a NUL: never raw */
    CU_ASSERT_STRING_EQUAL(esc("Jos\xe9\x01", 5), "Jos\\xE9\\x01");
    CU_ASSERT_STRING_EQUAL(esc("x\0y", 3), "x\\x00y");
    /* valid UTF-8 passes; an overlong or truncated sequence does not */
    CU_ASSERT_STRING_EQUAL(esc("Jos\xc3\xa9", 5), "Jos\xc3\xa9");
    CU_ASSERT_STRING_EQUAL(esc("\xc0\xbc", 2), "\\xC0\\xBC");
    CU_ASSERT_STRING_EQUAL(esc("\xe2\x82", 2), "\\xE2\\x82");
}

static void test_form(void)
{
    ConForm f;
    const char body[] = "csrf=ab12&claim=psf-1001&reason=not+a+dup%3A+%3Cb%3E&empty=&x%00y=1&bare";
    con_form_parse(&f, body, strlen(body));
    CU_ASSERT_STRING_EQUAL(con_form_get(&f, "csrf"), "ab12");
    CU_ASSERT_STRING_EQUAL(con_form_get(&f, "reason"), "not a dup: <b>");
    CU_ASSERT_STRING_EQUAL(con_form_get(&f, "empty"), "");
    CU_ASSERT_STRING_EQUAL(con_form_get(&f, "x"), "1"); /* %00 ends the name */
    CU_ASSERT_PTR_NOT_NULL(con_form_get(&f, "bare"));
    CU_ASSERT_PTR_NULL(con_form_get(&f, "missing"));
    con_form_free(&f);
    /* more fields than kept: the rest are ignored, nothing overflows */
    char many[4096] = "";
    for (int i = 0; i < 100; i++)
        strcat(many, "a=1&");
    con_form_parse(&f, many, strlen(many));
    CU_ASSERT_EQUAL(f.n, CON_FIELDS_MAX);
    con_form_free(&f);
}

static void test_sessions(void)
{
    con_sessions_init(30);
    ConSession a, b, got;
    CU_ASSERT_TRUE(con_session_new("alice", "supervisor", &a));
    CU_ASSERT_TRUE(con_session_new("victor", "viewer", &b));
    CU_ASSERT_EQUAL(strlen(a.token), 64);
    CU_ASSERT_STRING_NOT_EQUAL(a.token, b.token);
    CU_ASSERT_STRING_NOT_EQUAL(a.csrf, a.token);
    CU_ASSERT_TRUE(con_session_get(a.token, &got));
    CU_ASSERT_STRING_EQUAL(got.login, "alice");
    CU_ASSERT_STRING_EQUAL(got.csrf, a.csrf);
    CU_ASSERT_FALSE(con_session_get("deadbeef", &got));
    CU_ASSERT_FALSE(con_session_get(NULL, &got));
    con_session_end(a.token);
    CU_ASSERT_FALSE(con_session_get(a.token, &got));
    CU_ASSERT_TRUE(con_session_get(b.token, &got));
    CU_ASSERT_EQUAL(con_role("supervisor"), CON_SUPERVISOR);
    CU_ASSERT_EQUAL(con_role("analyst"), CON_ANALYST);
    CU_ASSERT_EQUAL(con_role("anything"), CON_VIEWER);
    con_sessions_free();
}

static void test_password(void)
{
    AdjError err = {0};
    char h1[ADJ_PW_HASH_MAX], h2[ADJ_PW_HASH_MAX];
    CU_ASSERT_EQUAL(adj_password_hash("correct horse battery", 1000, h1, &err), ADJ_OK);
    CU_ASSERT_EQUAL(adj_password_hash("correct horse battery", 1000, h2, &err), ADJ_OK);
    CU_ASSERT_STRING_NOT_EQUAL(h1, h2); /* salted */
    CU_ASSERT_EQUAL(strncmp(h1, "pbkdf2-sha256$1000$", 19), 0);
    CU_ASSERT_TRUE(adj_password_verify("correct horse battery", h1));
    CU_ASSERT_FALSE(adj_password_verify("correct horse batterY", h1));
    CU_ASSERT_FALSE(adj_password_verify("correct horse battery", "plain"));
    CU_ASSERT_FALSE(adj_password_verify("correct horse battery", "pbkdf2-sha256$1$00$00"));
    CU_ASSERT_EQUAL(adj_password_hash("short", 1000, h1, &err), ADJ_ERR_INPUT);
    CU_ASSERT_TRUE(adj_ct_equal("abc", "abc"));
    CU_ASSERT_FALSE(adj_ct_equal("abc", "abd"));
    CU_ASSERT_FALSE(adj_ct_equal("abc", "abcd"));
}

static const UnitTest tests[] = {
    {"HTML escaping of hostile bytes", test_escape},
    {"form decoding", test_form},
    {"sessions and tokens", test_sessions},
    {"PBKDF2 password hashes", test_password},
    {NULL, NULL},
};

ADJ_UNIT_MAIN("console", tests)
