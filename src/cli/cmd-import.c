/*
 * cmd-import.c — `nis5g import DIR|FILE... [--as-of DATE]`: read a dataset,
 * check it, and save it as the snapshot of that date in one transaction.
 */
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "nis5g/buf.h"
#include "nis5g/date.h"
#include "nis5g/measures.h"

/* Inside the import's transaction: the measures.csv rows go into the
 * measure history too (source 'import'). */
struct record {
    const struct nis5g_model *m;
    const char *by;
};

static int record_measures(void *arg, struct nis5g_store *st, const struct nis5g_snapshot *saved,
                           struct nis5g_err *err)
{
    struct record *r = arg;
    return nis5g_measures_record_import(st, saved, r->m, r->by, err);
}

static int run(struct nis5g_ctx *ctx, int argc, char **argv)
{
    int json = 0;
    int32_t as_of = NIS5G_NO_DATE;
    const char **paths = nis5g_xcalloc((size_t)argc, sizeof *paths);
    size_t np = 0;
    int status = 0;
    for (int i = 1; i < argc; i++) {
        const char *v;
        int r;
        if (cli_is(argv[i], "--json"))
            json = 1;
        else if ((r = cli_opt(ctx, argc, argv, &i, "--as-of", &v))) {
            if (r < 0 || cli_date(ctx, "--as-of", v, &as_of)) {
                status = 2;
                goto out;
            }
        } else if (argv[i][0] == '-' && argv[i][1]) {
            status = cli_bad_option(ctx, argv[i]);
            goto out;
        } else
            paths[np++] = argv[i];
    }
    if (!np) {
        status = cli_fail(ctx, NIS5G_EUSAGE, "which dataset? give a folder or CSV files\nusage: nis5g %s",
                          "import DIR|FILE... [--as-of YYYY-MM-DD] [--json]");
        goto out;
    }

    struct nis5g_import_opts o = { .as_of = as_of, .progress = cli_progress, .progress_ctx = ctx };
    struct nis5g_diags d;
    nis5g_diags_init(&d);
    struct nis5g_model *m = NULL;
    double t0 = cli_now();
    int rc = nis5g_import(paths, np, &o, &m, &d);
    cli_progress_done(ctx);
    cli_timing("parse and check", t0);
    t0 = cli_now();
    cli_print_diags(ctx, &d);
    if (rc) {
        fprintf(stderr, "nis5g import: %zu error%s%s; nothing was imported\n", d.errors, d.errors == 1 ? "" : "s",
                nis5g_diags_full(&d) ? " (stopped at the limit)" : "");
        status = nis5g_exit_status(rc);
        nis5g_diags_release(&d);
        goto out;
    }
    struct nis5g_buf src = NIS5G_BUF_INIT;
    for (size_t i = 0; i < np; i++)
        nis5g_buf_addf(&src, "%s%s", i ? " " : "", paths[i]);
    struct nis5g_err err = { 0 };
    struct nis5g_snapshot prev, saved;
    int replaced = nis5g_store_snapshot(ctx->store, m->as_of, &prev, &err) == 0;
    if (ctx->err_tty)
        cli_progress(ctx, "saving", 0, 0);
    const char *by = getenv("USER");
    struct record rec = { m, by && *by ? by : "unknown" };
    rc = nis5g_store_save_model_with(ctx->store, m, src.data, record_measures, &rec, &saved, &err);
    cli_progress_done(ctx);
    cli_timing("save", t0);
    nis5g_buf_release(&src);
    nis5g_model_free(m);
    if (rc) {
        status = cli_fail_err(ctx, &err);
        nis5g_diags_release(&d);
        goto out;
    }
    char day[11], b1[32], b2[32], b3[32], b4[32];
    nis5g_date_format(saved.as_of, day);
    if (json) {
        status = cli_print_json(
            ctx, json_pack("{s:s, s:b, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I}", "as_of", day, "replaced", replaced,
                           "operators", (json_int_t)saved.n_operators, "sites", (json_int_t)saved.n_sites,
                           "elements", (json_int_t)saved.n_elements, "links", (json_int_t)saved.n_links, "suppliers",
                           (json_int_t)saved.n_suppliers, "products", (json_int_t)saved.n_products, "measures",
                           (json_int_t)saved.n_measures, "warnings", (json_int_t)d.warnings));
    } else {
        fprintf(ctx->out, "imported snapshot %s%s: %s operators, %s sites, %s elements, %s links",
                day, replaced ? " (replacing the earlier import of that date)" : "",
                cli_num(saved.n_operators, b1), cli_num(saved.n_sites, b2), cli_num(saved.n_elements, b3),
                cli_num(saved.n_links, b4));
        fprintf(ctx->out, ", %s suppliers, %s products, %s measures", cli_num(saved.n_suppliers, b1),
                cli_num(saved.n_products, b2), cli_num(saved.n_measures, b3));
        if (d.warnings)
            fprintf(ctx->out, " (%zu warning%s)", d.warnings, d.warnings == 1 ? "" : "s");
        fputc('\n', ctx->out);
    }
    nis5g_diags_release(&d);
out:
    free(paths);
    return status;
}

const struct nis5g_cmd nis5g_cmd_import = {
    .name = "import",
    .usage = "import DIR|FILE... [--as-of YYYY-MM-DD] [--json]",
    .summary = "check a dataset (CSV files) and save it as a snapshot",
    .help = "Reads operators.csv, sites.csv, elements.csv, links.csv, suppliers.csv, products.csv and\n"
            "measures.csv from the folders or files given (operators.csv and elements.csv are required).\n"
            "Any error changes nothing; up to 20 errors are reported with file:line:column.\n\n"
            "Options:\n"
            "  --as-of DATE  the snapshot date (default: today); importing the same date again\n"
            "                replaces that snapshot\n"
            "  --json        print the result as JSON\n",
    .flags = CMD_STORE_WRITE,
    .run_argv = run,
};
