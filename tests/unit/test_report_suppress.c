/* Unit tests of the report's small-cell suppression (report/suppress.c):
 * primary and complementary, on hand-made rows, one case per rule, then a
 * generated check that no shown figure gives a hidden one by subtraction. */
#include <stdlib.h>
#include <string.h>

#include "report/report.h"
#include "unit.h"

#define MAXROWS 64

static AdjReportCell cells[MAXROWS];
static AdjReportDenial dens[MAXROWS];
static AdjReportData data;
static const AdjReportOptions opt = {.from = 24313, .to = 24313, .min_cell = 11};

static void reset(void)
{
    memset(cells, 0, sizeof(cells));
    memset(dens, 0, sizeof(dens));
    memset(&data, 0, sizeof(data));
    data.cells = cells;
    data.denials = dens;
}

/* a cell: family names it, members decide the primary rule */
static void cell(const char *family, int64_t members, int64_t denied_first, int64_t denied_final)
{
    cells[data.ncells++] = (AdjReportCell){
        .plan_id = "P", .month = opt.from, .family = family, .provider_kind = "medical",
        .members = members, .submitted = members + 5, .decided_first = members + 4,
        .paid_first = members + 4 - denied_first, .denied_first = denied_first,
        .decided_final = members + 4, .paid_final = members + 4 - denied_final,
        .denied_final = denied_final, .rejected = 1, .median_tenths = 10};
}

static void denial(const char *family, const char *carc, int64_t members, int64_t first,
                   int64_t final)
{
    dens[data.ndenials++] = (AdjReportDenial){
        .plan_id = "P", .month = opt.from, .family = family, .provider_kind = "medical",
        .carc = carc, .members = members, .denied_first = first, .denied_final = final};
}

static char *render(void (*fn)(FILE *, const AdjReportData *, const AdjReportOptions *))
{
    char *buf = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&buf, &size);
    fn(f, &data, &opt);
    fclose(f);
    return buf;
}

/* Cell of 40 members, denial rows of 3 members (hidden: 3 < 11), 20 and 15.
 * By subtraction the hidden row's final denials were 30 - 18 - 9 = 3, so
 * the 15-member row goes too: the reader learns only 3 + 9 = 12 for both. */
static void test_complement_smallest(void)
{
    reset();
    cell("cocm_initial", 40, 30, 30);
    denial("cocm_initial", "11", 3, 3, 3);
    denial("cocm_initial", "119", 20, 18, 18);
    denial("cocm_initial", "18", 15, 9, 9);
    AdjReportMask m;
    adj_report_mask_build(&m, &data, &opt);
    CU_ASSERT_TRUE(m.denial[0]);
    CU_ASSERT_FALSE(m.denial[1]);
    CU_ASSERT_TRUE(m.denial[2]);
    CU_ASSERT_FALSE(m.cell[0]);
    CU_ASSERT_FALSE(m.cell_outcome[0]); /* two hidden rows: the cell's sums may stay */
    CU_ASSERT_EQUAL(m.denials_primary, 1);
    CU_ASSERT_EQUAL(m.denials_complement, 1);
    CU_ASSERT_EQUAL(m.cells_outcome, 0);
    adj_report_mask_free(&m);
    char *out = render(adj_report_write_csv_denials);
    char want[1024];
    snprintf(want, sizeof(want), "%s\n"
             "P,2026-02,cocm_initial,medical,11,true,,,\n"
             "P,2026-02,cocm_initial,medical,119,false,20,18,18\n"
             "P,2026-02,cocm_initial,medical,18,true,,,\n", adj_report_denials_header);
    CU_ASSERT_STRING_EQUAL(out, want);
    free(out);
    /* the cell keeps its denied counts: 30 = 18 + (3 + 9), no single figure */
    out = render(adj_report_write_csv_cells);
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "cocm_initial,medical,false,40,45,44,14,30,0,44,14,30,0,"));
    free(out);
}

/* ties among the shown rows: fewest members, then fewest final denials,
 * then fewest first-pass denials, then the first in report order */
