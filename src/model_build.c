/* model_build.c - the model built from the parser's events, as they come.
 *
 * Only elements the structural checker placed reach us (model_shape.c), in
 * the right parents; their order and counts may still be wrong in a broken
 * file, whose model is thrown away, so nothing here may assume more than
 * that. Every string and array goes into the model's arena. Texts are
 * normalised while they stream in: leading and trailing white space
 * dropped, inner runs folded to one space. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "model_int.h"

#define NONE ((size_t)-1)

struct vec {
	void *p;
	size_t n, cap, size;
};

struct bframe {
	enum el el;
	size_t text_start;          /* el_has_text: where its text starts in b->text */
	bool any, space;            /* text so far: something, a space pending */
	/* attributes kept until the end tag */
	char *a1, *a2;
	int number;
	unsigned line;
};

struct build {
	struct arena *ar;
	struct prm_model *m;
	struct tailoring *t;
	bool oom;
	struct bframe st[PRM_MAX_DEPTH + 2];
	int depth;
	char *text;
	size_t tlen, tcap;
	struct vec cats, procs, parents, reltypes, ops;
	/* children of the element being read (one holder at a time) */
	struct vec outcomes, orefs, refs, rels, items, item_srcs;
	/* what the current <tailor> adds */
	struct vec op_outcomes, op_refs, op_rels, op_lists[3], op_list_srcs[3], op_texts;
	size_t procs_open[PRM_MAX_DEPTH + 2];
	int n_open;
	size_t cat;                 /* category open, NONE */
};

static void vec_init(struct vec *v, size_t size)
{
	v->p = NULL;
	v->n = v->cap = 0;
	v->size = size;
}

/* Room for one more element at the end; NULL on OOM (b->oom set). */
static void *vec_push(struct build *b, struct vec *v)
{
	if (v->n == v->cap) {
		size_t cap = v->cap ? 2 * v->cap : 8;
		void *p;

		if (cap > SIZE_MAX / v->size || !(p = realloc(v->p, cap * v->size))) {
			b->oom = true;
			return NULL;
		}
		v->p = p;
		v->cap = cap;
	}
	memset((char *)v->p + v->n * v->size, 0, v->size);
	return (char *)v->p + v->n++ * v->size;
}

/* The vector's elements copied into the arena (NULL if none); the vector
 * is emptied for reuse. */
static void *vec_take(struct build *b, struct vec *v, size_t *n)
{
	void *p = NULL;

	if (v->n) {
		p = arena_memdup(b->ar, v->p, v->n, v->size);
		b->oom |= !p;
	}
	if (n)
		*n = p ? v->n : 0;
	v->n = 0;
	return p;
}

/* vec_take() for a large array: the vector's own memory becomes the
 * arena's (no copy of thousands of processes). */
static void *vec_give(struct build *b, struct vec *v, size_t *n)
{
	void *p = v->p;

	*n = 0;
	if (!v->n)
		return NULL;
	if (v->n < v->cap) {
		void *q = realloc(p, v->n * v->size);

		if (q)
			p = q;
	}
	if (!arena_keep(b->ar, p)) {
		b->oom = true;
		return NULL;
	}
	*n = v->n;
	v->p = NULL;
	v->n = v->cap = 0;
	return p;
}

static void vec_free(struct vec *v)
{
	free(v->p);
	v->p = NULL;
	v->n = v->cap = 0;
}

struct build *build_new(const char *name, int version)
{
	struct build *b = calloc(1, sizeof *b);

	if (!b)
		return NULL;
	b->ar = arena_new();
	b->m = calloc(1, sizeof *b->m);
	if (!b->ar || !b->m) {
		arena_free(b->ar);
		free(b->m);
		free(b);
		return NULL;
	}
	b->m->arena = b->ar;
	b->m->format = version;
	b->m->file = arena_strndup(b->ar, name, strlen(name));
	b->oom |= !b->m->file;
	b->cat = NONE;
	vec_init(&b->cats, sizeof(struct prm_category));
	vec_init(&b->procs, sizeof(struct prm_process));
	vec_init(&b->parents, sizeof(size_t));
	vec_init(&b->reltypes, sizeof(struct prm_relation_type));
	vec_init(&b->ops, sizeof(struct tailor_op));
	vec_init(&b->outcomes, sizeof(struct prm_outcome));
	vec_init(&b->orefs, sizeof(struct prm_reference));
	vec_init(&b->refs, sizeof(struct prm_reference));
	vec_init(&b->rels, sizeof(struct prm_relation));
	vec_init(&b->items, sizeof(char *));
	vec_init(&b->item_srcs, sizeof(struct prm_src));
	vec_init(&b->op_outcomes, sizeof(struct prm_outcome));
	vec_init(&b->op_refs, sizeof(struct prm_reference));
	vec_init(&b->op_rels, sizeof(struct prm_relation));
	vec_init(&b->op_texts, sizeof(struct prm_outcome));
	for (int i = 0; i < 3; i++) {
		vec_init(&b->op_lists[i], sizeof(char *));
		vec_init(&b->op_list_srcs[i], sizeof(struct prm_src));
	}
	return b;
}

