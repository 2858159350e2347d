/* model_shape.c - the format's structure, checked while the file streams by.
 *
 * libxml2's RELAX NG messages name neither the attribute nor what was
 * expected ("Element process failed to validate attributes"), and RELAX NG
 * needs the whole document in memory. This checker knows the format: it
 * sees each element as the parser meets it, places it (or says why it does
 * not belong there), checks its attributes and, at its end, what it lacks;
 * one line per problem, all of them, in file order. It is what decides
 * whether a file loads; `prmwb check` runs the schema as well. The tables
 * below describe the same format as models/prm.rng (version 1) and
 * models/prm-2.rng (version 2): test_model.c checks that both give the same
 * verdict on every file in tests/data and on a set of borderline documents.
 *
 * Problems are kept with a key (the element's position in the file, then
 * placement, attributes, missing parts) and sorted at the end, so that what
 * an element lacks (known only at its end tag) is reported before what is
 * wrong inside it. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model_int.h"
#include "text.h"

enum vkind {
	V_MODEL_ID,     /* [a-z0-9][a-z0-9._-]{0,63} */
	V_LOCAL_ID,     /* [A-Za-z0-9][A-Za-z0-9._-]{0,31} */
	V_REL_TYPE,     /* [a-z][a-z0-9-]{0,31} */
	V_LINE,         /* 1..200 characters */
	V_PATH,         /* 1..1024 characters */
	V_POSINT,       /* xsd:positiveInteger */
};

#define LINE_MAX_CHARS 200
#define PATH_MAX_CHARS 1024
/* libxml2 reads at most this many significant digits of an integer. */
#define POSINT_MAX_DIGITS 24

enum occurs { ONE, OPT, MANY /* one or more */, ANY /* zero or more */ };
enum content {
	C_ELEMENTS,     /* child elements in the order of kids[] */
	C_TEXT,         /* plain text */
	C_LINE,         /* plain text, 1..200 characters */
	C_MIXED,        /* text and kids[] elements, in any order */
	C_EMPTY,        /* nothing: attributes only */
};

enum { A_REQ = 1, A_GROUP = 2 };
/* How many of the attributes marked A_GROUP an element may have. */
enum group_rule { G_NONE, G_AT_MOST_ONE, G_ONE };

struct attr_spec {
	const char *name;
	enum vkind kind;
	unsigned flags;
};

struct el_spec;

struct child_spec {
	const char *name;
	enum occurs occurs;
	const struct el_spec *spec;
};

#define MAX_ATTRS 5
#define MAX_KIDS 10

struct el_spec {
	const char *name;
	enum el el;
	struct attr_spec attrs[MAX_ATTRS];      /* up to a NULL name */
	enum group_rule group;
	enum content content;
	struct child_spec kids[MAX_KIDS];       /* up to a NULL name */
	/* The element's content differs with its attributes: alt is used
	 * instead when it has one of the attributes alt_if (the attributes
	 * themselves are the same in both). */
	const struct el_spec *alt;
	const char *alt_if[2];
};

/* ---- the format ---- */

static const struct el_spec S_title, S_source, S_licence, S_description, S_summary,
	S_purpose, S_activities, S_activity, S_inputs, S_input, S_outputs, S_output,
	S_references, S_reference, S_relations, S_relation, S_outcome_text,
	S1_prm, S1_category, S1_process, S1_outcomes,
	S2_prm, S2_prm_ext, S2_reltypes, S2_reltype, S2_category, S2_process,
	S2_outcomes, S2_outcome, S2_tailor_p, S2_tailor_c, S2_add_p, S2_replace_p,
	S2_add_c, S2_replace_c, S2_name, S2_short;

#define TEXT_EL(var, nm, e, c) \
	static const struct el_spec var = { nm, e, { { 0 } }, G_NONE, c, { { 0 } }, NULL, { 0 } }

TEXT_EL(S_title, "title", EL_TITLE, C_LINE);
TEXT_EL(S_source, "source", EL_SOURCE, C_TEXT);
TEXT_EL(S_licence, "licence", EL_LICENCE, C_TEXT);
TEXT_EL(S_description, "description", EL_DESCRIPTION, C_TEXT);
TEXT_EL(S_summary, "summary", EL_SUMMARY, C_TEXT);
TEXT_EL(S_purpose, "purpose", EL_PURPOSE, C_TEXT);
TEXT_EL(S_activity, "activity", EL_ACTIVITY, C_TEXT);
TEXT_EL(S_input, "input", EL_INPUT, C_TEXT);
TEXT_EL(S_output, "output", EL_OUTPUT, C_TEXT);
TEXT_EL(S2_name, "name", EL_NAME, C_LINE);
TEXT_EL(S2_short, "short", EL_SHORT, C_LINE);

#define LIST_EL(var, nm, e, kid, kidspec) \
	static const struct el_spec var = { nm, e, { { 0 } }, G_NONE, C_ELEMENTS, \
	                                    { { kid, MANY, &kidspec } }, NULL, { 0 } }

