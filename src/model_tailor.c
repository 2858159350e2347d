/* model_tailor.c - a tailoring file applied to the model it extends.
 *
 * ISO/IEC TS 27022 expects an organisation to tailor the reference model.
 * A version 2 file with extends= or extends-file= holds what it adds (new
 * categories with their processes, relation types) and <tailor> elements,
 * each naming one process or category of the model it extends and saying
 * what it adds to it and which texts it replaces. Every change is checked:
 * adding what exists or replacing what does not is a conflict, reported
 * with FILE:LINE; nothing is removed (excluding a process is a record
 * matter: applicable=no). The result remembers, per process and per item,
 * what was added or replaced and where (struct prm_src). */
#include "config.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "model_int.h"
#include "text.h"

#define NONE ((size_t)-1)

struct merge {
	struct prm_model *m;        /* the result: the base, growing */
	struct diag *diag;
	const char *file;           /* the tailoring file's name */
	unsigned short fi;          /* its index in m->files */
	size_t errors;
	bool oom;
};

static void conflict(struct merge *g, unsigned line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void conflict(struct merge *g, unsigned line, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	msg = text_vprintf(fmt, ap);
	va_end(ap);
	diag_addf(g->diag, g->file, line, "%s", msg ? msg : "out of memory");
	free(msg);
	g->errors++;
}

static struct prm_src here(const struct merge *g, unsigned line, enum prm_how how)
{
	return (struct prm_src){ line, g->fi, (unsigned char)how };
}

/* Where an item is, for messages: "FILE:LINE". */
static const char *where(const struct merge *g, struct prm_src s, char *buf, size_t size)
{
	snprintf(buf, size, "%s:%u", prm_model_src_file(g->m, s), s.line);
	return buf;
}

/* Everything in a process of the tailoring file comes from it, added. */
static void stamp_refs(struct prm_reference *r, size_t n, struct prm_src s)
{
	for (size_t i = 0; i < n; i++) {
		r[i].src.file = s.file;
		r[i].src.how = s.how;
	}
}

static void stamp_list(struct prm_list *l, struct prm_src s)
{
	for (size_t i = 0; l->srcs && i < l->n; i++) {
		l->srcs[i].file = s.file;
		l->srcs[i].how = s.how;
	}
}

static void stamp_process(struct prm_process *p, struct prm_src s)
{
	struct prm_src *all[] = { &p->src, &p->name_src, &p->short_src, &p->summary_src,
	                          &p->purpose_src };

	for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) {
		all[i]->file = s.file;
		all[i]->how = s.how;
	}
	for (size_t i = 0; i < p->n_outcomes; i++) {
		p->outcomes[i].src.file = s.file;
		p->outcomes[i].src.how = s.how;
		stamp_refs(p->outcomes[i].references, p->outcomes[i].n_references, s);
	}
	stamp_list(&p->activities, s);
	stamp_list(&p->inputs, s);
	stamp_list(&p->outputs, s);
	stamp_refs(p->references, p->n_references, s);
	for (size_t i = 0; i < p->n_relations; i++) {
		p->relations[i].src.file = s.file;
		p->relations[i].src.how = s.how;
	}
	p->tailored = true;
}

/* a followed by n items of b, in the arena (b's items copied). */
static void *append(struct merge *g, const void *a, size_t na, const void *b, size_t nb,
                    size_t size)
{
	char *p;

	if (!nb)
		return (void *)a;
	p = arena_alloc(g->m->arena, (na + nb) * size);
	if (!p) {
		g->oom = true;
		return (void *)a;
	}
	if (na)
		memcpy(p, a, na * size);
	memcpy(p + na * size, b, nb * size);
	return p;
}

static void add_list(struct merge *g, struct prm_list *to, const struct prm_list *add)
{
	struct prm_src *srcs;
	char **items;

	if (!add->n)
		return;
	/* A hand-built base may lack sources: give the old items the base's. */
	if (!to->srcs && to->n) {
		to->srcs = arena_calloc(g->m->arena, to->n, sizeof *to->srcs);
		if (!to->srcs) {
			g->oom = true;
			return;
		}
	}
	items = append(g, to->items, to->n, add->items, add->n, sizeof *items);
	srcs = append(g, to->srcs, to->n, add->srcs, add->n, sizeof *srcs);
	if (g->oom)
		return;
	for (size_t i = to->n; i < to->n + add->n; i++) {
		srcs[i].file = g->fi;
		srcs[i].how = PRM_ADDED;
	}
	to->items = items;
	to->srcs = srcs;
	to->n += add->n;
}

/* Replace a text: *text must exist (else "replacing something absent"),
 * and this file must not have replaced it already. */
