/*
** schema.c — the one place the run database's tables are defined.
**
** A run database holds the world (tenants, users, groups, policies, jobs)
** as it stands at the end of the run, and every log the run produced
** (provisioning log, audit log, cycles, source changes, metric series).
** Times are integer seconds from the scenario start unless a column name
** ends in _utc (ISO-8601 text). Booleans are 0/1. reports/ reads only
** these tables, so a report can always be regenerated from the file.
*/
#include "schema.h"

static const char zSchema[] =
"-- Key/value facts about the run: scenario name, seed, start instant,\n"
"-- duration, tenantsim version, schema version, end reason.\n"
"CREATE TABLE run_info(key TEXT PRIMARY KEY, value TEXT NOT NULL);\n"

"-- Tenants. key is the scenario's short name; tenant_id the directory GUID.\n"
"-- cloud: commercial | usgov | china. licences: comma list (P1,P2,Governance,Suite).\n"
"CREATE TABLE tenants(\n"
"  idx INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, tenant_id TEXT NOT NULL,\n"
"  domain TEXT NOT NULL, cloud TEXT NOT NULL, licences TEXT NOT NULL);\n"

"-- Users of every tenant: the source tenants' internal members and the\n"
"-- targets' B2B users (user_type Member or Guest, creation_type Invitation,\n"
"-- alt_sec_id = the home identity that links them to their source user).\n"
"-- deleted_at: soft-deleted time (NULL when active); purged_at: hard-deleted\n"
"-- time (the row stays so that logs keep resolving). created_by_job: the job\n"
"-- that created the user, NULL for users the scenario declared.\n"
"CREATE TABLE users(\n"
"  id INTEGER PRIMARY KEY, tenant INTEGER NOT NULL REFERENCES tenants(idx),\n"
"  key TEXT, object_id TEXT NOT NULL, net_id TEXT, alt_sec_id TEXT,\n"
"  creation_type TEXT, external_user_state TEXT,\n"
"  account_enabled INTEGER, user_principal_name TEXT, mail TEXT, mail_nickname TEXT,\n"
"  display_name TEXT, given_name TEXT, surname TEXT, department TEXT, job_title TEXT,\n"
"  employee_id TEXT, company_name TEXT, street_address TEXT, city TEXT, state TEXT,\n"
"  postal_code TEXT, country TEXT, office TEXT, preferred_language TEXT,\n"
"  telephone_number TEXT, usage_location TEXT, show_in_address_list INTEGER,\n"
"  user_type TEXT, employee_hire_date TEXT, created_at INTEGER NOT NULL, deleted_at INTEGER, purged_at INTEGER,\n"
"  created_by_job INTEGER);\n"


"-- Directory extension attributes (extension_<appId>_<name>) of users.\n"
"CREATE TABLE user_extensions(\n"
"  user_id INTEGER NOT NULL REFERENCES users(id), name TEXT NOT NULL, value TEXT NOT NULL,\n"
"  PRIMARY KEY(user_id, name)) WITHOUT ROWID;\n"

"-- Groups (security or Microsoft365) and their direct memberships.\n"
"CREATE TABLE groups(\n"
"  idx INTEGER PRIMARY KEY, tenant INTEGER NOT NULL REFERENCES tenants(idx),\n"
"  key TEXT NOT NULL, object_id TEXT NOT NULL, display_name TEXT NOT NULL,\n"
"  group_type TEXT NOT NULL, security_enabled INTEGER NOT NULL);\n"
"CREATE TABLE group_members(\n"
"  group_idx INTEGER NOT NULL REFERENCES groups(idx),\n"
"  user_id INTEGER NOT NULL REFERENCES users(id), PRIMARY KEY(group_idx, user_id)) WITHOUT ROWID;\n"

"-- Cross-tenant access policies of each tenant: partner NULL is the default\n"
"-- policy, otherwise the partner tenant. NULL columns inherit the default\n"
"-- (and the default's NULL means false), as in Graph.\n"
"CREATE TABLE policies(\n"
"  tenant INTEGER NOT NULL REFERENCES tenants(idx), partner INTEGER REFERENCES tenants(idx),\n"
"  inbound_auto_redeem INTEGER, outbound_auto_redeem INTEGER,\n"
"  user_sync_inbound INTEGER, trust_mfa INTEGER, trust_compliant_device INTEGER,\n"
"  trust_hybrid_joined INTEGER, UNIQUE(tenant, partner));\n"

