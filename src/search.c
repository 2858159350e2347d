/* search.c - ranked AND search over a model's text, record text and orphan
 * records (the rules are in search.h).
 *
 * The index holds every text of the model folded once (one arena), in
 * field order per process, and the clause ids of process ids and
 * references parsed into numbers; a query word is folded and classified
 * once. Matching a word is then a strstr per field, stopping at the first
 * field that cannot be beaten, or a comparison of numbers: cheap enough to
 * run over the whole model on every keystroke. */
#include "config.h"
#include "search.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "text.h"

/* Weights, by field. The gaps keep a single stronger hit above any
 * reasonable pile of weaker ones for the same word count. */
enum {
	W_ID_EXACT = 120, W_ID = 100, W_NAME = 90, W_PURPOSE = 60, W_SUMMARY = 55,
	W_OUTCOME = 40, W_ACTIVITY = 30, W_RECORD = 25, W_OTHER = 20,
	/* A clause id in a reference: exactly, inside a range, a sub-clause
	 * of the one asked for, the clause the one asked for is part of. */
	W_CLAUSE = 50, W_CLAUSE_RANGE = 48, W_CLAUSE_SUB = 46, W_CLAUSE_SUPER = 44,
	/* A clause id mentioned in text (any field). */
	W_MENTION = 15,
};

static const int field_weight[] = {
	[SEARCH_ID] = W_ID, [SEARCH_NAME] = W_NAME, [SEARCH_PURPOSE] = W_PURPOSE,
	[SEARCH_SUMMARY] = W_SUMMARY, [SEARCH_OUTCOME] = W_OUTCOME,
	[SEARCH_ACTIVITY] = W_ACTIVITY, [SEARCH_RECORD] = W_RECORD,
	[SEARCH_INPUT] = W_OTHER, [SEARCH_OUTPUT] = W_OTHER,
	[SEARCH_REFERENCE] = W_OTHER, [SEARCH_RELATION] = W_OTHER,
};

const char *search_field_name(enum search_field f)
{
	static const char *const names[] = {
		[SEARCH_ID] = "id", [SEARCH_NAME] = "name", [SEARCH_PURPOSE] = "purpose",
		[SEARCH_SUMMARY] = "summary", [SEARCH_OUTCOME] = "outcome",
		[SEARCH_ACTIVITY] = "activity", [SEARCH_RECORD] = "record",
		[SEARCH_INPUT] = "input", [SEARCH_OUTPUT] = "output",
		[SEARCH_REFERENCE] = "reference", [SEARCH_RELATION] = "relation",
	};
	return (unsigned)f < sizeof names / sizeof names[0] ? names[f] : "?";
}

/* Short, common English words that carry no meaning for a look-up. "it"
 * is not one: "IT" is. Keep man/prmwb.1 and README.md in step. */
const char *const search_stop_words[] = {
	"a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "in",
	"into", "is", "its", "of", "on", "or", "that", "the", "their", "this",
	"to", "with", NULL,
};

/* ---- clause ids ---------------------------------------------------------- */

#define MAX_PARTS 8

/* A clause id as numbers: "A.5.24" is annex 'a', parts 5, 24. */
struct clause {
	char annex;             /* folded letter, 0: none */
	unsigned char n;        /* parts; 0: not a clause id */
	unsigned short part[MAX_PARTS];
};

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool is_letter(char c)
{
	return c >= 'a' && c <= 'z';
}

/* Parse "N(.N)*" at *s (folded) into c's parts; advances *s. False if
 * there is no number or it is out of range. */
static bool parse_number(const char **s, const char *end, struct clause *c)
{
	const char *p = *s;

	c->n = 0;
	for (;;) {
		unsigned long v = 0;
		const char *d = p;

		while (p < end && is_digit(*p) && v <= 65535)
			v = v * 10 + (unsigned)(*p++ - '0');
		if (p == d || v > 65535 || c->n == MAX_PARTS)
			return false;
		c->part[c->n++] = (unsigned short)v;
		if (p + 1 < end && *p == '.' && is_digit(p[1]))
			p++;
		else
			break;
	}
	*s = p;
	return true;
}

static const char *skip_blank(const char *s, const char *end)
{
	while (s < end && (*s == ' ' || *s == '\t'))
		s++;
	return s;
}

/* An annex prefix at *s: "annex a ", "a." or (if bare_letter) "a". Sets
 * c->annex and advances *s; otherwise leaves both. */