LIST_EL(S_activities, "activities", EL_ACTIVITIES, "activity", S_activity);
LIST_EL(S_inputs, "inputs", EL_INPUTS, "input", S_input);
LIST_EL(S_outputs, "outputs", EL_OUTPUTS, "output", S_output);
LIST_EL(S_references, "references", EL_REFERENCES, "reference", S_reference);
LIST_EL(S_relations, "relations", EL_RELATIONS, "relation", S_relation);
LIST_EL(S1_outcomes, "outcomes", EL_OUTCOMES, "outcome", S_outcome_text);
LIST_EL(S2_outcomes, "outcomes", EL_OUTCOMES, "outcome", S2_outcome);
LIST_EL(S2_reltypes, "relation-types", EL_RELATION_TYPES, "relation-type", S2_reltype);

static const struct el_spec S_reference = {
	"reference", EL_REFERENCE,
	{ { "standard", V_LINE, A_REQ }, { "clause", V_LINE, A_REQ } }, G_NONE, C_TEXT,
	{ { 0 } }, NULL, { 0 } };
static const struct el_spec S_relation = {
	"relation", EL_RELATION,
	{ { "type", V_REL_TYPE, A_REQ }, { "target", V_LOCAL_ID, A_REQ } }, G_NONE, C_TEXT,
	{ { 0 } }, NULL, { 0 } };
/* Version 1's outcome, and version 2's new text of an outcome (replace). */
static const struct el_spec S_outcome_text = {
	"outcome", EL_OUTCOME, { { "n", V_POSINT, A_REQ } }, G_NONE, C_TEXT,
	{ { 0 } }, NULL, { 0 } };

/* Version 1: urn:prmwb:prm:1 */
static const struct el_spec S1_prm = {
	"prm", EL_PRM, { { "id", V_MODEL_ID, A_REQ }, { "version", V_LINE, A_REQ } },
	G_NONE, C_ELEMENTS,
	{ { "title", ONE, &S_title }, { "source", OPT, &S_source },
	  { "licence", OPT, &S_licence }, { "description", OPT, &S_description },
	  { "category", MANY, &S1_category } }, NULL, { 0 } };
static const struct el_spec S1_category = {
	"category", EL_CATEGORY, { { "id", V_LOCAL_ID, A_REQ }, { "name", V_LINE, A_REQ } },
	G_NONE, C_ELEMENTS,
	{ { "summary", OPT, &S_summary }, { "process", MANY, &S1_process } }, NULL, { 0 } };
static const struct el_spec S1_process = {
	"process", EL_PROCESS, { { "id", V_LOCAL_ID, A_REQ }, { "name", V_LINE, A_REQ } },
	G_NONE, C_ELEMENTS,
	{ { "summary", OPT, &S_summary }, { "purpose", ONE, &S_purpose },
	  { "outcomes", ONE, &S1_outcomes }, { "activities", OPT, &S_activities },
	  { "inputs", OPT, &S_inputs }, { "outputs", OPT, &S_outputs },
	  { "references", OPT, &S_references }, { "relations", OPT, &S_relations } },
	NULL, { 0 } };

/* Version 2: urn:prmwb:prm:2 */
#define PRM2_ATTRS \
	{ { "id", V_MODEL_ID, A_REQ }, { "version", V_LINE, A_REQ }, \
	  { "extends", V_MODEL_ID, A_GROUP }, { "extends-file", V_PATH, A_GROUP } }
static const struct el_spec S2_prm = {
	"prm", EL_PRM, PRM2_ATTRS, G_AT_MOST_ONE, C_ELEMENTS,
	{ { "title", ONE, &S_title }, { "source", OPT, &S_source },
	  { "licence", OPT, &S_licence }, { "description", OPT, &S_description },
	  { "relation-types", OPT, &S2_reltypes }, { "category", MANY, &S2_category } },
	&S2_prm_ext, { "extends", "extends-file" } };
/* A model that extends another: what it adds and changes. */
static const struct el_spec S2_prm_ext = {
	"prm", EL_PRM, PRM2_ATTRS, G_AT_MOST_ONE, C_ELEMENTS,
	{ { "title", ONE, &S_title }, { "source", OPT, &S_source },
	  { "licence", OPT, &S_licence }, { "description", OPT, &S_description },
	  { "relation-types", OPT, &S2_reltypes }, { "category", ANY, &S2_category },
	  { "tailor", ANY, &S2_tailor_p } }, NULL, { 0 } };
static const struct el_spec S2_reltype = {
	"relation-type", EL_RELATION_TYPE,
	{ { "id", V_REL_TYPE, A_REQ }, { "label", V_LINE, A_REQ },
	  { "inverse", V_LINE, A_REQ } }, G_NONE, C_EMPTY, { { 0 } }, NULL, { 0 } };
