/* Unit tests of adjudicator/core: status, arena, dates, money, NPI, logs. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "core/arena.h"
#include "core/date.h"
#include "core/log.h"
#include "core/money.h"
#include "core/npi.h"
#include "core/status.h"
#include "unit.h"

static bool money(const char *s, AdjMoney *out) { return adj_money_parse(s, strlen(s), out); }

static void test_status_records_where(void)
{
    AdjError err = {0};
    AdjStatus st = ADJ_FAIL(&err, ADJ_ERR_INPUT, "element %d: not a number", 2);
    CU_ASSERT_EQUAL(st, ADJ_ERR_INPUT);
    CU_ASSERT_EQUAL(err.status, ADJ_ERR_INPUT);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.src_file, "test_core.c"));
    CU_ASSERT(err.src_line > 0);
    adj_error_prefix(&err, "ingest %s: segment %d (CLM): ", "f.837", 412);
    CU_ASSERT_STRING_EQUAL(err.msg, "ingest f.837: segment 412 (CLM): element 2: not a number");
    CU_ASSERT_EQUAL(ADJ_FAIL(NULL, ADJ_ERR_DB, "x"), ADJ_ERR_DB);
    CU_ASSERT_EQUAL(adj_status_exit_code(ADJ_OK), 0);
    CU_ASSERT_EQUAL(adj_status_exit_code(ADJ_ERR_INPUT), 1);
    CU_ASSERT_EQUAL(adj_status_exit_code(ADJ_ERR_USAGE), 2);
    CU_ASSERT_EQUAL(adj_status_exit_code(ADJ_ERR_DB), 3);
}

static void test_log_levels(void)
{
    CU_ASSERT_EQUAL(adj_log_level_parse("debug"), ADJ_LOG_DEBUG);
    CU_ASSERT_EQUAL(adj_log_level_parse("error"), ADJ_LOG_ERROR);
    CU_ASSERT_EQUAL(adj_log_level_parse("loud"), -1);
    adj_log_set_level(ADJ_LOG_ERROR);
    CU_ASSERT_EQUAL(adj_log_get_level(), ADJ_LOG_ERROR);
    adj_log(ADJ_LOG_INFO, "suppressed %d", 1);
    adj_log_set_level(ADJ_LOG_INFO);
}

/* log.format journal: a datagram socket stands in for journald; the
 * fields arrive as the native protocol writes them, a multi-line message
 * in the binary form (NAME, LF, 64-bit LE length, bytes, LF) */
static void test_log_journal(void)
{
    CU_ASSERT_EQUAL(adj_log_format_parse("journal"), ADJ_LOG_JOURNAL);
    char dir[] = "/tmp/adj-journal-XXXXXX";
    CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(dir));
    char path[sizeof(dir) + 16];
    snprintf(path, sizeof(path), "%s/socket", dir);
    int fd = socket(AF_UNIX, SOCK_DGRAM, 0);
    CU_ASSERT_FATAL(fd >= 0);
    struct sockaddr_un sa = {.sun_family = AF_UNIX};
    snprintf(sa.sun_path, sizeof(sa.sun_path), "%s", path);
    CU_ASSERT_EQUAL_FATAL(bind(fd, (struct sockaddr *)&sa, sizeof(sa)), 0);
    adj_log_set_journal_socket(path);
    adj_log_set_format(ADJ_LOG_JOURNAL);
    adj_log(ADJ_LOG_WARN, "batch %d failed", 7);
    char buf[4096];
    ssize_t n = recv(fd, buf, sizeof(buf) - 1, MSG_DONTWAIT);
    CU_ASSERT_FATAL(n > 0);
    buf[n] = '\0';
    CU_ASSERT_STRING_EQUAL(buf, "MESSAGE=batch 7 failed\nPRIORITY=4\n"
                                "SYSLOG_IDENTIFIER=adjudicator\nADJ_LEVEL=warn\n");
    adj_log(ADJ_LOG_ERROR, "two\nlines");
    n = recv(fd, buf, sizeof(buf), MSG_DONTWAIT);
    static const char want[] = "MESSAGE\n\x09\0\0\0\0\0\0\0two\nlines\nPRIORITY=3\n";
    CU_ASSERT_FATAL(n > (ssize_t)sizeof(want) - 1);
    CU_ASSERT_EQUAL(memcmp(buf, want, sizeof(want) - 1), 0);
    /* no socket: the format stays text (and stderr says so) */
    close(fd);
    unlink(path);
    rmdir(dir);
    adj_log_set_format(ADJ_LOG_JOURNAL);
    adj_log(ADJ_LOG_DEBUG, "below the level, not sent");
    adj_log_set_journal_socket(NULL);
    adj_log_set_format(ADJ_LOG_TEXT);
}

