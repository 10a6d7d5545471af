/*
 * q-verify.c — `nis5g verify`: check the whole workspace and say what is
 * wrong (docs/verify.md): SQLite's integrity check, every snapshot loaded
 * whole (the loader checks each column's size and each dictionary
 * against itself), the audit trail's hash chain, the trusted keys.
 */
#include <stdlib.h>
#include <string.h>

#include "nis5g/audit.h"
#include "nis5g/backup.h"
#include "nis5g/date.h"
#include "nis5g/keys.h"
#include "nis5g/query.h"
#include "nis5g/verify.h"

const struct nis5g_opt nis5g_verify_opts[] = { NIS5G_OPT_END_ };

static void add(struct nis5g_verify_result *r, const char *check, const char *target, int ok, const char *detail)
{
    json_array_append_new(r->checks, json_pack("{s:s, s:s, s:b, s:s?}", "check", check, "target", target, "ok", ok,
                                               "detail", detail));
    if (!ok)
        r->problems++;
}

static int check_snapshots(const struct nis5g_query_env *env, struct nis5g_verify_result *r, struct nis5g_err *err)
{
    struct nis5g_snapshot *list;
    size_t n;
    if (nis5g_store_snapshots(env->store, &list, &n, err))
        return err->code;
    for (size_t i = 0; i < n; i++) {
        char day[11];
        struct nis5g_model *m = NULL;
        struct nis5g_err e = { 0 };
        int rc = nis5g_store_load_model(env->store, list[i].id, NIS5G_PART_ALL, &m, &e);
        add(r, "snapshot", nis5g_date_format(list[i].as_of, day), rc == 0, rc ? e.msg : NULL);
        nis5g_model_free(m);
    }
    free(list);
    return 0;
}

static int compute(const struct nis5g_query_env *env, const void *params, void *result, struct nis5g_err *err)
{
    struct nis5g_verify_result *r = result;
    r->checks = json_array();
    struct nis5g_buf bad = NIS5G_BUF_INIT;
    int rc = nis5g_store_integrity(env->store, &bad, err);
    if (!rc)
        add(r, "sqlite", "integrity_check", bad.len == 0, bad.len ? bad.data : NULL);
    nis5g_buf_release(&bad);
    if (!rc)
        rc = check_snapshots(env, r, err);
    struct nis5g_audit_check c;
    if (!rc && !(rc = nis5g_audit_verify(env->store, &c, err))) {
        char detail[256];
        snprintf(detail, sizeof detail, "entry %lld: %s", (long long)c.id, c.what);
        add(r, "audit", "hash chain", c.intact, c.intact ? NULL : detail);
    }
    struct nis5g_trusted *keys = NULL;
    size_t nk = 0;
    struct nis5g_err e = { 0 };
    int krc = rc ? 0 : nis5g_trust_list(env->store, &keys, &nk, &e);
    if (!rc)
        add(r, "trusted keys", "trusted_key", krc == 0, krc ? e.msg : NULL);
    free(keys);
    return rc;
}

static void release(const struct nis5g_query_env *env, void *result)
{
    struct nis5g_verify_result *r = result;
    json_decref(r->checks);
    r->checks = NULL;
}

json_t *nis5g_verify_json(const void *result)
{
    const struct nis5g_verify_result *r = result;
    return json_pack("{s:b, s:I, s:O}", "ok", r->problems == 0, "problems", (json_int_t)r->problems, "checks",
                     r->checks);
}

const struct nis5g_query nis5g_query_verify = {
    .name = "verify",
    .summary = "check the whole workspace: SQLite integrity, every snapshot, the audit chain, the trusted keys",
    .flags = NIS5G_Q_READ,
    .opts = nis5g_verify_opts,
    .params_size = 1,
    .result_size = sizeof(struct nis5g_verify_result),
    .compute = compute,
    .to_json = nis5g_verify_json,
    .release = release,
};