static void parse_annex(const char **s, const char *end, struct clause *c)
{
	const char *p = *s;

	if ((size_t)(end - p) > 5 && memcmp(p, "annex", 5) == 0 && (p[5] == ' ' || p[5] == '\t')) {
		p = skip_blank(p + 5, end);
		if (p < end && is_letter(*p) && p + 1 < end && !is_letter(p[1])) {
			c->annex = *p++;
			if (*p == '.')
				p++;
			*s = skip_blank(p, end);
		}
		return;
	}
	if (p + 2 < end && is_letter(p[0]) && p[1] == '.' && is_digit(p[2])) {
		c->annex = p[0];
		*s = p + 2;
	}
}

/* A reference's clause text (folded), e.g. "6.1.2", "Annex A 5.1", "A.5.24",
 * "5.19-5.23", "A.5.19-A.5.23", "5.19-23", "5.19 to 5.23": the range lo..hi
 * (lo == hi for one clause; text after one is ignored: "6.1.2 a)"). False
 * if it does not start with a clause id: it is then only text. */
static bool parse_ref_clause(const char *s, struct clause *lo, struct clause *hi)
{
	const char *end = s + strlen(s), *p = skip_blank(s, end);

	memset(lo, 0, sizeof *lo);
	parse_annex(&p, end, lo);
	if (!parse_number(&p, end, lo))
		return false;
	*hi = *lo;
	p = skip_blank(p, end);
	if (p == end)
		return true;
	if (*p == '-')
		p++;
	else if ((size_t)(end - p) >= 3 && memcmp(p, "\xe2\x80\x93", 3) == 0)   /* en dash */
		p += 3;
	else if ((size_t)(end - p) >= 3 && memcmp(p, "to ", 3) == 0)
		p += 3;
	else
		return true;
	p = skip_blank(p, end);
	{
		struct clause h = { 0 };
		parse_annex(&p, end, &h);
		if (!parse_number(&p, end, &h) || skip_blank(p, end) != end ||
		    (h.annex && h.annex != lo->annex) || h.n > lo->n)
			return false;
		/* "5.19-23": the upper bound's missing leading parts are lo's. */
		hi->n = lo->n;
		for (unsigned i = 0; i < h.n; i++)
			hi->part[lo->n - h.n + i] = h.part[i];
	}
	return true;
}

/* Compare the parts both have: 0 if one is the other or contains it. */
static int cmp_common(const struct clause *a, const struct clause *b)
{
	unsigned n = a->n < b->n ? a->n : b->n;

	for (unsigned i = 0; i < n; i++)
		if (a->part[i] != b->part[i])
			return a->part[i] < b->part[i] ? -1 : 1;
	return 0;
}

/* The standard's number in a reference's standard text (folded): the
 * first run of 4 or 5 digits ("iso/iec 27001:2022" -> 27001, year 2022). */
static void parse_standard(const char *s, unsigned *num, unsigned *year)
{
	*num = *year = 0;
	for (const char *p = s; *p; p++) {
		const char *d = p;
		unsigned v = 0;

		if (!is_digit(*p) || (p > s && is_digit(p[-1])))
			continue;
		while (is_digit(*p) && p - d < 6)
			v = v * 10 + (unsigned)(*p++ - '0');
		if (p - d < 4 || p - d > 5 || is_digit(*p)) {
			while (is_digit(*p))
				p++;
			if (!*p)
				break;
			continue;
		}
		*num = v;
		if (p[0] == ':' && is_digit(p[1]) && is_digit(p[2]) && is_digit(p[3]) &&
		    is_digit(p[4]) && !is_digit(p[5]))
			*year = (unsigned)((p[1] - '0') * 1000 + (p[2] - '0') * 100 +
			                   (p[3] - '0') * 10 + (p[4] - '0'));
		return;
	}
}

/* ---- the index ----------------------------------------------------------- */

struct ix_text {
	size_t off;             /* folded text at arena + off (NUL-terminated) */
	enum search_field field;
	size_t index;           /* which one of the field */
	const char *orig;       /* the model's text */
	bool clause;            /* a reference's clause: clause ids compare as numbers */
};

struct ix_ref {
	struct clause lo, hi;   /* hi.n == 0: the clause is not an id */
	unsigned std, year;     /* 0: none found */
};

struct ix_item {
	size_t text0, n_texts;  /* processes: into ix->texts, strongest field first */
	size_t ref0, n_refs;    /* processes: into ix->refs */
	struct clause id;       /* the id as a clause id (n == 0: it is not one) */
	char *id_orig, *id_fold;        /* orphans: owned */
	char *rec_orig, *rec_fold;      /* record text: owned, or NULL */
};

