/* Unit tests of synth/: same seed, same bytes; a well-formed envelope (SE01,
 * GE01, IEA01 and control numbers re-counted); valid NPIs and totals except
 * the claims written to be malformed; the mix and the reference CSVs. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/npi.h"
#include "crypto/crypto.h"
#include "synth/synth.h"
#include "unit.h"

static AdjSynthOptions small_opts(uint64_t seed)
{
    AdjSynthOptions o;
    adj_synth_defaults(&o);
    o.members = 1000;
    o.months = 6;
    o.seed = seed;
    o.claims_per_set = 700; /* several sets and groups */
    o.sets_per_group = 4;
    return o;
}

static char *gen(const AdjSynthOptions *o, AdjSynthStats *st, char path[64])
{
    strcpy(path, "/tmp/adj_synth_XXXXXX");
    int fd = mkstemp(path);
    CU_ASSERT_FATAL(fd >= 0);
    AdjError err = {0};
    CU_ASSERT_EQUAL_FATAL(adj_synth_write_fd(o, fd, path, st, &err), ADJ_OK);
    close(fd);
    return path;
}

static void file_sha(const char *path, char hex[ADJ_SHA256_HEX])
{
    AdjError err = {0};
    CU_ASSERT_EQUAL(adj_sha256_file(path, hex, &err), ADJ_OK);
}

static void test_deterministic(void)
{
    char p1[64], p2[64], p3[64], h1[ADJ_SHA256_HEX], h2[ADJ_SHA256_HEX], h3[ADJ_SHA256_HEX];
    AdjSynthOptions a = small_opts(42), c = small_opts(43);
    AdjSynthStats s1, s2, s3;
    gen(&a, &s1, p1);
    gen(&a, &s2, p2);
    gen(&c, &s3, p3);
    file_sha(p1, h1);
    file_sha(p2, h2);
    file_sha(p3, h3);
    CU_ASSERT_STRING_EQUAL(h1, h2);
    CU_ASSERT_STRING_NOT_EQUAL(h1, h3);
    CU_ASSERT_EQUAL(memcmp(&s1, &s2, sizeof(s1)), 0);
    CU_ASSERT(s1.claims != s3.claims || s1.bytes != s3.bytes);
    unlink(p1);
    unlink(p2);
    unlink(p3);
}

/* ---- a tiny segment walker over the generated text ---- */

typedef struct Seg {
    char text[1024];
    size_t len;   /* before splitting */
    char *el[40]; /* el[0] is the segment ID */
    int nel;
} Seg;

static bool next_seg(FILE *f, Seg *s)
{
    int ch;
    size_t n = 0;
    while ((ch = fgetc(f)) == '\n')
        ;
    if (ch == EOF)
        return false;
    while (ch != EOF && ch != '~' && n + 1 < sizeof(s->text)) {
        s->text[n++] = (char)ch;
        ch = fgetc(f);
    }
    s->text[n] = '\0';
    s->len = n;
    s->nel = 0;
    char *p = s->text;
    s->el[s->nel++] = p;
    for (; *p != '\0'; p++)
        if (*p == '*' && s->nel < 40) {
            *p = '\0';
            s->el[s->nel++] = p + 1;
        }
    return true;
}

static const char *el(const Seg *s, int i) { return i < s->nel ? s->el[i] : ""; }
static bool is(const Seg *s, const char *id) { return strcmp(s->el[0], id) == 0; }

static long cents(const char *s)
{
    double d = atof(s); /* test only: amounts here are small and exact */
    return (long)(d * 100.0 + (d >= 0 ? 0.5 : -0.5));
}

typedef struct Walk {
    long st_segs, sets_in_group, groups, claims, lines, bad_npi, bad_total, bad_pointer;
    long envelope_errors, freq7, freq8, dangling_ref;
    long codes[8];
} Walk;

static const char *const walk_codes[8] = {"99492", "99493", "99494", "99484",
                                          "G2214", "90834", "90839", "99213"};

static void finish_claim(Walk *w, long clm02, long sum, int ndx, int maxptr)
{
    if (clm02 != sum)
        w->bad_total++;
    if (maxptr > ndx)
        w->bad_pointer++;
}

