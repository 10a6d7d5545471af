/*
 * data.c — locating the files shipped with the program: editable data
 * (data/) and the report's web assets (web/). See data.h for the order.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "nis5g/data.h"

#ifndef NIS5G_DATADIR
#define NIS5G_DATADIR "data"
#endif

static int exists(const char *p)
{
    struct stat s;
    return stat(p, &s) == 0 && S_ISREG(s.st_mode);
}

/* $ENV/NAME, DIR/../SUB/NAME beside the executable, then the source tree's
 * SUB/NAME (NIS5G_DATADIR is its data/). */
static int find(const char *env_name, const char *sub, const char *name, struct nis5g_buf *out)
{
    nis5g_buf_reset(out);
    const char *env = getenv(env_name);
    if (env && *env) {
        nis5g_buf_addf(out, "%s/%s", env, name);
        if (exists(out->data))
            return 0;
        nis5g_buf_reset(out);
    }
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = 0;
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = 0;
            nis5g_buf_addf(out, "%s/../%s/%s", exe, sub, name);
            if (exists(out->data))
                return 0;
            nis5g_buf_reset(out);
            /* installed: PREFIX/bin/nis5g with PREFIX/share/nis5g/SUB */
            nis5g_buf_addf(out, "%s/../share/nis5g/%s/%s", exe, sub, name);
            if (exists(out->data))
                return 0;
            nis5g_buf_reset(out);
        }
    }
    nis5g_buf_addf(out, "%s/../%s/%s", NIS5G_DATADIR, sub, name);
    if (exists(out->data))
        return 0;
    nis5g_buf_reset(out);
    return -1;
}

int nis5g_data_path(const char *name, struct nis5g_buf *out, struct nis5g_err *err)
{
    if (find("NIS5G_DATA", "data", name, out) == 0)
        return 0;
    return nis5g_err_set(err, NIS5G_ENOTFOUND,
                         "cannot find the data file '%s' (looked in $NIS5G_DATA, next to the program and in %s)",
                         name, NIS5G_DATADIR);
}

int nis5g_web_path(const char *name, struct nis5g_buf *out, struct nis5g_err *err)
{
    if (find("NIS5G_WEB", "web", name, out) == 0)
        return 0;
    return nis5g_err_set(err, NIS5G_ENOTFOUND,
                         "cannot find the web asset '%s' (looked in $NIS5G_WEB, next to the program and in "
                         "%s/../web)%s",
                         name, NIS5G_DATADIR,
                         strstr(name, "node_modules") ? "; install it with scripts/web-deps.sh (npm ci)" : "");
}