struct search_index {
	const struct prm_model *m;
	char *arena;
	size_t arena_len, arena_cap;
	struct ix_text *texts;
	size_t n_texts, cap_texts;
	struct ix_ref *refs;
	size_t n_refs;
	struct ix_item *items;
	size_t n_items;         /* m->n_processes + orphans */
	bool oom;
};

static void add_text(struct search_index *ix, const char *s, enum search_field f, size_t index)
{
	size_t len, need;

	if (!s || ix->oom)
		return;
	len = strlen(s);
	need = len + len / 2 + 1;
	if (ix->arena_len + need > ix->arena_cap) {
		size_t cap = ix->arena_cap ? ix->arena_cap : 4096;
		char *p;
		while (ix->arena_len + need > cap)
			cap *= 2;
		if (!(p = realloc(ix->arena, cap))) {
			ix->oom = true;
			return;
		}
		ix->arena = p;
		ix->arena_cap = cap;
	}
	if (ix->n_texts == ix->cap_texts) {
		size_t cap = ix->cap_texts ? ix->cap_texts * 2 : 256;
		struct ix_text *t = realloc(ix->texts, cap * sizeof *t);
		if (!t) {
			ix->oom = true;
			return;
		}
		ix->texts = t;
		ix->cap_texts = cap;
	}
	ix->texts[ix->n_texts++] = (struct ix_text){ ix->arena_len, f, index, s, false };
	ix->arena_len += text_fold(s, len, ix->arena + ix->arena_len, need) + 1;
}

static void add_list(struct search_index *ix, const struct prm_list *l, enum search_field f)
{
	for (size_t i = 0; i < l->n; i++)
		add_text(ix, l->items[i], f, i);
}

/* Parse an id as a clause id ("7.4", "A.5"); n == 0 if it is not one. */
static struct clause id_clause(const char *folded)
{
	struct clause c = { 0 };
	const char *end = folded + strlen(folded), *p = folded;

	parse_annex(&p, end, &c);
	if (!parse_number(&p, end, &c) || p != end)
		c.n = 0;
	return c;
}

struct search_index *search_index_new(const struct prm_model *m)
{
	struct search_index *ix = calloc(1, sizeof *ix);
	size_t n_refs = 0;

	if (!ix)
		return NULL;
	ix->m = m;
	for (size_t p = 0; p < m->n_processes; p++)
		n_refs += m->processes[p].n_references;
	ix->refs = calloc(n_refs + 1, sizeof *ix->refs);
	ix->items = calloc(m->n_processes + 1, sizeof *ix->items);
	if (!ix->refs || !ix->items) {
		search_index_free(ix);
		return NULL;
	}
	ix->n_items = m->n_processes;
	for (size_t p = 0; p < m->n_processes; p++) {
		const struct prm_process *pr = &m->processes[p];
		struct ix_item *it = &ix->items[p];

		it->text0 = ix->n_texts;
		add_text(ix, pr->id, SEARCH_ID, 0);
		add_text(ix, pr->name, SEARCH_NAME, 0);
		add_text(ix, pr->purpose, SEARCH_PURPOSE, 0);
		add_text(ix, pr->summary, SEARCH_SUMMARY, 0);
		for (size_t i = 0; i < pr->n_outcomes; i++)
			add_text(ix, pr->outcomes[i].text, SEARCH_OUTCOME, i);
		add_list(ix, &pr->activities, SEARCH_ACTIVITY);
		add_list(ix, &pr->inputs, SEARCH_INPUT);
		add_list(ix, &pr->outputs, SEARCH_OUTPUT);
		for (size_t i = 0; i < pr->n_references; i++) {
			add_text(ix, pr->references[i].standard, SEARCH_REFERENCE, i);
			add_text(ix, pr->references[i].clause, SEARCH_REFERENCE, i);
			if (!ix->oom && pr->references[i].clause)
				ix->texts[ix->n_texts - 1].clause = true;
			add_text(ix, pr->references[i].note, SEARCH_REFERENCE, i);
		}
		for (size_t i = 0; i < pr->n_relations; i++) {
			add_text(ix, pr->relations[i].type, SEARCH_RELATION, i);
			add_text(ix, pr->relations[i].note, SEARCH_RELATION, i);
		}
		it->n_texts = ix->n_texts - it->text0;
		if (ix->oom) {
			search_index_free(ix);
			return NULL;
		}
		/* The id's folded text is the item's first. */
		it->id = id_clause(ix->arena + ix->texts[it->text0].off);
		it->ref0 = ix->n_refs;
		for (size_t i = 0; i < pr->n_references; i++) {
			struct ix_ref *r = &ix->refs[ix->n_refs++];
			char *f = text_fold_dup(pr->references[i].clause, (size_t)-1);
			char *s = text_fold_dup(pr->references[i].standard, (size_t)-1);

			if (!f || !s || !parse_ref_clause(f, &r->lo, &r->hi))
				r->lo.n = r->hi.n = 0;
			if (s)
				parse_standard(s, &r->std, &r->year);
			free(f);
			free(s);
		}
		it->n_refs = ix->n_refs - it->ref0;
	}
	return ix;
}