static void walk_file(const char *path, Walk *w, const AdjSynthStats *st)
{
    FILE *f = fopen(path, "r");
    CU_ASSERT_FATAL(f != NULL);
    memset(w, 0, sizeof(*w));
    Seg s;
    char isa13[16] = "", gs06[16] = "", st02[16] = "";
    bool in_claim = false;
    long clm02 = 0, sum = 0, last_claim = 0;
    int ndx = 0, maxptr = 0;
    CU_ASSERT_FATAL(next_seg(f, &s) && is(&s, "ISA"));
    CU_ASSERT_EQUAL(s.len, 105); /* 106 with the terminator */
    snprintf(isa13, sizeof(isa13), "%s", el(&s, 13));
    while (next_seg(f, &s)) {
        w->st_segs++;
        if (in_claim && (is(&s, "HL") || is(&s, "SE"))) {
            finish_claim(w, clm02, sum, ndx, maxptr);
            in_claim = false;
        }
        if (is(&s, "GS")) {
            snprintf(gs06, sizeof(gs06), "%s", el(&s, 6));
            CU_ASSERT_STRING_EQUAL(el(&s, 8), "005010X222A1");
            w->groups++;
            w->sets_in_group = 0;
        } else if (is(&s, "ST")) {
            w->st_segs = 1;
            w->sets_in_group++;
            snprintf(st02, sizeof(st02), "%s", el(&s, 2));
        } else if (is(&s, "SE")) {
            if (atol(el(&s, 1)) != w->st_segs || strcmp(el(&s, 2), st02) != 0)
                w->envelope_errors++;
        } else if (is(&s, "GE")) {
            if (atol(el(&s, 1)) != w->sets_in_group || strcmp(el(&s, 2), gs06) != 0)
                w->envelope_errors++;
        } else if (is(&s, "IEA")) {
            if (atol(el(&s, 1)) != w->groups || strcmp(el(&s, 2), isa13) != 0)
                w->envelope_errors++;
        } else if (is(&s, "NM1") && strcmp(el(&s, 8), "XX") == 0) {
            const char *npi = el(&s, 9);
            if (!adj_npi_valid(npi, strlen(npi))) {
                w->bad_npi++;
                CU_ASSERT_STRING_EQUAL(el(&s, 1), "85"); /* only billing NPIs are broken */
            }
        } else if (is(&s, "CLM")) {
            w->claims++;
            in_claim = true;
            clm02 = cents(el(&s, 2));
            sum = 0;
            ndx = 0;
            maxptr = 0;
            long num = atol(el(&s, 1) + 1);
            CU_ASSERT(num > last_claim);
            last_claim = num;
            const char *freq = strrchr(el(&s, 5), ':');
            if (freq != NULL && freq[1] == '7')
                w->freq7++;
            if (freq != NULL && freq[1] == '8')
                w->freq8++;
        } else if (is(&s, "REF") && strcmp(el(&s, 1), "F8") == 0) {
            if (atol(el(&s, 2) + 1) >= last_claim) /* must name an earlier claim */
                w->dangling_ref++;
        } else if (is(&s, "HI")) {
            ndx = s.nel - 1;
        } else if (is(&s, "SV1")) {
            w->lines++;
            sum += cents(el(&s, 2));
            const char *code = el(&s, 1) + 3;
            for (int i = 0; i < 8; i++)
                if (strcmp(code, walk_codes[i]) == 0)
                    w->codes[i]++;
            const char *p = el(&s, 7);
            for (; *p != '\0'; p++)
                if (*p >= '1' && *p <= '9' && *p - '0' > maxptr)
                    maxptr = *p - '0';
        }
    }
    fclose(f);
    (void)st;
}

static void test_envelope_and_malformed(void)
{
    char path[64];
    AdjSynthOptions o = small_opts(5);
    AdjSynthStats st;
    gen(&o, &st, path);
    Walk w;
    walk_file(path, &w, &st);
    CU_ASSERT_EQUAL(w.envelope_errors, 0);
    CU_ASSERT(st.sets > 4);     /* claims_per_set 700 */
    CU_ASSERT(st.groups > 1);   /* sets_per_group 4 */
    CU_ASSERT_EQUAL((uint64_t)w.groups, st.groups);
    CU_ASSERT_EQUAL((uint64_t)w.claims, st.claims);
    CU_ASSERT_EQUAL((uint64_t)w.lines, st.lines);
    /* broken exactly where intended, nowhere else */
    CU_ASSERT(st.bad_npi > 0 && st.bad_total > 0 && st.bad_pointer > 0);
    CU_ASSERT_EQUAL((uint64_t)w.bad_npi, st.bad_npi);
    CU_ASSERT_EQUAL((uint64_t)w.bad_total, st.bad_total);
    CU_ASSERT_EQUAL((uint64_t)w.bad_pointer, st.bad_pointer);
    CU_ASSERT_EQUAL(st.malformed, st.bad_npi + st.bad_total + st.bad_pointer);
    CU_ASSERT(st.malformed * 100 < st.claims); /* a low rate */
    /* the mix */
    for (int i = 0; i < 8; i++)
        CU_ASSERT(w.codes[i] > 0);
    CU_ASSERT(w.codes[0] < w.codes[1]); /* initial months are fewer than later ones */
    CU_ASSERT_EQUAL((uint64_t)w.freq7, st.replacements);
    CU_ASSERT_EQUAL((uint64_t)w.freq8, st.voids);
    CU_ASSERT(st.replacements > 0 && st.voids > 0 && st.suspect_dups > 0 && st.dependents > 0);
    CU_ASSERT_EQUAL(w.dangling_ref, 0);
    /* about 5% exact duplicates */
    CU_ASSERT(st.exact_dups * 100 >= st.claims * 3 && st.exact_dups * 100 <= st.claims * 7);
    unlink(path);
}

