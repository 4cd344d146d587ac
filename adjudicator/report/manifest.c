/* Report manifests: the report's parameters (one "key value" line each),
 * the signing key's fingerprint, the SHA-256 of each report file ("HEX
 * NAME" lines, as sha256sum writes them) and an Ed25519 signature over all
 * of it, so a changed file, a missing file, an edited manifest or a
 * manifest signed by another key is caught by anyone holding the public
 * key. Deterministic: Ed25519 signatures are, and no clock is read here. */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/arena.h"
#include "crypto/crypto.h"
#include "crypto/sign.h"
#include "report/report.h"

#define MANIFEST_MAGIC "adjudicator report manifest v2\n"
#define SIG_TAG "\ned25519 "
#define MANIFEST_MAX (1024 * 1024)

static const char *base_name(const char *path)
{
    const char *s = strrchr(path, '/');
    return s ? s + 1 : path;
}

/* the directory part of path, "." when none; caller frees */
static char *dir_name(const char *path)
{
    const char *s = strrchr(path, '/');
    if (s == NULL)
        return adj_xstrdup(".");
    size_t n = s == path ? 1 : (size_t)(s - path);
    char *d = adj_xmalloc(n + 1);
    memcpy(d, path, n);
    d[n] = '\0';
    return d;
}

AdjStatus adj_report_manifest_write(const char *manifest_path, const char *const *files,
                                    size_t nfiles, const char *const *fields, size_t nfields,
                                    const AdjSignKey *key, AdjError *err)
{
    char *body = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&body, &len);
    char fpr[ADJ_FPR_HEX];
    adj_sign_fingerprint(key, fpr);
    fputs(MANIFEST_MAGIC, m);
    for (size_t i = 0; i < nfields; i++)
        fprintf(m, "%s\n", fields[i]);
    fprintf(m, "public_key_sha256 %s\n", fpr);
    AdjStatus st = ADJ_OK;
    for (size_t i = 0; i < nfiles && st == ADJ_OK; i++) {
        char hex[ADJ_SHA256_HEX];
        st = adj_sha256_file(files[i], hex, err);
        if (st == ADJ_OK)
            fprintf(m, "%s  %s\n", hex, base_name(files[i]));
    }
    fclose(m);
    uint8_t sig[ADJ_SIG_LEN];
    if (st == ADJ_OK)
        st = adj_sign(key, body, len, sig, err);
    if (st != ADJ_OK) {
        free(body);
        return st;
    }
    char sig_hex[ADJ_SIG_HEX];
    adj_sig_hex(sig, sig_hex);
    char tmp[4096];
    snprintf(tmp, sizeof(tmp), "%s.XXXXXX", manifest_path);
    int fd = mkstemp(tmp); /* unpredictable, created here: never a planted link */
    FILE *f = fd < 0 ? NULL : fdopen(fd, "wb");
    if (f == NULL) {
        free(body);
        if (fd >= 0) {
            close(fd);
            unlink(tmp);
        }
        return ADJ_FAIL(err, ADJ_ERR_IO, "%s: %s", tmp, strerror(errno));
    }
    fwrite(body, 1, len, f);
    fprintf(f, "ed25519 %s\n", sig_hex);
    free(body);
    if (ferror(f) | fclose(f) || rename(tmp, manifest_path) != 0) {
        unlink(tmp);
        return ADJ_FAIL(err, ADJ_ERR_IO, "%s: cannot write: %s", manifest_path,
                        strerror(errno));
    }
    return ADJ_OK;
}

static char *slurp(const char *path, size_t *len, AdjError *err)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        ADJ_FAIL(err, ADJ_ERR_INPUT, "%s: cannot read manifest: %s", path, strerror(errno));
        return NULL;
    }
    char *buf = adj_xmalloc(MANIFEST_MAX + 1);
    *len = fread(buf, 1, MANIFEST_MAX + 1, f);
    fclose(f);
    if (*len > MANIFEST_MAX) {
        free(buf);
        ADJ_FAIL(err, ADJ_ERR_INPUT, "%s: not a report manifest (larger than 1 MB)", path);
        return NULL;
    }
    buf[*len] = '\0';
    return buf;
}

static bool equal_ct(const char *a, const char *b, size_t n)
{
    unsigned char d = 0;
    for (size_t i = 0; i < n; i++)
        d |= (unsigned char)(a[i] ^ b[i]);
    return d == 0;
}

static bool is_hex64(const char *s)
{
    for (int i = 0; i < 64; i++)
        if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
            return false;
    return true;
}