static void test_arena(void)
{
    AdjArena a;
    adj_arena_init(&a, 64);
    char *s = adj_arena_strndup(&a, "hello world", 5);
    CU_ASSERT_STRING_EQUAL(s, "hello");
    unsigned char *big = adj_arena_alloc(&a, 1000); /* larger than a block */
    CU_ASSERT_PTR_NOT_NULL(big);
    CU_ASSERT_EQUAL(big[999], 0);
    for (int i = 0; i < 100; i++) {
        void *p = adj_arena_alloc(&a, 24);
        CU_ASSERT_EQUAL((uintptr_t)p % 16, 0);
    }
    CU_ASSERT(a.total >= 1000 + 100 * 24);
    adj_arena_reset(&a);
    CU_ASSERT_EQUAL(a.total, 0);
    CU_ASSERT_PTR_NOT_NULL(adj_arena_alloc(&a, 8));
    adj_arena_free(&a);
    CU_ASSERT_PTR_NULL(a.head);
    adj_arena_free(&a); /* twice is harmless */
}

static void test_date_validity(void)
{
    CU_ASSERT_FALSE(adj_date_valid(20260230));
    CU_ASSERT_TRUE(adj_date_valid(20240229));
    CU_ASSERT_FALSE(adj_date_valid(20230229));
    CU_ASSERT_FALSE(adj_date_valid(21000229)); /* century, not leap */
    CU_ASSERT_TRUE(adj_date_valid(20000229));  /* 400-year leap */
    CU_ASSERT_FALSE(adj_date_valid(20261301));
    CU_ASSERT_FALSE(adj_date_valid(20260100));
    CU_ASSERT_TRUE(adj_date_valid(20261231));
    CU_ASSERT_FALSE(adj_date_valid(20260431));
}

static void test_date_parse(void)
{
    AdjDate d = 0;
    CU_ASSERT_TRUE(adj_date_parse_x12("20260115", 8, &d));
    CU_ASSERT_EQUAL(d, 20260115);
    CU_ASSERT_FALSE(adj_date_parse_x12("20260230", 8, &d));
    CU_ASSERT_FALSE(adj_date_parse_x12("2026011", 7, &d));
    CU_ASSERT_FALSE(adj_date_parse_x12("2026011A", 8, &d));
    CU_ASSERT_FALSE(adj_date_parse_x12("", 0, &d));
    CU_ASSERT_TRUE(adj_date_parse_iso("2024-02-29", 10, &d));
    CU_ASSERT_EQUAL(d, 20240229);
    CU_ASSERT_FALSE(adj_date_parse_iso("2024/02/29", 10, &d));
    CU_ASSERT_FALSE(adj_date_parse_iso("2026-02-30", 10, &d));
    CU_ASSERT_FALSE(adj_date_parse_iso("2026-2-3", 8, &d));
    char buf[16];
    adj_date_format_iso(20260305, buf, sizeof(buf));
    CU_ASSERT_STRING_EQUAL(buf, "2026-03-05");
}

static void test_months(void)
{
    AdjMonth jan = adj_date_month(20260115);
    CU_ASSERT_EQUAL(jan, adj_month_make(2026, 1));
    CU_ASSERT_EQUAL(adj_month_add(jan, -1), adj_month_make(2025, 12));
    CU_ASSERT_EQUAL(adj_month_add(jan, 13), adj_month_make(2027, 2));
    CU_ASSERT_EQUAL(adj_month_diff(adj_month_make(2025, 7), jan), 6);
    CU_ASSERT_EQUAL(adj_month_last_day(adj_month_make(2024, 2)), 20240229);
    CU_ASSERT_EQUAL(adj_month_first_day(jan), 20260101);
    AdjMonth m;
    CU_ASSERT_TRUE(adj_month_parse("2026-12", 7, &m));
    CU_ASSERT_EQUAL(m, adj_month_make(2026, 12));
    CU_ASSERT_FALSE(adj_month_parse("2026-13", 7, &m));
    CU_ASSERT_FALSE(adj_month_parse("2026-00", 7, &m));
    char buf[16];
    adj_month_format(adj_month_make(2025, 3), buf, sizeof(buf));
    CU_ASSERT_STRING_EQUAL(buf, "2025-03");
    CU_ASSERT_EQUAL(adj_date_to_days(19700101), 0);
    CU_ASSERT_EQUAL(adj_date_to_days(20240301) - adj_date_to_days(20240228), 2);
}

