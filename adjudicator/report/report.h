/* Regulator report rendering: CSV (cells, denials, submission layout), JSON
 * and a self-contained HTML page with inline SVG charts, from the rows
 * store/report.h reads. The database has already suppressed small counts
 * (sql/091): a withheld figure arrives as ADJ_REPORT_WITHHELD and is
 * written as an empty field, null or "suppressed"; a rate is shown only
 * when its numerator and denominator are. Pure: writes only to the FILE it
 * is given, no clock, no database. */
#ifndef ADJ_REPORT_REPORT_H
#define ADJ_REPORT_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "core/date.h"
#include "core/status.h"
#include "store/report.h"

typedef struct AdjReportOptions {
    AdjMonth from, to;        /* inclusive */
    const char *plan_id;      /* NULL: every plan */
    int64_t min_cell;         /* as asked; the database applies at least 11 */
    const char *as_of;        /* the moment counted (AdjReportData.as_of) */
    const char *prepared_at;  /* UTC, given: the renderers read no clock */
    const char *entity;       /* report.entity ("" when not configured) */
    const char *contracts;    /* report.contracts */
    const char *attestation;  /* report.attestation */
    const char *fingerprint;  /* SHA-256 of the signing public key, hex */
} AdjReportOptions;

/* num/den in basis points, rounded half up, in integers; -1 when den <= 0
 * or either is withheld. */
int64_t adj_report_rate_bp(int64_t num, int64_t den);
/* Basis points as a percent with two decimals ("87.50"); "" when bp < 0.
 * buf holds at least 24 bytes. */
void adj_report_format_bp(int64_t bp, char *buf, size_t size);
/* Tenths as "2.5"; "" when t < 0. */
void adj_report_format_tenths(int64_t t, char *buf, size_t size);
/* A count as text: "" when withheld or not a measure of the row. */
void adj_report_format_count(int64_t v, char *buf, size_t size);
/* The effective cell size: report.min_cell, never below 11. */
int64_t adj_report_min_cell(int64_t configured);

/* One CSV field (RFC 4180 quoting). A field that a spreadsheet would read
 * as a formula (first character = + - @ tab CR) is prefixed with '. */
void adj_report_csv_field(FILE *f, const char *s);
/* The suppression rule, one paragraph; buf holds ADJ_REPORT_NOTE_SIZE. */
#define ADJ_REPORT_NOTE_SIZE 1024
void adj_report_suppression_note(const AdjReportOptions *o, char *buf, size_t size);
/* Short readable text of a CARC the engine uses, or NULL. */
const char *adj_report_carc_text(const char *carc);
/* The row of level total, or NULL when the report has no line. */
const AdjReportRow *adj_report_total_row(const AdjReportData *d);

/* The fixed CSV headers (README documents each column). */
extern const char adj_report_cells_header[];
extern const char adj_report_denials_header[];
extern const char adj_report_submission_header[];

void adj_report_write_csv_cells(FILE *f, const AdjReportData *d, const AdjReportOptions *o);
void adj_report_write_csv_denials(FILE *f, const AdjReportData *d, const AdjReportOptions *o);
void adj_report_write_csv_submission(FILE *f, const AdjReportData *d,
                                     const AdjReportOptions *o);
void adj_report_write_json(FILE *f, const AdjReportData *d, const AdjReportOptions *o);
void adj_report_write_html(FILE *f, const AdjReportData *d, const AdjReportOptions *o);

/* Manifest (report/manifest.c): the parameters, the SHA-256 of each file by
 * file name, and an Ed25519 signature over all of it. Every file must sit
 * in the manifest's directory; fields are one line each (no control
 * characters). The same inputs give the same bytes (Ed25519 is
 * deterministic). */
typedef struct AdjSignKey AdjSignKey;
AdjStatus adj_report_manifest_write(const char *manifest_path, const char *const *files,
                                    size_t nfiles, const char *const *fields, size_t nfields,
                                    const AdjSignKey *key, AdjError *err);
/* Check the signature with a public key and every file. Each problem (a
 * file changed or missing, the manifest altered or signed with another key)
 * goes to problem() as one line; *problems counts them, *files counts the
 * files listed. err only for a manifest that cannot be read at all. */
AdjStatus adj_report_manifest_verify(const char *manifest_path, const AdjSignKey *key,
                                     void (*problem)(void *ctx, const char *msg), void *ctx,
                                     int *problems, int *files, AdjError *err);

#endif