void build_free(struct build *b)
{
	if (!b)
		return;
	if (b->m) {
		arena_free(b->m->arena);
		free(b->m);
	}
	free(b->text);
	vec_free(&b->cats);
	vec_free(&b->procs);
	vec_free(&b->parents);
	vec_free(&b->reltypes);
	vec_free(&b->ops);
	vec_free(&b->outcomes);
	vec_free(&b->orefs);
	vec_free(&b->refs);
	vec_free(&b->rels);
	vec_free(&b->items);
	vec_free(&b->item_srcs);
	vec_free(&b->op_outcomes);
	vec_free(&b->op_refs);
	vec_free(&b->op_rels);
	vec_free(&b->op_texts);
	for (int i = 0; i < 3; i++) {
		vec_free(&b->op_lists[i]);
		vec_free(&b->op_list_srcs[i]);
	}
	free(b);
}

static const bool is_space[256] = { [' '] = true, ['\t'] = true, ['\n'] = true,
                                    ['\r'] = true };

static bool space(char c)
{
	return is_space[(unsigned char)c];
}

/* Append s (len bytes) to d, normalised: white space dropped at the
 * start (while !*any), inner runs folded to one space, a space at the end
 * left pending (*sp). d has room for len bytes. Returns the new end. */
static char *fold(char *d, const char *s, size_t len, bool *sp, bool *any)
{
	size_t i = 0;

	while (i < len) {
		if (is_space[(unsigned char)s[i]]) {
			*sp = true;
			i++;
			continue;
		}
		if (*sp && *any)
			*d++ = ' ';
		*sp = false;
		*any = true;
		/* A word: up to the next byte below 0x21 (white space, or a
		 * control character no XML text holds: the loop above copies
		 * it). The first byte is not one. */
		*d++ = s[i++];
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
		/* Eight bytes at a time: m has the high bit of each byte below
		 * 0x21 (only its lowest bit is exact: the first such byte).
		 * Storing all eight is safe: d is never ahead of s + i. */
		while (len - i >= 8) {
			uint64_t w, m;

			memcpy(&w, s + i, 8);
			m = (w - 0x2121212121212121u) & ~w & 0x8080808080808080u;
			memcpy(d, &w, 8);
			if (m) {
				size_t k = (size_t)__builtin_ctzll(m) / 8;

				d += k;
				i += k;
				goto next;
			}
			d += 8;
			i += 8;
		}
#endif
		while (i < len && (unsigned char)s[i] > ' ')
			*d++ = s[i++];
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
next:;
#endif
	}
	return d;
}

/* Normalised copy of s (len bytes) in the arena. */
static char *norm(struct build *b, const char *s, size_t len)
{
	char *out = arena_alloc(b->ar, len + 1), *end;
	bool sp = false, any = false;

	if (!out) {
		b->oom = true;
		return NULL;
	}
	end = fold(out, s, len, &sp, &any);
	*end = '\0';
	return out;
}

static char *attr(struct build *b, const struct xattr *a, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (!a[i].prefix && strcmp(a[i].name, name) == 0)
			return norm(b, a[i].value, a[i].len);
	return NULL;
}

static struct prm_src src(unsigned line)
{
	return (struct prm_src){ line, 0, PRM_BASE };
}

static struct prm_process *proc(struct build *b, size_t i)
{
	return &((struct prm_process *)b->procs.p)[i];
}

/* The process being read, or NULL. */
static struct prm_process *cur_proc(struct build *b)
{
	return b->n_open ? proc(b, b->procs_open[b->n_open - 1]) : NULL;
}

static struct tailor_op *cur_op(struct build *b)
{
	return b->ops.n ? &((struct tailor_op *)b->ops.p)[b->ops.n - 1] : NULL;
}

static enum el parent_el(const struct build *b)
{
	return b->depth >= 2 ? b->st[b->depth - 2].el : EL_SKIP;
}

