/*
 * fileio.c — the atomic file writer (fileio.h): temporary file in the
 * target's folder (a rename is atomic only within one filesystem), fsync,
 * rename, then fsync of the folder so that the rename itself survives a
 * power cut.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "nis5g/buf.h"
#include "nis5g/fileio.h"

static int write_all(int fd, const char *p, size_t n)
{
    while (n) {
        ssize_t w = write(fd, p, n);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

static void sync_dir(const char *path)
{
    struct nis5g_buf dir = NIS5G_BUF_INIT;
    const char *slash = strrchr(path, '/');
    if (slash == path)
        nis5g_buf_adds(&dir, "/");
    else if (slash)
        nis5g_buf_add(&dir, path, (size_t)(slash - path));
    else
        nis5g_buf_adds(&dir, ".");
    int fd = open(dir.data, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        fsync(fd); /* best effort: some filesystems refuse it on folders */
        close(fd);
    }
    nis5g_buf_release(&dir);
}

int nis5g_write_file_atomic(const char *path, const void *data, size_t len, unsigned mode, unsigned flags,
                            struct nis5g_err *err)
{
    struct stat sb;
    if ((flags & NIS5G_WRITE_EXCL) && lstat(path, &sb) == 0)
        return nis5g_err_set(err, NIS5G_EEXIST, "cannot write '%s': the file exists", path);
    if (stat(path, &sb) == 0 && S_ISDIR(sb.st_mode))
        return nis5g_err_set(err, NIS5G_EIO, "cannot write '%s': %s", path, strerror(EISDIR));
    struct nis5g_buf tmp = NIS5G_BUF_INIT;
    nis5g_buf_addf(&tmp, "%s.tmp.XXXXXX", path);
    int fd = mkstemp(tmp.data);
    if (fd < 0) {
        int e = errno;
        nis5g_buf_release(&tmp);
        return nis5g_err_set(err, NIS5G_EIO, "cannot write '%s': %s", path, strerror(e));
    }
    int e = 0;
    if (fchmod(fd, (mode_t)mode) != 0 || write_all(fd, data, len) != 0 || fsync(fd) != 0)
        e = errno;
    if (close(fd) != 0 && !e)
        e = errno;
    if (!e && (flags & NIS5G_WRITE_EXCL)) {
        /* link() fails when the target appeared meanwhile: never replace it */
        if (link(tmp.data, path) != 0)
            e = errno;
        unlink(tmp.data);
    } else if (!e && rename(tmp.data, path) != 0) {
        e = errno;
    }
    if (e) {
        unlink(tmp.data);
        nis5g_buf_release(&tmp);
        if (e == EEXIST && (flags & NIS5G_WRITE_EXCL))
            return nis5g_err_set(err, NIS5G_EEXIST, "cannot write '%s': the file exists", path);
        return nis5g_err_set(err, NIS5G_EIO, "cannot write '%s': %s", path, strerror(e));
    }
    nis5g_buf_release(&tmp);
    sync_dir(path);
    return 0;
}
