/*
 * q-package.c — the import-package operation (package.h): verify peers'
 * packages and keep them, all or nothing. A refused package is an answer,
 * not a failure of the operation: the result says which and why.
 */
#include <stdlib.h>
#include <string.h>

#include "nis5g/keys.h"
#include "nis5g/package.h"
#include "nis5g/query.h"

#define T struct nis5g_package_import_params
const struct nis5g_opt nis5g_package_import_opts[] = {
    NIS5G_OPT_NAMED_POS_(T, "files", "FILE", files, NIS5G_OPT_REQUIRED, "package files (made by nis5g export)"),
    NIS5G_OPT_END_,
};
#undef T

static int compute(const struct nis5g_query_env *env, const void *params, void *result, struct nis5g_err *err)
{
    const struct nis5g_package_import_params *p = params;
    struct nis5g_package_import_result *r = result;
    struct nis5g_pubkey self;
    int rc = nis5g_identity_get(env->store, &self, err);
    if (rc)
        return rc;
    r->files = p->files.v;
    r->n = p->files.n;
    r->res = nis5g_xcalloc(r->n ? r->n : 1, sizeof *r->res);
    struct nis5g_err e = { 0 };
    r->status = nis5g_package_import(env->store, p->files.v, p->files.n, self.state,
                                     env->who ? env->who : p->by ? p->by : "unknown",
                                     r->res, &e);
    snprintf(r->msg, sizeof r->msg, "%s", e.msg);
    return 0;
}

static void release(const struct nis5g_query_env *env, void *result)
{
    (void)env;
    struct nis5g_package_import_result *r = result;
    free(r->res);
    r->res = NULL;
}

json_t *nis5g_package_import_json(const void *result)
{
    const struct nis5g_package_import_result *r = result;
    json_t *arr = json_array();
    for (size_t i = 0; i < r->n; i++) {
        const struct nis5g_import_result *x = &r->res[i];
        json_t *o = json_pack("{s:s, s:b, s:s}", "file", r->files[i], "accepted", x->code == 0,
                              x->code ? "reason" : "result", x->msg);
        if (x->signer[0])
            json_object_set_new(o, "signer", json_string(x->signer));
        if (x->snapshot[0])
            json_object_set_new(o, "snapshot", json_string(x->snapshot));
        if (x->fpr[0])
            json_object_set_new(o, "fingerprint", json_string(x->fpr));
        if (x->code)
            json_object_set_new(o, "code", json_string(nis5g_strerror(x->code)));
        json_array_append_new(arr, o);
    }
    return json_pack("{s:b, s:o}", "imported", r->status == 0, "packages", arr);
}

const struct nis5g_query nis5g_query_import_package = {
    .name = "import-package",
    .summary = "verify peers' signed national packages and keep them (all or nothing)",
    .flags = NIS5G_Q_WRITE,
    .opts = nis5g_package_import_opts,
    .params_size = sizeof(struct nis5g_package_import_params),
    .result_size = sizeof(struct nis5g_package_import_result),
    .compute = compute,
    .to_json = nis5g_package_import_json,
    .release = release,
};
