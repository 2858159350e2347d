/* diff.c - the differences between the records at two points of the
 * history: two as-of reads per process, compared field by field. */
#include "config.h"
#include "diff.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "assess.h"
#include "model.h"
#include "record.h"

/* A growing list of changes. */
struct list {
	struct diff_change *c;
	size_t n, cap;
	bool oom;
};

static void push(struct list *l, size_t process, const char *id, const char *field,
                 const char *old_value, const char *new_value)
{
	struct diff_change *c;

	if (l->oom)
		return;
	if (l->n == l->cap) {
		size_t cap = l->cap ? 2 * l->cap : 16;
		struct diff_change *more = realloc(l->c, cap * sizeof *more);

		if (!more) {
			l->oom = true;
			return;
		}
		l->c = more;
		l->cap = cap;
	}
	c = &l->c[l->n];
	c->process = process;
	c->id = strdup(id);
	c->field = strdup(field);
	c->old_value = strdup(old_value);
	c->new_value = strdup(new_value);
	l->n++;
	if (!c->id || !c->field || !c->old_value || !c->new_value)
		l->oom = true;
}

static void list_free(struct list *l)
{
	struct diff d = { l->c, l->n, 0, 0 };

	diff_free(&d);
	memset(l, 0, sizeof *l);
}

/* Where a field goes in a process's changes: record_fields order, outcome.N
 * by N, unknown fields last. */
struct ranked {
	size_t def, number;
	const char *name, *old_value, *new_value;
};

static void rank(struct ranked *r)
{
	int n = 0;
	const struct field_def *d = record_field(r->name, &n);

	r->def = d ? (size_t)(d - record_fields) : record_n_fields;
	r->number = d && d->numbered ? (size_t)n : 0;
}

static int by_rank(const void *a, const void *b)
{
	const struct ranked *x = a, *y = b;

	if (x->def != y->def)
		return x->def < y->def ? -1 : 1;
	if (x->number != y->number)
		return x->number < y->number ? -1 : 1;
	return strcmp(x->name, y->name);
}

/* The fields of old and new (each sorted by name, as the store gives
 * them) whose values differ, appended to fields in rank order; the level
 * change, if any, to levels. */
static void compare(const struct prm_model *m, size_t p, const char *id,
                    const struct record *old, const struct record *new,
                    struct list *levels, struct list *fields)
{
	struct ranked *d = calloc(old->n_fields + new->n_fields + 1, sizeof *d);
	size_t i = 0, j = 0, n = 0;
	struct assess_row ro, rn;

	if (!d) {
		fields->oom = true;
		return;
	}
	while (i < old->n_fields || j < new->n_fields) {
		const struct field_value *a = i < old->n_fields ? &old->fields[i] : NULL;
		const struct field_value *b = j < new->n_fields ? &new->fields[j] : NULL;
		const char *name, *ov = "", *nv = "";

		if (a && (!b || strcmp(a->field, b->field) <= 0)) {
			name = a->field;
			ov = a->value;
			i++;
			if (b && strcmp(a->field, b->field) == 0) {
				nv = b->value;
				j++;
			}
		} else if (b) {
			name = b->field;
			nv = b->value;
			j++;
		} else {
			break;
		}
		if (strcmp(ov, nv) != 0)
			d[n++] = (struct ranked){ 0, 0, name, ov, nv };
	}
	for (size_t k = 0; k < n; k++)
		rank(&d[k]);
	qsort(d, n, sizeof *d, by_rank);
	for (size_t k = 0; k < n; k++)
		push(fields, p, id, d[k].name, d[k].old_value, d[k].new_value);
	free(d);

	assess_row(m, p, old, &ro);
	assess_row(m, p, new, &rn);
	if (ro.level != rn.level)
		push(levels, p, id, "level", assess_level_text(ro.level), assess_level_text(rn.level));
}

/* Read process id as of from and to, and compare. */
static enum store_rc one(const struct prm_model *m, struct store *st, size_t p, const char *id,
                         uint64_t from, uint64_t to, struct list *levels, struct list *fields)
{
	struct record old, new;
	enum store_rc rc = store_get_at(st, id, from, &old);

	if (rc != STORE_OK)
		return rc;
	if ((rc = store_get_at(st, id, to, &new)) != STORE_OK) {
		record_free(&old);
		return rc;
	}
	compare(m, p, id, &old, &new, levels, fields);
	record_free(&old);
	record_free(&new);
	return levels->oom || fields->oom ? STORE_ERROR : STORE_OK;
}