static const struct el_spec S2_category = {
	"category", EL_CATEGORY, { { "id", V_LOCAL_ID, A_REQ }, { "name", V_LINE, A_REQ } },
	G_NONE, C_ELEMENTS,
	{ { "summary", OPT, &S_summary }, { "process", MANY, &S2_process } }, NULL, { 0 } };
static const struct el_spec S2_process = {
	"process", EL_PROCESS,
	{ { "id", V_LOCAL_ID, A_REQ }, { "name", V_LINE, A_REQ }, { "short", V_LINE, 0 } },
	G_NONE, C_ELEMENTS,
	{ { "summary", OPT, &S_summary }, { "purpose", ONE, &S_purpose },
	  { "outcomes", ONE, &S2_outcomes }, { "activities", OPT, &S_activities },
	  { "inputs", OPT, &S_inputs }, { "outputs", OPT, &S_outputs },
	  { "references", OPT, &S_references }, { "relations", OPT, &S_relations },
	  { "process", ANY, &S2_process } }, NULL, { 0 } };
static const struct el_spec S2_outcome = {
	"outcome", EL_OUTCOME, { { "n", V_POSINT, A_REQ } }, G_NONE, C_MIXED,
	{ { "reference", ANY, &S_reference } }, NULL, { 0 } };
#define TAILOR_ATTRS \
	{ { "process", V_LOCAL_ID, A_GROUP }, { "category", V_LOCAL_ID, A_GROUP } }
static const struct el_spec S2_tailor_p = {
	"tailor", EL_TAILOR_PROCESS, TAILOR_ATTRS, G_ONE, C_ELEMENTS,
	{ { "add", OPT, &S2_add_p }, { "replace", OPT, &S2_replace_p } },
	&S2_tailor_c, { "category", NULL } };
static const struct el_spec S2_tailor_c = {
	"tailor", EL_TAILOR_CATEGORY, TAILOR_ATTRS, G_ONE, C_ELEMENTS,
	{ { "add", OPT, &S2_add_c }, { "replace", OPT, &S2_replace_c } }, NULL, { 0 } };
static const struct el_spec S2_add_p = {
	"add", EL_ADD, { { 0 } }, G_NONE, C_ELEMENTS,
	{ { "short", OPT, &S2_short }, { "summary", OPT, &S_summary },
	  { "outcome", ANY, &S2_outcome }, { "activity", ANY, &S_activity },
	  { "input", ANY, &S_input }, { "output", ANY, &S_output },
	  { "reference", ANY, &S_reference }, { "relation", ANY, &S_relation },
	  { "process", ANY, &S2_process } }, NULL, { 0 } };
static const struct el_spec S2_replace_p = {
	"replace", EL_REPLACE, { { 0 } }, G_NONE, C_ELEMENTS,
	{ { "name", OPT, &S2_name }, { "short", OPT, &S2_short },
	  { "summary", OPT, &S_summary }, { "purpose", OPT, &S_purpose },
	  { "outcome", ANY, &S_outcome_text } }, NULL, { 0 } };
static const struct el_spec S2_add_c = {
	"add", EL_ADD, { { 0 } }, G_NONE, C_ELEMENTS,
	{ { "summary", OPT, &S_summary }, { "process", ANY, &S2_process } }, NULL, { 0 } };
static const struct el_spec S2_replace_c = {
	"replace", EL_REPLACE, { { 0 } }, G_NONE, C_ELEMENTS,
	{ { "name", OPT, &S2_name }, { "summary", OPT, &S_summary } }, NULL, { 0 } };

bool el_has_text(enum el el)
{
	switch (el) {
	case EL_TITLE: case EL_SOURCE: case EL_LICENCE: case EL_DESCRIPTION:
	case EL_SUMMARY: case EL_PURPOSE: case EL_OUTCOME: case EL_ACTIVITY:
	case EL_INPUT: case EL_OUTPUT: case EL_REFERENCE: case EL_RELATION:
	case EL_NAME: case EL_SHORT:
		return true;
	default:
		return false;
	}
}

/* ---- values ---- */

static bool xml_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Characters (not bytes) of UTF-8 text; libxml2 counts the same way. */
static size_t utf8_chars(const char *s, size_t len)
{
	size_t n = 0;

	for (size_t i = 0; i < len; i++)
		n += ((unsigned char)s[i] & 0xC0) != 0x80;
	return n;
}

/* Character classes of the id patterns, one bit each. */
enum { K_LOWER = 1, K_UPPER = 2, K_DIGIT = 4, K_DOT = 8, K_UNDER = 16, K_DASH = 32 };

static unsigned char char_class(unsigned char c)
{
	if (c >= 'a' && c <= 'z')
		return K_LOWER;
	if (c >= 'A' && c <= 'Z')
		return K_UPPER;
	if (c >= '0' && c <= '9')
		return K_DIGIT;
	return c == '.' ? K_DOT : c == '_' ? K_UNDER : c == '-' ? K_DASH : 0;
}