static void test_options(void)
{
    AdjSynthOptions o = small_opts(1);
    AdjError err = {0};
    CU_ASSERT_EQUAL(adj_synth_check(&o, &err), ADJ_OK);
    o.months = 0;
    CU_ASSERT_EQUAL(adj_synth_check(&o, &err), ADJ_ERR_USAGE);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "months"));
    o = small_opts(1);
    o.members = 0;
    CU_ASSERT_EQUAL(adj_synth_check(&o, &err), ADJ_ERR_USAGE);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "members"));
    AdjSynthStats st;
    o = small_opts(1);
    CU_ASSERT_EQUAL(adj_synth_write_file(&o, "/nonexistent/dir/x.837", &st, &err), ADJ_ERR_IO);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "/nonexistent/dir/x.837"));
}

static long count_lines(const char *path, char *first, size_t size)
{
    FILE *f = fopen(path, "r");
    if (f == NULL)
        return -1;
    long n = 0;
    char buf[512];
    while (fgets(buf, sizeof(buf), f) != NULL) {
        if (n == 0)
            snprintf(first, size, "%s", buf);
        n++;
    }
    fclose(f);
    return n;
}

/* Every billing NPI of the file is in providers.csv. */
static void test_refs(void)
{
    char dir[] = "/tmp/adj_synth_refs_XXXXXX";
    CU_ASSERT_FATAL(mkdtemp(dir) != NULL);
    AdjSynthOptions o = small_opts(9);
    o.members = 300;
    AdjError err = {0};
    CU_ASSERT_EQUAL_FATAL(adj_synth_write_refs(&o, dir, &err), ADJ_OK);
    char p[256], first[512];
    snprintf(p, sizeof(p), "%s/members.csv", dir);
    CU_ASSERT_EQUAL(count_lines(p, first, sizeof(first)), 301);
    CU_ASSERT_STRING_EQUAL(first, "member_id,plan_id,effective_from,effective_to\n");
    unlink(p);
    snprintf(p, sizeof(p), "%s/plans.csv", dir);
    CU_ASSERT(count_lines(p, first, sizeof(first)) > 3);
    CU_ASSERT_STRING_EQUAL(first, "plan_id,name,bh_administrator,coinsurance_pct,copay\n");
    unlink(p);
    snprintf(p, sizeof(p), "%s/providers.csv", dir);
    CU_ASSERT(count_lines(p, first, sizeof(first)) > 7);
    CU_ASSERT_STRING_EQUAL(first, "npi,name,kind,taxonomy,zips\n");
    FILE *f = fopen(p, "r");
    CU_ASSERT_FATAL(f != NULL);
    static char csv[1 << 16];
    size_t n = fread(csv, 1, sizeof(csv) - 1, f);
    csv[n] = '\0';
    fclose(f);
    CU_ASSERT_PTR_NOT_NULL(strstr(csv, ",medical,"));
    CU_ASSERT_PTR_NOT_NULL(strstr(csv, ",behavioral,"));
    unlink(p);

    char path[64];
    AdjSynthStats st;
    gen(&o, &st, path);
    FILE *x = fopen(path, "r");
    CU_ASSERT_FATAL(x != NULL);
    Seg s;
    long checked = 0, missing = 0;
    while (next_seg(x, &s)) {
        if (is(&s, "NM1") && strcmp(el(&s, 1), "85") == 0) {
            const char *npi = el(&s, 9);
            if (!adj_npi_valid(npi, strlen(npi)))
                continue; /* the intended malformed ones */
            char key[16];
            snprintf(key, sizeof(key), "\n%s,", npi);
            checked++;
            if (strstr(csv, key) == NULL)
                missing++;
        }
    }
    fclose(x);
    CU_ASSERT(checked > 100);
    CU_ASSERT_EQUAL(missing, 0);
    unlink(path);
    rmdir(dir);
}

static const UnitTest tests[] = {
    {"same seed same bytes, other seed other bytes", test_deterministic},
    {"envelope counts, intended malformed claims only, mix", test_envelope_and_malformed},
    {"option bounds and write errors", test_options},
    {"reference CSVs name every provider", test_refs},
    {NULL, NULL},
};

ADJ_UNIT_MAIN("synth", tests)
