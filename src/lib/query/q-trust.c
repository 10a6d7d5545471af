/*
 * q-trust.c — the trust operations (keys.h): the peer keys this workspace
 * accepts packages from. add and remove change the workspace; list reads it.
 */
#include <stdlib.h>
#include <string.h>

#include "nis5g/keys.h"
#include "nis5g/query.h"

#define T struct nis5g_trust_params
const struct nis5g_opt nis5g_trust_add_opts[] = {
    { .type = NIS5G_OPT_STRING, .name = "state", .arg = "CC", .offset = offsetof(T, state), .flags = NIS5G_OPT_REQUIRED | NIS5G_OPT_POSITIONAL,
      .help = "the state the key is trusted for" },
    { .type = NIS5G_OPT_STRING, .name = "pubkey_file", .arg = "PUBKEY_FILE", .offset = offsetof(T, file), .flags = NIS5G_OPT_REQUIRED | NIS5G_OPT_POSITIONAL,
      .help = "its public key (FILE.pub of nis5g keygen)" },
    NIS5G_OPT_FLAG_(T, "replace", replace, 1, "change the key of a state already trusted"),
    NIS5G_OPT_END_,
};
const struct nis5g_opt nis5g_trust_list_opts[] = {
    NIS5G_OPT_END_,
};
const struct nis5g_opt nis5g_trust_remove_opts[] = {
    { .type = NIS5G_OPT_STRING, .name = "state", .arg = "CC", .offset = offsetof(T, state), .flags = NIS5G_OPT_REQUIRED | NIS5G_OPT_POSITIONAL,
      .help = "forget this state's key (packages already held from it stay)" },
    NIS5G_OPT_END_,
};
#undef T

static int compute_add(const struct nis5g_query_env *env, const void *params, void *result, struct nis5g_err *err)
{
    const struct nis5g_trust_params *p = params;
    struct nis5g_trust_result *r = result;
    char state[3];
    if (nis5g_state_norm(p->state ? p->state : "", state, err) || nis5g_pubkey_read(p->file, &r->key, err))
        return err->code;
    if (strcmp(r->key.state, state) != 0)
        return nis5g_err_set(err, NIS5G_EINPUT, "'%s' is a key of %s, not of %s", p->file, r->key.state, state);
    return nis5g_trust_add(env->store, &r->key, env->who ? env->who : p->by ? p->by : "unknown", p->replace, err);
}

static int compute_list(const struct nis5g_query_env *env, const void *params, void *result, struct nis5g_err *err)
{
    (void)params;
    struct nis5g_trust_result *r = result;
    return nis5g_trust_list(env->store, &r->list, &r->n, err);
}

static int compute_remove(const struct nis5g_query_env *env, const void *params, void *result,
                          struct nis5g_err *err)
{
    const struct nis5g_trust_params *p = params;
    struct nis5g_trust_result *r = result;
    if (nis5g_state_norm(p->state ? p->state : "", r->key.state, err))
        return err->code;
    return nis5g_trust_remove(env->store, r->key.state, err);
}

static void release(const struct nis5g_query_env *env, void *result)
{
    (void)env;
    struct nis5g_trust_result *r = result;
    free(r->list);
    r->list = NULL;
}

json_t *nis5g_trust_list_json(const void *result)
{
    const struct nis5g_trust_result *r = result;
    json_t *arr = json_array();
    for (size_t i = 0; i < r->n; i++) {
        const struct nis5g_trusted *t = &r->list[i];
        json_array_append_new(arr, json_pack("{s:s, s:s, s:s, s:s}", "state", t->key.state, "fingerprint",
                                             t->key.fpr, "added_at", t->added_at, "added_by", t->added_by));
    }
    return json_pack("{s:o}", "trusted", arr);
}

json_t *nis5g_trust_add_json(const void *result)
{
    const struct nis5g_trust_result *r = result;
    return json_pack("{s:s, s:s}", "state", r->key.state, "fingerprint", r->key.fpr);
}

json_t *nis5g_trust_remove_json(const void *result)
{
    const struct nis5g_trust_result *r = result;
    return json_pack("{s:s}", "removed", r->key.state);
}

const struct nis5g_query nis5g_query_trust_add = {
    .name = "trust add",
    .summary = "trust a peer state's public key",
    .flags = NIS5G_Q_WRITE,
    .opts = nis5g_trust_add_opts,
    .params_size = sizeof(struct nis5g_trust_params),
    .result_size = sizeof(struct nis5g_trust_result),
    .compute = compute_add,
    .to_json = nis5g_trust_add_json,
    .release = release,
};

const struct nis5g_query nis5g_query_trust_list = {
    .name = "trust list",
    .summary = "the trusted keys: state, fingerprint, added when and by whom",
    .flags = NIS5G_Q_READ,
    .opts = nis5g_trust_list_opts,
    .params_size = sizeof(struct nis5g_trust_params),
    .result_size = sizeof(struct nis5g_trust_result),
    .compute = compute_list,
    .to_json = nis5g_trust_list_json,
    .release = release,
};

const struct nis5g_query nis5g_query_trust_remove = {
    .name = "trust remove",
    .summary = "forget a state's key (packages already held from it stay)",
    .flags = NIS5G_Q_WRITE,
    .opts = nis5g_trust_remove_opts,
    .params_size = sizeof(struct nis5g_trust_params),
    .result_size = sizeof(struct nis5g_trust_result),
    .compute = compute_remove,
    .to_json = nis5g_trust_remove_json,
    .release = release,
};
