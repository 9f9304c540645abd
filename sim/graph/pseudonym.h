/*
** pseudonym.h — replace the personal data of a scenario with stable,
** seeded pseudonyms, so that a scenario imported from a real tenant can be
** shared as a training lab.
**
** WHAT IS REPLACED. Every explicit user (tenants[].users[] and the users of
** "hire" actions) stands for a *person*, named by an identity string:
**   - a user with "homeUser" (a B2B user whose home is in the scenario) is
**     the home user's person;
**   - otherwise its userPrincipalName, lower-cased, with a B2B UPN
**     "local_domain.com#EXT#@target" decoded to "local@domain.com", so a
**     guest whose home is not in the scenario is named by its home UPN;
**   - a pending invitation without a UPN: its mail, lower-cased;
**   - otherwise the UPN the simulator would give it, key@domain (the
**     effective UPN; the key alone would make "alice" of two tenants one
**     person).
** A person gets a given name and a surname drawn, by a hash of the seed and
** the identity, from built-in lists (over 200 of each, varied origins,
** ASCII), and a local part "given.surname.xxxxxx" (6 hex digits of the
** same hash). From them: displayName "Given Surname", givenName, surname
** (each only where the user had one), mailNickname = the local part,
** userPrincipalName and mail = the local part at the value's own domain
** (a B2B UPN keeps its form: "newlocal_domain.com#EXT#@target..."), key =
** the local part. employeeId becomes digits of the same length drawn from
** a hash of the seed and the original; telephoneNumber keeps its format
** with every digit drawn anew, and streetAddress becomes "<1-199>
** <Surname> Street" (both drawn from the seed and the original: a phone
** number or a home street can identify a person). tenants[].tenantId
** becomes the GUID
** that the seed and the lower-cased original name (rng_guid_of).
**   displayName is replaced by a drawn name for every user, rooms and
** service accounts included: an export often lacks givenName/surname for
** real people too, so "no given name" does not tell a room from a person,
** and a drawn name cannot leak one.
**
** REFERENCES follow: homeUser ("tenant:key"), manager (users' and update
** actions' "set"; target_update's manager names a target user), jobs'
** assignments.users, timeline "users"/"user" (tenant from "tenant", else
** the job's source tenant), expect entries' "user", tenants'
** roleAssignments[].principal (not a group's) and Conditional Access
** policies' includeUsers/excludeUsers; the tenant ids a policy's
** externalTenants enumerate are replaced as tenantId is. A key that names no
** explicit user (a population's generated key, or an unknown one) is kept:
** generated keys are not personal data. Values of userPrincipalName, mail,
** mailNickname, displayName, givenName, surname and employeeId in scoping
** filter clauses (jobs and set_filters), sample "where", "set" objects and
** expect "equals", and each address of a job's or a set_secrets'
** notifications "recipients" (";" or "," separated, separators and
** blanks kept), are replaced by the pseudonym of the user who had that
** value (exact match; UPN and mail case-insensitively), else by a
** pseudonym derived from the value itself as if it were an identity (never
** left as is). "&"/"!&" clause values are treated as comma lists.
**
** DETERMINISM. A pseudonym is a function of the seed and the original
** value only — never of order or count — except when two originals would
** collide: identifiers (local parts, keys within a tenant, employee ids)
** must stay unique, so the originals are sorted and the smallest keeps the
** plain form while the others get a longer suffix (local parts 8, 10 ...
** hex digits; keys "given.surname." and drawn letters; employee ids
** another draw, growing by a digit after 8 tries). The outcome depends
** only on the set of originals, so reordering the scenario changes
** nothing. A drawn given name or surname that is a word of some original
** name or address (3 letters or more) is drawn again, so that no original
** name appears in the result even by chance; that too depends only on the
** set of originals. A key that would fall in a population's key range (prefix
** followed by a digit) is disambiguated the same way (the letters-only
** form holds no digit, so it lies in no range). Display names are not made unique (real names repeat too).
**
** KEPT, and why: domains and tenant keys (they name the organisation, not
** a person); department, jobTitle, companyName, city, state, postal code,
** country and office,
** group keys and display names (they describe organisations); populations
** (generated, not personal); mapping expressions.
**
** KNOWN GAPS: an expression that spells a person's name literally, REGEX
** MATCH / NOT REGEX MATCH clause values (a pattern cannot be rewritten
** reliably: the clause will select nothing or something else), extension
** attributes (free text, they may hold anything), free text ("description", timeline
** "note"), and population attribute constants are kept. A filter clause on
** a name kind that used Includes/ENDS_WITH/Greater_Than with a fragment of
** a value is replaced by the fragment's own pseudonym, which changes what
** it selects. Lower-casing is ASCII only.
*/
#ifndef TS_PSEUDONYM_H
#define TS_PSEUDONYM_H
#include <stdint.h>
#include <cjson/cJSON.h>
#include "tserr.h"

/* Replace names, UPNs, mails, mail nicknames, employee ids, user keys and
** tenant ids in scenario pScn (a cJSON tree the caller owns, modified in
** place) with pseudonyms derived from seed, as described above. Same seed
** + same original value => same pseudonym, whatever else the scenario
** holds (up to the collision rule above). Returns TS_OK; TS_ERR when the
** document is malformed where personal data lives (users not an array, a
** key or name that is not a string, a duplicate user key) or when two
** distinct originals would still collide after disambiguation; TS_NOMEM.
** pErr (may be NULL) says why. On any failure pScn is left unchanged: the
** pass rewrites a copy and swaps it in only when everything succeeded. */
int pseudonym_scenario(cJSON *pScn, uint64_t seed, TsErr *pErr);

#endif