static int number(const struct xattr *a, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!a[i].prefix && strcmp(a[i].name, "n") == 0) {
			long v = 0;
			size_t k = 0;

			while (k < a[i].len && space(a[i].value[k]))
				k++;
			if (k < a[i].len && a[i].value[k] == '+')
				k++;
			for (; k < a[i].len && a[i].value[k] >= '0' && a[i].value[k] <= '9'; k++)
				if ((v = v * 10 + (a[i].value[k] - '0')) > PRM_MAX_OUTCOME)
					return 0;       /* too large: model_check() says so */
			return (int)v;
		}
	return 0;
}

static void start_process(struct build *b, const struct xattr *a, size_t n, unsigned line)
{
	struct prm_process *p = vec_push(b, &b->procs);
	size_t *parent = vec_push(b, &b->parents);

	if (!p || !parent || b->n_open >= PRM_MAX_DEPTH) {
		b->oom |= b->n_open >= PRM_MAX_DEPTH;
		return;
	}
	p->id = attr(b, a, n, "id");
	p->name = attr(b, a, n, "name");
	p->short_name = attr(b, a, n, "short");
	p->line = line;
	p->src = p->name_src = src(line);
	if (p->short_name)
		p->short_src = src(line);
	/* Processes a <tailor> adds belong where it says: no category here. */
	p->category = parent_el(b) == EL_ADD ? NONE : b->cat;
	*parent = parent_el(b) == EL_PROCESS && b->n_open ? b->procs_open[b->n_open - 1] : NONE;
	b->procs_open[b->n_open++] = b->procs.n - 1;
}

void build_start(struct build *b, enum el el, const struct xattr *a, size_t n, long line)
{
	struct bframe *f;
	struct prm_category *c;
	struct prm_relation_type *rt;
	struct tailor_op *op;
	unsigned ln = line > 0 && line < (long)UINT32_MAX ? (unsigned)line : 0;

	if (b->depth >= (int)(sizeof b->st / sizeof b->st[0]))
		return;
	f = &b->st[b->depth++];
	memset(f, 0, sizeof *f);
	f->el = el;
	f->line = ln;
	f->text_start = b->tlen;
	switch (el) {
	case EL_PRM:
		b->m->id = attr(b, a, n, "id");
		b->m->version = attr(b, a, n, "version");
		if (b->m->format == 2) {
			char *ext = attr(b, a, n, "extends"), *file = attr(b, a, n, "extends-file");

			if (ext || file) {
				b->t = arena_calloc(b->ar, 1, sizeof *b->t);
				if (!b->t) {
					b->oom = true;
					break;
				}
				b->t->extends = ext;
				b->t->extends_file = file;
				b->t->extends_line = ln;
			}
		}
		break;
	case EL_RELATION_TYPE:
		rt = vec_push(b, &b->reltypes);
		if (rt) {
			rt->id = attr(b, a, n, "id");
			rt->label = attr(b, a, n, "label");
			rt->inverse = attr(b, a, n, "inverse");
			rt->src = src(ln);
		}
		break;
	case EL_CATEGORY:
		c = vec_push(b, &b->cats);
		if (!c)
			break;
		c->id = attr(b, a, n, "id");
		c->name = attr(b, a, n, "name");
		c->src = c->name_src = src(ln);
		b->cat = b->cats.n - 1;
		break;
	case EL_PROCESS:
		start_process(b, a, n, ln);
		break;
	case EL_OUTCOME:
		f->number = number(a, n);
		break;
	case EL_REFERENCE:
		f->a1 = attr(b, a, n, "standard");
		f->a2 = attr(b, a, n, "clause");
		break;
	case EL_RELATION:
		f->a1 = attr(b, a, n, "type");
		f->a2 = attr(b, a, n, "target");
		break;
	case EL_TAILOR_PROCESS:
	case EL_TAILOR_CATEGORY:
		op = vec_push(b, &b->ops);
		if (!op)
			break;
		op->what = el == EL_TAILOR_PROCESS ? TW_PROCESS : TW_CATEGORY;
		op->target = attr(b, a, n, el == EL_TAILOR_PROCESS ? "process" : "category");
		op->line = ln;
		break;
	case EL_ADD:
		if ((op = cur_op(b))) {
			op->add = true;
			op->first_process = b->procs.n;
		}
		break;
	case EL_REPLACE:
		if ((op = cur_op(b)))
			op->replace = true;
		break;
	default:
		break;
	}
}

