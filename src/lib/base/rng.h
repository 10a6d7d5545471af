/*
 * rng.h — a small, fast, seedable random number generator (xoshiro256**,
 * seeded through splitmix64). Same seed, same stream on every machine: the
 * generator's byte-identical output and the Monte Carlo's reproducibility
 * rest on it. Not for cryptography (that is libsodium's job).
 */
#ifndef NIS5G_RNG_H
#define NIS5G_RNG_H

#include <stdint.h>

struct nis5g_rng {
    uint64_t s[4];
};

void nis5g_rng_seed(struct nis5g_rng *r, uint64_t seed);
/* Derive an independent stream: seed mixed with a stream number, so that
 * stream k of seed S does not depend on how many threads drew before it. */
void nis5g_rng_seed2(struct nis5g_rng *r, uint64_t seed, uint64_t stream);
uint64_t nis5g_rng_next(struct nis5g_rng *r);
/* Uniform in [0, n) without modulo bias; n > 0. */
uint64_t nis5g_rng_below(struct nis5g_rng *r, uint64_t n);
/* Uniform double in [0, 1). */
double nis5g_rng_double(struct nis5g_rng *r);
/* Standard normal (Box–Muller; deterministic). */
double nis5g_rng_normal(struct nis5g_rng *r);

#endif
