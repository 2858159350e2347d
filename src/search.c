/* search.c - ranked AND search over a model's text, record text and orphan
 * records (the rules are in search.h).
 *
 * The index points at the model's texts and parses the clause ids of
 * process ids and references into numbers; a query word is folded and
 * classified once. A text that is pure ASCII (the bulk of most models) is
 * matched where it is, case-insensitively: Unicode simple case folding of
 * ASCII is ASCII's lower case. Only a text with a byte >= 0x80 (it may
 * fold to ASCII: KELVIN SIGN to 'k', LONG S to 's') keeps a folded copy
 * (one arena), searched by strstr. Matching a word is then a search per
 * field, stopping at the first field that cannot be beaten, or a
 * comparison of numbers: cheap enough to run over the whole model on
 * every keystroke. */
#include "config.h"
#include "search.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
/* SEARCH_NO_SSE2: the portable matcher on x86 too (a test of it). */
#if defined(__SSE2__) && !defined(SEARCH_NO_SSE2)
#define SEARCH_SSE2 1
#include <emmintrin.h>
#endif

#include "clause.h"
#include "search_internal.h"
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

/* ---- the index ----------------------------------------------------------- */

/* ASCII's cases, the same in every locale (not tolower/toupper). */
static char lower_ascii(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c + ('a' - 'A')) : c;
}

static char upper_ascii(char c)
{
	return c >= 'a' && c <= 'z' ? (char)(c - ('a' - 'A')) : c;
}

/* A text of the model. 32 bits are enough: a text is read from one model
 * file (at most PRM_MAX_FILE_BYTES), a field has at most one entry per
 * element (PRM_MAX_ELEMENTS per file, PRM_MAX_EXTENDS + 1 files), and an
 * arena that would pass 4 GiB is refused as out-of-memory (model.h). */
struct ix_text {
	const char *orig;       /* the model's text */
	uint32_t off;           /* folded copy at arena + off (NUL-terminated),
	                         * or IX_ASCII: orig is ASCII, matched in place */
	uint32_t len;           /* strlen(orig) */
	uint32_t index;         /* which one of the field */
	unsigned char field;    /* enum search_field */
	bool clause;            /* a reference's clause: clause ids compare as numbers */
};

#define IX_ASCII UINT32_MAX

struct ix_ref {
	struct clause lo, hi;   /* lo.n == 0: the clause is not an id */
	unsigned std, year;     /* 0: none found */
	enum search_field field;        /* the process's references, or an outcome's */
	size_t index;                   /* which reference, or which outcome */
	const char *orig;               /* the clause as written (the model's) */
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
	size_t n_texts;
	struct ix_ref *refs;
	size_t n_refs;
	struct ix_item *items;
	size_t n_items;         /* m->n_processes + orphans */
	unsigned long generation;       /* counts changes of record text and orphans */
	bool fold_all;          /* fold ASCII texts too (search_internal.h) */
	bool oom;
};

/* strlen(s) in *len, and whether s is pure ASCII (eight bytes at a time). */
static inline __attribute__((always_inline)) bool
ascii_len(const char *s, size_t *len)
{
	size_t n = strlen(s), i = 0;
	uint64_t high = 0;

	*len = n;
	if (n < sizeof high) {
		for (; i < n; i++)
			high |= (unsigned char)s[i];
		return high < 0x80;
	}
	/* the last word overlaps the one before */
	for (; n - i > sizeof high; i += sizeof high) {
		uint64_t w;

		memcpy(&w, s + i, sizeof w);
		high |= w;
	}
	{
		uint64_t w;

		memcpy(&w, s + n - sizeof w, sizeof w);
		high |= w;
	}
	return !(high & 0x8080808080808080u);
}

/* Room for need more bytes in the arena (doubling, never past 4 GiB). */
static bool arena_room(struct search_index *ix, size_t need)
{
	size_t cap = ix->arena_cap ? ix->arena_cap : 4096;
	char *p;

	if (ix->arena_len + need <= ix->arena_cap)
		return true;
	if (need >= UINT32_MAX - ix->arena_len)
		return false;
	while (ix->arena_len + need > cap)
		cap *= 2;
	if (cap > UINT32_MAX)
		cap = UINT32_MAX;
	if (!(p = realloc(ix->arena, cap)))
		return false;
	ix->arena = p;
	ix->arena_cap = cap;
	return true;
}