static void free_item_strings(struct ix_item *it)
{
	free(it->id_orig);
	free(it->id_fold);
	free(it->rec_orig);
	free(it->rec_fold);
	it->id_orig = it->id_fold = it->rec_orig = it->rec_fold = NULL;
}

void search_index_free(struct search_index *ix)
{
	if (!ix)
		return;
	for (size_t i = 0; ix->items && i < ix->n_items; i++)
		free_item_strings(&ix->items[i]);
	free(ix->items);
	free(ix->refs);
	free(ix->texts);
	free(ix->arena);
	free(ix);
}

/* Owned copies of text and its folded form; false on out-of-memory. */
static bool dup_folded(const char *text, char **orig, char **fold)
{
	*orig = *fold = NULL;
	if (!text)
		return true;
	*orig = strdup(text);
	*fold = text_fold_dup(text, (size_t)-1);
	if (*orig && *fold)
		return true;
	free(*orig);
	free(*fold);
	*orig = *fold = NULL;
	return false;
}

bool search_index_set_record(struct search_index *ix, size_t p, const char *text)
{
	char *orig, *fold;

	if (p >= ix->m->n_processes || !dup_folded(text, &orig, &fold))
		return false;
	free(ix->items[p].rec_orig);
	free(ix->items[p].rec_fold);
	ix->items[p].rec_orig = orig;
	ix->items[p].rec_fold = fold;
	return true;
}

bool search_index_set_orphans(struct search_index *ix, const char *const *ids,
                              const char *const *texts, size_t n)
{
	size_t np = ix->m->n_processes;
	struct ix_item *items;

	for (size_t i = np; i < ix->n_items; i++)
		free_item_strings(&ix->items[i]);
	ix->n_items = np;
	items = realloc(ix->items, (np + n + 1) * sizeof *items);
	if (!items)
		return false;
	ix->items = items;
	for (size_t i = 0; i < n; i++) {
		struct ix_item *it = &items[np + i];

		memset(it, 0, sizeof *it);
		if (!dup_folded(ids[i], &it->id_orig, &it->id_fold) ||
		    !dup_folded(texts ? texts[i] : NULL, &it->rec_orig, &it->rec_fold)) {
			free_item_strings(it);
			for (size_t k = np; k < np + i; k++)
				free_item_strings(&items[k]);
			return false;
		}
		if (it->id_fold)
			it->id = id_clause(it->id_fold);
		ix->n_items = np + i + 1;
	}
	return true;
}

/* ---- queries ------------------------------------------------------------- */

struct qword {
	char *fold;             /* folded word; a clause: its number, "5.24" */
	size_t len;
	bool stop;              /* a stop word */
	bool clause;            /* a clause id: matched as numbers */
	struct clause c;        /* c.annex 0: any annex or none */
	unsigned std, year;     /* only references to this standard (0: any) */
};

struct search_query {
	struct qword *w;
	size_t n;
	bool skip_stop;         /* there are other words: stop words are left out */
};

static bool is_stop_word(const char *w)
{
	for (size_t i = 0; search_stop_words[i]; i++)
		if (strcmp(w, search_stop_words[i]) == 0)
			return true;
	return false;
}

/* A bare clause number: "6.1.2" (a dot needed, unless after a standard:
 * "2022" is a word, "27001 4" is clause 4). */
static bool bare_clause(const char *w, struct clause *c, bool single)
{
	const char *p = w, *end = w + strlen(w);

	memset(c, 0, sizeof *c);
	return parse_number(&p, end, c) && p == end && (c->n >= 2 || single);
}

