/*
 * cmd-export-library.c — `nis5g export-library -o FILE.yaml`: the EU
 * toolbox, the risk scenarios R1-R9 and their mapping as a CISO Assistant
 * library (library.h, docs/export-library.md).
 */
#include "cmd.h"
#include "nis5g/buf.h"
#include "nis5g/catalog.h"
#include "nis5g/fileio.h"
#include "nis5g/library.h"

struct params {
    const char *out;
};

static const struct nis5g_opt opts[] = {
    { .type = NIS5G_OPT_STRING, .name = "output", .short_name = 'o', .arg = "FILE.yaml",
      .offset = offsetof(struct params, out), .help = "the library (YAML), written whole or not at all",
      .flags = NIS5G_OPT_REQUIRED | NIS5G_OPT_GIVEN_ONCE },
    NIS5G_OPT_END_,
};

static int run(struct nis5g_ctx *ctx, void *params)
{
    const struct params *p = params;
    struct nis5g_catalog c;
    int rc = nis5g_catalog_load(&c, &ctx->diags);
    if (rc) {
        cli_print_diags(ctx, &ctx->diags);
        size_t n = ctx->diags.errors;
        nis5g_diags_release(&ctx->diags);
        nis5g_diags_init(&ctx->diags);
        return cli_fail(ctx, rc, "%zu error%s in the catalogues", n, n == 1 ? "" : "s");
    }
    struct nis5g_buf y;
    nis5g_buf_init(&y);
    struct nis5g_library_counts n;
    nis5g_library_yaml(&c, &y, &n);
    nis5g_catalog_release(&c);
    struct nis5g_err err = { 0 };
    rc = nis5g_write_file_atomic(p->out, y.data, y.len, 0644, 0, &err);
    nis5g_buf_release(&y);
    if (rc)
        return cli_fail_err(ctx, &err);
    fprintf(ctx->out, "wrote %s: CISO Assistant library, %zu threats, %zu reference controls, %zu requirement nodes\n",
            p->out, n.threats, n.reference_controls, n.requirement_nodes);
    return 0;
}

const struct nis5g_cmd nis5g_cmd_export_library = {
    .name = "export-library",
    .summary = "write the EU toolbox and the risk scenarios as a CISO Assistant library (YAML)",
    .opts = opts,
    .params_size = sizeof(struct params),
    .flags = CMD_NO_STORE,
    .run = run,
    .help_extra = "The mapping to CISO Assistant objects is in docs/export-library.md.\n",
};
