/*
 * fuzz-package.c — libFuzzer driver for the package decoder (package.c):
 * any bytes are parsed as a national package (canonical JSON, structure,
 * header values) and, when they parse, verified against a fixed key, as
 * `nis5g import-package` and `POST /api/v1/import-package` do with what a
 * peer sends.
 *
 * Built and run by `make fuzz` and `make fuzz-smoke` from
 * fuzz/corpus/package (real packages of the generator's data, and broken
 * variants).
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "nis5g/package.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct nis5g_package p;
    struct nis5g_err err = { 0 };
    memset(&p, 0, sizeof p);
    if (nis5g_package_parse((const char *)data, size, &p, &err) == 0) {
        struct nis5g_pubkey key;
        memset(&key, 0, sizeof key);
        memcpy(key.state, p.signer, sizeof key.state);
        nis5g_package_verify(&p, &key, &err);
    }
    nis5g_package_release(&p);
    return 0;
}
