/*
 * share-gather.h — what this state would share, gathered once for the
 * commands that need it (export, eu, stix, oscal): the snapshot's package
 * sections, the supplier profiles in force, the kill-switch losses per
 * vendor, and the policy findings when --policy is given.
 */
#ifndef NIS5G_CLI_SHARE_GATHER_H
#define NIS5G_CLI_SHARE_GATHER_H

#include "cmd.h"
#include "nis5g/package.h"
#include "nis5g/risk.h"

struct share_gather {
    int32_t snap_day;   /* NIS5G_NO_DATE: the latest */
    int detail;
    char **policies;    /* --policy files */
    size_t n_policies;
    /* When set, the risk section comes from this assessment (report --eu
     * passes the one it just made) instead of a new one. */
    const struct nis5g_assessment *assessment;
};

/* Parse --policy FILE at argv[*i]: 1 taken, 0 not this option, -1 bad. */
int share_gather_opt(struct nis5g_ctx *ctx, int argc, char **argv, int *i, struct share_gather *g);
void share_gather_release(struct share_gather *g);

/* Load the snapshot and compute the sections. Policy deadlines are
 * evaluated as of the snapshot's date. On success returns 0 with
 * *sections (the caller's) and *snap; else prints the error and returns
 * the exit status. */
int share_gather(struct nis5g_ctx *ctx, const struct share_gather *g, json_t **sections, struct nis5g_snapshot *snap);

#endif
