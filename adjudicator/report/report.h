/* Regulator report rendering: CSV, JSON and a self-contained HTML page with
 * inline SVG charts, from the rows store/report.h reads. Pure: writes only
 * to the FILE it is given, no clock, no database. Small cells (1 to
 * min_cell-1 members) are written as suppressed: no count, no rate; and
 * complementary suppression (AdjReportMask) keeps them from subtraction. */
#ifndef ADJ_REPORT_REPORT_H
#define ADJ_REPORT_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "core/date.h"
#include "store/report.h"

typedef struct AdjReportOptions {
    AdjMonth from, to;      /* inclusive */
    const char *plan_id;    /* NULL: every plan */
    int64_t min_cell;       /* report.min_cell */
} AdjReportOptions;

/* num/den in basis points, rounded half up, in integers; -1 when den <= 0. */
int64_t adj_report_rate_bp(int64_t num, int64_t den);
/* Basis points as a percent with two decimals ("87.50", "100.00"); "" when
 * bp < 0. buf holds at least 24 bytes. */
void adj_report_format_bp(int64_t bp, char *buf, size_t size);
/* Tenths as "2.5"; "" when t < 0. */
void adj_report_format_tenths(int64_t t, char *buf, size_t size);
/* True when a row counting this many members must not be shown. */
bool adj_report_suppressed(int64_t members, int64_t min_cell);
/* What a rendering hides (report/suppress.c). Primary: a row counting 1 to
 * min_cell-1 members. Complementary, so that no hidden figure is recovered
 * by subtraction (a cell's denied_* are the sums of its denial rows, and
 * denied = decided - paid - pended): when exactly one denial row of a cell
 * is hidden, the cell's shown denial row with the fewest members (then
 * fewest final, then first-pass denials, then first in report order) is
 * hidden too; when that row is the cell's only one, the shown cell's
 * denied_* and pended_* are hidden. Rows are matched on plan, month,
 * family and provider kind, whatever their order. */
typedef struct AdjReportMask {
    bool *cell;             /* [ncells] the whole cell (primary) */
    bool *cell_outcome;     /* [ncells] denied_* and pended_* of a shown cell */
    bool *denial;           /* [ndenials] primary or complementary */
    size_t cells_hidden, cells_outcome, denials_primary, denials_complement;
} AdjReportMask;
void adj_report_mask_build(AdjReportMask *m, const AdjReportData *d, const AdjReportOptions *o);
void adj_report_mask_free(AdjReportMask *m);

/* One CSV field (RFC 4180 quoting). A field that a spreadsheet would read
 * as a formula (first character = + - @ tab CR) is prefixed with '. */
void adj_report_csv_field(FILE *f, const char *s);
/* "Rows counting 1 to 10 distinct members are suppressed..." and the
 * complementary rule, one line; buf holds ADJ_REPORT_NOTE_SIZE bytes. */
#define ADJ_REPORT_NOTE_SIZE 1024
void adj_report_suppression_note(const AdjReportOptions *o, char *buf, size_t size);
/* Short readable text of a CARC the engine uses, or NULL. */
const char *adj_report_carc_text(const char *carc);

/* The fixed CSV headers (README documents each column). */
extern const char adj_report_cells_header[];
extern const char adj_report_denials_header[];

void adj_report_write_csv_cells(FILE *f, const AdjReportData *d, const AdjReportOptions *o);
void adj_report_write_csv_denials(FILE *f, const AdjReportData *d, const AdjReportOptions *o);
void adj_report_write_json(FILE *f, const AdjReportData *d, const AdjReportOptions *o);
void adj_report_write_html(FILE *f, const AdjReportData *d, const AdjReportOptions *o);

/* Manifest (report/manifest.c): the SHA-256 of each file, by file name, and
 * an HMAC-SHA256 over the manifest text. Every file must sit in the
 * manifest's directory. description is one line (no control characters). */
AdjStatus adj_report_manifest_write(const char *manifest_path, const char *const *files,
                                    size_t nfiles, const char *description,
                                    const uint8_t *key, size_t key_len, AdjError *err);
/* Check the HMAC and every file. Each problem (a file changed or missing,
 * the manifest altered or signed with another key) goes to problem() as one
 * line; *problems counts them, *files counts the files listed. err only for
 * a manifest that cannot be read at all. */
AdjStatus adj_report_manifest_verify(const char *manifest_path, const uint8_t *key,
                                     size_t key_len,
                                     void (*problem)(void *ctx, const char *msg), void *ctx,
                                     int *problems, int *files, AdjError *err);

#endif