static void test_money_parse_good(void)
{
    AdjMoney m = 0;
    CU_ASSERT_TRUE(money("150", &m));
    CU_ASSERT_EQUAL(m, 15000);
    CU_ASSERT_TRUE(money("150.5", &m));
    CU_ASSERT_EQUAL(m, 15050);
    CU_ASSERT_TRUE(money("150.50", &m));
    CU_ASSERT_EQUAL(m, 15050);
    CU_ASSERT_TRUE(money("0.01", &m));
    CU_ASSERT_EQUAL(m, 1);
    CU_ASSERT_TRUE(money("-12.30", &m));
    CU_ASSERT_EQUAL(m, -1230);
    CU_ASSERT_TRUE(money("92233720368547758.07", &m));
    CU_ASSERT_EQUAL(m, INT64_MAX);
}

static void test_money_parse_bad(void)
{
    AdjMoney m = 42;
    CU_ASSERT_FALSE(money("1e3", &m));
    CU_ASSERT_FALSE(money("-0.001", &m));
    CU_ASSERT_FALSE(money("12.345", &m));
    CU_ASSERT_FALSE(money("", &m));
    CU_ASSERT_FALSE(money("92233720368547758.08", &m)); /* overflow */
    CU_ASSERT_FALSE(money("99999999999999999999", &m));
    CU_ASSERT_FALSE(money("1.2.3", &m));
    CU_ASSERT_FALSE(money("+5", &m));
    CU_ASSERT_FALSE(money(" 5", &m));
    CU_ASSERT_FALSE(money("-", &m));
    CU_ASSERT_FALSE(money(".", &m));
    CU_ASSERT_EQUAL(m, 42); /* untouched on failure */
}

static void test_money_format_and_round(void)
{
    char buf[ADJ_MONEY_FMT_MAX];
    adj_money_format(14930, buf, sizeof(buf));
    CU_ASSERT_STRING_EQUAL(buf, "149.30");
    adj_money_format(-5, buf, sizeof(buf));
    CU_ASSERT_STRING_EQUAL(buf, "-0.05");
    adj_money_format(0, buf, sizeof(buf));
    CU_ASSERT_STRING_EQUAL(buf, "0.00");
    adj_money_format(INT64_MIN, buf, sizeof(buf));
    CU_ASSERT_STRING_EQUAL(buf, "-92233720368547758.08");
    /* 20% of 149.30 = 29.86; 12.5% of 0.04 = 0.005 -> 0.01 (half up) */
    CU_ASSERT_EQUAL(adj_money_mul_div(14930, 20, 100), 2986);
    CU_ASSERT_EQUAL(adj_money_mul_div(4, 125, 1000), 1);
    CU_ASSERT_EQUAL(adj_money_mul_div(3, 125, 1000), 0);
    CU_ASSERT_EQUAL(adj_money_mul_div(-4, 125, 1000), -1);
}

static void test_qty(void)
{
    int64_t q = 0;
    CU_ASSERT_TRUE(adj_qty_parse("21.00", 5, &q));
    CU_ASSERT_EQUAL(q, 21000);
    CU_ASSERT_TRUE(adj_qty_parse("1.5", 3, &q));
    CU_ASSERT_EQUAL(q, 1500);
    CU_ASSERT_FALSE(adj_qty_parse("-1", 2, &q));
    CU_ASSERT_FALSE(adj_qty_parse("1.0001", 6, &q));
}

static void test_npi(void)
{
    /* CMS's published example: 123456789 has check digit 3 */
    CU_ASSERT_EQUAL(adj_npi_check_digit("123456789", 9), 3);
    CU_ASSERT_TRUE(adj_npi_valid("1234567893", 10));
    CU_ASSERT_FALSE(adj_npi_valid("1234567890", 10));
    CU_ASSERT_TRUE(adj_npi_valid("2366554859", 10) == (adj_npi_check_digit("236655485", 9) == 9));
    CU_ASSERT_FALSE(adj_npi_valid("123456789", 9));
    CU_ASSERT_FALSE(adj_npi_valid("12345678A3", 10));
    CU_ASSERT_FALSE(adj_npi_valid("123456789X", 10));
    CU_ASSERT_EQUAL(adj_npi_check_digit("12345678", 8), -1);
}

static const UnitTest tests[] = {
    {"status records where", test_status_records_where},
    {"log levels", test_log_levels},
    {"log journal", test_log_journal},
    {"arena", test_arena},
    {"date validity", test_date_validity},
    {"date parse", test_date_parse},
    {"months", test_months},
    {"money parse good", test_money_parse_good},
    {"money parse bad", test_money_parse_bad},
    {"money format and rounding", test_money_format_and_round},
    {"quantity", test_qty},
    {"npi", test_npi},
    {NULL, NULL},
};

ADJ_UNIT_MAIN("core", tests)