/* Does s match one character of class first, then up to max of rest? */
static bool matches(const char *s, size_t len, unsigned first, unsigned rest, size_t max)
{
	if (len == 0 || !(char_class((unsigned char)s[0]) & first) || len - 1 > max)
		return false;
	for (size_t i = 1; i < len; i++)
		if (!(char_class((unsigned char)s[i]) & rest))
			return false;
	return true;
}

/* xsd:positiveInteger after whitespace collapsing: "+"? digits, not zero.
 * *too_long: valid but more significant digits than libxml2 reads. */
static bool posint(const char *s, size_t len, bool *too_long)
{
	const char *e = s + len;
	size_t digits = 0, sig = 0;

	*too_long = false;
	while (s < e && xml_space(*s))
		s++;
	if (s < e && *s == '+')
		s++;
	for (; s < e && *s >= '0' && *s <= '9'; s++, digits++)
		sig += sig > 0 || *s != '0';
	while (s < e && xml_space(*s))
		s++;
	if (s != e || digits == 0 || sig == 0)
		return false;
	*too_long = sig > POSINT_MAX_DIGITS;
	return !*too_long;
}

/* What a value of this kind must do, for messages: "... must %s". */
static const char *expected(enum vkind k)
{
	switch (k) {
	case V_MODEL_ID: return "match [a-z0-9][a-z0-9._-]{0,63}";
	case V_LOCAL_ID: return "match [A-Za-z0-9][A-Za-z0-9._-]{0,31}";
	case V_REL_TYPE: return "match [a-z][a-z0-9-]{0,31}";
	case V_LINE: return "be 1 to 200 characters";
	case V_PATH: return "be a path of 1 to 1024 characters";
	case V_POSINT: return "be a whole number from 1 up";
	}
	return "?";
}

/* What a value of this kind is, for "missing" messages. */
static const char *what(enum vkind k)
{
	switch (k) {
	case V_MODEL_ID: return "an id matching [a-z0-9][a-z0-9._-]{0,63}";
	case V_LOCAL_ID: return "an id matching [A-Za-z0-9][A-Za-z0-9._-]{0,31}";
	case V_REL_TYPE: return "a type matching [a-z][a-z0-9-]{0,31}";
	case V_LINE: return "1 to 200 characters";
	case V_PATH: return "a path of 1 to 1024 characters";
	case V_POSINT: return "a whole number from 1 up";
	}
	return "?";
}

/* A quoted excerpt of an untrusted value: at most 40 bytes, cut on a
 * character boundary. diag_print escapes control characters. */
static const char *excerpt(const char *s, size_t n, char *buf, size_t size)
{
	size_t max = 40;

	if (n <= max) {
		snprintf(buf, size, "\"%.*s\"", (int)n, s);
		return buf;
	}
	while (max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80)
		max--;
	snprintf(buf, size, "\"%.*s...\"", (int)max, s);
	return buf;
}

/* ---- the checker ---- */

struct frame {
	const struct el_spec *sp;       /* NULL: inside something skipped */
	unsigned long ev;               /* position of the element in the file */
	long line;
	struct frame *named;            /* the element messages name: this or an
	                                 * ancestor (a process, category, ...), NULL */
	const char *kind;               /* named: "process", ... and its id */
	char id[41];
	int id_len;                     /* -1: no id */
	bool label_ready;
	char label[80];                 /* "process 7.4: ", made when needed */
	int last;                       /* kid index of the latest child placed, -1 */
	long last_line;
	size_t chars;                   /* C_LINE: characters of text */
	bool elements;                  /* text content: an element was met */
	bool in_text;                   /* element content: in a run of stray text */
	unsigned count[MAX_KIDS];
	unsigned long first[MAX_KIDS], latest[MAX_KIDS];  /* ev of children */
};

struct problem {
	unsigned long ev;
	int phase;                      /* 0 placement, 1 attributes, 2 missing parts */
	size_t seq;
	long line;
	char *msg;
};

struct shape {
	struct diag *diag;
	const char *name;
	const char *ns;
	const char *ns_seen;            /* the parser's pointer to ns, once met */
	const struct el_spec *root;
	struct frame frames[PRM_MAX_DEPTH + 2];
	int depth;                      /* frames in use */
	unsigned long ev;
	struct problem *pv;
	size_t n, cap, kept_max, dropped, seq;
	bool oom;
};

struct shape *shape_new(const char *name, int version, struct diag *diag)
{
	struct shape *s = calloc(1, sizeof *s);

	if (!s)
		return NULL;
	s->diag = diag;
	s->name = name;
	s->ns = version == 2 ? PRM_NS2 : PRM_NS1;
	s->root = version == 2 ? &S2_prm : &S1_prm;
	s->kept_max = diag->max ? diag->max : 100;
	return s;
}

void shape_free(struct shape *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->n; i++)
		free(s->pv[i].msg);
	free(s->pv);
	free(s);
}

