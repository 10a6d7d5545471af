/*
 * data.c — locating shipped data files (see data.h for the search order).
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "nis5g/data.h"

#ifndef NIS5G_DATADIR
#define NIS5G_DATADIR "data"
#endif

static int exists(const char *p)
{
    return access(p, R_OK) == 0;
}

int nis5g_data_path(const char *name, struct nis5g_buf *out, struct nis5g_err *err)
{
    nis5g_buf_reset(out);
    const char *env = getenv("NIS5G_DATA");
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
            nis5g_buf_addf(out, "%s/../data/%s", exe, name);
            if (exists(out->data))
                return 0;
            nis5g_buf_reset(out);
        }
    }
    nis5g_buf_addf(out, "%s/%s", NIS5G_DATADIR, name);
    if (exists(out->data))
        return 0;
    nis5g_buf_reset(out);
    return nis5g_err_set(err, NIS5G_ENOTFOUND,
                         "cannot find the data file '%s' (looked in $NIS5G_DATA, next to the program and in %s)",
                         name, NIS5G_DATADIR);
}
