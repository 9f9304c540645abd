/*
** rng.h — the seeded random generator and its independent named streams.
**
** One 64-bit seed drives a run. Each named stream ("population", "timing",
** "faults", ...) gets its own xoshiro256** state derived from the seed and
** a hash of the stream's name through splitmix64, so drawing more numbers
** from one stream never changes what another stream yields. Same seed and
** name => same sequence, on every platform (no libc rand, no floats in the
** state).
*/
#ifndef TS_RNG_H
#define TS_RNG_H
#include <stdint.h>
#include "tslimits.h"

typedef struct Rng {
  uint64_t s[4];
} Rng;

/* Initialise r as stream zName of seed. */
void rng_stream(Rng *r, uint64_t seed, const char *zName);
uint64_t rng_next(Rng *r);
/* Uniform integer in [0, n) without modulo bias; n==0 returns 0. */
uint64_t rng_below(Rng *r, uint64_t n);
/* Uniform double in [0, 1) with 53 bits of precision. */
double rng_unit(Rng *r);
/* Uniform double in [lo, hi). */
double rng_uniform(Rng *r, double lo, double hi);
/* Write a random RFC 4122 version-4 GUID, lower-case, into z[TS_GUID_SIZE]. */
void rng_guid(Rng *r, char z[TS_GUID_SIZE]);
/* Write the GUID that seed and zName name into z[TS_GUID_SIZE]: the first GUID of
** stream zName. Used for identifiers that must not depend on run order
** (an object a job creates is named by its target and source object), so
** two runs of one population give the same object the same id. */
void rng_guid_of(uint64_t seed, const char *zName, char z[TS_GUID_SIZE]);

#endif
