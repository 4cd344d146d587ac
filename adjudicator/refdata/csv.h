/* A small RFC 4180 CSV reader for reference data: quoted fields with ""
 * escapes and embedded commas or newlines, CRLF or LF, a header row mapped
 * to column names. Reads the whole file (reference files are small). */
#ifndef ADJ_REFDATA_CSV_H
#define ADJ_REFDATA_CSV_H

#include <stdbool.h>
#include <stddef.h>

#include "core/status.h"

#define ADJ_CSV_MAX_FIELDS 64

typedef struct AdjCsv {
    const char *path;
    char *data;      /* the file, modified in place */
    size_t len, pos;
    int line;        /* line where the current record starts */
    int next_line;
    char *fields[ADJ_CSV_MAX_FIELDS];
    int nfields;
} AdjCsv;

AdjStatus adj_csv_open(AdjCsv *csv, const char *path, AdjError *err);
void adj_csv_close(AdjCsv *csv);
/* Next record into fields; false at end of file. ADJ_ERR_INPUT on an
 * unterminated quote or too many fields (err names file and line). */
AdjStatus adj_csv_next(AdjCsv *csv, bool *have, AdjError *err);
/* Index of a header column (after the first adj_csv_next), or -1. */
int adj_csv_column(const AdjCsv *header, const char *name);

#endif