/* Text s of field f. */
static void add_text(struct search_index *ix, const char *s, enum search_field f, size_t index)
{
	size_t len, k;
	uint32_t off = IX_ASCII;
	bool ascii;

	if (!s || ix->oom)
		return;
	ascii = ascii_len(s, &len);
	if (len >= UINT32_MAX || index >= UINT32_MAX) {
		ix->oom = true;
		return;
	}
	if (!ascii || ix->fold_all) {
		/* Folded into what room there is; again if it was short. */
		k = ix->arena_cap > ix->arena_len ?
		    text_fold(s, len, ix->arena + ix->arena_len, ix->arena_cap - ix->arena_len) :
		    text_fold(s, len, NULL, 0);
		if (ix->arena_len + k >= ix->arena_cap) {
			if (!arena_room(ix, k + 1)) {
				ix->oom = true;
				return;
			}
			text_fold(s, len, ix->arena + ix->arena_len, k + 1);
		}
		off = (uint32_t)ix->arena_len;
		ix->arena_len += k + 1;
	}
	ix->texts[ix->n_texts++] = (struct ix_text){ s, off, (uint32_t)len, (uint32_t)index,
	                                             (unsigned char)f, false };
}

static void add_list(struct search_index *ix, const struct prm_list *l, enum search_field f)
{
	for (size_t i = 0; i < l->n; i++)
		add_text(ix, l->items[i], f, i);
}

/* s folded into buf (size bytes) or, if longer, into *tmp (malloc'd: the
 * caller frees it). NULL on out-of-memory. */
static const char *fold_into(const char *s, size_t len, char *buf, size_t size, char **tmp)
{
	*tmp = NULL;
	if (len < size) {
		/* ASCII (ids, clause numbers) folds to its lower case */
		for (size_t i = 0; i < len; i++) {
			if ((unsigned char)s[i] >= 0x80) {
				text_fold(s, len, buf, size);
				return buf;
			}
			buf[i] = lower_ascii(s[i]);
		}
		buf[len] = '\0';
		return buf;
	}
	return *tmp = text_fold_dup(s, len);
}

/* A reference's clause, parsed once: queries compare clause ids as numbers.
 * The standard's number is read from its digits and ':' as written: no
 * character folds to or from those. */
static void add_ref(struct search_index *ix, const struct prm_reference *ref,
                    enum search_field field, size_t index)
{
	struct ix_ref *r = &ix->refs[ix->n_refs++];
	char buf[64], *tmp;
	const char *f = fold_into(ref->clause, strlen(ref->clause), buf, sizeof buf, &tmp);

	if (!f || !clause_parse_ref(f, &r->lo, &r->hi))
		r->lo.n = r->hi.n = 0;
	free(tmp);
	clause_parse_standard(ref->standard, &r->std, &r->year);
	r->field = field;
	r->index = index;
	r->orig = ref->clause;
}

/* The texts of process pr, strongest field first (the id first). */
static void add_process(struct search_index *ix, const struct prm_model *m,
                        const struct prm_process *pr)
{
	add_text(ix, pr->id, SEARCH_ID, 0);
	add_text(ix, pr->name, SEARCH_NAME, 0);
	add_text(ix, pr->short_name, SEARCH_NAME, 0);
	add_text(ix, pr->purpose, SEARCH_PURPOSE, 0);
	add_text(ix, pr->summary, SEARCH_SUMMARY, 0);
	for (size_t i = 0; i < pr->n_outcomes; i++) {
		const struct prm_outcome *o = &pr->outcomes[i];

		add_text(ix, o->text, SEARCH_OUTCOME, i);
		/* the clauses an outcome serves (version 2) */
		for (size_t k = 0; k < o->n_references; k++) {
			add_text(ix, o->references[k].standard, SEARCH_OUTCOME, i);
			add_text(ix, o->references[k].clause, SEARCH_OUTCOME, i);
			if (!ix->oom && o->references[k].clause)
				ix->texts[ix->n_texts - 1].clause = true;
			add_text(ix, o->references[k].note, SEARCH_OUTCOME, i);
		}
	}
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
		const char *label = prm_relation_label(m, &pr->relations[i]);

		add_text(ix, pr->relations[i].type, SEARCH_RELATION, i);
		if (label && strcmp(label, pr->relations[i].type) != 0)
			add_text(ix, label, SEARCH_RELATION, i);
		add_text(ix, pr->relations[i].note, SEARCH_RELATION, i);
	}
}

