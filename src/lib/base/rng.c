/*
 * rng.c — xoshiro256** (Blackman and Vigna), seeded with splitmix64.
 */
#include <math.h>

#include "base/rng.h"

static uint64_t splitmix64(uint64_t *x)
{
    uint64_t z = (*x += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

void nis5g_rng_seed(struct nis5g_rng *r, uint64_t seed)
{
    uint64_t x = seed;
    for (int i = 0; i < 4; i++)
        r->s[i] = splitmix64(&x);
}

void nis5g_rng_seed2(struct nis5g_rng *r, uint64_t seed, uint64_t stream)
{
    uint64_t x = seed ^ 0x6a09e667f3bcc909ull;
    uint64_t mixed = splitmix64(&x) ^ (stream * 0xD1B54A32D192ED03ull);
    nis5g_rng_seed(r, mixed);
}

static inline uint64_t rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

uint64_t nis5g_rng_next(struct nis5g_rng *r)
{
    uint64_t *s = r->s;
    uint64_t result = rotl(s[1] * 5, 7) * 9;
    uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
}

uint64_t nis5g_rng_below(struct nis5g_rng *r, uint64_t n)
{
    uint64_t threshold = -n % n;
    for (;;) {
        uint64_t x = nis5g_rng_next(r);
        if (x >= threshold)
            return x % n;
    }
}

double nis5g_rng_double(struct nis5g_rng *r)
{
    return (double)(nis5g_rng_next(r) >> 11) * 0x1.0p-53;
}

double nis5g_rng_normal(struct nis5g_rng *r)
{
    double u1 = nis5g_rng_double(r), u2 = nis5g_rng_double(r);
    if (u1 < 1e-300)
        u1 = 1e-300;
    return sqrt(-2.0 * log(u1)) * cos(6.283185307179586 * u2);
}