static int cmp_problem(const void *a, const void *b)
{
	const struct problem *x = a, *y = b;

	if (x->ev != y->ev)
		return x->ev < y->ev ? -1 : 1;
	if (x->phase != y->phase)
		return x->phase < y->phase ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Keep the first kept_max problems in file order: a hostile file may
 * have millions, and only those are ever shown. */
static void trim(struct shape *s)
{
	if (s->n > 1)
		qsort(s->pv, s->n, sizeof *s->pv, cmp_problem);
	for (size_t i = s->kept_max; i < s->n; i++)
		free(s->pv[i].msg);
	if (s->n > s->kept_max) {
		s->dropped += s->n - s->kept_max;
		s->n = s->kept_max;
	}
}

static void problem(struct shape *s, unsigned long ev, int phase, long line,
                    const char *who, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));

static void problem(struct shape *s, unsigned long ev, int phase, long line,
                    const char *who, const char *fmt, ...)
{
	va_list ap;
	char *msg, *full;

	va_start(ap, fmt);
	msg = text_vprintf(fmt, ap);
	va_end(ap);
	full = msg ? text_printf("%s%s", who ? who : "", msg) : NULL;
	free(msg);
	if (!full) {
		s->oom = true;
		return;
	}
	if (s->n == s->cap && s->n >= 4 * s->kept_max)
		trim(s);
	if (s->n == s->cap) {
		size_t cap = s->cap ? 2 * s->cap : 16;
		struct problem *v = realloc(s->pv, cap * sizeof *v);

		if (!v) {
			free(full);
			s->oom = true;
			return;
		}
		s->pv = v;
		s->cap = cap;
	}
	s->pv[s->n++] = (struct problem){ ev, phase, s->seq++, line, full };
}

size_t shape_finish(struct shape *s)
{
	size_t found;

	trim(s);
	for (size_t i = 0; i < s->n; i++)
		diag_addf(s->diag, s->name, s->pv[i].line, "%s", s->pv[i].msg);
	s->diag->dropped += s->dropped;
	if (s->oom)
		diag_addf(s->diag, s->name, 0, "out of memory while checking the model");
	found = s->n + s->dropped + s->oom;
	shape_free(s);
	return found;
}

/* The value of the unprefixed attribute name, or NULL. */
static const struct xattr *find_attr(const struct xattr *a, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (!a[i].prefix && a[i].name[0] == name[0] && strcmp(a[i].name, name) == 0)
			return &a[i];
	return NULL;
}

/* Name the element in messages about it and what it holds (only the
 * pieces: the message prefix is made if there is a problem). */
static void set_label(struct frame *f, const struct xattr *a, size_t n)
{
	const char *attr = "id";
	const struct xattr *v;

	switch (f->sp->el) {
	case EL_PRM: f->kind = "model"; break;
	case EL_CATEGORY: f->kind = "category"; break;
	case EL_PROCESS: f->kind = "process"; break;
	case EL_TAILOR_PROCESS: f->kind = "tailor of process"; attr = "process"; break;
	case EL_TAILOR_CATEGORY: f->kind = "tailor of category"; attr = "category"; break;
	default: return;
	}
	v = find_attr(a, n, attr);
	f->id_len = v ? (int)(v->len > 40 ? 40 : v->len) : -1;
	if (v)
		memcpy(f->id, v->value, (size_t)f->id_len);
	f->label_ready = false;
	f->named = f;
}

/* "process 7.4: " for messages about what is in named; NULL for none. */
static const char *label_of(struct frame *named)
{
	if (!named)
		return NULL;
	if (!named->label_ready) {
		if (named->id_len >= 0)
			snprintf(named->label, sizeof named->label, "%s %.*s: ", named->kind,
			         named->id_len, named->id);
		else
			snprintf(named->label, sizeof named->label, "%s (no id): ", named->kind);
		named->label_ready = true;
	}
	return named->label;
}

#define WHO(f) label_of((f)->named)

/* Who a problem about placing an element is about: the element itself if
 * it is a process or a category, else what it is in. */
static const char *child_who(struct frame *p, const char *local,
                             const struct xattr *a, size_t n, char *buf, size_t size)
{
	const struct xattr *v;

	if (strcmp(local, "process") != 0 && strcmp(local, "category") != 0)
		return WHO(p);
	v = find_attr(a, n, "id");
	if (v)
		snprintf(buf, size, "%s %.*s: ", local, (int)(v->len > 40 ? 40 : v->len),
		         v->value);
	else
		snprintf(buf, size, "%s (no id): ", local);
	return buf;
}

