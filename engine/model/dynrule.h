/*
** dynrule.h — Microsoft Entra dynamic membership rules for groups: the
** rule language of a group's membershipRule ("Dynamic membership rules
** for groups", MicrosoftDocs/entra-docs), parsed once and evaluated
** against users.
**
** A rule is a Boolean expression over user properties:
**
**   (user.department -eq "Sales") -and -not (user.userType -eq "Guest")
**
** with the documented comparison operators (-eq -ne -startsWith
** -notStartsWith -endsWith -notEndsWith -contains -notContains -match
** -notMatch -in -notIn, and -ge -le on instants), the logical -and -or
** -not, parentheses, string literals in double (or single) quotes (a
** backtick escapes a quote, '' is one single quote), true/false, null,
** numbers, lists ["a","b"] for -in/-notIn, and the rule Direct Reports for
** "<manager id>" (read as user.manager -eq "<manager id>"). Precedence,
** highest first, as documented: comparisons, -not, -and, -or. Operators,
** keywords and "user." are matched without regard to case, with or
** without the hyphen; values compare without regard to case (ASCII case
** folding: locale-free), -match is PCRE2, caseless, and searches (it is
** not anchored). The grammar is written out at the top of dynrule.c.
** Properties are the user attributes tenantsim models (attr.h) plus
** directory extensions and the extensionAttribute1..15; the caller
** resolves each name (the text after "user.", as written) to an attribute
** id, so this module knows nothing of the World and the resolver decides
** whether names match without regard to case. Rules tenantsim cannot
** evaluate (device rules, multi-valued properties with -any/-all,
** memberOf, system.now) are refused with an error that says so, never
** misread.
**
** Evaluation where Microsoft is silent (tenantsim's choices):
**   - an unset attribute and the empty string are the same value: both
**     are null (-eq null) and both read as "" for the text operators;
**   - every negated operator is exactly the negation of its positive one,
**     so an unset department satisfies -ne "Sales", -notContains "x",
**     -notIn [...] and -notStartsWith "x";
**   - -eq true holds for "True" (any case) or "1", -eq false for "False"
**     (any case) or "0"; an unset Boolean is neither;
**   - -ge/-le compare ISO-8601 instants; an unset or unreadable value
**     satisfies neither;
**   - a -match that PCRE2 gives up on (its match limit, set in dynrule.c)
**     makes that comparison false, for -match and -notMatch alike.
**
** Ownership: dynrule_compile returns a DynRule the caller owns and
** releases with dynrule_free; it keeps no pointer into the rule text or
** the resolver. Allocation goes through mem.h (a failed allocation is
** TS_NOMEM).
*/
#ifndef TS_DYNRULE_H
#define TS_DYNRULE_H
#include <stddef.h>
#include "tserr.h"

typedef struct DynRule DynRule;

/* The attribute id of property zProp (the name after "user.", as written
** in the rule, any case), or -1 when it is not one tenantsim models. */
typedef int (*DynResolve)(void *pCtx, const char *zProp);

/* The value of attribute iAttr of the user being evaluated: NULL when the
** attribute is not set. Booleans read "True"/"False" (attr.h). */
typedef const char *(*DynGet)(void *pCtx, int iAttr);

/* Where and why a rule does not compile. iCol is the 1-based character of
** the rule at which the problem is; zMsg says what was expected (and the
** closest known name, for a misspelt property or operator). */
typedef struct DynError {
  int iCol;
  char zMsg[256];
} DynError;

/* The longest rule the service accepts (documented: 3,072 characters). */
#define DYNRULE_MAX_LEN 3072

/* Compile zRule. Returns TS_OK and sets *ppRule, TS_ERR with *pErr filled
** (and *ppRule NULL) for a rule that is not valid, or TS_NOMEM (*pErr
** then says "out of memory", iCol 0). xResolve is called only during
** compilation, also for names it might suggest. */
int dynrule_compile(const char *zRule, DynResolve xResolve, void *pCtx,
                    DynRule **ppRule, DynError *pErr);

/* Does the user whose attributes xGet reads satisfy p? 1 yes, 0 no. A
** regular expression that cannot be evaluated (PCRE2's match limit, or
** no memory for its backtracking) does not match. */
int dynrule_match(const DynRule *p, DynGet xGet, void *pCtx);

/* The distinct attribute ids p reads, in the order of their first use:
** up to nMax of them into aAttr; returns how many p reads in all. */
int dynrule_attrs(const DynRule *p, int *aAttr, int nMax);

/* Does p compare property iAttr with -eq (or -in) against the value zValue
** (any case) where the comparison makes users with that value members?
** (For the lint rules: a guest-keyed rule compares userType to "Guest".)
** A comparison under an odd number of -not counts the other way round:
** -not (user.userType -ne "Guest") tests "Guest", -not (... -eq "Guest")
** does not. */
int dynrule_tests_value(const DynRule *p, int iAttr, const char *zValue);

void dynrule_free(DynRule *p);

#endif