/* "a.5.24", "a5.24" or, after "annex", "a" + "5" / "5.24". */
static bool annex_clause(const char *w, struct clause *c)
{
	const char *p = w + 1, *end = w + strlen(w);

	memset(c, 0, sizeof *c);
	if (!is_letter(w[0]) || !w[1])
		return false;
	if (*p == '.')
		p++;
	if (!parse_number(&p, end, c) || p != end)
		return false;
	if (w[1] != '.' && c->n < 2)
		return false;   /* "a4" is a word */
	c->annex = w[0];
	return true;
}

/* A standard's number: "27001", "27001:2022", "iso27001", "iso/iec27001". */
static bool standard_word(const char *w, unsigned *num, unsigned *year)
{
	static const char *const prefixes[] = { "iso/iec", "iso", "iec", "" };
	size_t digits = 0;

	for (size_t i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++) {
		size_t n = strlen(prefixes[i]);
		if (strncmp(w, prefixes[i], n) == 0) {
			w += n;
			break;
		}
	}
	while (is_digit(w[digits]))
		digits++;
	if (digits < 4 || digits > 5)
		return false;
	if (w[digits] && !(w[digits] == ':' && strlen(w + digits) == 5 &&
	                   is_digit(w[digits + 1]) && is_digit(w[digits + 2]) &&
	                   is_digit(w[digits + 3]) && is_digit(w[digits + 4])))
		return false;
	parse_standard(w, num, year);
	return *num != 0;
}

/* A clause id starting at word i (after a standard's number: single)
 * sets c and returns how many words it takes (0: none). */
static size_t clause_at(char **word, size_t n, size_t i, struct clause *c, bool single)
{
	if (strcmp(word[i], "annex") == 0 && i + 1 < n) {
		const char *l = word[i + 1];
		if (is_letter(l[0]) && !l[1] && i + 2 < n) {
			const char *p = word[i + 2], *end = p + strlen(p);
			memset(c, 0, sizeof *c);
			if (parse_number(&p, end, c) && p == end) {
				c->annex = l[0];
				return 3;
			}
		}
		if (annex_clause(l, c) && l[1] == '.')
			return 2;
		return 0;
	}
	if (annex_clause(word[i], c) || bare_clause(word[i], c, single))
		return 1;
	return 0;
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

void search_query_free(struct search_query *q)
{
	if (!q)
		return;
	for (size_t i = 0; i < q->n; i++)
		free(q->w[i].fold);
	free(q->w);
	free(q);
}

/* The words of words[] folded and split at white space, in *out (each
 * malloc'd); returns how many, or (size_t)-1 on out-of-memory. */
static size_t split_words(const char *const *words, size_t n_words, char ***out)
{
	size_t n = 0, cap = 0;
	char **w = NULL;

	for (size_t i = 0; i < n_words; i++) {
		const char *s = words[i];

		while (s && *s) {
			size_t len = 0;
			while (is_space(*s))
				s++;
			while (s[len] && !is_space(s[len]))
				len++;
			if (!len)
				break;
			if (n == cap) {
				char **p = realloc(w, (cap = cap ? cap * 2 : 8) * sizeof *p);
				if (!p)
					goto oom;
				w = p;
			}
			if (!(w[n] = text_fold_dup(s, len)))
				goto oom;
			n++;
			s += len;
		}
	}
	*out = w;
	return n;
oom:
	while (n)
		free(w[--n]);
	free(w);
	return (size_t)-1;
}

struct search_query *search_query_new(const char *const *words, size_t n_words)
{
	struct search_query *q = calloc(1, sizeof *q);
	char **w = NULL;
	size_t n, others = 0;

	if (!q)
		return NULL;
	n = split_words(words, n_words, &w);
	if (n == (size_t)-1 || !(q->w = calloc(n + 1, sizeof *q->w))) {
		if (n != (size_t)-1) {
			for (size_t i = 0; i < n; i++)
				free(w[i]);
			free(w);
		}
		free(q);
		return NULL;
	}
	for (size_t i = 0; i < n; ) {
		struct qword *qw = &q->w[q->n];
		unsigned std = 0, year = 0;
		size_t skip = 0, take;

		/* "ISO/IEC 27001:2022 6.1.2", "27001 6.1.2": a standard named
		 * before a clause id restricts it to that standard. */
		if (i + 2 < n && (strcmp(w[i], "iso/iec") == 0 || strcmp(w[i], "iso") == 0) &&
		    standard_word(w[i + 1], &std, &year) && clause_at(w, n, i + 2, &qw->c, true))
			skip = 2;
		else if (i + 1 < n && standard_word(w[i], &std, &year) &&
		         clause_at(w, n, i + 1, &qw->c, true))
			skip = 1;
		take = clause_at(w, n, i + skip, &qw->c, skip > 0);
		if (take) {
			char num[MAX_PARTS * 6 + 1];
			size_t k = 0;

			for (unsigned j = 0; j < qw->c.n; j++)
				k += (size_t)snprintf(num + k, sizeof num - k, "%s%u", j ? "." : "",
				                      (unsigned)qw->c.part[j]);
			qw->clause = true;
			qw->std = skip ? std : 0;
			qw->year = skip ? year : 0;
			for (size_t j = i; j < i + skip + take; j++)
				free(w[j]);
			if (!(qw->fold = strdup(num))) {
				for (size_t j = i + skip + take; j < n; j++)
					free(w[j]);
				free(w);
				search_query_free(q);
				return NULL;
			}
			i += skip + take;
		} else {
			qw->fold = w[i++];
			qw->stop = is_stop_word(qw->fold);
		}
		qw->len = strlen(qw->fold);
		if (!qw->stop)
			others++;
		q->n++;
	}
	free(w);
	q->skip_stop = others > 0;
	return q;
}

/* ---- matching ------------------------------------------------------------ */

/* A clause number in text from p on, not part of a longer one: "5.2" is
 * not in "5.24", "15.2" or "5.2.1", but is in "A.5.2" and "(5.2)." Returns
 * where, or NULL. */
static const char *find_number(const char *text, const char *p, const char *num, size_t len)
{
	for (p = strstr(p, num); p; p = strstr(p + 1, num)) {
		const char *e = p + len;
		bool before = p > text && (is_digit(p[-1]) ||
		                           (p[-1] == '.' && p - 1 > text && is_digit(p[-2])));
		bool after = is_digit(*e) || (*e == '.' && is_digit(e[1]));
		if (!before && !after)
			return p;
	}
	return NULL;
}

static char lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
}