static void say(void (*problem)(void *, const char *), void *ctx, int *problems,
                const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static void say(void (*problem)(void *, const char *), void *ctx, int *problems,
                const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    problem(ctx, msg);
    (*problems)++;
}

/* one "HEX  NAME" line: the file beside the manifest must hash to HEX */
static void check_file(const char *dir, const char *line, size_t len, int lineno,
                       const char *mpath, void (*problem)(void *, const char *), void *ctx,
                       int *problems)
{
    const char *name = line + 66;
    size_t nlen = len - 66;
    if (len <= 66 || !is_hex64(line) || line[64] != ' ' || line[65] != ' ' ||
        memchr(name, '/', nlen) != NULL || strcmp(name, ".") == 0 || strcmp(name, "..") == 0) {
        say(problem, ctx, problems, "%s: line %d: not a file entry", mpath, lineno);
        return;
    }
    char path[4096];
    snprintf(path, sizeof(path), "%s/%s", dir, name);
    if (access(path, F_OK) != 0) {
        say(problem, ctx, problems, "%s: missing", path);
        return;
    }
    char hex[ADJ_SHA256_HEX];
    AdjError e = {0};
    if (adj_sha256_file(path, hex, &e) != ADJ_OK)
        say(problem, ctx, problems, "%s: cannot read: %s", path, e.msg);
    else if (!equal_ct(hex, line, 64))
        say(problem, ctx, problems, "%s: changed (its SHA-256 differs from the manifest)",
            path);
}

static bool is_file_entry(const char *line, size_t len)
{
    return len > 66 && is_hex64(line) && line[64] == ' ' && line[65] == ' ';
}

AdjStatus adj_report_manifest_verify(const char *manifest_path, const AdjSignKey *key,
                                     void (*problem)(void *ctx, const char *msg), void *ctx,
                                     int *problems, int *files, AdjError *err)
{
    *problems = 0;
    *files = 0;
    size_t len = 0;
    char *buf = slurp(manifest_path, &len, err);
    if (buf == NULL)
        return ADJ_ERR_INPUT;
    if (len < sizeof(MANIFEST_MAGIC) - 1 ||
        memcmp(buf, MANIFEST_MAGIC, sizeof(MANIFEST_MAGIC) - 1) != 0 ||
        memchr(buf, '\0', len) != NULL) {
        free(buf);
        return ADJ_FAIL(err, ADJ_ERR_INPUT, "%s: not a report manifest (v2)", manifest_path);
    }
    char *sig_line = strstr(buf, SIG_TAG);
    if (sig_line == NULL) {
        free(buf);
        return ADJ_FAIL(err, ADJ_ERR_INPUT, "%s: no ed25519 signature line", manifest_path);
    }
    size_t signed_len = (size_t)(sig_line - buf) + 1;
    const char *sig_hex = sig_line + strlen(SIG_TAG);
    uint8_t sig[ADJ_SIG_LEN];
    char hex[ADJ_SIG_HEX];
    size_t hl = strcspn(sig_hex, "\n");
    bool well_formed = hl == ADJ_SIG_HEX - 1 && strspn(sig_hex + hl, "\n") == strlen(sig_hex + hl);
    if (well_formed) {
        memcpy(hex, sig_hex, hl);
        hex[hl] = '\0';
        well_formed = adj_sig_from_hex(hex, sig);
    }
    char fpr[ADJ_FPR_HEX];
    adj_sign_fingerprint(key, fpr);
    if (!well_formed || !adj_sign_verify(key, buf, signed_len, sig)) {
        const char *k = strstr(buf, "\npublic_key_sha256 ");
        if (k != NULL && k < sig_line && strncmp(k + 19, fpr, ADJ_FPR_HEX - 1) != 0)
            say(problem, ctx, problems,
                "%s: signature does not verify: signed with another key (public key "
                "SHA-256 %.64s in the manifest, this key %s)", manifest_path, k + 19, fpr);
        else
            say(problem, ctx, problems, "%s: signature does not verify: the manifest was "
                "altered or signed by another key", manifest_path);
    }
    char *dir = dir_name(manifest_path);
    int lineno = 1;
    char *p = buf;
    while (p < buf + signed_len) {
        char *nl = memchr(p, '\n', (size_t)(buf + signed_len - p));
        *nl = '\0';
        size_t n = (size_t)(nl - p);
        if (lineno > 1 && (is_file_entry(p, n) || (n >= 64 && is_hex64(p)))) {
            (*files)++;
            check_file(dir, p, n, lineno, manifest_path, problem, ctx, problems);
        }
        p = nl + 1;
        lineno++;
    }
    if (*files == 0)
        say(problem, ctx, problems, "%s: lists no file", manifest_path);
    free(dir);
    free(buf);
    return ADJ_OK;
}