/* Text t as folded text: t's own copy, or as fold_into() gives it. */
static const char *folded(const struct search_index *ix, const struct ix_text *t,
                          char *buf, size_t size, char **tmp)
{
	*tmp = NULL;
	if (t->off != IX_ASCII)
		return ix->arena + t->off;
	return fold_into(t->orig, t->len, buf, size, tmp);
}

static struct search_index *index_new(const struct prm_model *m, bool fold_all)
{
	struct search_index *ix = calloc(1, sizeof *ix);
	size_t n_refs = 0, max_texts = 0;

	if (!ix)
		return NULL;
	ix->m = m;
	ix->fold_all = fold_all;
	for (size_t p = 0; p < m->n_processes; p++) {
		const struct prm_process *pr = &m->processes[p];

		/* at most as many texts as add_process adds (the fields
		 * that are NULL are not) */
		max_texts += 5 + pr->activities.n + pr->inputs.n + pr->outputs.n +
		             3 * pr->n_references + 3 * pr->n_relations;
		n_refs += pr->n_references;
		for (size_t i = 0; i < pr->n_outcomes; i++) {
			max_texts += 1 + 3 * pr->outcomes[i].n_references;
			n_refs += pr->outcomes[i].n_references;
		}
	}
	ix->refs = calloc(n_refs + 1, sizeof *ix->refs);
	ix->items = calloc(m->n_processes + 1, sizeof *ix->items);
	ix->texts = malloc((max_texts + 1) * sizeof *ix->texts);
	if (!ix->refs || !ix->items || !ix->texts) {
		search_index_free(ix);
		return NULL;
	}
	ix->n_items = m->n_processes;
	for (size_t p = 0; p < m->n_processes; p++) {
		const struct prm_process *pr = &m->processes[p];
		struct ix_item *it = &ix->items[p];
		char buf[64], *tmp;
		const char *id;

		it->text0 = ix->n_texts;
		add_process(ix, m, pr);
		it->n_texts = ix->n_texts - it->text0;
		/* The id is the item's first text. */
		if (ix->oom || !(id = folded(ix, &ix->texts[it->text0], buf, sizeof buf, &tmp))) {
			search_index_free(ix);
			return NULL;
		}
		it->id = clause_parse_id(id);
		free(tmp);
		it->ref0 = ix->n_refs;
		for (size_t i = 0; i < pr->n_references; i++)
			add_ref(ix, &pr->references[i], SEARCH_REFERENCE, i);
		for (size_t i = 0; i < pr->n_outcomes; i++)
			for (size_t k = 0; k < pr->outcomes[i].n_references; k++)
				add_ref(ix, &pr->outcomes[i].references[k], SEARCH_OUTCOME, i);
		it->n_refs = ix->n_refs - it->ref0;
	}
	/* Keep what is used: the texts' array was sized for the most there
	 * could be (pages never written take no memory, shrinking keeps the
	 * block where it is); the arena grew by doubling. */
	if (ix->n_texts < max_texts) {
		struct ix_text *t = realloc(ix->texts, (ix->n_texts + 1) * sizeof *t);

		if (t)
			ix->texts = t;
	}
	if (ix->arena_len < ix->arena_cap) {
		char *a = ix->arena_len ? realloc(ix->arena, ix->arena_len) : NULL;

		if (a || !ix->arena_len) {
			if (!a)
				free(ix->arena);
			ix->arena = a;
			ix->arena_cap = ix->arena_len;
		}
	}
	return ix;
}

struct search_index *search_index_new(const struct prm_model *m)
{
	return index_new(m, false);
}

struct search_index *search_index_new_folded(const struct prm_model *m)
{
	return index_new(m, true);
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
	ix->generation++;
	return true;
}

bool search_index_set_orphans(struct search_index *ix, const char *const *ids,
                              const char *const *texts, size_t n)
{
	size_t np = ix->m->n_processes;
	struct ix_item *items;

	ix->generation++;
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
			it->id = clause_parse_id(it->id_fold);
		ix->n_items = np + i + 1;
	}
	return true;
}

/* ---- queries ------------------------------------------------------------- */

struct qword {
	char *fold;             /* the folded word; NULL for a clause id */
	size_t len;
	bool ascii;             /* fold is ASCII: found in ASCII text in place */
	/* ascii: fold's first and last bytes, and bit 5 where they are
	 * letters (set in either case), for find_ascii */
	char first, last, case1, case2;
#ifdef SEARCH_SSE2
	__m128i want1, want2, bit1, bit2;       /* each byte: one of those */
#endif
	bool stop;              /* a stop word */
	bool clause;            /* a clause id: matched as numbers */
	struct clause_query cq;
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
		size_t take = clause_query_parse(w, n, i, &qw->cq);

