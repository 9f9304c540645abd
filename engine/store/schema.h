/*
** schema.h — the SQL that creates a tenantsim run database.
*/
#ifndef TS_SCHEMA_H
#define TS_SCHEMA_H

/* The whole schema as one SQL script (CREATE TABLE/INDEX statements),
** with a comment on every table. Static storage; do not free. */
const char *schema_sql(void);

/* The reader indexes, created when a run is finished (store_finish). */
const char *schema_index_sql(void);

/* The same indexes in two parts: those on the logs, each one statement in
** a NULL-terminated array, which can be built before the end of the run
** writes the users (store_index_logs); and the users' (a script). */
const char *const *schema_log_indexes(void);
const char *schema_user_index_sql(void);

/* Value stored in run_info('schema_version'); bumped on incompatible change. */
#define SCHEMA_VERSION "5"

#endif
