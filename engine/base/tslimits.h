/*
** tslimits.h — the sizes tenantsim names once, and its assertions.
**
** TS_GUID_SIZE holds a GUID in its 36-character text form and the NUL.
** TS_JSONPATH_MAX bounds a JSON path in a located message ("$.value[3].
** mail", "jobs[0].mapping.attributes[2]"); a longer one is cut, which can
** only shorten a message. TS_REASON_MAX bounds a sentence the engine
** writes into the provisioning log (a statusInfo reason), and the reason a
** parser gives for refusing a value (the zWhy of an instant, duration,
** expression or scoping value), cut when longer. TS_PATH_MAX
** bounds a file path the command line builds (runs/<name>.db).
**
** ts_assert(c) states an invariant the code relies on. It is compiled in
** the test builds (make check defines TS_DEBUG) and to nothing otherwise,
** as Lua's lua_assert is: a broken invariant stops the test that broke it
** at the place it broke.
*/
#ifndef TS_TSLIMITS_H
#define TS_TSLIMITS_H

#define TS_GUID_SIZE     37
#define TS_JSONPATH_MAX 768
#define TS_REASON_MAX   400
#define TS_PATH_MAX    1024   /* a file path given on the command line */

#ifdef TS_DEBUG
# include <assert.h>
# define ts_assert(c) assert(c)
#else
# define ts_assert(c) ((void)0)
#endif

#endif