		if (take) {
			qw->clause = true;
			while (take--)
				free(w[i++]);
		} else {
			qw->fold = w[i++];
			qw->stop = is_stop_word(qw->fold);
			qw->ascii = ascii_len(qw->fold, &qw->len);
			qw->first = qw->fold[0];
			qw->last = qw->fold[qw->len - 1];
			qw->case1 = upper_ascii(qw->first) != qw->first ? 0x20 : 0;
			qw->case2 = upper_ascii(qw->last) != qw->last ? 0x20 : 0;
#ifdef SEARCH_SSE2
			qw->want1 = _mm_set1_epi8(qw->first);
			qw->want2 = _mm_set1_epi8(qw->last);
			qw->bit1 = _mm_set1_epi8(qw->case1);
			qw->bit2 = _mm_set1_epi8(qw->case2);
#endif
		}
		if (!qw->stop)
			others++;
		q->n++;
	}
	free(w);
	q->skip_stop = others > 0;
	return q;
}

/* ---- matching ------------------------------------------------------------ */

/* Does word w occur in folded text (a clause id: as a number)? */
static bool occurs(const char *text, const struct qword *w)
{
	return w->clause ? clause_find(text, &w->cq) != NULL : strstr(text, w->fold) != NULL;
}

/* Whether folded ASCII word w (len bytes, ASCII) is text t (len bytes,
 * ASCII) folded. */
static bool same_ascii(const char *t, const char *w, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (lower_ascii(t[i]) != w[i])
			return false;
	return true;
}

/* Does ASCII word w occur in ASCII text s (len bytes), folded? A place
 * where w's first and last bytes are (a letter in either case: with bit 5
 * set, as w has it) is compared in full. */
static inline __attribute__((always_inline)) bool
find_ascii(const char *s, size_t len, const struct qword *w)
{
	const char *f = w->fold;
	size_t wl = w->len, n;
	char first = w->first, last = w->last, case1 = w->case1, case2 = w->case2;

	if (wl > len)
		return false;
	n = len - wl + 1;       /* the places w can start */
#ifdef SEARCH_SSE2
	/* Sixteen places at a time, the last block overlapping the one
	 * before (never a byte past the text). Bit 5 set may make another
	 * byte look like w's (0x0f like '/'): the full compare sees it. */
	if (n >= 16) {
		__m128i want1 = w->want1, want2 = w->want2, bit1 = w->bit1, bit2 = w->bit2;
		size_t i = 0, at = 0;
		unsigned bits, seen = 0;

		for (;;) {
			__m128i v1 = _mm_loadu_si128((const __m128i *)(const void *)(s + at));
			__m128i v2 = _mm_loadu_si128((const __m128i *)(const void *)(s + at + wl - 1));

			bits = (unsigned)_mm_movemask_epi8(_mm_and_si128(
				_mm_cmpeq_epi8(_mm_or_si128(v1, bit1), want1),
				_mm_cmpeq_epi8(_mm_or_si128(v2, bit2), want2))) & ~seen;
			for (; bits; bits &= bits - 1)
				if (same_ascii(s + at + (unsigned)__builtin_ctz(bits), f, wl))
					return true;
			if ((i += 16) >= n)
				return false;
			at = i;
			if (i + 16 > n) {
				at = n - 16;
				seen = ~0u >> (32 - (i - at));  /* places seen before */
			}
		}
	}
	if (len >= 16) {
		/* fewer than 16 places: those where the first byte is */
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)s);
		unsigned bits = (unsigned)_mm_movemask_epi8(
			_mm_cmpeq_epi8(_mm_or_si128(v, w->bit1), w->want1)) & ((1u << n) - 1);

		for (; bits; bits &= bits - 1)
			if (same_ascii(s + (unsigned)__builtin_ctz(bits), f, wl))
				return true;
		return false;
	}