static void test_complement_ties(void)
{
    reset();
    cell("cocm_initial", 60, 40, 40);
    denial("cocm_initial", "11", 2, 1, 1);     /* hidden */
    denial("cocm_initial", "119", 12, 9, 9);
    denial("cocm_initial", "151", 12, 9, 8);   /* same members, fewer final */
    denial("cocm_initial", "18", 13, 1, 1);
    AdjReportMask m;
    adj_report_mask_build(&m, &data, &opt);
    CU_ASSERT_TRUE(m.denial[2]);
    CU_ASSERT_FALSE(m.denial[1]);
    CU_ASSERT_FALSE(m.denial[3]);
    adj_report_mask_free(&m);

    dens[2].denied_final = 9;
    dens[2].denied_first = 8; /* same members and final: fewer first-pass */
    adj_report_mask_build(&m, &data, &opt);
    CU_ASSERT_TRUE(m.denial[2]);
    CU_ASSERT_FALSE(m.denial[1]);
    adj_report_mask_free(&m);

    dens[2].denied_first = 9; /* a full tie: the first in report order */
    adj_report_mask_build(&m, &data, &opt);
    CU_ASSERT_TRUE(m.denial[1]);
    CU_ASSERT_FALSE(m.denial[2]);
    CU_ASSERT_EQUAL(m.denials_complement, 1);
    adj_report_mask_free(&m);
}

/* The cell's only denial row is hidden: the cell's denied_* equal the row's
 * figures, and denied = decided - paid - pended, so denied_* and pended_*
 * are withheld (the cell itself stays shown). */
static void test_only_row(void)
{
    reset();
    cell("cocm_subsequent", 14, 4, 2);
    cells[0].pended_first = 1;
    cells[0].paid_first -= 1;
    denial("cocm_subsequent", "231", 4, 4, 2);
    AdjReportMask m;
    adj_report_mask_build(&m, &data, &opt);
    CU_ASSERT_FALSE(m.cell[0]);
    CU_ASSERT_TRUE(m.cell_outcome[0]);
    CU_ASSERT_TRUE(m.denial[0]);
    CU_ASSERT_EQUAL(m.cells_outcome, 1);
    CU_ASSERT_EQUAL(m.denials_complement, 0);
    adj_report_mask_free(&m);
    /* members 14, submitted 19, decided_first 18, paid_first 13, denied and
     * pended first withheld, decided_final 18, paid_final 16, withheld x2,
     * forwarded 0, rejected 1, voided 0, undecided 0, rates 13/18 = 72.22,
     * 16/18 = 88.89 */
    char *out = render(adj_report_write_csv_cells);
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "\nP,2026-02,cocm_subsequent,medical,false,14,19,18,13,,,"
                                       "18,16,,,0,1,0,0,72.22,88.89,0,1.0\n"));
    free(out);
    out = render(adj_report_write_json);
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "\"paid_first\":13,\"denied_first\":null,"
                                       "\"pended_first\":null,\"decided_final\":18,"
                                       "\"paid_final\":16,\"denied_final\":null,"
                                       "\"pended_final\":null,\"forwarded\":0"));
    free(out);
    out = render(adj_report_write_html);
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "<td>withheld</td>"));
    CU_ASSERT_PTR_NULL(strstr(out, "<td>2</td>")); /* denied finally, nowhere */
    free(out);
}

/* nothing to pair: no hidden row, two hidden rows, a hidden cell */
static void test_no_complement(void)
{
    reset();
    cell("cocm_initial", 40, 30, 30);
    denial("cocm_initial", "11", 20, 15, 15);
    denial("cocm_initial", "18", 20, 15, 15);
    cell("cocm_addon", 30, 6, 6);
    denial("cocm_addon", "11", 2, 3, 3);
    denial("cocm_addon", "18", 3, 3, 3);
    denial("cocm_addon", "97", 12, 0, 0);
    cell("g2214", 4, 2, 2);
    denial("g2214", "170", 2, 2, 2);
    AdjReportMask m;
    adj_report_mask_build(&m, &data, &opt);
    CU_ASSERT_FALSE(m.denial[0]);
    CU_ASSERT_FALSE(m.denial[1]);
    CU_ASSERT_TRUE(m.denial[2]);
    CU_ASSERT_TRUE(m.denial[3]);
    CU_ASSERT_FALSE(m.denial[4]); /* two already hidden: 97 stays shown */
    CU_ASSERT_TRUE(m.cell[2]);
    CU_ASSERT_FALSE(m.cell_outcome[2]); /* the whole cell is hidden already */
    CU_ASSERT_TRUE(m.denial[5]);
    CU_ASSERT_EQUAL(m.cells_hidden, 1);
    CU_ASSERT_EQUAL(m.cells_outcome, 0);
    CU_ASSERT_EQUAL(m.denials_primary, 3);
    CU_ASSERT_EQUAL(m.denials_complement, 0);
    adj_report_mask_free(&m);
    /* min_cell 1: nothing hidden at all */
    AdjReportOptions none = opt;
    none.min_cell = 1;
    adj_report_mask_build(&m, &data, &none);
    for (size_t i = 0; i < data.ndenials; i++)
        CU_ASSERT_FALSE(m.denial[i]);
    CU_ASSERT_EQUAL(m.cells_hidden + m.cells_outcome + m.denials_complement, 0);
    adj_report_mask_free(&m);
}

