/*
 * cmd-oscal.c — `nis5g oscal catalog|assessment -o FILE`: the toolbox as an
 * OSCAL catalog, and the measure status per scope as OSCAL assessment
 * results (oscal.h, docs/oscal.md). Titles and the measure-scenario
 * mapping come from the editable toolbox catalogue (catalog.h).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "nis5g/date.h"
#include "nis5g/keys.h"
#include "nis5g/oscal.h"
#include "nis5g/package.h"
#include "share-gather.h"

#include "nis5g/catalog.h"

extern const struct nis5g_cmd nis5g_cmd_oscal;

struct measures {
    struct nis5g_oscal_measure *m;
    struct nis5g_oscal_mitigation *mit;
    size_t n;
    struct nis5g_catalog cat;
};

static int load_measures(struct nis5g_ctx *ctx, struct measures *ms)
{
    memset(ms, 0, sizeof *ms);
    struct nis5g_diags d;
    nis5g_diags_init(&d);
    if (nis5g_catalog_load(&ms->cat, &d)) {
        cli_print_diags(ctx, &d);
        nis5g_diags_release(&d);
        return 2;
    }
    nis5g_diags_release(&d);
    const struct nis5g_catalog *c = &ms->cat;
    ms->n = c->n_measures;
    ms->m = nis5g_xcalloc(c->n_measures ? c->n_measures : 1, sizeof *ms->m);
    ms->mit = nis5g_xcalloc(c->n_mapping ? c->n_mapping : 1, sizeof *ms->mit);
    size_t k = 0;
    for (size_t i = 0; i < c->n_measures; i++) {
        ms->m[i].code = c->measures[i].code;
        ms->m[i].title = c->measures[i].title;
        ms->m[i].mitigates = ms->mit + k;
        for (size_t j = 0; j < c->n_mapping; j++) {
            if (c->mapping[j].measure != i)
                continue;
            const struct nis5g_scenario *s = &c->scenarios[c->mapping[j].scenario];
            ms->mit[k].scenario = s->id;
            ms->mit[k].title = s->title;
            ms->mit[k].lowers = nis5g_lowers_names[c->mapping[j].lowers];
            k++;
            ms->m[i].n_mitigates++;
        }
    }
    return 0;
}

static void release_measures(struct measures *ms)
{
    if (ms->m)
        nis5g_catalog_release(&ms->cat);
    free(ms->m);
    free(ms->mit);
}

static int write_json(struct nis5g_ctx *ctx, const char *out, json_t *doc, const char *what)
{
    FILE *f = fopen(out, "w");
    if (!f) {
        json_decref(doc);
        return cli_fail(ctx, NIS5G_EIO, "cannot write '%s': %s", out, strerror(errno));
    }
    int bad = json_dumpf(doc, f, JSON_INDENT(2) | JSON_PRESERVE_ORDER) != 0;
    bad |= fputc('\n', f) == EOF;
    bad |= fclose(f) != 0;
    json_decref(doc);
    if (bad)
        return cli_fail(ctx, NIS5G_EIO, "cannot write '%s': %s", out, strerror(errno));
    fprintf(ctx->out, "wrote %s: OSCAL %s %s\n", out, NIS5G_OSCAL_VERSION, what);
    return 0;
}

static int run(struct nis5g_ctx *ctx, int argc, char **argv)
{
    if (argc < 2 || (!cli_is(argv[1], "catalog") && !cli_is(argv[1], "assessment")))
        return cli_fail(ctx, NIS5G_EUSAGE, "expected catalog or assessment\nusage: nis5g %s", nis5g_cmd_oscal.usage);
    int catalog = cli_is(argv[1], "catalog");
    const char *out = NULL, *state = NULL, *v;
    int32_t snap_day = NIS5G_NO_DATE;
    for (int i = 2; i < argc; i++) {
        int r = 0;
        if ((r = cli_opt(ctx, argc, argv, &i, "-o", &v)) > 0)
            out = v;
        else if (r == 0 && !catalog && (r = cli_opt(ctx, argc, argv, &i, "--state", &v)) > 0)
            state = v;
        else if (r == 0 && !catalog && (r = cli_opt(ctx, argc, argv, &i, "--snapshot", &v)) > 0) {
            if (cli_date(ctx, "--snapshot", v, &snap_day))
                return 2;
        } else if (r < 0)
            return 2;
        else
            return cli_bad_option(ctx, argv[i]);
    }
    if (!out)
        return cli_fail(ctx, NIS5G_EUSAGE, "needs -o FILE\nusage: nis5g %s", nis5g_cmd_oscal.usage);
    struct measures ms;
    int rc = load_measures(ctx, &ms);
    if (rc)
        return rc;
    struct nis5g_err err = { 0 };
    if (catalog) {
        /* the catalogue's content is fixed data: date it by the program's data, not by the clock */
        char lm[32];
        char d[11];
        snprintf(lm, sizeof lm, "%sT00:00:00Z", nis5g_date_format(nis5g_date_today(), d));
        json_t *doc = nis5g_oscal_catalog(ms.m, ms.n, lm, &err);
        rc = doc ? write_json(ctx, out, doc, "catalog") : cli_fail_err(ctx, &err);
        release_measures(&ms);
        return rc;
    }
    struct nis5g_export_opts o;
    memset(&o, 0, sizeof o);
    if (state) {
        if (nis5g_state_norm(state, o.state, &err)) {
            release_measures(&ms);
            return cli_fail_err(ctx, &err);
        }
    } else {
        struct nis5g_pubkey self;
        if (nis5g_identity_get(ctx->store, &self, &err)) {
            release_measures(&ms);
            return cli_fail(ctx, NIS5G_EUSAGE, "which state is this? give --state CC (or run keygen in this workspace)");
        }
        memcpy(o.state, self.state, 3);
    }
    struct nis5g_snapshot snap;
    json_t *sections;
    struct share_gather g = { .snap_day = snap_day };
    if ((rc = share_gather(ctx, &g, &sections, &snap))) {
        release_measures(&ms);
        return rc;
    }
    nis5g_date_format(snap.as_of, o.snapshot);
    snprintf(o.created, sizeof o.created, "%s", snap.imported_at);
    json_t *pkg = nis5g_package_new(&o, sections);
    json_t *doc = nis5g_oscal_assessment(pkg, ms.m, ms.n, &err);
    json_decref(pkg);
    rc = doc ? write_json(ctx, out, doc, "assessment results") : cli_fail_err(ctx, &err);
    release_measures(&ms);
    return rc;
}

const struct nis5g_cmd nis5g_cmd_oscal = {
    .name = "oscal",
    .usage = "oscal catalog -o FILE | oscal assessment [--state CC] [--snapshot DATE] -o FILE",
    .summary = "export the toolbox as an OSCAL catalog, or the measure status as OSCAL assessment results",
    .help = "Subcommands:\n"
            "  catalog       groups SM, TM, SA; one control per measure with its title and the\n"
            "                scenarios it mitigates as properties\n"
            "  assessment    one result per scope (state, operators), one finding per measure\n"
            "Options:\n"
            "  -o FILE           the OSCAL JSON document\n"
            "  --state CC        (assessment) the state (default: the workspace's, from keygen)\n"
            "  --snapshot DATE   (assessment) the snapshot (default: the latest)\n",
    .flags = CMD_STORE_READ,
    .run_argv = run,
};
