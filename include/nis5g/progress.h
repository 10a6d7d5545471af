/*
 * progress.h — the callback through which long library work (imports,
 * simulations, generation) reports how far it is. The front end decides
 * what to show: the CLI draws a line on stderr when it is a terminal, the
 * server stays quiet. Called from one thread at a time, a few hundred times
 * per phase at most; total 0 means "unknown".
 */
#ifndef NIS5G_PROGRESS_H
#define NIS5G_PROGRESS_H

#include <stdint.h>

typedef void (*nis5g_progress_fn)(void *ctx, const char *phase, uint64_t done, uint64_t total);

#endif