/* Does text, before p, name annex x: "A." or "Annex A " (any case)? */
static bool annex_before(const char *text, const char *p, char x)
{
	size_t k = (size_t)(p - text);

	if (k >= 2 && p[-1] == '.' && lower(p[-2]) == x &&
	    (k == 2 || !is_letter(lower(p[-3]))))
		return true;
	return k >= 8 && strncasecmp(p - 8, "annex ", 6) == 0 && lower(p[-2]) == x &&
	       p[-1] == ' ' && (k == 8 || !is_letter(lower(p[-9])));
}

/* A clause id in text (folded or not): its number, after "A." or
 * "Annex A " if the id names an annex. Returns where the number is, or
 * NULL. */
static const char *find_clause(const char *text, const struct qword *w)
{
	const char *p = find_number(text, text, w->fold, w->len);

	while (p && w->c.annex && !annex_before(text, p, w->c.annex))
		p = find_number(text, p + 1, w->fold, w->len);
	return p;
}

/* Does word w occur in folded text (a clause id: as a number)? */
static bool occurs(const char *text, const struct qword *w)
{
	return w->clause ? find_clause(text, w) != NULL : strstr(text, w->fold) != NULL;
}

struct best {
	int weight;
	enum search_field field;
	size_t index;
	const char *text;
};

static void take(struct best *b, int weight, enum search_field f, size_t index,
                 const char *text)
{
	if (weight > b->weight)
		*b = (struct best){ weight, f, index, text };
}

/* How a clause id word matches an id (exact, or the id is a sub-clause). */
static int id_weight(const struct qword *w, const struct clause *id)
{
	if (!id->n || w->std ||   /* "27001 7.4" asks for references only */ (w->c.annex && w->c.annex != id->annex) || w->c.n > id->n ||
	    cmp_common(&w->c, id) != 0)
		return 0;
	return w->c.n == id->n ? W_ID_EXACT : W_ID;
}

static int ref_weight(const struct qword *w, const struct ix_ref *r)
{
	/* Without an annex, a number is the main clause or an annex's: the
	 * main clause first. */
	int annex = !w->c.annex && r->lo.annex ? 1 : 0;

	if (!r->hi.n || (w->c.annex && w->c.annex != r->lo.annex))
		return 0;
	if (w->std && (w->std != r->std || (w->year && r->year && w->year != r->year)))
		return 0;
	if (memcmp(r->lo.part, r->hi.part, sizeof r->lo.part) != 0)   /* a range */
		return cmp_common(&r->lo, &w->c) <= 0 && cmp_common(&w->c, &r->hi) <= 0 ?
		       W_CLAUSE_RANGE - annex : 0;
	if (cmp_common(&w->c, &r->lo) != 0)
		return 0;
	if (w->c.n == r->lo.n)
		return W_CLAUSE - annex;
	return (w->c.n < r->lo.n ? W_CLAUSE_SUB : W_CLAUSE_SUPER) - annex;
}

