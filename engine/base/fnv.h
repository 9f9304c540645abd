/*
** fnv.h — FNV-1a: 32 bits over a string (the hash of the IdMap and the
** StrPool's recent-value cache), and 64 bits folded a byte or a string at
** a time (hmap.c's hash; the fingerprints of desired.c, job_history.c and
** lint_time.c).
*/
#ifndef TS_FNV_H
#define TS_FNV_H
#include <stddef.h>
#include <stdint.h>

#define FNV32_OFFSET 2166136261u
#define FNV32_PRIME  16777619u

/* FNV-1a of the n bytes at z. */
static inline uint32_t fnv32(const char *z, size_t n){
  uint32_t h = FNV32_OFFSET;
  size_t i;
  for(i=0; i<n; i++){ h ^= (unsigned char)z[i]; h *= FNV32_PRIME; }
  return h;
}

/* tenantsim's 64-bit start value is 1469598103934665603, a digit short
** of FNV's 14695981039346656037; it has been so since the first hash map,
** and hash-map orders and fingerprints depend on it, so it stays. */
#define FNV64_OFFSET 1469598103934665603ULL
#define FNV64_PRIME  1099511628211ULL

/* h with byte (or small value) c folded in. */
static inline uint64_t fnv64_fold(uint64_t h, uint64_t c){
  return (h ^ c) * FNV64_PRIME;
}

/* h with the bytes of z (NULL: none) folded in, one by one. */
static inline uint64_t fnv64_str(uint64_t h, const char *z){
  for(; z && *z; z++) h = fnv64_fold(h, (unsigned char)*z);
  return h;
}

#endif
