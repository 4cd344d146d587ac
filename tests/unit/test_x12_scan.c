/* Unit tests of the X12 scanner (adjudicator/x12/scan.c): segments, IDs,
 * elements and x12_scan_skip against a byte-at-a-time reference
 * (x12_scan_ref.h), on hand-made edge cases and seeded random buffers, with
 * each block marking this CPU has (AVX2, SSE2; SWAR in -DX12_PORTABLE
 * builds). A separate program from test_x12.c, which reads whole files. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "x12_scan_ref.h"

static const char *markings[] = {"avx2", "sse2", "swar"};

/* Check buf under every marking, whole and as shorter views, in the three
 * ways the reader scans (pass 1 with skips, pass 2 with splits, jumps). */
static void check_all(const char *buf, size_t len, const X12Seps *seps, const char *what)
{
    char why[256];
    for (size_t m = 0; m < sizeof(markings) / sizeof(markings[0]); m++) {
        if (!x12_scan_set_simd(markings[m]))
            continue;
        size_t views[] = {len, len > 0 ? len - 1 : 0, len / 2, len > 70 ? 70 : len};
        for (size_t v = 0; v < sizeof(views) / sizeof(views[0]); v++) {
            /* a heap copy of exactly the view: ASan sees any read past it */
            char *copy = malloc(views[v] + 1);
            memcpy(copy, buf, views[v]);
            bool ok = ref_check(copy, views[v], 0, seps, true, NULL, 0, why, sizeof(why)) &&
                      ref_check(copy, views[v], 0, seps, false, "SGIC", 0, why, sizeof(why)) &&
                      ref_check(copy, views[v], 0, seps, true, "HN", 3, why, sizeof(why)) &&
                      ref_check(copy, views[v], views[v] / 3, seps, true, NULL, 2, why,
                                sizeof(why));
            free(copy);
            if (!ok) {
                fprintf(stderr, "\n%s (%s, %zu of %zu bytes): %s\n", what, markings[m], views[v],
                        len, why);
                CU_FAIL("scanner differs from the reference");
                return;
            }
        }
        CU_PASS("same as the reference");
    }
    x12_scan_set_simd("avx2");
}

static const X12Seps star = {.elem = '*', .comp = ':', .rep = '^', .term = '~', .has_rep = true};

static void test_segments_across_blocks(void)
{
    /* segments of every length 0..140 so that terminators and separators
     * fall on each position of a 64-byte block and segments span 1-3 */
    char buf[20000];
    size_t n = 0;
    for (int l = 0; l <= 140; l++) {
        for (int i = 0; i < l; i++)
            buf[n++] = (char)(i == 0 ? 'N' : i == 1 ? 'M' : i % 5 == 2 ? '*' : 'A' + i % 26);
        buf[n++] = '~';
        if (l % 3 == 0)
            buf[n++] = '\n';
        if (l % 7 == 0) {
            buf[n++] = '\r';
            buf[n++] = '\n';
        }
    }
    check_all(buf, n, &star, "lengths 0-140");
}