/* The strongest place word w occurs in item; weight 0 if nowhere. */
static struct best best_for(const struct search_index *ix, size_t item,
                            const struct qword *w)
{
	const struct ix_item *it = &ix->items[item];
	bool proc = item < ix->m->n_processes;
	const char *id_orig = proc ? ix->m->processes[item].id : it->id_orig;
	const char *id_fold = proc ? ix->arena + ix->texts[it->text0].off : it->id_fold;
	struct best b = { 0, SEARCH_ID, 0, NULL };

	/* The id: a clause id compares as numbers. */
	if (w->clause && (it->id.n || w->std))
		take(&b, id_weight(w, &it->id), SEARCH_ID, 0, id_orig);
	else if (id_fold && occurs(id_fold, w))
		take(&b, !w->clause && strcmp(id_fold, w->fold) == 0 ? W_ID_EXACT : W_ID,
		     SEARCH_ID, 0, id_orig);
	if (b.weight)
		return b;       /* nothing else comes near */
	if (w->clause)
		for (size_t i = 0; i < it->n_refs && b.weight < W_CLAUSE; i++)
			take(&b, ref_weight(w, &ix->refs[it->ref0 + i]), SEARCH_REFERENCE, i,
			     ix->m->processes[item].references[i].clause);
	/* The model's texts after the id, strongest field first: a clause
	 * id mentioned in any of them weighs the same. */
	for (size_t i = 1; i < it->n_texts; i++) {
		const struct ix_text *t = &ix->texts[it->text0 + i];
		int weight = w->clause ? W_MENTION : field_weight[t->field];

		if (w->clause && t->clause)
			continue;       /* compared as numbers above */
		if (weight > b.weight && occurs(ix->arena + t->off, w))
			take(&b, weight, t->field, t->index, t->orig);
	}
	if (it->rec_fold && (w->clause ? W_MENTION : W_RECORD) > b.weight &&
	    occurs(it->rec_fold, w))
		take(&b, w->clause ? W_MENTION : W_RECORD, SEARCH_RECORD, 0, it->rec_orig);
	return b;
}

static int cmp_hit(const void *a, const void *b)
{
	const struct search_hit *x = a, *y = b;

	if (x->score != y->score)
		return x->score > y->score ? -1 : 1;
	return x->item < y->item ? -1 : x->item > y->item;
}

size_t search_run(const struct search_index *ix, const struct search_query *q,
                  struct search_hit **hits)
{
	struct search_hit *h;
	size_t n = 0, active = 0;

	*hits = NULL;
	for (size_t w = 0; w < q->n; w++)
		if (!(q->skip_stop && q->w[w].stop))
			active++;
	if (active == 0 || ix->n_items == 0)
		return 0;
	h = malloc(ix->n_items * sizeof *h);
	if (!h)
		return 0;
	for (size_t i = 0; i < ix->n_items; i++) {
		struct search_hit hit = { i, 0, SEARCH_ID, 0, NULL };
		int strongest = 0;
		bool all = true;

		for (size_t w = 0; w < q->n && all; w++) {
			struct best b;

			if (q->skip_stop && q->w[w].stop)
				continue;
			b = best_for(ix, i, &q->w[w]);
			if (!b.weight) {
				all = false;
				break;
			}
			hit.score += b.weight;
			if (b.weight > strongest) {
				strongest = b.weight;
				hit.field = b.field;
				hit.index = b.index;
				hit.text = b.text;
			}
		}
		if (all)
			h[n++] = hit;
	}
	if (n == 0) {
		free(h);
		return 0;
	}
	qsort(h, n, sizeof *h, cmp_hit);
	*hits = h;
	return n;
}

size_t search_model(const struct prm_model *m, const char *const *words,
                    size_t n_words, struct search_hit **hits)
{
	struct search_index *ix = search_index_new(m);
	struct search_query *q = search_query_new(words, n_words);
	size_t n = 0;

	*hits = NULL;
	if (ix && q)
		n = search_run(ix, q, hits);
	search_query_free(q);
	search_index_free(ix);
	return n;
}

/* ---- snippets ------------------------------------------------------------ */

/* Where (byte offsets in s) the query's first matching word starts and
 * ends; 0, 0 if none is found. */