static bool replace_text(struct merge *g, char **text, struct prm_src *src, const char *text_new,
                         unsigned line, const char *what, const char *whose,
                         const char *hint)
{
	if (!*text) {
		conflict(g, line, "%s has no %s to replace%s", whose, what, hint);
		return false;
	}
	if (src->how == PRM_REPLACED && src->file == g->fi) {
		conflict(g, line, "%s: the %s is replaced twice (first at line %u)", whose, what,
		         src->line);
		return false;
	}
	*text = (char *)text_new;
	*src = here(g, line, PRM_REPLACED);
	return true;
}

/* Add an optional text that must not be there yet. */
static bool add_text(struct merge *g, char **text, struct prm_src *src, const char *text_new,
                     unsigned line, const char *what, const char *whose, const char *hint)
{
	char at[300];

	if (*text) {
		conflict(g, line, "%s already has a %s (%s)%s", whose, what,
		         where(g, *src, at, sizeof at), hint);
		return false;
	}
	*text = (char *)text_new;
	*src = here(g, line, PRM_ADDED);
	return true;
}

static void tailor_process(struct merge *g, struct prm_process *p, const struct tailor_op *op,
                           size_t target, size_t *parent, size_t base_n)
{
	char whose[80], at[300];
	bool changed = false;

	snprintf(whose, sizeof whose, "process %s", p->id);
	if (op->add) {
		if (op->add_short)
			changed |= add_text(g, &p->short_name, &p->short_src, op->add_short,
			                    op->add_short_line, "short name", whose,
			                    ": use <replace><short>");
		if (op->add_summary)
			changed |= add_text(g, &p->summary, &p->summary_src, op->add_summary,
			                    op->add_summary_line, "summary", whose,
			                    ": use <replace><summary>");
		for (size_t i = 0; i < op->n_outcomes; i++) {
			const struct prm_outcome *o = &op->outcomes[i];
			const struct prm_outcome *had = prm_process_outcome(p, o->number);
			struct prm_outcome add = *o;

			if (had) {
				conflict(g, o->src.line, "process %s already has outcome %d (%s): "
				         "outcome numbers are never reused; give the new outcome "
				         "a number of its own", p->id, o->number,
				         where(g, had->src, at, sizeof at));
				continue;
			}
			add.src = here(g, o->src.line, PRM_ADDED);
			stamp_refs(add.references, add.n_references, add.src);
			p->outcomes = append(g, p->outcomes, p->n_outcomes, &add, 1, sizeof add);
			if (g->oom)
				return;
			p->n_outcomes++;
			changed = true;
		}
		add_list(g, &p->activities, &op->activities);
		add_list(g, &p->inputs, &op->inputs);
		add_list(g, &p->outputs, &op->outputs);
		if (op->n_references) {
			struct prm_reference *r = append(g, p->references, p->n_references,
			                                 op->references, op->n_references,
			                                 sizeof *r);

			if (g->oom)
				return;
			stamp_refs(r + p->n_references, op->n_references, here(g, 0, PRM_ADDED));
			p->references = r;
			p->n_references += op->n_references;
		}
		if (op->n_relations) {
			struct prm_relation *r = append(g, p->relations, p->n_relations,
			                                op->relations, op->n_relations, sizeof *r);

			if (g->oom)
				return;
			for (size_t i = p->n_relations; i < p->n_relations + op->n_relations; i++) {
				r[i].src.file = g->fi;
				r[i].src.how = PRM_ADDED;
			}
			p->relations = r;
			p->n_relations += op->n_relations;
		}
		changed |= op->activities.n || op->inputs.n || op->outputs.n ||
		           op->n_references || op->n_relations;
		/* Sub-processes: the tailoring's top-level processes of this
		 * <add> hang under the target. */
		for (size_t i = op->first_process; i < op->first_process + op->n_processes; i++)
			if (parent[base_n + i] == NONE) {
				parent[base_n + i] = target;
				changed = true;
			}
	}
	if (op->replace) {
		if (op->name)
			changed |= replace_text(g, &p->name, &p->name_src, op->name, op->name_line,
			                        "name", whose, "");
		if (op->short_name)
			changed |= replace_text(g, &p->short_name, &p->short_src, op->short_name,
			                        op->short_line, "short name", whose,
			                        ": use <add><short>");
		if (op->has_summary)    /* an empty one removes the summary */
			changed |= replace_text(g, &p->summary, &p->summary_src, op->summary,
			                        op->summary_line, "summary", whose,
			                        ": use <add><summary>");
		if (op->purpose)
			changed |= replace_text(g, &p->purpose, &p->purpose_src, op->purpose,
			                        op->purpose_line, "purpose", whose, "");
		for (size_t i = 0; i < op->n_new_texts; i++) {
			const struct prm_outcome *o = &op->new_texts[i];
			struct prm_outcome *had = (struct prm_outcome *)prm_process_outcome(p, o->number);
			char what[40];

			snprintf(what, sizeof what, "outcome %d", o->number);
			if (!had) {
				conflict(g, o->src.line, "process %s has no outcome %d to replace: use "
				         "<add><outcome n=\"%d\"> to add one", p->id, o->number,
				         o->number);
				continue;
			}
			if (had->src.how == PRM_REPLACED && had->src.file == g->fi) {
				conflict(g, o->src.line, "process %s: outcome %d is replaced twice "
				         "(first at line %u)", p->id, o->number, had->src.line);
				continue;
			}
			had->text = o->text;
			had->src = here(g, o->src.line, PRM_REPLACED);
			changed = true;
		}
	}
	if (!changed && !g->errors)
		conflict(g, op->line, "tailor of process %s changes nothing (it needs <add> or "
		         "<replace> with something in it)", p->id);
	p->tailored = true;
}

