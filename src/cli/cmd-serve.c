/*
 * cmd-serve.c — `nis5g serve`: the HTTP server (src/server/, docs/serve.md)
 * on the workspace: the JSON API under /api/v1/ with the same queries and
 * bytes as the command line, sessions and tokens, roles, the audit trail.
 */
#include <stdlib.h>
#include <string.h>

#include "../server/serve.h"
#include "cmd.h"
#include "nis5g/date.h"

struct params {
    struct nis5g_serve_opts cfg;
    uint64_t threads, max_body, max_per_ip, timeout;
    int openapi, routes;
};

static const struct nis5g_opt opts[] = {
    NIS5G_OPT_STR_(struct params, "listen", 0, "ADDR:PORT", cfg.listen,
                   "where to listen (default 127.0.0.1:8355; port 0 picks a free one; other than loopback needs TLS)"),
    NIS5G_OPT_STR_(struct params, "tls-cert", 0, "FILE", cfg.tls_cert, "the server's certificate (PEM): serve HTTPS"),
    NIS5G_OPT_STR_(struct params, "tls-key", 0, "FILE", cfg.tls_key, "its private key (PEM)"),
    NIS5G_OPT_STR_(struct params, "key", 0, "FILE", cfg.key_file,
                   "the state's secret key (nis5g keygen): POST /api/v1/exports signs with it (docs/exports.md)"),
    NIS5G_OPT_UINT_(struct params, "threads", "N", threads, "worker threads (default 4)"),
    NIS5G_OPT_UINT_(struct params, "max-body", "BYTES", max_body,
                    "the largest request body (default 268435456; larger ones get 413)"),
    NIS5G_OPT_UINT_(struct params, "max-per-ip", "N", max_per_ip, "connections per client address (default 64)"),
    NIS5G_OPT_UINT_(struct params, "timeout", "SECONDS", timeout,
                    "close a connection idle that long, against slow clients (default 30)"),
    NIS5G_OPT_FLAG_(struct params, "openapi", openapi, 1, "print the OpenAPI document and exit"),
    NIS5G_OPT_FLAG_(struct params, "routes", routes, 1, "print the route table (method, path, roles) and exit"),
    NIS5G_OPT_END_,
};

static void init(void *params)
{
    struct params *p = params;
    p->cfg.listen = "127.0.0.1:8355";
    p->threads = 4;
    p->max_body = 256u << 20;
    p->max_per_ip = 64;
    p->timeout = 30;
}

static int run(struct nis5g_ctx *ctx, void *params)
{
    struct params *p = params;
    if (p->openapi)
        return cli_print_json(ctx, nis5g_serve_openapi());
    if (p->routes)
        return cli_print_json(ctx, nis5g_serve_routes());
    if (p->threads < 1 || p->threads > 256 || p->max_per_ip < 1 || p->max_per_ip > 100000 || p->timeout < 1 ||
        p->timeout > 3600 || p->max_body < 1024)
        return cli_fail(ctx, NIS5G_EUSAGE,
                        "--threads 1 to 256, --max-per-ip 1 to 100000, --timeout 1 to 3600 and --max-body at "
                        "least 1024");
    /* the workspace must exist; an older one is brought up to date once */
    struct nis5g_err err = { 0 };
    struct nis5g_store *st;
    if (nis5g_store_open(ctx->db_path, 0, &st, &err))
        return cli_fail_err(ctx, &err);
    nis5g_store_close(st);
    struct nis5g_serve_opts o = p->cfg;
    o.db_path = ctx->db_path;
    o.threads = (unsigned)p->threads;
    o.max_body = (size_t)p->max_body;
    o.max_per_ip = (unsigned)p->max_per_ip;
    o.timeout_s = (unsigned)p->timeout;
    return nis5g_serve(&o, ctx->out, &err) ? cli_fail_err(ctx, &err) : 0;
}

const struct nis5g_cmd nis5g_cmd_serve = {
    .name = "serve",
    .summary = "run the HTTP server: the JSON API with users, roles and the audit trail (docs/serve.md)",
    .opts = opts,
    .params_size = sizeof(struct params),
    .init = init,
    .flags = CMD_STORE_SELF,
    .run = run,
    .help_extra = "Runs until SIGTERM or SIGINT, then finishes the requests in flight. Prints the URL it\n"
                  "listens on. Create users with 'nis5g user add' and tokens with 'nis5g token create'.\n",
};