static void find_match(const char *s, const struct search_query *q, size_t *at, size_t *end)
{
	size_t len = strlen(s);

	*at = *end = 0;
	for (size_t i = 0; i < q->n; i++) {
		const struct qword *w = &q->w[i];
		const char *p;
		size_t ml = w->len;

		if (q->skip_stop && w->stop)
			continue;
		/* Digits and dots do not fold: a number is found as it is. */
		p = w->clause ? find_clause(s, w) : text_fold_find(s, len, w->fold, w->len, &ml);
		if (p) {
			*at = (size_t)(p - s);
			*end = *at + ml;
			return;
		}
	}
}

/* s flattened to one line (white space runs as one space, none at the
 * ends) and escaped; NULL on out-of-memory. */
static char *one_line(const char *s, unsigned esc_flags)
{
	char *flat = malloc(strlen(s) + 1), *e;
	size_t len = 0;

	if (!flat)
		return NULL;
	for (; *s; s++) {
		if (!is_space(*s))
			flat[len++] = *s;
		else if (len && flat[len - 1] != ' ')
			flat[len++] = ' ';
	}
	while (len && flat[len - 1] == ' ')
		len--;
	e = text_escape(flat, len, esc_flags);
	free(flat);
	return e;
}

char *search_snippet(const char *text, const struct search_query *q, int width,
                     unsigned esc_flags)
{
	const char *mark = (esc_flags & TEXT_ASCII) ? "..." : "\xe2\x80\xa6";
	int mark_w = (esc_flags & TEXT_ASCII) ? 3 : 1;
	char *e = one_line(text, esc_flags), *out;
	size_t len, at, end, start = 0, n;
	bool lead_sp, tail, tail_sp;
	int room;

	if (!e)
		return NULL;
	len = strlen(e);
	if (width < 1)
		width = 1;
	if (text_width(e, len) <= width)
		return e;
	find_match(e, q, &at, &end);
	/* The beginning, if the match shows from there (with room for a
	 * marker at the end). Else start at the first word start at most a
	 * third of the line before the match, or at the match's own word;
	 * inside the word if even that would hide the match. */
	if (text_width(e, end) + 1 + mark_w > width) {
		int ctx = (width - 2 * (mark_w + 1)) / 3;
		size_t own = 0;

		for (size_t i = 1; i <= at; i++) {
			if (((unsigned char)e[i] & 0xC0) == 0x80 || !text_can_break(e, i))
				continue;
			own = i;
			if (!start && text_width(e + i, at - i) <= ctx)
				start = i;
		}
		if (!start)
			start = own;
		if (!start || text_width(e + start, end - start) + 2 * (mark_w + 1) > width)
			start = at;
		/* If the rest fits from there, use the room left for more of
		 * what comes before. */
		if (text_width(e + start, len - start) <= width - mark_w - 1)
			for (size_t i = 1; i < start; i++)
				if (((unsigned char)e[i] & 0xC0) != 0x80 && text_can_break(e, i) &&
				    text_width(e + i, len - i) <= width - mark_w - 1) {
					start = i;
					break;
				}
	}
	/* From there, what fits, ending at a word boundary, and a marker if
	 * the text goes on. */
	lead_sp = start > 0 && text_can_break(e, start);
	room = width - (start ? mark_w + lead_sp : 0);
	tail = text_width(e + start, len - start) > room;
	if (!tail) {
		n = len - start;
	} else {
		n = text_wrap_line(e + start, len - start, room - 1 - mark_w, NULL);
		if (n == 0)
			n = text_fit(e + start, len - start, room - 1 - mark_w, NULL);
	}
	tail_sp = tail && (e[start + n] == ' ' || text_can_break(e, start + n));
	/* Columns left over: more of what comes before, word by word. */
	if (lead_sp) {
		int tail_w = tail ? mark_w + tail_sp : 0;
		size_t stop = start + n;

		for (size_t i = start; i-- > 0; ) {
			if (i > 0 && (((unsigned char)e[i] & 0xC0) == 0x80 || !text_can_break(e, i)))
				continue;
			if (text_width(e + i, stop - i) + (i ? mark_w + 1 : 0) + tail_w > width)
				break;
			start = i;
		}
		n = stop - start;
		lead_sp = start > 0;
	}
	out = text_printf("%s%s%.*s%s%s", start ? mark : "", lead_sp ? " " : "", (int)n,
	                  e + start, tail_sp ? " " : "", tail ? mark : "");
	free(e);
	return out;
}