static void test_ids_and_short_segments(void)
{
    const char *cases[] = {
        "ST*837*0001~SE*2*0001~",
        "A~AB~ABC~ABCD~*~**~~~",
        "CLM~CL~C~",      /* IDs without elements, at the end */
        "ISA",             /* unterminated, shorter than four bytes */
        "NM1*85",          /* unterminated with an element */
        "~  \t\r\n~\n",    /* empty segments and whitespace */
        "HL*1**20*1~\n \n\tHL*2~",
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
        check_all(cases[i], strlen(cases[i]), &star, cases[i]);
}

static void test_repetitions_and_element_cap(void)
{
    char buf[4096];
    size_t n = 0;
    /* repetitions in elements that cross a block boundary */
    n += (size_t)snprintf(buf + n, sizeof(buf) - n, "HI*ABK:F331^ABF:F411*ABF:Z00^^*%s~",
                          "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA^BBBBBBBBBBBBBB");
    /* more than 32 elements, with and without repetitions */
    memcpy(buf + n, "CLM", 3);
    n += 3;
    for (int i = 0; i < 50; i++)
        buf[n++] = i % 9 == 4 ? '^' : '*';
    buf[n++] = '~';
    memcpy(buf + n, "SV1", 3);
    n += 3;
    for (int i = 0; i < 40; i++) {
        buf[n++] = '*';
        buf[n++] = 'x';
    }
    buf[n++] = '~';
    check_all(buf, n, &star, "repetitions and more than 32 elements");
    X12Seps norep = star;
    norep.has_rep = false;
    norep.rep = '\0';
    check_all(buf, n, &norep, "no repetition separator");
}

static void test_long_segments(void)
{
    /* longer than the blocks the scanner keeps: split reads the bytes */
    static char buf[8192];
    size_t n = 0;
    for (int s = 0; s < 3; s++) {
        memcpy(buf + n, "NTE", 3);
        n += 3;
        for (int i = 0; i < 1500 + 700 * s; i++)
            buf[n++] = i % 11 == 0 ? '*' : i % 97 == 5 ? '^' : 'q';
        buf[n++] = '~';
    }
    check_all(buf, n, &star, "segments of 1.5-3 KB");
}

static void test_unusual_separators(void)
{
    /* a NUL terminator and element separator (the zero-padded last block
     * must not invent separators), and whitespace as the terminator */
    const char nul[] = "ST\x01" "837\x01" "1\0SE\x01" "2\0\0\0NM1\x01" "x";
    X12Seps s1 = {.elem = '\x01', .comp = ':', .rep = '\0', .term = '\0', .has_rep = false};
    check_all(nul, sizeof(nul) - 1, &s1, "NUL terminator");
    X12Seps s2 = {.elem = '\0', .comp = ':', .rep = '^', .term = '~', .has_rep = true};
    const char nulel[] = "ST\0" "837\0\0" "1~NM1\0" "a^b\0c~";
    check_all(nulel, sizeof(nulel) - 1, &s2, "NUL element separator");
    /* letters as separators (the scanner alone allows them): an ID is
     * what comes before them, never the letters of ISA, ST or CLM */
    const char *env = "ISA*00*1~\nGS*HC*1~\nST*837*0002~\nBHT*1~CLM*A*1~\nCLM~CL~ISA~IEA*1~"
                      "SE*3*0002~\nGE*1*1~\nIEA*1*1~\nCSIT*~SIC*~";
    static const char letters[][2] = {{'I', 'S'}, {'S', 'T'}, {'C', 'L'}, {'M', '*'}, {'A', 'E'},
                                      {'~', 'S'}, {'E', '~'}, {'G', '*'}};
    for (size_t i = 0; i < sizeof(letters) / sizeof(letters[0]); i++) {
        X12Seps sl = {.elem = letters[i][1], .comp = ':', .rep = '\0', .term = letters[i][0],
                      .has_rep = false};
        check_all(env, strlen(env), &sl, "letters as separators");
    }
    X12Seps s3 = {.elem = '|', .comp = '>', .rep = '{', .term = '\n', .has_rep = true};
    const char *nl = "ST|837|1\n\n\nNM1|a{b|c\n \nSE|2|1\n";
    check_all(nl, strlen(nl), &s3, "newline terminator");
}

static void test_random_buffers(void)
{
    /* seeded: the same buffers every run */
    uint64_t x = 0x9E3779B97F4A7C15ull;
    const char alphabet[] = "~*^:\n\r \tSGICHNL0AB\0";
    static char buf[3000];
    for (int round = 0; round < 300; round++) {
        size_t n = 1 + (size_t)(round * 7919 % 2999);
        for (size_t i = 0; i < n; i++) {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            /* mostly letters, separators now and then */
            buf[i] = (x % 8 < 5) ? alphabet[x / 8 % (sizeof(alphabet) - 1)] : (char)('A' + x / 8 % 26);
        }
        check_all(buf, n, &star, "random buffer");
    }
}

static void test_skip_whole_blocks(void)
{
    /* the skip counts the terminators of a block at once when no byte of
     * firsts follows a terminator or whitespace in it: long runs of such
     * blocks, stops between them, firsts inside elements after a space,
     * and whitespace runs (CR LF, spaces, tabs) that cross blocks */
    static const char *segs[] = {
        "NM1*85*2*SOME NAME CO*****XX*1234567890", "N3*100 MAIN ST", "DTP*472*D8*20250101",
        "NM1*IL*1*DOE*JOHN****MI*X CLM GS ST", "REF*EI*123", "N4*TOWN*ST*12345",
        "CLM*A1*100***11:B:1", "SV1*HC:99213*50*UN*1", "HL*1**20*1", "SE*5*0001", "GE*1*1",
    };
    static const char *ends[] = {"~", "~\n", "~\r\n", "~ \t\n", "~\n"};
    static char buf[60000];
    size_t n = 0;
    uint64_t x = 0x2545F4914F6CDD1Dull;
    while (n < sizeof(buf) - 200) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        /* mostly segments not to stop at, in runs of several blocks */
        size_t pick = x % 100 < 90 ? x / 100 % 6 : 6 + x / 100 % 5;
        size_t l = strlen(segs[pick]);
        memcpy(buf + n, segs[pick], l);
        n += l;
        const char *e = ends[x / 1000 % 5];
        memcpy(buf + n, e, strlen(e));
        n += strlen(e);
        if (x % 97 == 0) { /* whitespace across a block boundary */
            memset(buf + n, ' ', 70);
            n += 70;
        }
    }
    check_all(buf, n, &star, "whole blocks skipped");
    X12Seps crlf = star;
    crlf.term = '\r';
    check_all(buf, n, &crlf, "whole blocks skipped, CR terminator");
}

