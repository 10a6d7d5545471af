/*
 * sources.c — the named inputs a query reads through its environment:
 * policies (policy.h), given as files on the command line and stored by
 * name on the server.
 */
#include <stdlib.h>

#include "nis5g/buf.h"
#include "nis5g/policy.h"
#include "nis5g/query.h"

int nis5g_query_policy(const struct nis5g_query_env *env, const struct nis5g_strlist *names,
                       struct nis5g_policy **out, struct nis5g_err *err)
{
    *out = NULL;
    struct nis5g_policy *p = nis5g_policy_new();
    struct nis5g_diags *d = env->diags;
    int bad = 0;
    for (size_t i = 0; i < names->n && !nis5g_diags_full(d); i++) {
        struct nis5g_buf text = NIS5G_BUF_INIT;
        struct nis5g_err e = { 0 };
        if (env->read_source(env, names->v[i], &text, &e)) {
            nis5g_buf_release(&text);
            nis5g_policy_free(p);
            return nis5g_err_set(err, NIS5G_EUSAGE, "cannot read policy '%s': %s", names->v[i], e.msg);
        }
        if (nis5g_policy_parse(p, names->v[i], text.data ? text.data : "", text.len, d) != NIS5G_OK)
            bad = 1;
        nis5g_buf_release(&text);
    }
    if (bad || d->errors) {
        nis5g_policy_free(p);
        return nis5g_err_set(err, NIS5G_EPARSE, "%zu error%s in the policy%s; nothing checked", d->errors,
                             d->errors == 1 ? "" : "s", nis5g_diags_full(d) ? " (stopped there)" : "");
    }
    *out = p;
    return 0;
}
