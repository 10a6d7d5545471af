/*
 * cmd-from-netbox.c — `nis5g from-netbox`: an operator's NetBox inventory
 * (REST API page files of devices and sites) into a submission folder
 * (netbox.h, docs/from-netbox.md).
 */
#include "cmd.h"
#include "nis5g/netbox.h"

struct params {
    const char *operator_id;
    struct nis5g_strlist devices, sites;
    const char *map, *links, *dir;
};

#define T struct params
static const struct nis5g_opt opts[] = {
    { .type = NIS5G_OPT_STRING, .name = "operator", .arg = "OP", .offset = offsetof(T, operator_id),
      .help = "the operator the inventory belongs to (its id in operators.csv)",
      .flags = NIS5G_OPT_REQUIRED | NIS5G_OPT_GIVEN_ONCE },
    { .type = NIS5G_OPT_LIST, .name = "devices", .arg = "FILE", .offset = offsetof(T, devices),
      .help = "a page of /api/dcim/devices/ (JSON; repeatable, several after one --devices)",
      .flags = NIS5G_OPT_REQUIRED | NIS5G_OPT_GREEDY },
    { .type = NIS5G_OPT_LIST, .name = "sites", .arg = "FILE", .offset = offsetof(T, sites),
      .help = "a page of /api/dcim/sites/ (JSON; repeatable, several after one --sites)",
      .flags = NIS5G_OPT_REQUIRED | NIS5G_OPT_GREEDY },
    { .type = NIS5G_OPT_STRING, .name = "map", .arg = "FILE", .offset = offsetof(T, map),
      .help = "CSV role,domain,function: each NetBox device role's domain and function",
      .flags = NIS5G_OPT_REQUIRED | NIS5G_OPT_GIVEN_ONCE },
    { .type = NIS5G_OPT_STRING, .name = "links", .arg = "FILE", .offset = offsetof(T, links),
      .help = "links.csv (element,depends_on,group) between the devices, checked and copied",
      .flags = NIS5G_OPT_GIVEN_ONCE },
    { .type = NIS5G_OPT_STRING, .name = "output", .short_name = 'o', .arg = "DIR", .offset = offsetof(T, dir),
      .help = "the submission folder to create (missing or empty)",
      .flags = NIS5G_OPT_REQUIRED | NIS5G_OPT_GIVEN_ONCE },
    NIS5G_OPT_END_,
};
#undef T

static int run(struct nis5g_ctx *ctx, void *params)
{
    const struct params *p = params;
    struct nis5g_netbox_opts o = {
        .operator_id = p->operator_id,
        .devices = p->devices.v,
        .n_devices = p->devices.n,
        .sites = p->sites.v,
        .n_sites = p->sites.n,
        .map = p->map,
        .links = p->links,
        .dir = p->dir,
    };
    struct nis5g_netbox_stats st;
    struct nis5g_err err = { 0 };
    int rc = nis5g_netbox_convert(&o, &st, &ctx->diags, &err);
    cli_print_diags(ctx, &ctx->diags);
    nis5g_diags_release(&ctx->diags);
    nis5g_diags_init(&ctx->diags);
    if (rc)
        return cli_fail_err(ctx, &err);
    if (st.inventory)
        fprintf(stderr, "nis5g from-netbox: note: %zu device%s in inventory left out\n", st.inventory,
                st.inventory == 1 ? "" : "s");
    fprintf(ctx->out, "wrote %s: %zu sites, %zu elements (%zu active, %zu planned, %zu retired), %zu links\n", p->dir,
            st.sites, st.elements, st.by_status[0], st.by_status[1], st.by_status[2], st.links);
    return 0;
}

const struct nis5g_cmd nis5g_cmd_from_netbox = {
    .name = "from-netbox",
    .summary = "convert an operator's NetBox inventory (REST API pages) into a submission folder",
    .opts = opts,
    .params_size = sizeof(struct params),
    .flags = CMD_NO_STORE,
    .run = run,
    .help_extra = "The mapping of NetBox fields is in docs/from-netbox.md.\n",
};
