/* clause.h - clause ids of standards ("6.1.2", "A.5.24", "Annex A 5.1",
 * ranges "5.19-5.23") as numbers, for search: parsed from folded text,
 * compared by their parts ("5.2" is never "5.24"), found in text. No
 * allocation, no locale. */
#ifndef PRMWB_CLAUSE_H
#define PRMWB_CLAUSE_H

#include <stdbool.h>
#include <stddef.h>

#define CLAUSE_MAX_PARTS 8

/* A clause id: "A.5.24" is annex 'a', parts 5, 24. */
struct clause {
	char annex;             /* folded letter; 0: none (asked for: any) */
	unsigned char n;        /* parts; 0: not a clause id */
	unsigned short part[CLAUSE_MAX_PARTS];
};

/* A clause id asked for in a query. */
struct clause_query {
	struct clause c;
	unsigned std, year;     /* only references to this standard, year (0: any) */
	char number[CLAUSE_MAX_PARTS * 6 + 1];  /* the parts as text: "5.24" */
};

/* A reference's clause text (folded), e.g. "6.1.2", "Annex A 5.1", "A.5.24",
 * "5.19-5.23", "A.5.19-A.5.23", "5.19-23", "5.19 to 5.23": the range lo..hi
 * (lo == hi for one clause; text after one is ignored: "6.1.2 a)"). False
 * if it does not start with a clause id. */
bool clause_parse_ref(const char *s, struct clause *lo, struct clause *hi);

/* A process id (folded) as a clause id ("7.4", "a.5"); n == 0 if it is not one. */
struct clause clause_parse_id(const char *s);

/* The standard's number (and year) in a reference's standard text
 * (folded): the first run of 4 or 5 digits ("iso/iec 27001:2022": 27001,
 * 2022); 0 if none. */
void clause_parse_standard(const char *s, unsigned *num, unsigned *year);

/* A clause id in a query's words (folded) from word i on: "6.1.2" (a dot
 * needed: "2022" is a word), "a.5.24", "a5.24", "annex" "a" "5.24",
 * "annex" "a.5.24", each after an optional standard ("27001", "27001:2022",
 * "iso27001", "iso" "27001", "iso/iec" "27001"; then a single number is a
 * clause too: "27001" "4"). Fills q and returns how many words it takes,
 * 0 if none (q is then undefined). */
size_t clause_query_parse(char *const *word, size_t n, size_t i, struct clause_query *q);

enum clause_match {
	CLAUSE_NO,
	CLAUSE_EXACT,           /* the same clause */
	CLAUSE_IN_RANGE,        /* inside lo..hi (lo != hi) */
	CLAUSE_SUB,             /* lo is a sub-clause of q: 6.1.2 for 6.1 */
	CLAUSE_SUPER,           /* q is part of lo: 6.1 for 6.1.2 */
};

/* How clause q (annex 0: any) relates to the clause or range lo..hi. */
enum clause_match clause_match(const struct clause *q, const struct clause *lo,
                               const struct clause *hi);

/* Where q's number occurs in text (folded or not) as a clause id: not
 * inside a longer number ("5.2" is not in "5.24", "15.2" or "5.2.1") and,
 * if q names an annex, after "A." or "Annex A " (any case). NULL if not. */
const char *clause_find(const char *text, const struct clause_query *q);

#endif
