/*
 * q-export.c — the export query: this state's signed, TLP-marked national
 * package (package.h, docs/package.md). It reads the workspace and the
 * secret key and changes nothing: the front end writes the bytes.
 */
#include <stdio.h>
#include <string.h>

#include "nis5g/date.h"
#include "nis5g/package.h"
#include "nis5g/query.h"

const char *const nis5g_tlp_choices[NIS5G_TLP_COUNT + 1] = { "clear", "green", "amber", "amber+strict", "red", NULL };

#define T struct nis5g_export_params
const struct nis5g_opt nis5g_export_opts[] = {
    { .type = NIS5G_OPT_STRING, .name = "state", .arg = "CC", .offset = offsetof(T, state),
      .help = "the exporting state (must match the key)", .flags = NIS5G_OPT_REQUIRED | NIS5G_OPT_GIVEN_ONCE },
    { .type = NIS5G_OPT_STRING, .name = "key", .arg = "FILE", .offset = offsetof(T, key),
      .help = "the state's secret key (nis5g keygen)", .flags = NIS5G_OPT_REQUIRED | NIS5G_OPT_GIVEN_ONCE },
    { .type = NIS5G_OPT_CHOICE, .name = "tlp", .arg = "LEVEL", .offset = offsetof(T, head.tlp),
      .help = "TLP 2.0 marking: clear, green, amber, amber+strict, red", .choices = nis5g_tlp_choices,
      .flags = NIS5G_OPT_REQUIRED | NIS5G_OPT_GIVEN_ONCE },
    { .type = NIS5G_OPT_CUSTOM, .name = "to", .arg = "CC,...", .offset = offsetof(T, head),
      .help = "the recipients (required for red and --detail)", .parse = nis5g_export_parse_to },
    NIS5G_OPT_FLAG_(T, "detail", share.detail, 1, "add element- and site-level data (needs --tlp red and --to)"),
    NIS5G_OPT_LIST_(T, "policy", "FILE", share.policy,
                    "share this policy's findings (as of the snapshot's date); it sets the profiles"),
    NIS5G_OPT_DATE_(T, "snapshot", share.snapshot, "the snapshot to export (default: the latest)"),
    NIS5G_OPT_FLAG_(T, "dry-run", dry_run, 1,
                    "show what would leave, section by section; write nothing"),
    NIS5G_OPT_END_,
};
#undef T

void nis5g_export_params_init(void *params)
{
    struct nis5g_export_params *p = params;
    memset(p, 0, sizeof *p);
    nis5g_share_params_init(&p->share);
    p->head.tlp = -1;
}

int nis5g_export_parse_to(const char *value, void *field, struct nis5g_err *err)
{
    struct nis5g_export_opts *o = field;
    const char *p = value;
    while (*p) {
        const char *q = strchr(p, ',');
        size_t n = q ? (size_t)(q - p) : strlen(p);
        char cc[8] = "";
        if (n != 2 || o->n_to == NIS5G_MAX_RECIPIENTS)
            return nis5g_err_set(err, NIS5G_EUSAGE,
                                 "--to expects state codes separated by commas (at most %d), got '%.*s'",
                                 NIS5G_MAX_RECIPIENTS, (int)n, p);
        memcpy(cc, p, 2);
        int rc = nis5g_state_norm(cc, o->to[o->n_to], err);
        if (rc)
            return rc;
        o->n_to++;
        p += n + (q != NULL);
        if (q && !*p)
            return nis5g_err_set(err, NIS5G_EUSAGE, "--to ends with a comma");
    }
    return 0;
}

/* The header's checks, then the key: it must be the exporting state's. */
static int read_key(const struct nis5g_export_params *p, struct nis5g_export_opts *o, struct nis5g_seckey *k,
                    struct nis5g_err *err)
{
    int rc = nis5g_state_norm(p->state ? p->state : "", o->state, err);
    if (!rc)
        rc = nis5g_export_check(o, err);
    if (!rc)
        rc = nis5g_seckey_read(p->key ? p->key : "", k, err);
    if (!rc && strcmp(k->state, o->state) != 0)
        rc = nis5g_err_set(err, NIS5G_EUSAGE, "'%s' is a key of %s, not of %s", p->key, k->state, o->state);
    return rc;
}

static int compute(const struct nis5g_query_env *env, const void *params, void *result, struct nis5g_err *err)
{
    const struct nis5g_export_params *p = params;
    struct nis5g_export_result *r = result;
    struct nis5g_seckey k;
    memset(&k, 0, sizeof k);
    r->head = p->head;
    r->head.detail = p->share.detail;
    if (r->head.tlp < 0)
        return nis5g_err_set(err, NIS5G_EUSAGE, "needs --tlp");
    int rc = read_key(p, &r->head, &k, err);
    if (!rc)
        rc = nis5g_share_package(env, &p->share, NULL, &r->head, &r->pkg, err);
    if (!rc && !p->dry_run)
        rc = nis5g_package_sign(r->pkg, &k, &r->file, err);
    memcpy(r->fpr, k.pub.fpr, sizeof r->fpr);
    memset(&k, 0, sizeof k);
    return rc;
}

static void release(const struct nis5g_query_env *env, void *result)
{
    (void)env;
    struct nis5g_export_result *r = result;
    json_decref(r->pkg);
    r->pkg = NULL;
    nis5g_buf_release(&r->file);
}

json_t *nis5g_export_json(const void *result)
{
    const struct nis5g_export_result *r = result;
    return json_incref(r->pkg);
}

const struct nis5g_query nis5g_query_export = {
    .name = "export",
    .summary = "this state's signed, TLP-marked national package for its peers",
    .flags = NIS5G_Q_READ,
    .opts = nis5g_export_opts,
    .params_size = sizeof(struct nis5g_export_params),
    .params_init = nis5g_export_params_init,
    .result_size = sizeof(struct nis5g_export_result),
    .compute = compute,
    .to_json = nis5g_export_json,
    .release = release,
};
