/*
 * policy-load.h — reading policy files for the CLI's sharing commands
 * (share-gather.c: export, eu, stix, oscal, report --eu). check, suppliers,
 * risk and report read theirs through the query layer
 * (nis5g_query_policy); this goes when share-gather does too.
 */
#ifndef NIS5G_CLI_POLICY_LOAD_H
#define NIS5G_CLI_POLICY_LOAD_H

#include "cmd.h"
#include "nis5g/policy.h"

/* Read and parse files (n of them) into one policy, printing every
 * diagnostic. Returns 0 and *out, or an exit status (2 for a bad policy or
 * an unreadable file). */
int cli_load_policies(struct nis5g_ctx *ctx, char **files, size_t n, struct nis5g_policy **out);

#endif
