/*
 * cmd-export.c — `nis5g export`: write this state's signed, TLP-marked
 * national package (package.h, docs/package.md). --dry-run shows what
 * would leave the country, section by section, and writes nothing.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "nis5g/date.h"
#include "nis5g/keys.h"
#include "nis5g/package.h"
#include "share-gather.h"

extern const struct nis5g_cmd nis5g_cmd_export;

/* Write a file through a temporary name and rename: a reader never sees
 * half a package. */
static int write_file(const char *path, const char *data, size_t len, struct nis5g_err *err)
{
    struct nis5g_buf tmp = NIS5G_BUF_INIT;
    nis5g_buf_addf(&tmp, "%s.tmp%ld", path, (long)getpid());
    FILE *f = fopen(tmp.data, "wb");
    int rc = 0;
    if (!f || fwrite(data, 1, len, f) != len || fflush(f) != 0 || fsync(fileno(f)) != 0) {
        rc = nis5g_err_set(err, NIS5G_EIO, "cannot write '%s': %s", tmp.data, strerror(errno));
        if (f)
            fclose(f);
        unlink(tmp.data);
    } else if (fclose(f) != 0 || rename(tmp.data, path) != 0) {
        rc = nis5g_err_set(err, NIS5G_EIO, "cannot write '%s': %s", path, strerror(errno));
        unlink(tmp.data);
    }
    nis5g_buf_release(&tmp);
    return rc;
}

static int parse_to(struct nis5g_ctx *ctx, const char *list, struct nis5g_export_opts *o)
{
    const char *p = list;
    while (*p) {
        const char *q = strchr(p, ',');
        size_t n = q ? (size_t)(q - p) : strlen(p);
        char cc[8] = "";
        struct nis5g_err err = { 0 };
        if (n != 2 || o->n_to == NIS5G_MAX_RECIPIENTS) {
            fprintf(stderr, "nis5g export: --to expects state codes separated by commas (at most %d), got '%.*s'\n",
                    NIS5G_MAX_RECIPIENTS, (int)n, p);
            return -1;
        }
        memcpy(cc, p, 2);
        if (nis5g_state_norm(cc, o->to[o->n_to], &err)) {
            cli_fail_err(ctx, &err);
            return -1;
        }
        o->n_to++;
        p += n + (q != NULL);
        if (q && !*p) {
            fprintf(stderr, "nis5g export: --to ends with a comma\n");
            return -1;
        }
    }
    return 0;
}

