/*
** rng.c — seeded random streams (see rng.h).
**
** The generator is xoshiro256** (Blackman and Vigna, 2018): 256 bits of
** state, period 2^256-1, fast, and fully specified by integer operations
** on uint64_t, so the same seed yields the same numbers on every compiler
** and platform. A stream's state is four successive outputs of splitmix64
** started at seed XOR FNV-1a-64(name); splitmix64 is the seeding routine
** the xoshiro authors recommend, and as a bijection on its counter it can
** never produce the all-zero state xoshiro must avoid.
**
** Every derived value (integers below n, doubles, GUIDs) is built from
** rng_next() by integer arithmetic only, and consumes a documented number
** of draws, so streams stay reproducible whatever is drawn from them.
**
** This module allocates nothing and has no global state.
*/
#include <math.h>
#include <stddef.h>
#include "tslimits.h"
#include "rng.h"

/* FNV-1a, 64-bit: a stable, well-spread hash of the stream's name. */
static uint64_t rngFnv1a64(const char *z){
  uint64_t h = 0xcbf29ce484222325u;
  if( z==NULL ) return h;
  for(; *z; z++){
    h ^= (unsigned char)*z;
    h *= 0x100000001b3u;
  }
  return h;
}

/* One step of splitmix64 (Steele, Lea and Flood): advances *pX and
** returns the next output. */
static uint64_t rngSplitmix64(uint64_t *pX){
  uint64_t z = (*pX += 0x9e3779b97f4a7c15u);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
  return z ^ (z >> 31);
}

static uint64_t rngRotl(uint64_t x, int k){
  return (x << k) | (x >> (64 - k));
}

/* zName==NULL is treated as the empty name "". */
void rng_stream(Rng *r, uint64_t seed, const char *zName){
  uint64_t x = seed ^ rngFnv1a64(zName);
  int i;
  for(i=0; i<4; i++) r->s[i] = rngSplitmix64(&x);
}

/* The xoshiro256** step; one draw. */
uint64_t rng_next(Rng *r){
  uint64_t *s = r->s;
  uint64_t result = rngRotl(s[1]*5, 7) * 9;
  uint64_t t = s[1] << 17;
  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = rngRotl(s[3], 45);
  return result;
}

/* Rejection sampling: of the 2^64 possible draws, the lowest (2^64 mod n)
** are discarded so that the rest divide evenly into n classes; r % n is
** then exactly uniform. At most half the draws are ever rejected, so the
** expected number of draws is below 2. n==0 returns 0 and draws nothing. */
uint64_t rng_below(Rng *r, uint64_t n){
  uint64_t threshold, x;
  if( n==0 ) return 0;
  threshold = ((uint64_t)0 - n) % n;    /* == 2^64 mod n */
  do{
    x = rng_next(r);
  }while( x<threshold );
  return x % n;
}

/* The top 53 bits scaled by 2^-53: every value is a multiple of 2^-53 in
** [0, 1 - 2^-53], exactly representable, so the result never reaches 1.
** One draw. */
double rng_unit(Rng *r){
  return (double)(rng_next(r) >> 11) * 0x1.0p-53;
}

/* One draw. Rounding in lo + (hi-lo)*u can land exactly on hi, which is
** pulled back to the largest double below it to keep the interval open.
** When hi<=lo the result lies between hi and lo (lo itself when equal). */
double rng_uniform(Rng *r, double lo, double hi){
  double x = lo + (hi - lo)*rng_unit(r);
  if( hi>lo && x>=hi ) x = nextafter(hi, lo);
  return x;
}

/* Two draws: 128 bits laid out little-end first of each word, then the
** version nibble forced to 4 and the variant bits to 10xx (RFC 4122 4.4).
** Bytes are extracted by shifting, not by memcpy, so the text does not
** depend on the host's byte order. */
void rng_guid(Rng *r, char z[TS_GUID_SIZE]){
  static const char aHex[] = "0123456789abcdef";
  unsigned char aByte[16];
  uint64_t w0 = rng_next(r);
  uint64_t w1 = rng_next(r);
  int i, j;
  for(i=0; i<8; i++){
    aByte[i]   = (unsigned char)(w0 >> (8*i));
    aByte[i+8] = (unsigned char)(w1 >> (8*i));
  }
  aByte[6] = (unsigned char)((aByte[6] & 0x0f) | 0x40);
  aByte[8] = (unsigned char)((aByte[8] & 0x3f) | 0x80);
  for(i=0, j=0; i<16; i++){
    if( i==4 || i==6 || i==8 || i==10 ) z[j++] = '-';
    z[j++] = aHex[aByte[i] >> 4];
    z[j++] = aHex[aByte[i] & 0x0f];
  }
  z[j] = '\0';
}

void rng_guid_of(uint64_t seed, const char *zName, char z[TS_GUID_SIZE]){
  Rng r;
  rng_stream(&r, seed, zName);
  rng_guid(&r, z);
}
