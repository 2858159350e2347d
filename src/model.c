/* model.c - loading a model (file, memory, embedded; a tailored model with
 * the models it extends), putting it in order, semantic checks, look-ups
 * and "did you mean" suggestions. XML itself is model_xml.c. */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "embedded.h"
#include "model.h"
#include "model_int.h"
#include "model_scan.h"
#include "text.h"

#define NONE ((size_t)-1)

/* Look-up tables of a loaded model, in its arena. */
struct model_index {
	size_t *slots;              /* open addressing on process ids: index + 1, 0 empty */
	size_t mask;
	size_t *in_first;           /* per process + 1: start of its incoming relations */
	struct prm_incoming *in;    /* grouped by target, model order within */
};

/* ---- order and index ---- */

static uint32_t hash_id(const char *s)
{
	uint32_t h = 2166136261u;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

static size_t slot_lookup(const struct model_index *x, const struct prm_model *m,
                          const char *id)
{
	for (size_t i = hash_id(id) & x->mask;; i = (i + 1) & x->mask) {
		size_t v = x->slots[i];

		if (v == 0)
			return NONE;
		if (strcmp(m->processes[v - 1].id, id) == 0)
			return v - 1;
	}
}

static const struct prm_relation_type *find_type(const struct prm_model *m, const char *id)
{
	for (size_t i = 0; i < m->n_relation_types; i++)
		if (strcmp(m->relation_types[i].id, id) == 0)
			return &m->relation_types[i];
	return NULL;
}

static bool build_index(struct prm_model *m)
{
	struct model_index *x = arena_calloc(m->arena, 1, sizeof *x);
	size_t size = 16, total = 0, *fill;

	if (!x)
		return false;
	while (size < 2 * m->n_processes)
		size *= 2;
	x->slots = arena_calloc(m->arena, size, sizeof *x->slots);
	x->mask = size - 1;
	x->in_first = arena_calloc(m->arena, m->n_processes + 1, sizeof *x->in_first);
	if (!x->slots || !x->in_first)
		return false;
	/* The first of equal ids wins, as a scan would find it (duplicates
	 * are refused by the semantic checks anyway). */
	for (size_t i = 0; i < m->n_processes; i++) {
		size_t k = hash_id(m->processes[i].id) & x->mask;

		while (x->slots[k] && strcmp(m->processes[x->slots[k] - 1].id,
		                             m->processes[i].id) != 0)
			k = (k + 1) & x->mask;
		if (!x->slots[k])
			x->slots[k] = i + 1;
	}
	/* Incoming relations: count per target, then fill in model order. */
	for (size_t i = 0; i < m->n_processes; i++)
		for (size_t k = 0; k < m->processes[i].n_relations; k++) {
			size_t t = slot_lookup(x, m, m->processes[i].relations[k].target);

			if (t != NONE) {
				x->in_first[t + 1]++;
				total++;
			}
		}
	for (size_t i = 0; i < m->n_processes; i++)
		x->in_first[i + 1] += x->in_first[i];
	x->in = arena_calloc(m->arena, total ? total : 1, sizeof *x->in);
	fill = calloc(m->n_processes ? m->n_processes : 1, sizeof *fill);
	if (!x->in || !fill) {
		free(fill);
		return false;
	}
	for (size_t i = 0; i < m->n_processes; i++)
		for (size_t k = 0; k < m->processes[i].n_relations; k++) {
			const struct prm_relation *r = &m->processes[i].relations[k];
			const struct prm_relation_type *rt;
			size_t t = slot_lookup(x, m, r->target);

			if (t == NONE)
				continue;
			rt = find_type(m, r->type);
			x->in[x->in_first[t] + fill[t]++] =
				(struct prm_incoming){ i, r, rt ? rt->inverse : NULL };
		}
	free(fill);
	m->index = x;
	return true;
}

size_t *model_parents(struct prm_model *m)
{
	size_t *parent = arena_alloc(m->arena, (m->n_processes ? m->n_processes : 1) *
	                                       sizeof *parent);

	if (!parent)
		return NULL;
	for (size_t i = 0; i < m->n_processes; i++)
		parent[i] = m->processes[i].parent ?
			(size_t)(m->processes[i].parent - m->processes) : NONE;
	return parent;
}

bool model_finish(struct prm_model *m, const size_t *parent)
{
	size_t n = m->n_processes, k = 0, sp;
	size_t *first = NULL, *last = NULL, *next = NULL, *order = NULL, *newix = NULL;
	size_t *cfirst = NULL, *clast = NULL, *stack = NULL, *nkids = NULL;
	struct prm_process *out = m->processes;
	bool ok = false, same = true;

	/* Siblings in array order: a linked list per parent, per category
	 * for the top level. */
	first = malloc((n + 1) * sizeof *first);
	last = malloc((n + 1) * sizeof *last);
	next = malloc((n + 1) * sizeof *next);
	order = malloc((n + 1) * sizeof *order);
	newix = malloc((n + 1) * sizeof *newix);
	stack = malloc((n + 1) * sizeof *stack);
	nkids = calloc(n + 1, sizeof *nkids);
	cfirst = malloc((m->n_categories + 1) * sizeof *cfirst);
	clast = malloc((m->n_categories + 1) * sizeof *clast);
	if (!first || !last || !next || !order || !newix || !stack || !nkids || !cfirst || !clast)
		goto out;
	for (size_t i = 0; i < n; i++)
		first[i] = last[i] = next[i] = NONE;
	for (size_t c = 0; c < m->n_categories; c++) {
		cfirst[c] = clast[c] = NONE;
		m->categories[c].n_processes = 0;
	}
	for (size_t i = 0; i < n; i++) {
		size_t p = parent[i];

		if (p != NONE && p < n) {
			if (last[p] == NONE)
				first[p] = i;
			else
				next[last[p]] = i;
			last[p] = i;
			nkids[p]++;
		} else if (m->processes[i].category < m->n_categories) {
			size_t c = m->processes[i].category;

			if (clast[c] == NONE)
				cfirst[c] = i;
			else
				next[clast[c]] = i;
			clast[c] = i;
		}
	}
	/* Depth first, category by category. */
	for (size_t c = 0; c < m->n_categories; c++) {
		for (size_t top = cfirst[c]; top != NONE; top = next[top]) {
			sp = 0;
			stack[sp++] = top;
			while (sp) {
				size_t i = stack[--sp], kids = 0;

				if (k >= n)
					goto out;       /* a cycle: cannot happen */
				order[k] = i;
				newix[i] = k++;
				/* Push children in reverse so the first is read first. */
				for (size_t ch = first[i]; ch != NONE; ch = next[ch])
					kids++;
				if (sp + kids > n)
					goto out;
				sp += kids;
				for (size_t ch = first[i], j = 0; ch != NONE; ch = next[ch], j++)
					stack[sp - 1 - j] = ch;
			}
		}
	}
	if (k != n)
		goto out;                   /* a process outside every category */
	for (size_t i = 0; i < n; i++)
		same &= order[i] == i;
	if (!same) {
		out = arena_alloc(m->arena, (n ? n : 1) * sizeof *out);
		if (!out)
			goto out;
		for (size_t i = 0; i < n; i++)
			out[i] = m->processes[order[i]];
	}
	/* Categories' lists: each holds a contiguous run of the array. */
	{
		size_t *counts = calloc(m->n_categories + 1, sizeof *counts);

		if (!counts)
			goto out;
		for (size_t i = 0; i < n; i++) {
			size_t oi = order[i];
			size_t c = parent[oi] == NONE ? out[i].category : out[newix[parent[oi]]].category;

			out[i].category = c;
			counts[c]++;
		}
		for (size_t c = 0; c < m->n_categories; c++) {
			m->categories[c].processes = arena_alloc(m->arena, (counts[c] ? counts[c] : 1) *
			                                          sizeof(size_t));
			m->categories[c].n_processes = 0;
			if (!m->categories[c].processes) {
				free(counts);
				goto out;
			}
		}
		free(counts);
	}
	m->max_depth = 0;
	for (size_t i = 0; i < n; i++) {
		size_t oi = order[i];
		struct prm_process *p = &out[i];
		struct prm_category *c = &m->categories[p->category];

		c->processes[c->n_processes++] = i;
		p->parent = parent[oi] == NONE ? NULL : &out[newix[parent[oi]]];
		p->depth = p->parent ? p->parent->depth + 1 : 0;
		if (p->depth > m->max_depth)
			m->max_depth = p->depth;
		p->n_children = 0;
		p->children = NULL;
		if (nkids[oi]) {
			p->children = arena_alloc(m->arena, nkids[oi] * sizeof *p->children);
			if (!p->children)
				goto out;
			for (size_t ch = first[oi]; ch != NONE; ch = next[ch])
				p->children[p->n_children++] = newix[ch];
		}
	}
	m->processes = out;
	ok = build_index(m);
out:
	free(first);
	free(last);
	free(next);
	free(order);
	free(newix);
	free(stack);
	free(nkids);
	free(cfirst);
	free(clast);
	return ok;
}

/* ---- semantic checks ---- */

static bool blank(const char *s)
{
	return !s || !*s;   /* text is normalised: whitespace-only is empty */
}

/* Semantic errors are found in several passes; collect them and report
 * them in file order. */
struct sem {
	unsigned file;
	long line;
	size_t seq;
	char *msg;
};

struct sems {
	struct sem *v;
	size_t n, cap;
	bool oom;
};

static void sem_add(struct sems *s, struct prm_src at, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void sem_add(struct sems *s, struct prm_src at, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	msg = text_vprintf(fmt, ap);
	va_end(ap);
	if (!msg) {
		s->oom = true;
		return;
	}
	if (s->n == s->cap) {
		size_t cap = s->cap ? 2 * s->cap : 16;
		struct sem *v = realloc(s->v, cap * sizeof *v);

		if (!v) {
			free(msg);
			s->oom = true;
			return;
		}
		s->v = v;
		s->cap = cap;
	}
	s->v[s->n] = (struct sem){ at.file, at.line, s->n, msg };
	s->n++;
}

static int cmp_sem(const void *a, const void *b)
{
	const struct sem *x = a, *y = b;

	if (x->file != y->file)
		return x->file < y->file ? -1 : 1;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static void sem_flush(struct sems *s, const struct prm_model *m, struct diag *d)
{
	if (s->n)
		qsort(s->v, s->n, sizeof *s->v, cmp_sem);
	for (size_t i = 0; i < s->n; i++) {
		diag_addf(d, s->v[i].file < m->n_files ? m->files[s->v[i].file] : m->file,
		          s->v[i].line, "%s", s->v[i].msg);
		free(s->v[i].msg);
	}
	if (s->oom)
		diag_addf(d, m->file, 0, "out of memory while checking the model");
	free(s->v);
}

static struct prm_src at_line(struct prm_src s, long line)
{
	s.line = line > 0 && line < (long)UINT32_MAX ? (unsigned)line : 0;
	return s;
}

/* Relations read from a version 2 file must have a declared type; a
 * version 1 file's types are free. */
static bool relation_needs_type(const struct prm_model *m, const struct prm_relation *r)
{
	return m->formats ? m->formats[r->src.file < m->n_files ? r->src.file : 0] >= 2 :
	       m->format >= 2;
}

/* The declared types for a message: "declared: a, b" or a hint. */
static void declared_types(const struct prm_model *m, char *buf, size_t size)
{
	size_t n;

	if (m->n_relation_types == 0) {
		snprintf(buf, size, "the model declares none: add them to <relation-types>");
		return;
	}
	n = (size_t)snprintf(buf, size, "declared:");
	for (size_t i = 0; i < m->n_relation_types && n < size; i++)
		n += (size_t)snprintf(buf + n, size - n, "%s %s", i ? "," : "",
		                      m->relation_types[i].id);
	if (n >= size && size > 4)
		memcpy(buf + size - 4, "...", 4);
}

static int cmp_outcome(const void *a, const void *b)
{
	const struct prm_outcome *const *x = a, *const *y = b;

	if ((*x)->number != (*y)->number)
		return (*x)->number < (*y)->number ? -1 : 1;
	return *x < *y ? -1 : *x > *y;
}

/* Outcome numbers are stable: gaps are fine, a number used twice is not. */
static size_t check_outcomes(const struct prm_process *p, struct sems *se)
{
	const struct prm_outcome **v;
	size_t errors = 0;

	if (p->n_outcomes < 2)
		return 0;
	v = malloc(p->n_outcomes * sizeof *v);
	if (!v) {
		se->oom = true;
		return 1;
	}
	for (size_t k = 0; k < p->n_outcomes; k++)
		v[k] = &p->outcomes[k];
	qsort(v, p->n_outcomes, sizeof *v, cmp_outcome);
	for (size_t k = 1; k < p->n_outcomes; k++)
		if (v[k]->number == v[k - 1]->number) {
			sem_add(se, v[k]->src, "process %s: outcome number %d used twice "
			        "(first at line %u): outcome numbers are never reused",
			        p->id, v[k]->number, v[k - 1]->src.line);
			errors++;
		}
	free(v);
	return errors;
}

size_t model_check(const struct prm_model *m, struct diag *d)
{
	struct sems se = { 0 };
	size_t errors = 0;
	char types[256];

	for (size_t i = 0; i < m->n_categories; i++) {
		const struct prm_category *c = &m->categories[i];

		if (blank(c->name)) {
			sem_add(&se, c->name_src, "category %s: empty name", c->id);
			errors++;
		}
		for (size_t j = 0; j < i; j++)
			if (strcmp(m->categories[j].id, c->id) == 0) {
				sem_add(&se, c->src, "category %s: duplicate id (first at line %u)",
				        c->id, m->categories[j].src.line);
				errors++;
				break;
			}
	}
	for (size_t i = 0; i < m->n_relation_types; i++) {
		const struct prm_relation_type *t = &m->relation_types[i];

		if (blank(t->label) || blank(t->inverse)) {
			sem_add(&se, t->src, "relation type %s: empty %s", t->id,
			        blank(t->label) ? "label" : "inverse");
			errors++;
		}
		for (size_t j = 0; j < i; j++)
			if (strcmp(m->relation_types[j].id, t->id) == 0) {
				sem_add(&se, t->src, "relation type %s: declared twice (first at %s:%u)",
				        t->id, prm_model_src_file(m, m->relation_types[j].src),
				        m->relation_types[j].src.line);
				errors++;
				break;
			}
	}
	/* The index finds the first process of an id: any other is a
	 * duplicate of it. */
	for (size_t i = 0; i < m->n_processes; i++) {
		size_t first = prm_model_index(m, m->processes[i].id);

		if (first != i && first != NONE) {
			sem_add(&se, m->processes[i].src, "process %s: duplicate id (first at "
			        "line %ld)", m->processes[i].id, m->processes[first].line);
			errors++;
		}
	}
	for (size_t i = 0; i < m->n_processes; i++) {
		const struct prm_process *p = &m->processes[i];

		if (blank(p->name)) {
			sem_add(&se, p->name_src, "process %s: empty name", p->id);
			errors++;
		}
		if (p->short_name && blank(p->short_name)) {
			sem_add(&se, p->short_src, "process %s: empty short name", p->id);
			errors++;
		}
		if (blank(p->purpose)) {
			sem_add(&se, p->purpose_src.line ? p->purpose_src : at_line(p->src, p->line),
			        "process %s: empty purpose", p->id);
			errors++;
		}
		errors += check_outcomes(p, &se);
		for (size_t k = 0; k < p->n_outcomes; k++)
			if (p->outcomes[k].number <= 0 || p->outcomes[k].number > PRM_MAX_OUTCOME) {
				sem_add(&se, p->outcomes[k].src, "process %s: an outcome number is "
				        "larger than %d, the largest a record can rate", p->id,
				        PRM_MAX_OUTCOME);
				errors++;
			}
		for (size_t k = 0; k < p->n_outcomes; k++)
			if (blank(p->outcomes[k].text)) {
				sem_add(&se, p->outcomes[k].src, "process %s: outcome %d is empty",
				        p->id, p->outcomes[k].number);
				errors++;
			}
		for (size_t k = 0; k < p->n_relations; k++) {
			const struct prm_relation *r = &p->relations[k];

			if (strcmp(r->target, p->id) == 0) {
				sem_add(&se, r->src, "process %s: relation '%s' to itself", p->id,
				        r->type);
				errors++;
			} else if (prm_model_index(m, r->target) == NONE) {
				sem_add(&se, r->src, "process %s: relation '%s' to unknown process %s",
				        p->id, r->type, r->target);
				errors++;
			}
			/* Version 2 declares its types; a version 1 base keeps its
			 * free ones. */
			if (relation_needs_type(m, r) && !find_type(m, r->type)) {
				declared_types(m, types, sizeof types);
				sem_add(&se, r->src, "process %s: relation type '%s' is not declared "
				        "(%s)", p->id, r->type, types);
				errors++;
			}
		}
	}
	sem_flush(&se, m, d);
	return errors;
}

/* ---- loading ---- */

/* The models being loaded, from the one asked for down to the one being
 * read: a model that extends another is loaded first, and a file met
 * twice on the way is a cycle. */
struct chain {
	const struct chain *up;
	dev_t dev;
	ino_t ino;                  /* 0, 0: not a file (memory, embedded) */
	const char *name;
	unsigned line;              /* of its extends= (once read) */
	int depth;
};

static struct prm_model *load_path(const char *path, bool schema, struct diag *diag,
                                   const struct chain *up);
static struct prm_model *load_buffer(const char *buf, size_t len, const char *name,
                                     const char *dir, bool schema, struct diag *diag,
                                     char **own, struct chain *self);

/* The directory part of path ("." if none), malloc'd. */
static char *dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (!slash)
		return strdup(".");
	if (slash == path)
		return strdup("/");
	return strndup(path, (size_t)(slash - path));
}

static bool is_file(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0;
}

/* The model ext extends, loaded; NULL with the reasons in diag. */
static struct prm_model *load_base(const struct prm_model *ext, const struct tailoring *t,
                                   const char *dir, bool schema, struct diag *diag,
                                   const struct chain *self)
{
	struct prm_model *base = NULL;
	size_t before = diag->n + diag->dropped;
	char *path;

	if (self->depth + 1 >= PRM_MAX_EXTENDS) {
		diag_addf(diag, ext->file, t->extends_line, "model %s extends models more than "
		          "%d deep", ext->id, PRM_MAX_EXTENDS);
		return NULL;
	}
	if (t->extends_file) {
		if (!dir) {
			diag_addf(diag, ext->file, t->extends_line, "extends-file=\"%s\": a model "
			          "that is not read from a file can only extend the embedded "
			          "model (extends=\"ID\")", t->extends_file);
			return NULL;
		}
		path = t->extends_file[0] == '/' ? strdup(t->extends_file) :
		       text_printf("%s/%s", dir, t->extends_file);
		if (!path) {
			diag_addf(diag, ext->file, 0, "out of memory while loading the model");
			return NULL;
		}
		base = load_path(path, schema, diag, self);
		free(path);
	} else {
		path = dir ? text_printf("%s/%s.xml", dir, t->extends) : NULL;
		if (dir && !path) {
			diag_addf(diag, ext->file, 0, "out of memory while loading the model");
			return NULL;
		}
		if (path && is_file(path)) {
			base = load_path(path, schema, diag, self);
			if (base && strcmp(base->id, t->extends) != 0) {
				diag_addf(diag, ext->file, t->extends_line, "extends=\"%s\", but %s "
				          "holds model \"%s\"", t->extends, path, base->id);
				prm_model_free(base);
				free(path);
				return NULL;
			}
		} else {
			struct chain node = { self, 0, 0, "<embedded>", 0, self->depth + 1 };

			/* Checked with its schema when prmwb was built. */
			base = load_buffer(prm_embedded_model, prm_embedded_model_len,
			                   "<embedded>", NULL, false, diag, NULL, &node);
			if (base && strcmp(base->id, t->extends) != 0) {
				if (path)
					diag_addf(diag, ext->file, t->extends_line, "extends=\"%s\": "
					          "there is no %s, and the embedded model is \"%s\"",
					          t->extends, path, base->id);
				else
					diag_addf(diag, ext->file, t->extends_line, "extends=\"%s\": "
					          "the embedded model is \"%s\"", t->extends, base->id);
				prm_model_free(base);
				free(path);
				return NULL;
			}
		}
		free(path);
	}
	if (!base) {
		if (diag->n + diag->dropped > before)
			diag_addf(diag, ext->file, t->extends_line, "model %s: the model it extends "
			          "has errors (above)", ext->id);
		return NULL;
	}
	for (size_t i = 0; i < base->n_lineage; i++)
		if (strcmp(base->lineage[i], ext->id) == 0) {
			diag_addf(diag, ext->file, t->extends_line, "model %s extends a model with "
			          "the same id (%s): give the tailored model an id of its own",
			          ext->id, base->file);
			prm_model_free(base);
			return NULL;
		}
	return base;
}

/* Load and check buf; name for messages; dir: where files it extends are
 * looked for (NULL: from memory). own: see model_xml_read(). */
static struct prm_model *load_buffer(const char *buf, size_t len, const char *name,
                                     const char *dir, bool schema, struct diag *diag,
                                     char **own, struct chain *self)
{
	struct tailoring *t = NULL;
	struct prm_model *m, *base;

	if (len == 0) {
		diag_addf(diag, name, 0, "empty file, expected a model (<prm> element)");
		return NULL;
	}
	if (len > PRM_MAX_FILE_BYTES) {
		diag_addf(diag, name, 0, "too large: %zu bytes, the limit is %u bytes (%u MiB)",
		          len, PRM_MAX_FILE_BYTES, PRM_MAX_FILE_BYTES >> 20);
		return NULL;
	}
	if (!model_scan(buf, len, name, diag, NULL))
		return NULL;
	m = model_xml_read(buf, len, name, schema, diag, &t, own);
	if (!m)
		return NULL;
	if (t) {
		self->line = t->extends_line;
		base = load_base(m, t, dir, schema, diag, self);
		if (!base) {
			prm_model_free(m);
			return NULL;
		}
		m = tailor_apply(base, m, t, diag);
		if (!m)
			return NULL;
	}
	if (model_check(m, diag) > 0) {
		prm_model_free(m);
		return NULL;
	}
	return m;
}

struct prm_model *prm_model_load_memory(const char *buf, size_t len,
                                        const char *name, struct diag *diag)
{
	struct chain self = { NULL, 0, 0, name, 0, 0 };

	return load_buffer(buf, len, name, NULL, false, diag, NULL, &self);
}

/* Read a whole model file (at most PRM_MAX_FILE_BYTES); NULL with the
 * reason in diag. *len is its size, *st what fstat said. Caller frees. */
static char *read_file(const char *path, size_t *len, struct stat *st, struct diag *diag)
{
	char *buf = NULL;
	size_t cap;
	int fd;

	*len = 0;
	/* O_NONBLOCK: a FIFO must not hang the open; only regular files pass. */
	fd = open(path, O_RDONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		diag_addf(diag, path, 0, "cannot open: %s", strerror(errno));
		return NULL;
	}
	if (fstat(fd, st) != 0) {
		diag_addf(diag, path, 0, "cannot stat: %s", strerror(errno));
		goto fail;
	}
	if (S_ISDIR(st->st_mode)) {
		diag_addf(diag, path, 0, "is a directory, expected a model file");
		goto fail;
	}
	if (!S_ISREG(st->st_mode)) {
		diag_addf(diag, path, 0, "not a regular file, expected a model file");
		goto fail;
	}
	if ((unsigned long long)st->st_size > PRM_MAX_FILE_BYTES) {
		diag_addf(diag, path, 0, "too large: %lld bytes, the limit is %u bytes (%u MiB)",
		          (long long)st->st_size, PRM_MAX_FILE_BYTES, PRM_MAX_FILE_BYTES >> 20);
		goto fail;
	}
	/* The size it has now plus one: a file that grows after fstat is
	 * read to the limit and refused there. */
	cap = (size_t)st->st_size + 1;
	buf = malloc(cap);
	if (!buf) {
		diag_addf(diag, path, 0, "out of memory");
		goto fail;
	}
	for (;;) {
		ssize_t r;

		if (*len == cap) {
			size_t ncap = cap * 2 > (size_t)PRM_MAX_FILE_BYTES + 1 ?
			              (size_t)PRM_MAX_FILE_BYTES + 1 : cap * 2;
			char *nb;

			if (ncap <= cap) {
				diag_addf(diag, path, 0, "too large: more than %u bytes (64 MiB)",
				          PRM_MAX_FILE_BYTES);
				goto fail;
			}
			nb = realloc(buf, ncap);
			if (!nb) {
				diag_addf(diag, path, 0, "out of memory");
				goto fail;
			}
			buf = nb;
			cap = ncap;
		}
		r = read(fd, buf + *len, cap - *len);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			diag_addf(diag, path, 0, "cannot read: %s", strerror(errno));
			goto fail;
		}
		if (r == 0)
			break;
		*len += (size_t)r;
		if (*len > PRM_MAX_FILE_BYTES) {
			diag_addf(diag, path, 0, "too large: more than %u bytes (%u MiB)",
			          PRM_MAX_FILE_BYTES, PRM_MAX_FILE_BYTES >> 20);
			goto fail;
		}
	}
	close(fd);
	return buf;
fail:
	free(buf);
	close(fd);
	return NULL;
}

static struct prm_model *load_path(const char *path, bool schema, struct diag *diag,
                                   const struct chain *up)
{
	struct chain self = { up, 0, 0, path, 0, up ? up->depth + 1 : 0 };
	struct stat st;
	size_t len;
	char *buf = read_file(path, &len, &st, diag), *dir;
	struct prm_model *m;

	if (!buf)
		return NULL;
	for (const struct chain *c = up; c; c = c->up)
		if (c->dev == st.st_dev && c->ino == st.st_ino) {
			char trail[1024];
			size_t n = (size_t)snprintf(trail, sizeof trail, "%s", path);

			/* path -> ... -> c: the files that extend each other */
			for (const struct chain *d = up; d && n < sizeof trail; d = d->up) {
				n += (size_t)snprintf(trail + n, sizeof trail - n, " <- %s", d->name);
				if (d == c)
					break;
			}
			diag_addf(diag, up->name, up->line, "extends %s, which is already being "
			          "loaded: a cycle (%s)", path, trail);
			free(buf);
			return NULL;
		}
	self.dev = st.st_dev;
	self.ino = st.st_ino;
	dir = dir_of(path);
	if (!dir) {
		diag_addf(diag, path, 0, "out of memory");
		free(buf);
		return NULL;
	}
	m = load_buffer(buf, len, path, dir, schema, diag, &buf, &self);
	free(dir);
	free(buf);
	return m;
}

struct prm_model *prm_model_load_file(const char *path, struct diag *diag)
{
	return load_path(path, false, diag, NULL);
}

struct prm_model *prm_model_check_file(const char *path, struct diag *diag)
{
	return load_path(path, true, diag, NULL);
}

struct prm_model *prm_model_load_default(struct diag *diag)
{
	/* Checked against its schema when prmwb was built (make). */
	return prm_model_load_memory(prm_embedded_model, prm_embedded_model_len,
	                             "<embedded>", diag);
}

struct prm_model *prm_model_load_choice(const char *path, struct diag *diag)
{
	const char *env = getenv("PRMWB_MODEL");

	if (path)
		return prm_model_load_file(path, diag);
	if (env && *env)
		return prm_model_load_file(env, diag);
	return prm_model_load_default(diag);
}

const char *prm_schema_text(int version, size_t *len)
{
	const char *s = version == 1 ? prm_embedded_schema :
	                version == 2 ? prm_embedded_schema2 : NULL;

	if (len)
		*len = version == 1 ? prm_embedded_schema_len :
		       version == 2 ? prm_embedded_schema2_len : 0;
	return s;
}

void prm_model_free(struct prm_model *m)
{
	if (!m)
		return;
	arena_free(m->arena);
	free(m);
}

/* ---- look-ups ---- */

size_t prm_model_index(const struct prm_model *m, const char *id)
{
	if (m->index)
		return slot_lookup(m->index, m, id);
	for (size_t i = 0; i < m->n_processes; i++)
		if (strcmp(m->processes[i].id, id) == 0)
			return i;
	return NONE;
}

const struct prm_process *prm_model_find(const struct prm_model *m, const char *id)
{
	size_t i = prm_model_index(m, id);

	return i == NONE ? NULL : &m->processes[i];
}

const char *prm_process_short(const struct prm_process *p)
{
	return p->short_name && *p->short_name ? p->short_name : p->name;
}

const struct prm_outcome *prm_process_outcome(const struct prm_process *p, int number)
{
	for (size_t i = 0; i < p->n_outcomes; i++)
		if (p->outcomes[i].number == number)
			return &p->outcomes[i];
	return NULL;
}

int prm_process_outcome_max(const struct prm_process *p)
{
	int max = 0;

	for (size_t i = 0; i < p->n_outcomes; i++)
		if (p->outcomes[i].number > max)
			max = p->outcomes[i].number;
	return max;
}

const struct prm_relation_type *prm_model_relation_type(const struct prm_model *m,
                                                        const char *id)
{
	return find_type(m, id);
}

const char *prm_relation_label(const struct prm_model *m, const struct prm_relation *r)
{
	const struct prm_relation_type *t = find_type(m, r->type);

	return t ? t->label : r->type;
}

size_t prm_model_incoming(const struct prm_model *m, size_t process,
                          struct prm_incoming *out, size_t max)
{
	size_t n = 0;

	if (process >= m->n_processes)
		return 0;
	if (m->index) {
		const struct model_index *x = m->index;

		n = x->in_first[process + 1] - x->in_first[process];
		for (size_t i = 0; i < n && i < max; i++)
			out[i] = x->in[x->in_first[process] + i];
		return n;
	}
	/* A model built by hand (tests): look through every relation. */
	for (size_t i = 0; i < m->n_processes; i++)
		for (size_t k = 0; k < m->processes[i].n_relations; k++) {
			const struct prm_relation *r = &m->processes[i].relations[k];
			const struct prm_relation_type *t;

			if (strcmp(r->target, m->processes[process].id) != 0)
				continue;
			t = find_type(m, r->type);
			if (n < max)
				out[n] = (struct prm_incoming){ i, r, t ? t->inverse : NULL };
			n++;
		}
	return n;
}

const char *const *prm_model_lineage(const struct prm_model *m, size_t *n)
{
	if (m->n_lineage && m->lineage) {
		*n = m->n_lineage;
		return m->lineage;
	}
	*n = 1;
	return (const char *const *)&m->id;
}

const char *prm_model_src_file(const struct prm_model *m, struct prm_src src)
{
	return m->files && src.file < m->n_files ? m->files[src.file] : m->file;
}

static bool prefix_ci(const char *s, const char *prefix)
{
	for (; *prefix; s++, prefix++)
		if (tolower((unsigned char)*s) != tolower((unsigned char)*prefix))
			return false;
	return true;
}

/* Edit distance (insert, delete, substitute, swap two neighbours: typing
 * slips), ASCII case-insensitive, of strings of at most 64 bytes (longer:
 * a large value). */
static size_t edit_distance(const char *a, size_t na, const char *b, size_t nb)
{
	unsigned char d[65][65];

	if (na > 64 || nb > 64)
		return 1000;
	for (size_t i = 0; i <= na; i++)
		d[i][0] = (unsigned char)i;
	for (size_t j = 0; j <= nb; j++)
		d[0][j] = (unsigned char)j;
	for (size_t i = 1; i <= na; i++)
		for (size_t j = 1; j <= nb; j++) {
			int ai = tolower((unsigned char)a[i - 1]);
			int bj = tolower((unsigned char)b[j - 1]);
			unsigned best = d[i - 1][j - 1] + (ai != bj);

			if (d[i - 1][j] + 1u < best)
				best = d[i - 1][j] + 1u;
			if (d[i][j - 1] + 1u < best)
				best = d[i][j - 1] + 1u;
			if (i > 1 && j > 1 && ai == tolower((unsigned char)b[j - 2]) &&
			    tolower((unsigned char)a[i - 2]) == bj && d[i - 2][j - 2] + 1u < best)
				best = d[i - 2][j - 2] + 1u;
			d[i][j] = (unsigned char)best;
		}
	return d[na][nb];
}

/* Does a word of the name come within a small edit distance of w? */
static bool near_word(const char *name, const char *w, size_t wl)
{
	size_t allowed = wl >= 8 ? 2 : 1;

	if (wl < 4)
		return false;
	while (*name) {
		size_t n = strcspn(name, " /-,");

		if (n && edit_distance(name, n, w, wl) <= allowed)
			return true;
		name += n;
		name += strspn(name, " /-,");
	}
	return false;
}

/* How close typed is to process p: lower is better, -1 not close. */
static int closeness(const struct prm_process *p, const char *typed)
{
	size_t tl = strlen(typed), il = strlen(p->id);
	size_t allowed = tl <= 4 ? 1 : 2;

	if (strcasecmp(p->id, typed) == 0 || strcasecmp(p->name, typed) == 0)
		return 0;
	if (il && tl > il && prefix_ci(typed, p->id))        /* 7.44 -> 7.4 */
		return 1;
	if (tl && prefix_ci(p->id, typed))                    /* 7. -> 7.x */
		return 2;
	if (edit_distance(p->id, il, typed, tl) <= allowed)    /* 7.3 ~ 7.4 */
		return 3;
	if (tl >= 2 && text_casestr(p->name, typed))          /* risk */
		return 4;
	if (near_word(p->name, typed, tl))                    /* rsik */
		return 5;
	return -1;
}

size_t prm_model_suggest(const struct prm_model *m, const char *typed,
                         size_t *out, size_t max)
{
	size_t n = 0;

	/* Best score first, model order within a score: a few passes over a
	 * small model are cheaper than sorting. */
	for (int want = 0; want <= 5 && n < max; want++)
		for (size_t i = 0; i < m->n_processes && n < max; i++)
			if (closeness(&m->processes[i], typed) == want)
				out[n++] = i;
	return n;
}