static void tailor_category(struct merge *g, struct prm_category *c, const struct tailor_op *op,
                            size_t target, struct prm_process *ext, size_t *parent,
                            size_t base_n)
{
	char whose[80];
	bool changed = false;

	snprintf(whose, sizeof whose, "category %s", c->id);
	if (op->add) {
		if (op->add_summary)
			changed |= add_text(g, &c->summary, &c->summary_src, op->add_summary,
			                    op->add_summary_line, "summary", whose,
			                    ": use <replace><summary>");
		for (size_t i = op->first_process; i < op->first_process + op->n_processes; i++)
			if (parent[base_n + i] == NONE) {
				ext[i].category = target;
				changed = true;
			}
	}
	if (op->replace) {
		if (op->name)
			changed |= replace_text(g, &c->name, &c->name_src, op->name, op->name_line,
			                        "name", whose, "");
		if (op->has_summary)
			changed |= replace_text(g, &c->summary, &c->summary_src, op->summary,
			                        op->summary_line, "summary", whose,
			                        ": use <add><summary>");
	}
	if (!changed && !g->errors)
		conflict(g, op->line, "tailor of category %s changes nothing (it needs <add> or "
		         "<replace> with something in it)", c->id);
	c->tailored = true;
}

/* The arrays of the merged model's files, formats and lineage. */
static bool grow_meta(struct merge *g, const struct prm_model *ext)
{
	struct prm_model *m = g->m;
	const char **files = arena_alloc(m->arena, (m->n_files + 1) * sizeof *files);
	unsigned char *formats = arena_alloc(m->arena, m->n_files + 1);
	const char **lineage = arena_alloc(m->arena, (m->n_lineage + 1) * sizeof *lineage);

	if (!files || !formats || !lineage)
		return false;
	for (size_t i = 0; i < m->n_files; i++) {
		files[i] = m->files[i];
		formats[i] = m->formats ? m->formats[i] : (unsigned char)m->format;
	}
	files[m->n_files] = ext->file;
	formats[m->n_files] = (unsigned char)ext->format;
	lineage[0] = ext->id;
	for (size_t i = 0; i < m->n_lineage; i++)
		lineage[i + 1] = m->lineage[i];
	m->files = files;
	m->formats = formats;
	m->n_files++;
	m->lineage = lineage;
	m->n_lineage++;
	return true;
}