static void dry_run(struct nis5g_ctx *ctx, const json_t *pkg, const struct nis5g_export_opts *o,
                    const struct nis5g_seckey *k)
{
    FILE *f = ctx->out;
    fprintf(f, "Dry run: nothing is written. This package would leave %s:\n\n", o->state);
    fprintf(f, "  signer      %s (key %s)\n", o->state, k->pub.fpr);
    fprintf(f, "  marking     %s\n", nis5g_tlp_labels[o->tlp]);
    json_t *rec = json_object_get(pkg, "recipients");
    fprintf(f, "  recipients  ");
    if (json_array_size(rec) == 0)
        fprintf(f, "not named (anyone %s allows)", nis5g_tlp_labels[o->tlp]);
    for (size_t i = 0; i < json_array_size(rec); i++)
        fprintf(f, "%s%s", i ? ", " : "", json_string_value(json_array_get(rec, i)));
    fprintf(f, "\n  snapshot    %s (created %s)\n", o->snapshot, o->created);
    fprintf(f, "  detail      %s\n\n", o->detail ? "yes: element- and site-level data" : "no: aggregates only");
    json_t *sec = json_object_get(pkg, "sections");
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

static int run(struct nis5g_ctx *ctx, int argc, char **argv)
{
    struct nis5g_export_opts o;
    memset(&o, 0, sizeof o);
    o.tlp = -1;
    const char *state = NULL, *keyfile = NULL, *out = NULL, *tlp = NULL, *v;
    int dry = 0, json = 0;
    struct share_gather g = { .snap_day = NIS5G_NO_DATE };
    int32_t snap_day = NIS5G_NO_DATE;
    int rc = 0;
    for (int i = 1; i < argc; i++) {
        int r = 0;
        if ((r = share_gather_opt(ctx, argc, argv, &i, &g)) != 0) {
            if (r < 0) {
                share_gather_release(&g);
                return 2;
            }
        } else if (cli_is(argv[i], "--detail"))
            o.detail = 1;
        else if (cli_is(argv[i], "--dry-run"))
            dry = 1;
        else if (cli_is(argv[i], "--json"))
            json = 1;
        else if ((r = cli_opt(ctx, argc, argv, &i, "--state", &v)) > 0)
            state = v;
        else if (r == 0 && (r = cli_opt(ctx, argc, argv, &i, "--key", &v)) > 0)
            keyfile = v;
        else if (r == 0 && (r = cli_opt(ctx, argc, argv, &i, "--tlp", &v)) > 0)
            tlp = v;
        else if (r == 0 && (r = cli_opt(ctx, argc, argv, &i, "-o", &v)) > 0)
            out = v;
        else if (r == 0 && (r = cli_opt(ctx, argc, argv, &i, "--to", &v)) > 0) {
            if (parse_to(ctx, v, &o)) {
                rc = 2;
                goto out0;
            }
        } else if (r == 0 && (r = cli_opt(ctx, argc, argv, &i, "--snapshot", &v)) > 0) {
            if (cli_date(ctx, "--snapshot", v, &snap_day)) {
                rc = 2;
                goto out0;
            }
        } else if (r < 0) {
            rc = 2;
            goto out0;
        } else {
            rc = cli_bad_option(ctx, argv[i]);
            goto out0;
        }
    }
    g.snap_day = snap_day;
    g.detail = o.detail;
    if (!state || !keyfile || !tlp || (!out && !dry)) {
        rc = cli_fail(ctx, NIS5G_EUSAGE, "needs --state, --key, --tlp and -o FILE (or --dry-run)\nusage: nis5g %s",
                        nis5g_cmd_export.usage);
        goto out0;
    }
    struct nis5g_err err = { 0 };
    struct nis5g_seckey k;
    memset(&k, 0, sizeof k);
    if (nis5g_state_norm(state, o.state, &err)) {
        rc = cli_fail_err(ctx, &err);
        goto out0;
    }
    if ((o.tlp = nis5g_tlp_parse(tlp)) < 0) {
        rc = cli_fail(ctx, NIS5G_EUSAGE, "--tlp expects clear, green, amber, amber+strict or red, got '%s'", tlp);
        goto out0;
    }
    if (nis5g_export_check(&o, &err) || nis5g_seckey_read(keyfile, &k, &err)) {
        rc = cli_fail_err(ctx, &err);
        goto out0;
    }
    if (strcmp(k.state, o.state) != 0) {
        rc = cli_fail(ctx, NIS5G_EUSAGE, "'%s' is a key of %s, not of %s", keyfile, k.state, o.state);
        goto out;
    }
    struct nis5g_snapshot snap;
    json_t *sections;
    if ((rc = share_gather(ctx, &g, &sections, &snap)))
        goto out;
    nis5g_date_format(snap.as_of, o.snapshot);
    /* The package's time is its data's: the snapshot's import time. The same
     * workspace thus always gives the same bytes, and a re-import of the
     * snapshot gives a newer package. */
    snprintf(o.created, sizeof o.created, "%s", snap.imported_at);
    json_t *pkg = nis5g_package_new(&o, sections);
    if (dry) {
        if (json)
            rc = cli_print_json(ctx, json_incref(pkg));
        else
            dry_run(ctx, pkg, &o, &k);
        json_decref(pkg);
        goto out;
    }
    struct nis5g_buf file = NIS5G_BUF_INIT;
    if (nis5g_package_sign(pkg, &k, &file, &err) || write_file(out, file.data, file.len, &err))
        rc = cli_fail_err(ctx, &err);
    else
        fprintf(ctx->out, "wrote %s: %s package of %s, snapshot %s, %s%s, %zu bytes, signed by key %s\n", out,
                o.detail ? "detailed" : "aggregate", o.state, o.snapshot, nis5g_tlp_labels[o.tlp],
                o.n_to ? " to named recipients" : "", file.len, k.pub.fpr);
    nis5g_buf_release(&file);
    json_decref(pkg);
out:
    memset(&k, 0, sizeof k);
out0:
    share_gather_release(&g);
    return rc;
}

const struct nis5g_cmd nis5g_cmd_export = {
    .name = "export",
    .usage = "export --state CC --key SECRET --tlp LEVEL [--to CC,...] [--detail] [--policy FILE]... [--snapshot DATE] "
             "[--dry-run] -o FILE",
    .summary = "write this state's signed, TLP-marked national package for its peers",
    .help = "Options:\n"
            "  --state CC        the exporting state (must match the key)\n"
            "  --key FILE        the state's secret key (nis5g keygen)\n"
            "  --tlp LEVEL       TLP 2.0 marking: clear, green, amber, amber+strict, red\n"
            "  --to CC,...       the recipients (required for red and --detail)\n"
            "  --detail          add element- and site-level data (needs --tlp red and --to)\n"
            "  --policy FILE     evaluate this policy (as of the snapshot's date) and share its\n"
            "                    findings per rule and operator; its designations set profiles\n"
            "  --snapshot DATE   the snapshot to export (default: the latest)\n"
            "  --dry-run         show every section that would leave and its level; write nothing\n"
            "                    (with --json: the package document itself)\n"
            "  -o FILE           the package file\n",
    .flags = CMD_STORE_READ,
    .run_argv = run,
};