static void check_attrs(struct shape *s, struct frame *f, const struct xattr *a,
                        size_t n)
{
	const struct el_spec *sp = f->sp;
	char allowed[96], buf[64];
	const char *group[MAX_ATTRS];
	size_t n_group = 0, n_in_group = 0;

	allowed[0] = '\0';
	for (const struct attr_spec *as = sp->attrs; as->name; as++)
		if (as->flags & A_GROUP)
			group[n_group++] = as->name;
	for (size_t i = 0; i < n; i++) {
		bool known = false;

		for (const struct attr_spec *as = sp->attrs; as->name && !a[i].prefix && !known; as++)
			known = a[i].name[0] == as->name[0] && strcmp(a[i].name, as->name) == 0;
		if (known)
			continue;
		if (!*allowed)
			for (const struct attr_spec *as = sp->attrs; as->name; as++)
				snprintf(allowed + strlen(allowed), sizeof allowed - strlen(allowed),
				         "%s%s", as == sp->attrs ? "" : ", ", as->name);
		problem(s, f->ev, 1, f->line, WHO(f), "unknown attribute %s%s%s on <%s> (%s%s)",
		        a[i].prefix ? a[i].prefix : "", a[i].prefix ? ":" : "", a[i].name,
		        sp->name, *allowed ? "allowed: " : "it takes no attributes", allowed);
	}
	for (const struct attr_spec *as = sp->attrs; as->name; as++) {
		const struct xattr *v = find_attr(a, n, as->name);
		bool too_long = false;
		size_t chars;

		if (!v) {
			if (as->flags & A_REQ)
				problem(s, f->ev, 1, f->line, WHO(f),
				        "<%s> has no attribute %s (required: %s)", sp->name,
				        as->name, what(as->kind));
			continue;
		}
		n_in_group += (as->flags & A_GROUP) != 0;
		switch (as->kind) {
		case V_MODEL_ID:
			if (!matches(v->value, v->len, K_LOWER | K_DIGIT,
			             K_LOWER | K_DIGIT | K_DOT | K_UNDER | K_DASH, 63))
				goto bad;
			break;
		case V_LOCAL_ID:
			if (!matches(v->value, v->len, K_LOWER | K_UPPER | K_DIGIT,
			             K_LOWER | K_UPPER | K_DIGIT | K_DOT | K_UNDER | K_DASH, 31))
				goto bad;
			break;
		case V_REL_TYPE:
			if (!matches(v->value, v->len, K_LOWER, K_LOWER | K_DIGIT | K_DASH, 31))
				goto bad;
			break;
		case V_LINE:
		case V_PATH:
			chars = utf8_chars(v->value, v->len);
			if (chars == 0)
				problem(s, f->ev, 1, f->line, WHO(f),
				        "attribute %s of <%s> is empty: it must %s",
				        as->name, sp->name, expected(as->kind));
			else if (chars > (as->kind == V_LINE ? LINE_MAX_CHARS : PATH_MAX_CHARS))
				problem(s, f->ev, 1, f->line, WHO(f),
				        "attribute %s of <%s> is %zu characters long, "
				        "at most %d are allowed", as->name, sp->name, chars,
				        as->kind == V_LINE ? LINE_MAX_CHARS : PATH_MAX_CHARS);
			break;
		case V_POSINT:
			if (!posint(v->value, v->len, &too_long)) {
				if (!too_long)
					goto bad;
				problem(s, f->ev, 1, f->line, WHO(f),
				        "attribute %s=%s of <%s> has more than %d digits", as->name,
				        excerpt(v->value, v->len, buf, sizeof buf), sp->name,
				        POSINT_MAX_DIGITS);
			}
			break;
		}
		continue;
bad:
		problem(s, f->ev, 1, f->line, WHO(f), "attribute %s=%s of <%s> must %s",
		        as->name, excerpt(v->value, v->len, buf, sizeof buf), sp->name,
		        expected(as->kind));
	}
	if (n_group == 2 && n_in_group == 2)
		problem(s, f->ev, 1, f->line, WHO(f), "<%s> has both %s and %s: use one",
		        sp->name, group[0], group[1]);
	else if (n_group == 2 && n_in_group == 0 && sp->group == G_ONE)
		problem(s, f->ev, 1, f->line, WHO(f), "<%s> has neither %s nor %s (one is "
		        "required: %s)", sp->name, group[0], group[1], what(sp->attrs[0].kind));
}

static bool repeats(enum occurs o)
{
	return o == MANY || o == ANY;
}

static bool required(enum occurs o)
{
	return o == ONE || o == MANY;
}

/* The children a C_ELEMENTS element may have after the one at index last
 * (-1: before the first), for "expected one of ...". */
static void expected_after(const struct el_spec *sp, int last, char *buf, size_t size)
{
	size_t n = 0;
	int i = last < 0 ? 0 : last;
	bool end = true;

	buf[0] = '\0';
	if (last >= 0 && !repeats(sp->kids[last].occurs))
		i++;
	for (; sp->kids[i].name && i < MAX_KIDS; i++) {
		n += (size_t)snprintf(buf + n, n < size ? size - n : 0, "%s<%s>",
		                      n ? ", " : "", sp->kids[i].name);
		if (n >= size)
			n = size - 1;
		if (required(sp->kids[i].occurs) && i != last) {
			end = false;
			break;
		}
	}
	if (end)
		snprintf(buf + n, n < size ? size - n : 0, "%s</%s>", n ? " or " : "", sp->name);
}

