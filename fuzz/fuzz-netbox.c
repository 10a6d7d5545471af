/*
 * fuzz-netbox.c — libFuzzer driver for the NetBox reader (netbox.c): the
 * input is up to four parts separated by a line "===": a page of
 * /api/dcim/devices/, a page of /api/dcim/sites/, the role map (CSV
 * role,domain,function) and optionally a links.csv. They are written to a
 * private folder (on /dev/shm when there is one: the reader takes paths,
 * as `nis5g from-netbox` does) and converted; a conversion that succeeds
 * writes its folder, which is removed before the next input. Every input
 * must give a result or diagnostics, never a crash, a leak or UB.
 *
 * Built and run by `make fuzz` and `make fuzz-smoke` from
 * fuzz/corpus/netbox (the test's NetBox pages, and broken ones).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "nis5g/err.h"
#include "nis5g/netbox.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char dir[64];
static char files[4][96], out[96];

static void cleanup(void)
{
    for (int i = 0; i < 4; i++)
        unlink(files[i]);
    rmdir(dir);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    snprintf(dir, sizeof dir, "%s/nis5g-fuzz-netbox-XXXXXX", access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp");
    if (!mkdtemp(dir)) {
        perror("fuzz-netbox: mkdtemp");
        exit(1);
    }
    static const char *const names[4] = { "devices.json", "sites.json", "map.csv", "links.csv" };
    for (int i = 0; i < 4; i++)
        snprintf(files[i], sizeof files[i], "%s/%s", dir, names[i]);
    snprintf(out, sizeof out, "%s/out", dir);
    atexit(cleanup);
    return 0;
}

static void put(const char *path, const uint8_t *p, size_t n)
{
    FILE *f = fopen(path, "wb");
    if (!f || (n && fwrite(p, 1, n, f) != n) || fclose(f)) {
        perror(path);
        abort();
    }
}

static void remove_out(void)
{
    static const char *const written[3] = { "sites.csv", "elements.csv", "links.csv" };
    char p[128];
    for (int i = 0; i < 3; i++) {
        snprintf(p, sizeof p, "%s/%s", out, written[i]);
        unlink(p);
    }
    rmdir(out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char sep[] = "\n===\n";
    size_t start = 0, part = 0;
    for (; part < 4; part++) {
        size_t end = start;
        while (end + sizeof sep - 1 <= size && memcmp(data + end, sep, sizeof sep - 1) != 0)
            end++;
        if (end + sizeof sep - 1 > size)
            end = size;
        put(files[part], data + start, end - start);
        if (end == size) {
            part++;
            break;
        }
        start = end + sizeof sep - 1;
    }
    const char *devices[] = { files[0] }, *sites[] = { files[1] };
    struct nis5g_netbox_opts o = { .operator_id = "OP1", .devices = devices, .n_devices = 1, .sites = sites,
                                   .n_sites = 1, .map = files[2], .links = part == 4 ? files[3] : NULL,
                                   .dir = out };
    struct nis5g_netbox_stats st;
    struct nis5g_diags d = { 0 };
    struct nis5g_err err = { 0 };
    nis5g_netbox_convert(&o, &st, &d, &err);
    nis5g_diags_release(&d);
    remove_out();
    return 0;
}