#endif
	if (len >= 8) {
		/* Eight bytes at a time (the last word overlapping the one
		 * before): a byte's top bit is set where it is w's first byte
		 * (exactly: no carries across bytes). */
		const uint64_t ones = 0x0101010101010101u, low7 = 0x7f7f7f7f7f7f7f7fu;
		const uint64_t want = ones * (unsigned char)first, bit = ones * (unsigned char)case1;
		size_t at = 0, from = 0;        /* places before from are seen */

		for (;;) {
			uint64_t x;

			memcpy(&x, s + at, sizeof x);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
			/* The byte at s + at lowest, as below counts places. */
			x = __builtin_bswap64(x);
#endif
			x = (x | bit) ^ want;
			x = ~(((x & low7) + low7) | x | low7);
			for (; x; x &= x - 1) {
				size_t i = at + (unsigned)__builtin_ctzll(x) / 8;

				if (i >= from && i < n && same_ascii(s + i, f, wl))
					return true;
			}
			if ((from = at + 8) >= n)
				return false;
			at = from + 8 <= len ? from : len - 8;
		}
	}
	for (size_t i = 0; i < n; i++)
		if ((char)(s[i] | case1) == first && (char)(s[i + wl - 1] | case2) == last &&
		    same_ascii(s + i, f, wl))
			return true;
	return false;
}

/* Does word w occur in model text t? A clause id in an ASCII text is found
 * as in its folded copy: clause_find looks at digits and dots and at an
 * annex's letter and the word "annex" in any case. A word that is not ASCII
 * folded is never in an ASCII text folded. */
static inline __attribute__((always_inline)) bool
text_occurs(const struct search_index *ix, const struct ix_text *t, const struct qword *w)
{
	if (t->off != IX_ASCII)
		return occurs(ix->arena + t->off, w);
	if (w->clause)
		return clause_find(t->orig, &w->cq) != NULL;
	return w->ascii && find_ascii(t->orig, t->len, w);
}