void build_text(struct build *b, const char *s, size_t len)
{
	struct bframe *f;

	if (b->depth == 0)
		return;
	f = &b->st[b->depth - 1];
	if (!el_has_text(f->el))
		return;
	if (b->tcap - b->tlen < len + 1) {
		size_t cap = b->tcap ? b->tcap : 256;
		char *t;

		while (cap - b->tlen < len + 1) {
			if (cap > SIZE_MAX / 2) {
				b->oom = true;
				return;
			}
			cap *= 2;
		}
		t = realloc(b->text, cap);
		if (!t) {
			b->oom = true;
			return;
		}
		b->text = t;
		b->tcap = cap;
	}
	b->tlen = (size_t)(fold(b->text + b->tlen, s, len, &f->space, &f->any) - b->text);
}

/* The text of the element ending (normalised, in the arena); NULL if it
 * is empty and note, else "" for empty. */
static char *take_text(struct build *b, struct bframe *f, bool note)
{
	char *s = NULL;
	size_t len = b->tlen - f->text_start;

	if (len || !note) {
		s = arena_strndup(b->ar, b->text ? b->text + f->text_start : "", len);
		b->oom |= !s;
	}
	b->tlen = f->text_start;
	return s;
}

static void push_item(struct build *b, struct vec *items, struct vec *srcs, char *text,
                      unsigned line)
{
	char **it = vec_push(b, items);
	struct prm_src *s = vec_push(b, srcs);

	if (it && s) {
		*it = text;
		*s = src(line);
	}
}

static void take_list(struct build *b, struct prm_list *l)
{
	size_t n;

	l->items = vec_take(b, &b->items, &n);
	l->srcs = vec_take(b, &b->item_srcs, NULL);
	l->n = l->srcs ? n : 0;
}

static void end_text_element(struct build *b, struct bframe *f)
{
	struct prm_process *p = cur_proc(b);
	struct tailor_op *op = cur_op(b);
	struct prm_category *c = b->cat != NONE ? &((struct prm_category *)b->cats.p)[b->cat] : NULL;
	enum el parent = parent_el(b);
	bool note = f->el == EL_SUMMARY || f->el == EL_SOURCE || f->el == EL_LICENCE ||
	            f->el == EL_REFERENCE || f->el == EL_RELATION || f->el == EL_DESCRIPTION;
	char *t = take_text(b, f, note);
	struct prm_outcome *o;
	struct prm_reference *r;
	struct prm_relation *rel;
	int list;

	switch (f->el) {
	case EL_TITLE:
		b->m->title = t;
		break;
	case EL_SOURCE:
		b->m->source = t;
		break;
	case EL_LICENCE:
		b->m->licence = t;
		break;
	case EL_SUMMARY:
		if (parent == EL_PROCESS && p) {
			p->summary = t;
			p->summary_src = src(f->line);
		} else if (parent == EL_CATEGORY && c) {
			c->summary = t;
			c->summary_src = src(f->line);
		} else if (parent == EL_ADD && op) {
			op->add_summary = t;
			op->add_summary_line = f->line;
		} else if (parent == EL_REPLACE && op) {
			op->summary = t;
			op->summary_line = f->line;
			op->has_summary = true;
		}
		break;
	case EL_PURPOSE:
		if (parent == EL_PROCESS && p) {
			p->purpose = t;
			p->purpose_src = src(f->line);
		} else if (parent == EL_REPLACE && op) {
			op->purpose = t;
			op->purpose_line = f->line;
		}
		break;
	case EL_NAME:
		if (op) {
			op->name = t;
			op->name_line = f->line;
		}
		break;
	case EL_SHORT:
		if (op && parent == EL_ADD) {
			op->add_short = t;
			op->add_short_line = f->line;
		} else if (op) {
			op->short_name = t;
			op->short_line = f->line;
		}
		break;
	case EL_OUTCOME:
		o = vec_push(b, parent == EL_OUTCOMES ? &b->outcomes :
		                parent == EL_ADD ? &b->op_outcomes : &b->op_texts);
		if (!o)
			break;
		o->number = f->number;
		o->text = t;
		o->src = src(f->line);
		o->references = vec_take(b, &b->orefs, &o->n_references);
		break;
	case EL_ACTIVITY:
	case EL_INPUT:
	case EL_OUTPUT:
		list = f->el == EL_ACTIVITY ? 0 : f->el == EL_INPUT ? 1 : 2;
		if (parent == EL_ADD)
			push_item(b, &b->op_lists[list], &b->op_list_srcs[list], t, f->line);
		else
			push_item(b, &b->items, &b->item_srcs, t, f->line);
		break;
	case EL_REFERENCE:
		r = vec_push(b, parent == EL_OUTCOME ? &b->orefs :
		                parent == EL_ADD ? &b->op_refs : &b->refs);
		if (r) {
			r->standard = f->a1;
			r->clause = f->a2;
			r->note = t;
			r->src = src(f->line);
		}
		break;
	case EL_RELATION:
		rel = vec_push(b, parent == EL_ADD ? &b->op_rels : &b->rels);
		if (rel) {
			rel->type = f->a1;
			rel->target = f->a2;
			rel->note = t;
			rel->src = src(f->line);
		}
		break;
	default:
		break;
	}
}

