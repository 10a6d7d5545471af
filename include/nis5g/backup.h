/*
 * backup.h — copies of the workspace that can be trusted: a backup made
 * with SQLite's online backup API is consistent even while a server or an
 * import writes to the workspace, and a restore refuses a copy that is
 * damaged or from a newer program (docs/backup.md).
 */
#ifndef NIS5G_BACKUP_H
#define NIS5G_BACKUP_H

#include "nis5g/buf.h"
#include "nis5g/err.h"
#include "nis5g/store.h"

/* Copy the workspace to path, a file that must not exist (NIS5G_EEXIST).
 * The copy is written under a temporary name beside it, checked, and
 * renamed: path is whole or absent. */
int nis5g_store_backup(struct nis5g_store *st, const char *path, struct nis5g_err *err);

/* Check a workspace file without changing it: SQLite's integrity check
 * and a schema version this program knows. 0, or NIS5G_EINPUT saying what
 * is wrong ("'f' is damaged: ...", "'f' is from a newer nis5g ..."). */
int nis5g_store_check_file(const char *path, struct nis5g_err *err);

/* Replace the workspace's content with the backup at path, after
 * nis5g_store_check_file, in one step for readers (they see the old content
 * or the new); the backup's schema is brought up to date. hook(arg, copy,
 * err), when given, runs on the restored content before it replaces the
 * workspace (the restore's audit entry lands in the same step); a non-zero
 * return leaves the workspace as it was. */
typedef int (*nis5g_restore_hook)(void *arg, struct nis5g_store *copy, struct nis5g_err *err);
int nis5g_store_restore_with(struct nis5g_store *st, const char *path, nis5g_restore_hook hook, void *arg,
                             struct nis5g_err *err);

/* SQLite's integrity check of the open workspace: 0 and problems empty
 * when it is sound, else its findings appended ("; " between them). */
int nis5g_store_integrity(struct nis5g_store *st, struct nis5g_buf *problems, struct nis5g_err *err);

#endif
