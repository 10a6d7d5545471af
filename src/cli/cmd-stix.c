/*
 * cmd-stix.c — `nis5g stix -o FILE`: this state's assessment as a STIX 2.1
 * bundle with the OASIS TLP 2.0 marking (stix.h, docs/stix.md).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "nis5g/date.h"
#include "nis5g/keys.h"
#include "nis5g/package.h"
#include "nis5g/stix.h"
#include "share-gather.h"

extern const struct nis5g_cmd nis5g_cmd_stix;

static int run(struct nis5g_ctx *ctx, int argc, char **argv)
{
    const char *out = NULL, *tlp_s = "amber", *state = NULL, *v;
    int32_t snap_day = NIS5G_NO_DATE;
    struct share_gather g = { .snap_day = NIS5G_NO_DATE };
    int rc = 0;
    for (int i = 1; i < argc; i++) {
        int r = 0;
        if ((r = share_gather_opt(ctx, argc, argv, &i, &g)) != 0) {
            if (r < 0) {
                share_gather_release(&g);
                return 2;
            }
        } else if ((r = cli_opt(ctx, argc, argv, &i, "-o", &v)) > 0)
            out = v;
        else if (r == 0 && (r = cli_opt(ctx, argc, argv, &i, "--tlp", &v)) > 0)
            tlp_s = v;
        else if (r == 0 && (r = cli_opt(ctx, argc, argv, &i, "--state", &v)) > 0)
            state = v;
        else if (r == 0 && (r = cli_opt(ctx, argc, argv, &i, "--snapshot", &v)) > 0) {
            if (cli_date(ctx, "--snapshot", v, &snap_day)) {
                share_gather_release(&g);
                return 2;
            }
        } else {
            share_gather_release(&g);
            return r < 0 ? 2 : cli_bad_option(ctx, argv[i]);
        }
    }
    g.snap_day = snap_day;
    int tlp = nis5g_tlp_parse(tlp_s);
    if (!out || tlp < 0) {
        share_gather_release(&g);
        if (!out)
            return cli_fail(ctx, NIS5G_EUSAGE, "needs -o FILE\nusage: nis5g %s", nis5g_cmd_stix.usage);
        return cli_fail(ctx, NIS5G_EUSAGE, "--tlp expects clear, green, amber, amber+strict or red, got '%s'", tlp_s);
    }
    struct nis5g_err err = { 0 };
    struct nis5g_export_opts o;
    memset(&o, 0, sizeof o);
    o.tlp = tlp;
    struct nis5g_pubkey self;
    if (state ? nis5g_state_norm(state, o.state, &err) : nis5g_identity_get(ctx->store, &self, &err)) {
        share_gather_release(&g);
        return state ? cli_fail_err(ctx, &err)
                     : cli_fail(ctx, NIS5G_EUSAGE, "which state is this? give --state CC (or run keygen in this workspace)");
    }
    if (!state)
        memcpy(o.state, self.state, 3);
    struct nis5g_snapshot snap;
    json_t *sections;
    rc = share_gather(ctx, &g, &sections, &snap);
    share_gather_release(&g);
    if (rc)
        return rc;
    nis5g_date_format(snap.as_of, o.snapshot);
    snprintf(o.created, sizeof o.created, "%s", snap.imported_at);
    json_t *pkg = nis5g_package_new(&o, sections);
    json_t *bundle = nis5g_stix_bundle(pkg, tlp, &err);
    json_decref(pkg);
    if (!bundle)
        return cli_fail_err(ctx, &err);
    FILE *f = fopen(out, "w");
    if (!f) {
        json_decref(bundle);
        return cli_fail(ctx, NIS5G_EIO, "cannot write '%s': %s", out, strerror(errno));
    }
    int bad = json_dumpf(bundle, f, JSON_INDENT(2) | JSON_PRESERVE_ORDER) != 0;
    bad |= fputc('\n', f) == EOF;
    bad |= fclose(f) != 0;
    size_t n = json_array_size(json_object_get(bundle, "objects"));
    json_decref(bundle);
    if (bad)
        return cli_fail(ctx, NIS5G_EIO, "cannot write '%s': %s", out, strerror(errno));
    fprintf(ctx->out, "wrote %s: STIX 2.1 bundle of %zu objects, %s\n", out, n, nis5g_tlp_labels[tlp]);
    return 0;
}

const struct nis5g_cmd nis5g_cmd_stix = {
    .name = "stix",
    .usage = "stix [--tlp LEVEL] [--state CC] [--policy FILE]... [--snapshot DATE] -o FILE",
    .summary = "export suppliers, risk profiles and policy findings as a STIX 2.1 bundle (MISP, OpenCTI)",
    .help = "Options:\n"
            "  --tlp LEVEL       TLP 2.0 marking of every object (default amber)\n"
            "  --state CC        the exporting state (default: the workspace's, from keygen)\n"
            "  --policy FILE     include this policy's findings (rules as courses of action)\n"
            "  --snapshot DATE   the snapshot (default: the latest)\n"
            "  -o FILE           the bundle (JSON)\n"
            "The mapping to STIX objects is in docs/stix.md.\n",
    .flags = CMD_STORE_READ,
    .run_argv = run,
};