void build_end(struct build *b, enum el el)
{
	struct bframe *f;
	struct prm_process *p;
	struct tailor_op *op;

	if (b->depth == 0)
		return;
	f = &b->st[b->depth - 1];
	(void)el;
	if (el_has_text(f->el)) {
		end_text_element(b, f);
		b->depth--;
		return;
	}
	p = cur_proc(b);
	op = cur_op(b);
	switch (f->el) {
	case EL_CATEGORY:
		b->cat = NONE;
		break;
	case EL_PROCESS:
		if (b->n_open)
			b->n_open--;
		break;
	case EL_OUTCOMES:
		if (p)
			p->outcomes = vec_take(b, &b->outcomes, &p->n_outcomes);
		b->outcomes.n = 0;
		break;
	case EL_ACTIVITIES:
	case EL_INPUTS:
	case EL_OUTPUTS:
		if (p)
			take_list(b, f->el == EL_ACTIVITIES ? &p->activities :
			             f->el == EL_INPUTS ? &p->inputs : &p->outputs);
		b->items.n = b->item_srcs.n = 0;
		break;
	case EL_REFERENCES:
		if (p)
			p->references = vec_take(b, &b->refs, &p->n_references);
		b->refs.n = 0;
		break;
	case EL_RELATIONS:
		if (p)
			p->relations = vec_take(b, &b->rels, &p->n_relations);
		b->rels.n = 0;
		break;
	case EL_ADD:
		if (!op)
			break;
		op->outcomes = vec_take(b, &b->op_outcomes, &op->n_outcomes);
		op->references = vec_take(b, &b->op_refs, &op->n_references);
		op->relations = vec_take(b, &b->op_rels, &op->n_relations);
		for (int i = 0; i < 3; i++) {
			struct prm_list *l = i == 0 ? &op->activities : i == 1 ? &op->inputs :
			                     &op->outputs;
			size_t k;

			l->items = vec_take(b, &b->op_lists[i], &k);
			l->srcs = vec_take(b, &b->op_list_srcs[i], NULL);
			l->n = l->srcs ? k : 0;
		}
		op->n_processes = b->procs.n - op->first_process;
		break;
	case EL_REPLACE:
		if (op)
			op->new_texts = vec_take(b, &b->op_texts, &op->n_new_texts);
		break;
	default:
		break;
	}
	b->depth--;
}

struct prm_model *build_finish(struct build *b, struct diag *diag,
                               struct tailoring **tailoring)
{
	struct prm_model *m = b->m;
	size_t *parents;

	*tailoring = NULL;
	m->categories = vec_take(b, &b->cats, &m->n_categories);
	m->processes = vec_give(b, &b->procs, &m->n_processes);
	parents = vec_take(b, &b->parents, NULL);
	m->relation_types = vec_take(b, &b->reltypes, &m->n_relation_types);
	m->files = arena_alloc(b->ar, sizeof *m->files);
	m->lineage = arena_alloc(b->ar, sizeof *m->lineage);
	{
		unsigned char *f = arena_alloc(b->ar, 1);

		if (f)
			*f = (unsigned char)m->format;
		m->formats = f;
		b->oom |= !f;
	}
	if (m->files && m->lineage) {
		m->files[0] = m->file;
		m->n_files = 1;
		m->lineage[0] = m->id;
		m->n_lineage = 1;
	}
	if (b->t) {
		b->t->ops = vec_take(b, &b->ops, &b->t->n_ops);
		*tailoring = b->t;
	}
	b->oom |= !m->files || !m->lineage || (m->n_processes && !parents);
	/* The tailoring's processes wait for tailor_apply(), which puts them
	 * where they belong; a whole model is put in order now. */
	if (!b->oom && !b->t && !model_finish(m, parents))
		b->oom = true;
	if (!b->oom && b->t)
		b->t->parents = parents;
	if (b->oom) {
		diag_addf(diag, m->file ? m->file : "?", 0, "out of memory while loading the model");
		*tailoring = NULL;
		build_free(b);
		return NULL;
	}
	b->m = NULL;
	build_free(b);
	return m;
}