static void test_skip_stops_after_a_megabyte(void)
{
    /* 2.5 MB of segments to skip, then SE: skips come back at least every
     * X12_SKIP_MAX bytes (the reader releases pages between them) and count
     * every segment exactly once */
    const size_t nseg = 500000;
    size_t len = nseg * 5 + 3;
    char *buf = malloc(len);
    for (size_t i = 0; i < nseg; i++)
        memcpy(buf + 5 * i, "N3*X~", 5);
    memcpy(buf + 5 * nseg, "SE~", 3);
    X12Scan s = {.data = buf, .len = len, .seps = star};
    X12Seg seg;
    uint64_t total = 0;
    int calls = 0;
    while (s.pos < len && buf[s.pos] != 'S') {
        size_t from = s.pos;
        uint64_t n = x12_scan_skip(&s, "SGIC", &seg);
        CU_ASSERT(n > 0 && s.pos - from <= X12_SKIP_MAX + 5);
        CU_ASSERT_EQUAL(seg.off, s.pos - 5);
        CU_ASSERT_STRING_EQUAL(seg.id, "N3");
        total += n;
        if (++calls > 10)
            break;
    }
    CU_ASSERT_EQUAL(total, nseg);
    CU_ASSERT(calls >= 3);
    CU_ASSERT_TRUE(x12_scan_next(&s, &seg));
    CU_ASSERT_STRING_EQUAL(seg.id, "SE");
    free(buf);
}

static void test_marking_names(void)
{
    CU_ASSERT_TRUE(x12_scan_set_simd(x12_scan_simd()));
    CU_ASSERT_FALSE(x12_scan_set_simd("neon"));
    const char *m = x12_scan_simd();
    CU_ASSERT_TRUE(strcmp(m, "avx2") == 0 || strcmp(m, "sse2") == 0 || strcmp(m, "swar") == 0);
}

static const UnitTest tests[] = {
    {"segments_across_blocks", test_segments_across_blocks},
    {"ids_and_short_segments", test_ids_and_short_segments},
    {"repetitions_and_element_cap", test_repetitions_and_element_cap},
    {"long_segments", test_long_segments},
    {"unusual_separators", test_unusual_separators},
    {"random_buffers", test_random_buffers},
    {"skip_whole_blocks", test_skip_whole_blocks},
    {"skip_stops_after_a_megabyte", test_skip_stops_after_a_megabyte},
    {"marking_names", test_marking_names},
    {NULL, NULL},
};

ADJ_UNIT_MAIN("x12_scan", tests)