/* The kids of a C_MIXED element, for messages: "<reference>". */
static void kid_names(const struct el_spec *sp, char *buf, size_t size)
{
	size_t n = 0;

	buf[0] = '\0';
	for (int i = 0; i < MAX_KIDS && sp->kids[i].name; i++) {
		n += (size_t)snprintf(buf + n, n < size ? size - n : 0, "%s<%s>",
		                      n ? " and " : "", sp->kids[i].name);
		if (n >= size)
			n = size - 1;
	}
}

static struct frame *push(struct shape *s, const struct el_spec *sp, unsigned long ev,
                          long line, struct frame *named)
{
	struct frame *f = &s->frames[s->depth++];

	f->sp = sp;
	f->ev = ev;
	f->line = line;
	f->named = named;
	f->last = -1;
	f->chars = 0;
	f->elements = false;
	f->in_text = false;
	if (sp && sp->content == C_ELEMENTS)
		for (int i = 0; i < MAX_KIDS && sp->kids[i].name; i++)
			f->count[i] = 0;
	return f;
}

enum el shape_start(struct shape *s, const char *local, const char *uri,
                    const struct xattr *attrs, size_t n_attrs, long line)
{
	unsigned long ev = ++s->ev;
	const struct el_spec *sp;
	struct frame *p, *f;
	bool ours = uri && (uri == s->ns_seen || strcmp(uri, s->ns) == 0);
	char want[240], who[80];
	int ix = -1;

	if (s->depth >= (int)(sizeof s->frames / sizeof s->frames[0]))
		return EL_SKIP;         /* the parser stops deeper documents */
	if (ours)
		s->ns_seen = uri;       /* the parser interns names: one compare */
	if (s->depth == 0) {
		sp = s->root;
		goto place;
	}
	p = &s->frames[s->depth - 1];
	p->in_text = false;
	if (!p->sp) {
		push(s, NULL, ev, line, p->named);
		return EL_SKIP;
	}
	switch (p->sp->content) {
	case C_TEXT:
	case C_LINE:
		problem(s, ev, 0, line,
		        child_who(p, local, attrs, n_attrs, who, sizeof who), "element <%s> inside <%s>, which holds plain "
		        "text only", local, p->sp->name);
		p->elements = true;
		push(s, NULL, ev, line, p->named);
		return EL_SKIP;
	case C_EMPTY:
		problem(s, ev, 0, line,
		        child_who(p, local, attrs, n_attrs, who, sizeof who), "element <%s> inside <%s>, which holds "
		        "nothing (attributes only)", local, p->sp->name);
		push(s, NULL, ev, line, p->named);
		return EL_SKIP;
	case C_MIXED:
		for (int i = 0; ours && i < MAX_KIDS && p->sp->kids[i].name; i++)
			if (strcmp(local, p->sp->kids[i].name) == 0)
				ix = i;
		if (ix < 0) {
			kid_names(p->sp, want, sizeof want);
			problem(s, ev, 0, line,
		        child_who(p, local, attrs, n_attrs, who, sizeof who), "element <%s> inside <%s>, which holds "
			        "text and %s only", local, p->sp->name, want);
			push(s, NULL, ev, line, p->named);
			return EL_SKIP;
		}
		sp = p->sp->kids[ix].spec;
		goto place;
	case C_ELEMENTS:
		break;
	}
	for (int i = 0; ours && i < MAX_KIDS && p->sp->kids[i].name; i++)
		if (local[0] == p->sp->kids[i].name[0] && strcmp(local, p->sp->kids[i].name) == 0) {
			ix = i;
			break;
		}
	if (ix < 0) {
		expected_after(p->sp, p->last, want, sizeof want);
		if (!ours)
			problem(s, ev, 0, line,
		        child_who(p, local, attrs, n_attrs, who, sizeof who), "element <%s> in %s%s%s inside <%s>: not "
			        "part of the format (namespace is not %s)", local,
			        uri ? "namespace \"" : "no namespace", uri ? uri : "",
			        uri ? "\"" : "", p->sp->name, s->ns);
		else
			problem(s, ev, 0, line,
		        child_who(p, local, attrs, n_attrs, who, sizeof who), "unknown element <%s> inside <%s>, "
			        "expected %s%s", local, p->sp->name,
			        strchr(want, ',') || strstr(want, " or ") ? "one of " : "", want);
		push(s, NULL, ev, line, p->named);
		return EL_SKIP;
	}
	if (ix < p->last)
		problem(s, ev, 0, line,
		        child_who(p, local, attrs, n_attrs, who, sizeof who), "<%s> is out of order: it must come before "
		        "<%s> (line %ld)", p->sp->kids[ix].name, p->sp->kids[p->last].name,
		        p->last_line);
	else if (ix == p->last && !repeats(p->sp->kids[ix].occurs))
		problem(s, ev, 0, line,
		        child_who(p, local, attrs, n_attrs, who, sizeof who), "more than one <%s> inside <%s> (first at "
		        "line %ld)", p->sp->kids[ix].name, p->sp->name, p->last_line);
	if (p->count[ix]++ == 0)
		p->first[ix] = ev;
	p->latest[ix] = ev;
	if (ix > p->last) {
		p->last = ix;
		p->last_line = line;
	}
	sp = p->sp->kids[ix].spec;
place:
	if (sp->alt && ((sp->alt_if[0] && find_attr(attrs, n_attrs, sp->alt_if[0])) ||
	                (sp->alt_if[1] && find_attr(attrs, n_attrs, sp->alt_if[1]))))
		sp = sp->alt;
	f = push(s, sp, ev, line, s->depth ? s->frames[s->depth - 1].named : NULL);
	set_label(f, attrs, n_attrs);
	check_attrs(s, f, attrs, n_attrs);
	return sp->el;
}