static int by_id(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void free_ids(char **ids, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(ids[i]);
	free(ids);
}

/* The orphans at from or at to (each once, sorted): malloc'd, with their
 * strings (free_ids). */
static enum store_rc orphans(const struct prm_model *m, struct store *st, uint64_t from,
                             uint64_t to, char ***out, size_t *n_out)
{
	char **a = NULL, **b = NULL, **all;
	size_t na = 0, nb = 0, n = 0;
	enum store_rc rc;

	*out = NULL;
	*n_out = 0;
	if ((rc = store_list_at(st, from, &a, &na)) != STORE_OK)
		return rc;
	if ((rc = store_list_at(st, to, &b, &nb)) != STORE_OK) {
		free_ids(a, na);
		return rc;
	}
	all = calloc(na + nb + 1, sizeof *all);
	if (!all) {
		free_ids(a, na);
		free_ids(b, nb);
		return STORE_ERROR;
	}
	for (size_t i = 0; i < na + nb; i++) {
		char *id = i < na ? a[i] : b[i - na];

		if (prm_model_find(m, id))
			free(id);
		else
			all[n++] = id;
	}
	free(a);
	free(b);
	qsort(all, n, sizeof *all, by_id);
	{                                               /* drop repeats */
		size_t k = 0;

		for (size_t i = 0; i < n; i++) {
			if (k > 0 && strcmp(all[i], all[k - 1]) == 0)
				free(all[i]);
			else
				all[k++] = all[i];
		}
		n = k;
	}
	*out = all;
	*n_out = n;
	return STORE_OK;
}

enum store_rc diff_read(const struct prm_model *m, struct store *st, uint64_t from,
                        uint64_t to, struct diff *out, char **failed)
{
	struct list levels = { 0 }, fields = { 0 };
	char **orph = NULL;
	size_t n_orph = 0;
	const char *last = NULL;
	enum store_rc rc = STORE_OK;

	memset(out, 0, sizeof *out);
	if (failed)
		*failed = NULL;
	if (!st || from == to)
		return STORE_OK;
	for (size_t i = 0; i < m->n_processes && rc == STORE_OK; i++) {
		rc = one(m, st, i, m->processes[i].id, from, to, &levels, &fields);
		if (rc != STORE_OK && failed)
			*failed = strdup(m->processes[i].id);
	}
	if (rc == STORE_OK && (rc = orphans(m, st, from, to, &orph, &n_orph)) == STORE_OK) {
		for (size_t i = 0; i < n_orph && rc == STORE_OK; i++) {
			rc = one(m, st, (size_t)-1, orph[i], from, to, &levels, &fields);
			if (rc != STORE_OK && failed)
				*failed = strdup(orph[i]);
		}
	}
	free_ids(orph, n_orph);
	if (rc == STORE_OK && (levels.oom || fields.oom))
		rc = STORE_ERROR;
	if (rc == STORE_OK && levels.n + fields.n > 0) {
		out->c = malloc((levels.n + fields.n) * sizeof *out->c);
		if (!out->c)
			rc = STORE_ERROR;
	}
	if (rc != STORE_OK) {
		list_free(&levels);
		list_free(&fields);
		return rc;
	}
	if (levels.n)
		memcpy(out->c, levels.c, levels.n * sizeof *out->c);
	if (fields.n)
		memcpy(out->c + levels.n, fields.c, fields.n * sizeof *out->c);
	out->n = levels.n + fields.n;
	out->n_level = levels.n;
	/* fields are grouped by process; a level change implies a field change */
	for (size_t i = levels.n; i < out->n; i++) {
		if (!last || strcmp(last, out->c[i].id) != 0)
			out->n_processes++;
		last = out->c[i].id;
	}
	free(levels.c);
	free(fields.c);
	return STORE_OK;
}

void diff_free(struct diff *d)
{
	for (size_t i = 0; i < d->n; i++) {
		free(d->c[i].id);
		free(d->c[i].field);
		free(d->c[i].old_value);
		free(d->c[i].new_value);
	}
	free(d->c);
	memset(d, 0, sizeof *d);
}
