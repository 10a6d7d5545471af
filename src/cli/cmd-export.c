/*
 * cmd-export.c — `nis5g export`: write this state's signed, TLP-marked
 * national package (the export query, package.h, docs/package.md).
 * --dry-run shows what would leave the country, section by section, and
 * writes nothing.
 */
#include <string.h>

#include "cmd.h"
#include "nis5g/buf.h"
#include "nis5g/fileio.h"
#include "nis5g/package.h"
#include "nis5g/query.h"

struct params {
    struct nis5g_export_params q;
    const char *out;
    int json;
};

static const struct nis5g_opt opts[] = {
    NIS5G_OPT_INCLUDE_(struct params, q, nis5g_export_opts),
    NIS5G_OPT_FLAG_(struct params, "json", json, 1, "with --dry-run: print the package document itself"),
    { .type = NIS5G_OPT_STRING, .short_name = 'o', .arg = "FILE", .offset = offsetof(struct params, out),
      .help = "the package file", .flags = NIS5G_OPT_GIVEN_ONCE },
    NIS5G_OPT_END_,
};

static void init(void *params)
{
    nis5g_export_params_init(&((struct params *)params)->q);
}

/* The sections present: name, level, rows and the fields of the first row. */
static void print_sections(FILE *f, const json_t *sec)
{
    struct cli_table *t = cli_table_new();
    cli_table_col(t, "section", 0);
    cli_table_col(t, "level", 0);
    cli_table_col(t, "rows", 1);
    cli_table_col(t, "fields", 0);
    for (size_t i = 0; i < nis5g_n_sections; i++) {
        const struct nis5g_section_info *si = &nis5g_sections[i];
        json_t *a = json_object_get(sec, si->name);
        if (!a)
            continue;
        cli_table_cell(t, si->name);
        cli_table_cell(t, si->level == NIS5G_SECTION_DETAIL ? "DETAIL" : "aggregate");
        cli_table_cellf(t, "%zu", json_array_size(a));
        struct nis5g_buf b = NIS5G_BUF_INIT;
        json_t *first = json_array_get(a, 0);
        const char *key;
        json_t *val;
        json_object_foreach(first, key, val) nis5g_buf_addf(&b, "%s%s", b.len ? ", " : "", key);
        cli_table_cell(t, b.len ? b.data : "-");
        nis5g_buf_release(&b);
    }
    cli_table_print(t, f);
    int first = 1;
    for (size_t i = 0; i < nis5g_n_sections; i++) {
        const struct nis5g_section_info *si = &nis5g_sections[i];
        if (json_object_get(sec, si->name))
            continue;
        const char *why = si->level == NIS5G_SECTION_DETAIL            ? "detail: only with --detail"
                          : strcmp(si->name, "policy_findings") == 0 ? "no --policy given"
                                                                      : "not computed";
        fprintf(f, "%s%s (%s)", first ? "\nNot included: " : ", ", si->name, why);
        first = 0;
    }
    if (!first)
        fprintf(f, "\n");
}

static void print_dry_run(struct nis5g_ctx *ctx, const struct nis5g_export_result *r)
{
    FILE *f = ctx->out;
    const struct nis5g_export_opts *o = &r->head;
    fprintf(f, "Dry run: nothing is written. This package would leave %s:\n\n", o->state);
    fprintf(f, "  signer      %s (key %s)\n", o->state, r->fpr);
    fprintf(f, "  marking     %s\n", nis5g_tlp_labels[o->tlp]);
    json_t *rec = json_object_get(r->pkg, "recipients");
    fprintf(f, "  recipients  ");
    if (json_array_size(rec) == 0)
        fprintf(f, "not named (anyone %s allows)", nis5g_tlp_labels[o->tlp]);
    for (size_t i = 0; i < json_array_size(rec); i++)
        fprintf(f, "%s%s", i ? ", " : "", json_string_value(json_array_get(rec, i)));
    fprintf(f, "\n  snapshot    %s (created %s)\n", o->snapshot, o->created);
    fprintf(f, "  detail      %s\n\n", o->detail ? "yes: element- and site-level data" : "no: aggregates only");
    print_sections(f, json_object_get(r->pkg, "sections"));
}

static int write_package(struct nis5g_ctx *ctx, const char *out, const struct nis5g_export_result *r)
{
    struct nis5g_err err = { 0 };
    if (nis5g_write_file_atomic(out, r->file.data, r->file.len, 0644, 0, &err))
        return cli_fail_err(ctx, &err);
    const struct nis5g_export_opts *o = &r->head;
    fprintf(ctx->out, "wrote %s: %s package of %s, snapshot %s, %s%s, %zu bytes, signed by key %s\n", out,
            o->detail ? "detailed" : "aggregate", o->state, o->snapshot, nis5g_tlp_labels[o->tlp],
            o->n_to ? " to named recipients" : "", r->file.len, r->fpr);
    return 0;
}

static int run(struct nis5g_ctx *ctx, void *params)
{
    const struct params *p = params;
    if (!p->out && !p->q.dry_run) {
        int rc = cli_fail(ctx, NIS5G_EUSAGE, "missing -o FILE (or --dry-run)");
        struct nis5g_buf b = NIS5G_BUF_INIT;
        cli_usage(&b, ctx->top, "usage: ");
        fputs(b.data, stderr);
        nis5g_buf_release(&b);
        return rc;
    }
    const struct nis5g_query *q = &nis5g_query_export;
    struct nis5g_export_result r;
    memset(&r, 0, sizeof r);
    int rc = cli_query_compute(ctx, q, &p->q, &r);
    if (!rc && p->q.dry_run && p->json)
        rc = cli_query_print_json(ctx, q, &r);
    else if (!rc && p->q.dry_run)
        print_dry_run(ctx, &r);
    else if (!rc)
        rc = write_package(ctx, p->out, &r);
    cli_query_release(ctx, q, &r);
    return rc;
}

const struct nis5g_cmd nis5g_cmd_export = {
    .name = "export",
    .summary = "write this state's signed, TLP-marked national package for its peers",
    .opts = opts,
    .params_size = sizeof(struct params),
    .init = init,
    .flags = CMD_STORE_READ,
    .run = run,
};
