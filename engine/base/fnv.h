/*
** fnv.h — FNV-1a over a string, 32 bits: the hash of the IdMap and the
** StrPool's recent-value cache. (The 64-bit FNV-1a of hmap.c and of the
** engine's fingerprints is folded in place, field by field.)
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

#endif
