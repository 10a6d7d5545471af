/*
 * fileio.h — writing a file so that it is either whole or not there: the
 * bytes go to a temporary file beside the target, are flushed to disk, and
 * the temporary file is renamed over the target. Every command that writes
 * a file (export, report, eu, oscal, stix, keygen, generate's figures) goes
 * through here, so a crash or a full disk never leaves half a file under
 * its final name.
 */
#ifndef NIS5G_FILEIO_H
#define NIS5G_FILEIO_H

#include <stddef.h>

#include "nis5g/err.h"

enum {
    NIS5G_WRITE_EXCL = 1u << 0, /* refuse (NIS5G_EEXIST) when the target exists */
};

/* Write len bytes to path atomically with the given mode (e.g. 0644, 0600
 * for secrets). 0, or NIS5G_EIO with "cannot write 'PATH': REASON" (the
 * system's strerror), the target left as it was and no temporary file. */
int nis5g_write_file_atomic(const char *path, const void *data, size_t len, unsigned mode, unsigned flags,
                            struct nis5g_err *err);

#endif