"-- Sync jobs (one per source->target pair). job_id is the Graph form\n"
"-- Azure2Azure.<guid>.<guid>; scope is 'assigned' or 'all'; status_code is\n"
"-- the synchronizationStatusCode at the end of the run; gate_error the\n"
"-- policy-check error of its last attempt, if any; object_actions the\n"
"-- target object actions enabled (Create,Update,Delete).\n"
"CREATE TABLE jobs(\n"
"  idx INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, job_id TEXT NOT NULL,\n"
"  source INTEGER NOT NULL REFERENCES tenants(idx), target INTEGER NOT NULL REFERENCES tenants(idx),\n"
"  scope TEXT NOT NULL, interval_s INTEGER NOT NULL, status_code TEXT NOT NULL,\n"
"  schedule_state TEXT NOT NULL, gate_error TEXT, started_at INTEGER, paused_at INTEGER,\n"
"  object_actions TEXT NOT NULL DEFAULT 'Create,Update,Delete');\n"
"-- Direct assignments of users and groups to a job (principal_type User|Group).\n"
"CREATE TABLE job_assignments(\n"
"  job INTEGER NOT NULL REFERENCES jobs(idx), principal_type TEXT NOT NULL,\n"
"  principal INTEGER NOT NULL, PRIMARY KEY(job, principal_type, principal)) WITHOUT ROWID;\n"
"-- Scoping filter clauses: clauses of one filter_group are ANDed, groups ORed.\n"
"CREATE TABLE job_filters(\n"
"  job INTEGER NOT NULL REFERENCES jobs(idx), filter_group INTEGER NOT NULL,\n"
"  clause INTEGER NOT NULL, attribute TEXT NOT NULL, operator TEXT NOT NULL, value TEXT,\n"
"  PRIMARY KEY(job, filter_group, clause)) WITHOUT ROWID;\n"
"-- Attribute mappings in force for a job (the CTS default unless replaced).\n"
"-- type Direct|Constant|Expression|None; flow_type Always|ObjectAddOnly.\n"
"CREATE TABLE job_mappings(\n"
"  job INTEGER NOT NULL REFERENCES jobs(idx), ord INTEGER NOT NULL, target_attribute TEXT NOT NULL,\n"
"  type TEXT NOT NULL, source TEXT, flow_type TEXT NOT NULL, matching_priority INTEGER,\n"
"  PRIMARY KEY(job, ord)) WITHOUT ROWID;\n"

"-- Links between a source user and the target user a job created or\n"
"-- matched, keyed by the alternativeSecurityIds value. how: created |\n"
"-- matched (B2B takeover). held: why a deprovisioning was not carried out\n"
"-- (e.g. disabled_then_out_of_scope), NULL otherwise.\n"
"CREATE TABLE links(\n"
"  job INTEGER NOT NULL REFERENCES jobs(idx), source_user INTEGER NOT NULL REFERENCES users(id),\n"
"  target_user INTEGER NOT NULL REFERENCES users(id), alt_sec_id TEXT NOT NULL,\n"
"  how TEXT NOT NULL, linked_at INTEGER NOT NULL, held TEXT,\n"
"  PRIMARY KEY(job, source_user)) WITHOUT ROWID;\n"

"-- Desired state of every (job, source user) pair that was ever in scope:\n"
"-- state 'present' (an enabled in-scope user: the target should hold an\n"
"-- active user), 'disabled' (in scope but disabled at the source: a target\n"
"-- user, if any, should carry the disable) or 'absent' (out of scope;\n"
"-- reason: deleted, not_internal_member, unassigned, filtered). since is\n"
"-- when the pair entered that state. Updated on every change.\n"
"CREATE TABLE desired(\n"
"  job INTEGER NOT NULL REFERENCES jobs(idx), source_user INTEGER NOT NULL REFERENCES users(id),\n"
"  state TEXT NOT NULL, reason TEXT, since INTEGER NOT NULL,\n"
"  PRIMARY KEY(job, source_user)) WITHOUT ROWID;\n"

"-- One row per sync cycle (Graph synchronizationTaskExecution): kind\n"
"-- initial|incremental, state Succeeded|Failed|EntryLevelErrors.\n"
"CREATE TABLE cycles(\n"
"  id INTEGER PRIMARY KEY, job INTEGER NOT NULL REFERENCES jobs(idx), cycle_id TEXT NOT NULL,\n"
"  kind TEXT NOT NULL, began INTEGER NOT NULL, ended INTEGER,\n"
"  count_imported INTEGER NOT NULL DEFAULT 0, count_exported INTEGER NOT NULL DEFAULT 0,\n"
"  count_escrowed INTEGER NOT NULL DEFAULT 0, count_skipped INTEGER NOT NULL DEFAULT 0,\n"
"  state TEXT, error_code TEXT, error_message TEXT);\n"

