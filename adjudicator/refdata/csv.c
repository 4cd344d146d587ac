/* CSV reader; see csv.h. */
#include "refdata/csv.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"

AdjStatus adj_csv_open(AdjCsv *csv, const char *path, AdjError *err)
{
    memset(csv, 0, sizeof(*csv));
    csv->path = path;
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return ADJ_FAIL(err, ADJ_ERR_USAGE, "%s: %s", path, strerror(errno));
    size_t cap = 4096;
    csv->data = adj_xmalloc(cap);
    size_t n;
    while ((n = fread(csv->data + csv->len, 1, cap - csv->len - 1, f)) > 0) {
        csv->len += n;
        if (csv->len + 1 == cap) {
            cap *= 2;
            csv->data = adj_xrealloc(csv->data, cap);
        }
    }
    bool bad = ferror(f) != 0;
    fclose(f);
    csv->data[csv->len] = '\0';
    if (bad)
        return ADJ_FAIL(err, ADJ_ERR_IO, "%s: read error", path);
    /* a UTF-8 byte-order mark before the header */
    if (csv->len >= 3 && memcmp(csv->data, "\xEF\xBB\xBF", 3) == 0)
        csv->pos = 3;
    csv->next_line = 1;
    return ADJ_OK;
}

void adj_csv_close(AdjCsv *csv)
{
    free(csv->data);
    csv->data = NULL;
}

AdjStatus adj_csv_next(AdjCsv *csv, bool *have, AdjError *err)
{
    *have = false;
    csv->nfields = 0;
    /* skip blank lines */
    while (csv->pos < csv->len && (csv->data[csv->pos] == '\n' || csv->data[csv->pos] == '\r')) {
        if (csv->data[csv->pos] == '\n')
            csv->next_line++;
        csv->pos++;
    }
    if (csv->pos >= csv->len)
        return ADJ_OK;
    csv->line = csv->next_line;
    char *d = csv->data;
    for (;;) {
        if (csv->nfields >= ADJ_CSV_MAX_FIELDS)
            return ADJ_FAIL(err, ADJ_ERR_INPUT, "%s:%d: more than %d fields", csv->path,
                            csv->line, ADJ_CSV_MAX_FIELDS);
        char *out = d + csv->pos;
        csv->fields[csv->nfields++] = out;
        if (d[csv->pos] == '"') {
            csv->pos++;
            for (;;) {
                if (csv->pos >= csv->len)
                    return ADJ_FAIL(err, ADJ_ERR_INPUT, "%s:%d: unterminated quoted field",
                                    csv->path, csv->line);
                char ch = d[csv->pos++];
                if (ch == '"') {
                    if (csv->pos < csv->len && d[csv->pos] == '"') {
                        *out++ = '"';
                        csv->pos++;
                        continue;
                    }
                    break;
                }
                if (ch == '\n')
                    csv->next_line++;
                *out++ = ch;
            }
            if (csv->pos < csv->len && d[csv->pos] != ',' && d[csv->pos] != '\n' &&
                d[csv->pos] != '\r')
                return ADJ_FAIL(err, ADJ_ERR_INPUT, "%s:%d: text after a closing quote",
                                csv->path, csv->line);
        } else {
            while (csv->pos < csv->len && d[csv->pos] != ',' && d[csv->pos] != '\n' &&
                   d[csv->pos] != '\r') {
                if (d[csv->pos] == '"')
                    return ADJ_FAIL(err, ADJ_ERR_INPUT, "%s:%d: quote inside an unquoted field",
                                    csv->path, csv->line);
                *out++ = d[csv->pos++];
            }
        }
        char sep = csv->pos < csv->len ? d[csv->pos] : '\n';
        *out = '\0';
        if (sep == ',') {
            csv->pos++;
            continue;
        }
        /* out may have overwritten the separator: decide by sep */
        if (csv->pos < csv->len) {
            csv->pos++;
            if (sep == '\r' && csv->pos < csv->len && d[csv->pos] == '\n')
                csv->pos++;
        }
        csv->next_line++;
        break;
    }
    *have = true;
    return ADJ_OK;
}

int adj_csv_column(const AdjCsv *header, const char *name)
{
    for (int i = 0; i < header->nfields; i++)
        if (strcmp(header->fields[i], name) == 0)
            return i;
    return -1;
}
