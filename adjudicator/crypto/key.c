/* HMAC key files: read, checked for size and permissions. The key never
 * goes to the database or a log. */
#include "crypto/crypto.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

AdjStatus adj_crypto_key_load(const char *path, uint8_t key[ADJ_KEY_MAX], size_t *len,
                              AdjError *err)
{
    if (path == NULL || path[0] == '\0')
        return ADJ_FAIL(err, ADJ_ERR_USAGE, "no key file configured (audit.key_file)");
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return ADJ_FAIL(err, ADJ_ERR_USAGE, "%s: cannot read key file: %s", path,
                        strerror(errno));
    struct stat sb;
    if (fstat(fileno(f), &sb) != 0 || (sb.st_mode & 077) != 0) {
        fclose(f);
        return ADJ_FAIL(err, ADJ_ERR_USAGE,
                        "%s: key file must not be readable by group or others (chmod 600)",
                        path);
    }
    if (sb.st_uid != geteuid()) {
        fclose(f);
        return ADJ_FAIL(err, ADJ_ERR_USAGE,
                        "%s: key file must be owned by the user running the service (uid %u, "
                        "not %u)", path, (unsigned)geteuid(), (unsigned)sb.st_uid);
    }
    uint8_t buf[ADJ_KEY_MAX + 2];
    size_t n = fread(buf, 1, sizeof(buf), f);
    fclose(f);
    if (n > 0 && buf[n - 1] == '\n')
        n--;
    if (n > 0 && buf[n - 1] == '\r')
        n--;
    if (n < ADJ_KEY_MIN || n > ADJ_KEY_MAX) {
        adj_crypto_wipe(buf, sizeof(buf));
        return ADJ_FAIL(err, ADJ_ERR_USAGE, "%s: key must be %d to %d bytes, found %zu", path,
                        ADJ_KEY_MIN, ADJ_KEY_MAX, n);
    }
    memcpy(key, buf, n);
    adj_crypto_wipe(buf, sizeof(buf));
    *len = n;
    return ADJ_OK;
}