/* Is model text t, folded, word w (not a clause id)? */
static bool text_is(const struct search_index *ix, const struct ix_text *t,
                    const struct qword *w)
{
	if (t->off != IX_ASCII)
		return strcmp(ix->arena + t->off, w->fold) == 0;
	return w->ascii && t->len == w->len && same_ascii(t->orig, w->fold, w->len);
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

/* How a clause id word matches an id: exactly, or the id is a sub-clause
 * (a sub-process). "27001 7.4" asks for references only. */
static int id_weight(const struct qword *w, const struct clause *id)
{
	switch (w->cq.std ? CLAUSE_NO : clause_match(&w->cq.c, id, id)) {
	case CLAUSE_EXACT: return W_ID_EXACT;
	case CLAUSE_SUB: return W_ID;
	default: return 0;
	}
}

static int ref_weight(const struct qword *w, const struct ix_ref *r)
{
	/* Without an annex, a number is the main clause or an annex's: the
	 * main clause first. */
	int annex = !w->cq.c.annex && r->lo.annex ? 1 : 0;

	if (w->cq.std && (w->cq.std != r->std ||
	                  (w->cq.year && r->year && w->cq.year != r->year)))
		return 0;
	switch (clause_match(&w->cq.c, &r->lo, &r->hi)) {
	case CLAUSE_EXACT: return W_CLAUSE - annex;
	case CLAUSE_IN_RANGE: return W_CLAUSE_RANGE - annex;
	case CLAUSE_SUB: return W_CLAUSE_SUB - annex;
	case CLAUSE_SUPER: return W_CLAUSE_SUPER - annex;
	default: return 0;
	}
}

/* The strongest place word w occurs in item; weight 0 if nowhere. */
static struct best best_for(const struct search_index *ix, size_t item,
                            const struct qword *w)
{
	const struct ix_item *it = &ix->items[item];
	bool proc = item < ix->m->n_processes;
	const struct ix_text *id = proc ? &ix->texts[it->text0] : NULL;
	const char *id_orig = proc ? id->orig : it->id_orig;
	struct best b = { 0, SEARCH_ID, 0, NULL };

	/* The id: a clause id compares as numbers. */
	if (w->clause && (it->id.n || w->cq.std))
		take(&b, id_weight(w, &it->id), SEARCH_ID, 0, id_orig);
	else if (proc ? text_occurs(ix, id, w) : it->id_fold && occurs(it->id_fold, w))
		take(&b, !w->clause && (proc ? text_is(ix, id, w) : strcmp(it->id_fold, w->fold) == 0) ?
		     W_ID_EXACT : W_ID, SEARCH_ID, 0, id_orig);
	if (b.weight)
		return b;       /* nothing else comes near */
	if (w->clause)
		for (size_t i = 0; i < it->n_refs && b.weight < W_CLAUSE; i++) {
			const struct ix_ref *r = &ix->refs[it->ref0 + i];

			take(&b, ref_weight(w, r), r->field, r->index, r->orig);
		}
	/* The model's texts after the id, strongest field first: a clause
	 * id mentioned in any of them weighs the same. The weights never
	 * grow along the texts, so once one cannot beat what was found,
	 * none after it can. */
	for (size_t i = 1; i < it->n_texts; i++) {
		const struct ix_text *t = &ix->texts[it->text0 + i];
		int weight = w->clause ? W_MENTION : field_weight[t->field];

		if (weight <= b.weight)
			break;
		if (w->clause && t->clause)
			continue;       /* compared as numbers above */
		if (text_occurs(ix, t, w))
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

bool search_item(const struct search_index *ix, const struct search_query *q, size_t i,
                 struct search_hit *hit)
{
	int strongest = 0, active = 0;

	*hit = (struct search_hit){ i, 0, SEARCH_ID, 0, NULL };
	for (size_t w = 0; w < q->n; w++) {
		struct best b;

		if (q->skip_stop && q->w[w].stop)
			continue;
		b = best_for(ix, i, &q->w[w]);
		if (!b.weight)
			return false;
		active++;
		hit->score += b.weight;
		if (b.weight > strongest) {
			strongest = b.weight;
			hit->field = b.field;
			hit->index = b.index;
			hit->text = b.text;
		}
	}
	return active > 0;
}

bool search_query_active(const struct search_query *q)
{
	for (size_t w = 0; w < q->n; w++)
		if (!(q->skip_stop && q->w[w].stop))
			return true;
	return false;
}

size_t search_filter(const struct search_index *ix, const struct search_query *q,
                     const size_t *items, size_t n_items, struct search_hit **hits)
{
	struct search_hit *h;
	size_t n = 0, total = items ? n_items : ix->n_items;

	*hits = NULL;
	if (!search_query_active(q) || total == 0)
		return 0;
	h = malloc(total * sizeof *h);
	if (!h)
		return 0;
	for (size_t k = 0; k < total; k++) {
		size_t i = items ? items[k] : k;

		if (i < ix->n_items && search_item(ix, q, i, &h[n]))
			n++;
	}
	if (n == 0) {
		free(h);
		return 0;
	}
	*hits = h;
	return n;
}

size_t search_run(const struct search_index *ix, const struct search_query *q,
                  struct search_hit **hits)
{
	size_t n = search_filter(ix, q, NULL, 0, hits);

	if (n > 1)
		qsort(*hits, n, sizeof **hits, cmp_hit);
	return n;
}

bool search_hit_before(const struct search_hit *a, const struct search_hit *b)
{
	return cmp_hit(a, b) < 0;
}

/* Every item matching neu matches old: each of old's active words is
 * part of one of neu's (a word found in a field, its part is found there
 * too). Clause ids compare as numbers, not as parts ("5.2" never finds
 * "5.24"): a query with one is never narrowed. */
bool search_query_narrows(const struct search_query *old, const struct search_query *neu)
{
	if (!search_query_active(old) || !search_query_active(neu))
		return false;
	for (size_t w = 0; w < neu->n; w++)
		if (neu->w[w].clause && !(neu->skip_stop && neu->w[w].stop))
			return false;
	for (size_t o = 0; o < old->n; o++) {
		const struct qword *ow = &old->w[o];
		bool covered = false;

		if (old->skip_stop && ow->stop)
			continue;
		if (ow->clause)
			return false;
		for (size_t w = 0; w < neu->n && !covered; w++)
			covered = !(neu->skip_stop && neu->w[w].stop) && strstr(neu->w[w].fold, ow->fold);
		if (!covered)
			return false;
	}
	return true;
}

unsigned long search_index_generation(const struct search_index *ix)
{
	return ix->generation;
}

size_t search_index_items(const struct search_index *ix)
{
	return ix->n_items;
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
		p = w->clause ? clause_find(s, &w->cq) : text_fold_find(s, len, w->fold, w->len, &ml);
		if (w->clause)
			ml = strlen(w->cq.number);
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
	/* Too narrow for markers: what fits of the match, bare. */
	if (out && text_width(out, strlen(out)) > width) {
		free(out);
		out = text_printf("%.*s", (int)text_fit(e + at, len - at, width, NULL), e + at);
	}
	free(e);
	return out;
}
