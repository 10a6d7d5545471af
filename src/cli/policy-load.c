/*
 * policy-load.c — read, parse and report policy files for the CLI.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "nis5g/buf.h"
#include "policy-load.h"

int cli_load_policies(struct nis5g_ctx *ctx, char **files, size_t n, struct nis5g_policy **out)
{
    struct nis5g_policy *p = nis5g_policy_new();
    struct nis5g_diags d;
    nis5g_diags_init(&d);
    int bad = 0;
    for (size_t i = 0; i < n && !nis5g_diags_full(&d); i++) {
        char *text;
        size_t len;
        if (nis5g_read_file(files[i], &text, &len) != 0) {
            cli_print_diags(ctx, &d);
            nis5g_diags_release(&d);
            nis5g_policy_free(p);
            return cli_fail(ctx, NIS5G_EUSAGE, "cannot read policy '%s': %s", files[i], strerror(errno));
        }
        if (nis5g_policy_parse(p, files[i], text, len, &d) != NIS5G_OK)
            bad = 1;
        free(text);
    }
    cli_print_diags(ctx, &d);
    if (bad || d.errors) {
        fprintf(stderr, "nis5g %s: %zu error%s in the policy%s; nothing checked\n", ctx->cmd_name, d.errors,
                d.errors == 1 ? "" : "s", nis5g_diags_full(&d) ? " (stopped there)" : "");
        nis5g_diags_release(&d);
        nis5g_policy_free(p);
        return 2;
    }
    nis5g_diags_release(&d);
    *out = p;
    return 0;
}