/* rows of two cells out of order are still grouped by cell; the same rows
 * always give the same bytes */
static void test_order(void)
{
    reset();
    cell("cocm_initial", 40, 30, 30);
    cell("cocm_addon", 40, 30, 30);
    denial("cocm_addon", "18", 15, 10, 10);
    denial("cocm_initial", "11", 3, 3, 3);
    denial("cocm_addon", "11", 25, 20, 20);
    denial("cocm_initial", "18", 30, 27, 27);
    AdjReportMask m;
    adj_report_mask_build(&m, &data, &opt);
    CU_ASSERT_FALSE(m.denial[0]);      /* addon: nothing hidden */
    CU_ASSERT_FALSE(m.denial[2]);
    CU_ASSERT_TRUE(m.denial[1]);
    CU_ASSERT_TRUE(m.denial[3]);       /* initial's only shown row */
    adj_report_mask_free(&m);
    char *a = render(adj_report_write_html), *b = render(adj_report_write_html);
    CU_ASSERT_STRING_EQUAL(a, b);
    CU_ASSERT_PTR_NOT_NULL(strstr(a, "Of those denial rows 1 are suppressed complementarily"));
    free(a);
    free(b);
}

/* Generated data: in no group does exactly one hidden row sit beside shown
 * figures that add up to it. For every cell that shows denied_*, the hidden
 * rows of its group number 0 or at least 2. */
static void test_generated(void)
{
    static const char *fam[] = {"a", "b", "c", "d", "e", "f", "g", "h"};
    static const char *carc[] = {"11", "18", "97", "119", "231", "16"};
    uint32_t seed = 12345;
    for (int round = 0; round < 200; round++) {
        reset();
        for (size_t c = 0; c < 8; c++) {
            seed = seed * 1103515245u + 12345u;
            int64_t members = 1 + (int64_t)((seed >> 8) % 40);
            cell(fam[c], members, 0, 0);
            seed = seed * 1103515245u + 12345u;
            size_t nrows = (seed >> 8) % 5;
            for (size_t k = 0; k < nrows && data.ndenials < MAXROWS; k++) {
                seed = seed * 1103515245u + 12345u;
                int64_t dm = 1 + (int64_t)((seed >> 8) % (uint32_t)members);
                denial(fam[c], carc[k], dm, dm, (int64_t)((seed >> 16) % 3));
            }
        }
        AdjReportMask m;
        adj_report_mask_build(&m, &data, &opt);
        for (size_t c = 0; c < data.ncells; c++) {
            size_t hidden = 0;
            for (size_t k = 0; k < data.ndenials; k++)
                if (strcmp(dens[k].family, cells[c].family) == 0 && m.denial[k])
                    hidden++;
            bool shows_denied = !m.cell[c] && !m.cell_outcome[c];
            CU_ASSERT_FALSE(shows_denied && hidden == 1);
            /* withholding happens only when needed */
            if (m.cell_outcome[c])
                CU_ASSERT_EQUAL(hidden, 1);
        }
        for (size_t k = 0; k < data.ndenials; k++)
            if (adj_report_suppressed(dens[k].members, opt.min_cell))
                CU_ASSERT_TRUE(m.denial[k]);
        adj_report_mask_free(&m);
    }
}

static const UnitTest tests[] = {
    {"complement: next-smallest shown row", test_complement_smallest},
    {"complement: ties", test_complement_ties},
    {"only denial row: cell's denied and pended withheld", test_only_row},
    {"no complement needed", test_no_complement},
    {"rows out of order, same bytes", test_order},
    {"generated: no single hidden figure", test_generated},
    {NULL, NULL},
};

ADJ_UNIT_MAIN("report_suppress", tests)