"-- The provisioning log: one row per object evaluated in a cycle (Graph\n"
"-- provisioningObjectSummary). action create|update|delete|disable|other;\n"
"-- status success|failure|skipped|warning; reason the statusInfo reason.\n"
"-- The provisioning steps are stored as their facts, which provlog.c\n"
"-- renders in Graph's provisioningStep shape: change_type seen at import\n"
"-- (Add|Update|Delete); the scoping details scope_active, scope_assigned,\n"
"-- scope_filter (0/1) and skip_reason (why out of scope); match_result\n"
"-- (none|matched, NULL when no matching step ran); export_step, the\n"
"-- export event (EntryExportAdd ...), NULL when nothing was exported.\n"
"-- source_display/target_display are the identities' display names at the\n"
"-- time. modified_properties is a JSON array of [name, old, new] triples.\n"
"CREATE TABLE provisioning_log(\n"
"  id INTEGER PRIMARY KEY, activity_at INTEGER NOT NULL, job INTEGER NOT NULL REFERENCES jobs(idx),\n"
"  cycle INTEGER NOT NULL REFERENCES cycles(id), change_id TEXT NOT NULL,\n"
"  action TEXT NOT NULL, status TEXT NOT NULL, error_code TEXT, reason TEXT,\n"
"  source_user INTEGER, target_user INTEGER, source_display TEXT, target_display TEXT,\n"
"  duration_ms INTEGER NOT NULL, change_type TEXT NOT NULL, scope_active INTEGER NOT NULL,\n"
"  scope_assigned INTEGER NOT NULL, scope_filter INTEGER NOT NULL, skip_reason TEXT,\n"
"  match_result TEXT, export_step TEXT, modified_properties TEXT NOT NULL);\n"


"-- The audit log of every tenant: category and activity as Entra names\n"
"-- them (UserManagement 'Add user', ProvisioningManagement 'Enable/start\n"
"-- provisioning configuration', CrossTenantIdentitySyncSettings ...), the\n"
"-- actor (Microsoft.Azure.SyncFabric for CTS writes in a target).\n"
"CREATE TABLE audit_log(\n"
"  id INTEGER PRIMARY KEY, at INTEGER NOT NULL, tenant INTEGER NOT NULL REFERENCES tenants(idx),\n"
"  category TEXT NOT NULL, activity TEXT NOT NULL, actor TEXT NOT NULL,\n"
"  target_type TEXT, target_id TEXT, target_name TEXT, result TEXT NOT NULL, detail TEXT);\n"

"-- Source changes that put a (job, source user) pair out of step with its\n"
"-- desired target state, and when the target first matched it again\n"
"-- (converged_at NULL: never, by the end of the run). cause names the\n"
"-- timeline action. Feeds the convergence report.\n"
"CREATE TABLE changes(\n"
"  id INTEGER PRIMARY KEY, at INTEGER NOT NULL, job INTEGER NOT NULL REFERENCES jobs(idx),\n"
"  source_user INTEGER NOT NULL REFERENCES users(id), cause TEXT NOT NULL,\n"
"  converged_at INTEGER);\n"
"CREATE INDEX changes_pair ON changes(job, source_user);\n"

"-- Timeline actions as they were carried out (for report timelines).\n"
"CREATE TABLE timeline(\n"
"  seq INTEGER PRIMARY KEY, at INTEGER NOT NULL, action TEXT NOT NULL,\n"
"  summary TEXT NOT NULL, objects INTEGER NOT NULL);\n"

"-- Metric series: drift (pairs whose target differs from the desired state)\n"
"-- per target tenant, sampled at actions, cycle boundaries and on a fixed\n"
"-- simulated interval; name 'drift_zero' marks each instant drift returned\n"
"-- to zero across all targets. tenant -1 is the sum over all targets.\n"
"-- One value per (t, tenant, name): the last write at an instant wins.\n"
"CREATE TABLE metrics(\n"
"  t INTEGER NOT NULL, tenant INTEGER NOT NULL, name TEXT NOT NULL,\n"
"  value INTEGER NOT NULL, PRIMARY KEY(name, tenant, t)) WITHOUT ROWID;\n";

/* Indexes for readers of a finished run (reports, ad-hoc SQL). Nothing
** needs them while the run writes, and building each once at the end is
** much cheaper than maintaining it on every insert. */
static const char zIndexes[] =
"CREATE INDEX users_tenant ON users(tenant, key);\n"
"CREATE INDEX links_target ON links(target_user);\n"
"CREATE INDEX provisioning_log_job ON provisioning_log(job, activity_at);\n"
"CREATE INDEX cycles_job ON cycles(job, began);\n";

const char *schema_sql(void){ return zSchema; }
const char *schema_index_sql(void){ return zIndexes; }
