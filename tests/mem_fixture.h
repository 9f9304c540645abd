/*
** mem_fixture.h — for the suites that make each allocation fail in turn
** (mem.h: mem_fail_after): cJSON's allocations sent through mem.h, so
** that the failures reach cJSON's too. Static inline, like every
** fixture.
*/
#ifndef TS_MEM_FIXTURE_H
#define TS_MEM_FIXTURE_H
#include <cjson/cJSON.h>
#include "mem.h"

/* bOn 1: cJSON allocates through mem_malloc/mem_free; 0: through the C
** library again (call it before the test returns). */
static inline void mfx_cjson_hooks(int bOn){
  cJSON_Hooks hooks;
  hooks.malloc_fn = mem_malloc;
  hooks.free_fn = mem_free;
  cJSON_InitHooks(bOn ? &hooks : NULL);
}

#endif
