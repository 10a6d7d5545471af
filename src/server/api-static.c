/*
 * api-static.c — the dashboard's files (docs/dashboard.md): the page at
 * `/` and its scripts, styles and the vendored npm assets under `/ui/NAME`.
 * Only the names of the table below are served, each from the web assets
 * found by nis5g_web_path (web/ of the source tree, or share/nis5g/web of
 * an installation); nothing comes from the network. Anyone may fetch them:
 * the page holds no data, every figure comes from the API after login
 * (the one data file, the regions' centres of countries.csv, is public
 * reference data shipped with the program).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "nis5g/data.h"
#include "server.h"

static const struct {
    const char *name, *file, *type;
    int data; /* from data/ (nis5g_data_path) rather than web/ */
} assets[] = {
    { "index.html", "dashboard/index.html", "text/html; charset=utf-8", 0 },
    { "app.js", "dashboard/app.js", "text/javascript; charset=utf-8", 0 },
    { "pages.js", "dashboard/pages.js", "text/javascript; charset=utf-8", 0 },
    { "work.js", "dashboard/work.js", "text/javascript; charset=utf-8", 0 },
    { "admin.js", "dashboard/admin.js", "text/javascript; charset=utf-8", 0 },
    { "map.js", "dashboard/map.js", "text/javascript; charset=utf-8", 0 },
    { "app.css", "dashboard/app.css", "text/css; charset=utf-8", 0 },
    { "icon.svg", "dashboard/icon.svg", "image/svg+xml", 0 },
    { "chart.umd.js", "node_modules/chart.js/dist/chart.umd.js", "text/javascript; charset=utf-8", 0 },
    { "countries-50m.json", "eu/node_modules/world-atlas/countries-50m.json", "application/json", 0 },
    /* the regions' centres, for the kill-switch map */
    { "countries.csv", "countries.csv", "text/csv; charset=utf-8", 1 },
};

SRV_HANDLER(srv_api_static)
{
    const char *name = r->param[0] ? r->param : "index.html";
    for (size_t i = 0; i < sizeof assets / sizeof assets[0]; i++) {
        if (strcmp(assets[i].name, name) != 0)
            continue;
        struct nis5g_err err = { 0 };
        struct nis5g_buf path = NIS5G_BUF_INIT;
        char *data = NULL;
        size_t len = 0;
        int rc = assets[i].data ? nis5g_data_path(assets[i].file, &path, &err)
                                : nis5g_web_path(assets[i].file, &path, &err);
        if (!rc && nis5g_read_file(path.data, &data, &len))
            rc = nis5g_err_set(&err, NIS5G_EIO, "cannot read the dashboard's file '%s': %s", path.data,
                               strerror(errno));
        nis5g_buf_release(&path);
        if (rc)
            return srv_send_err(r, &err, NULL);
        rc = srv_send(r, 200, assets[i].type, data, len);
        free(data);
        return rc;
    }
    return srv_send_error(r, 404, "not_found", "no such file of the dashboard", NULL);
}
