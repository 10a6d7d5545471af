/*
 * api-library.c — GET /api/v1/library: the EU toolbox, the risk scenarios
 * and their mapping as a CISO Assistant library, the bytes `nis5g
 * export-library` writes (library.h, docs/export-library.md).
 */
#include "nis5g/catalog.h"
#include "nis5g/library.h"
#include "server.h"

SRV_HANDLER(srv_api_library)
{
    (void)route;
    struct nis5g_catalog c;
    struct nis5g_diags d;
    nis5g_diags_init(&d);
    int rc = nis5g_catalog_load(&c, &d);
    if (rc) {
        struct nis5g_err err = { 0 };
        nis5g_err_set(&err, rc, "%zu error%s in the catalogues", d.errors, d.errors == 1 ? "" : "s");
        rc = srv_send_err(r, &err, &d);
        nis5g_diags_release(&d);
        return rc;
    }
    nis5g_diags_release(&d);
    struct nis5g_buf y = NIS5G_BUF_INIT;
    nis5g_library_yaml(&c, &y, NULL);
    nis5g_catalog_release(&c);
    rc = srv_send(r, 200, "application/yaml; charset=utf-8", y.data, y.len);
    nis5g_buf_release(&y);
    return rc;
}