void shape_text(struct shape *s, const char *text, size_t len, long line)
{
	struct frame *f;
	size_t i = 0;
	char buf[64];

	if (s->depth == 0)
		return;
	f = &s->frames[s->depth - 1];
	if (!f->sp)
		return;
	switch (f->sp->content) {
	case C_LINE:
		f->chars += utf8_chars(text, len);
		return;
	case C_TEXT:
	case C_MIXED:
		return;
	case C_ELEMENTS:
	case C_EMPTY:
		break;
	}
	if (f->in_text)
		return;
	while (i < len && xml_space(text[i]))
		i++;
	if (i == len)
		return;
	f->in_text = true;
	if (f->sp->content == C_EMPTY)
		problem(s, ++s->ev, 0, line, WHO(f), "text %s inside <%s>, which holds "
		        "nothing (attributes only)", excerpt(text + i, len - i, buf, sizeof buf),
		        f->sp->name);
	else
		problem(s, ++s->ev, 0, line, WHO(f), "text %s directly inside <%s>, where "
		        "only elements are allowed", excerpt(text + i, len - i, buf, sizeof buf),
		        f->sp->name);
}

/* What a C_ELEMENTS element lacks, at its end. */
static void check_missing(struct shape *s, struct frame *f)
{
	const struct el_spec *sp = f->sp;

	for (int i = 0; i < MAX_KIDS && sp->kids[i].name; i++) {
		const char *kid = sp->kids[i].name;
		int before = -1, after = -1;

		if (f->count[i] || !required(sp->kids[i].occurs))
			continue;
		if (sp->kids[i].occurs == MANY && i == 0 && !sp->kids[1].name) {
			problem(s, f->ev, 2, f->line, WHO(f), "<%s> is empty: at least one <%s> "
			        "is required", sp->name, kid);
			continue;
		}
		if (sp->kids[i].occurs == MANY) {
			problem(s, f->ev, 2, f->line, WHO(f), "<%s> has no <%s>: at least one is "
			        "required", sp->name, kid);
			continue;
		}
		/* Say where it goes: after the last child that comes earlier in
		 * the order, before the first that comes later. */
		for (int j = 0; j < MAX_KIDS && sp->kids[j].name; j++) {
			if (!f->count[j])
				continue;
			if (j < i && (after < 0 || f->latest[j] > f->latest[after]))
				after = j;
			if (j > i && (before < 0 || f->first[j] < f->first[before]))
				before = j;
		}
		if (i == 0)
			problem(s, f->ev, 2, f->line, WHO(f), "<%s> has no <%s> (required, the "
			        "first child of <%s>)", sp->name, kid, sp->name);
		else if (before >= 0)
			problem(s, f->ev, 2, f->line, WHO(f), "<%s> has no <%s> (required, before "
			        "<%s>)", sp->name, kid, sp->kids[before].name);
		else if (after >= 0)
			problem(s, f->ev, 2, f->line, WHO(f), "<%s> has no <%s> (required, after "
			        "<%s>)", sp->name, kid, sp->kids[after].name);
		else
			problem(s, f->ev, 2, f->line, WHO(f), "<%s> has no <%s> (required)",
			        sp->name, kid);
	}
}

void shape_end(struct shape *s)
{
	struct frame *f;

	if (s->depth == 0)
		return;
	f = &s->frames[--s->depth];
	if (s->depth > 0)
		s->frames[s->depth - 1].in_text = false;
	if (!f->sp)
		return;
	if (f->sp->content == C_ELEMENTS) {
		check_missing(s, f);
	} else if (f->sp->content == C_LINE && !f->elements) {
		if (f->chars == 0)
			problem(s, f->ev, 2, f->line, WHO(f), "<%s> is empty: it must be 1 to %d "
			        "characters", f->sp->name, LINE_MAX_CHARS);
		else if (f->chars > LINE_MAX_CHARS)
			problem(s, f->ev, 2, f->line, WHO(f), "text of <%s> is %zu characters "
			        "long, at most %d are allowed", f->sp->name, f->chars,
			        LINE_MAX_CHARS);
	}
}