struct prm_model *tailor_apply(struct prm_model *base, struct prm_model *ext,
                               const struct tailoring *t, struct diag *diag)
{
	struct merge g = { base, diag, ext->file, 0, 0, false };
	size_t bn = base->n_processes, en = ext->n_processes, bc = base->n_categories;
	size_t *parent = NULL, *base_parent;
	struct prm_process *procs;
	struct prm_category *cats;
	char at[300];

	if (base->n_files >= 0xFFFF) {
		diag_addf(diag, ext->file, t->extends_line, "too many models extended");
		goto fail;
	}
	g.fi = (unsigned short)base->n_files;
	/* The result lives in the base's arena, which takes the tailoring's. */
	if (!arena_adopt(base->arena, ext->arena)) {
		diag_addf(diag, ext->file, 0, "out of memory while loading the model");
		goto fail;
	}
	ext->arena = NULL;
	base_parent = model_parents(base);
	parent = malloc((bn + en + 1) * sizeof *parent);
	procs = arena_alloc(base->arena, (bn + en + 1) * sizeof *procs);
	cats = arena_alloc(base->arena, (bc + ext->n_categories + 1) * sizeof *cats);
	if (!base_parent || !parent || !procs || !cats || !grow_meta(&g, ext)) {
		diag_addf(diag, ext->file, 0, "out of memory while loading the model");
		goto fail;
	}
	/* (memcpy of nothing from NULL is not allowed: empty parts skipped) */
	if (bn)
		memcpy(procs, base->processes, bn * sizeof *procs);
	if (en)
		memcpy(procs + bn, ext->processes, en * sizeof *procs);
	if (bn)
		memcpy(parent, base_parent, bn * sizeof *parent);
	for (size_t i = 0; i < en; i++)
		parent[bn + i] = t->parents && t->parents[i] != NONE ? bn + t->parents[i] : NONE;
	if (bc)
		memcpy(cats, base->categories, bc * sizeof *cats);
	if (ext->n_categories)
		memcpy(cats + bc, ext->categories, ext->n_categories * sizeof *cats);

	/* What the file adds of its own: categories, their processes, types. */
	for (size_t i = 0; i < ext->n_categories; i++) {
		struct prm_category *c = &cats[bc + i];

		for (size_t j = 0; j < bc; j++)
			if (strcmp(cats[j].id, c->id) == 0) {
				conflict(&g, c->src.line, "category %s already exists (%s): to add "
				         "processes to it use <tailor category=\"%s\"><add>", c->id,
				         where(&g, cats[j].src, at, sizeof at), c->id);
				break;
			}
		c->src = here(&g, c->src.line, PRM_ADDED);
		c->name_src = here(&g, c->name_src.line, PRM_ADDED);
		c->summary_src = here(&g, c->summary_src.line, PRM_ADDED);
		c->tailored = true;
	}
	for (size_t i = 0; i < en; i++) {
		struct prm_process *p = &procs[bn + i];
		size_t had = prm_model_index(base, p->id);

		stamp_process(p, here(&g, 0, PRM_ADDED));
		if (p->category != NONE)
			p->category += bc;
		if (had != NONE)
			conflict(&g, p->src.line, "process %s already exists (%s): to change it "
			         "use <tailor process=\"%s\">", p->id,
			         where(&g, base->processes[had].src, at, sizeof at), p->id);
	}
	for (size_t i = 0; i < ext->n_relation_types; i++) {
		struct prm_relation_type *rt = &ext->relation_types[i];
		const struct prm_relation_type *had = prm_model_relation_type(base, rt->id);

		rt->src = here(&g, rt->src.line, PRM_ADDED);
		if (had)
			conflict(&g, rt->src.line, "relation type %s is already declared (%s)",
			         rt->id, where(&g, had->src, at, sizeof at));
	}

	/* The changes, in file order. */
	for (size_t k = 0; k < t->n_ops && !g.oom; k++) {
		const struct tailor_op *op = &t->ops[k];

		if (op->what == TW_PROCESS) {
			size_t i = prm_model_index(base, op->target);

			if (i == NONE) {
				conflict(&g, op->line, "tailor of process %s: model %s has no process "
				         "%s", op->target, base->id, op->target);
				continue;
			}
			tailor_process(&g, &procs[i], op, i, parent, bn);
		} else {
			size_t c = NONE;

			for (size_t j = 0; j < bc && c == NONE; j++)
				if (strcmp(cats[j].id, op->target) == 0)
					c = j;
			if (c == NONE) {
				conflict(&g, op->line, "tailor of category %s: model %s has no category "
				         "%s", op->target, base->id, op->target);
				continue;
			}
			tailor_category(&g, &cats[c], op, c, procs + bn, parent, bn);
		}
	}
	if (g.oom) {
		diag_addf(diag, ext->file, 0, "out of memory while loading the model");
		goto fail;
	}
	if (g.errors)
		goto fail;

	base->processes = procs;
	base->n_processes = bn + en;
	base->categories = cats;
	base->n_categories = bc + ext->n_categories;
	base->relation_types = append(&g, base->relation_types, base->n_relation_types,
	                              ext->relation_types, ext->n_relation_types,
	                              sizeof *base->relation_types);
	base->n_relation_types += g.oom ? 0 : ext->n_relation_types;
	base->id = ext->id;
	base->title = ext->title;
	base->version = ext->version;
	base->source = ext->source;
	base->licence = ext->licence;
	base->file = ext->file;
	base->format = ext->format;
	base->index = NULL;
	if (g.oom || !model_finish(base, parent)) {
		diag_addf(diag, ext->file, 0, "out of memory while loading the model");
		goto fail;
	}
	free(parent);
	free(ext);
	return base;
fail:
	free(parent);
	prm_model_free(ext);
	prm_model_free(base);
	return NULL;
}
