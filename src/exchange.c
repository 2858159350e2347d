/* exchange.c - a store read for export and import: records as of one
 * point, origins, what each field knows, and the export order. */
#include "config.h"
#include "exchange.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "record.h"
#include "uuid.h"

bool xorigin_parse(const char *s, size_t len, struct xorigin *o)
{
	uint64_t rev = 0;

	memset(o, 0, sizeof *o);
	if (len < 38 || s[36] != ':' || s[37] < '1' || s[37] > '9' || len - 37 > 20)
		return false;
	memcpy(o->uuid, s, 36);
	o->uuid[36] = '\0';
	if (!uuid_is_text(o->uuid))
		return false;
	for (size_t i = 0; i < 36; i++)
		if (isupper((unsigned char)o->uuid[i]))
			return false;
	for (size_t i = 37; i < len; i++) {
		if (!isdigit((unsigned char)s[i]) || rev > (UINT64_MAX - 9) / 10)
			return false;
		rev = rev * 10 + (uint64_t)(s[i] - '0');
	}
	o->rev = rev;
	return true;
}

void xorigin_text(const struct xorigin *o, char *buf)
{
	if (xorigin_none(o))
		buf[0] = '\0';
	else
		snprintf(buf, XORIGIN_TEXT, "%s:%llu", o->uuid, (unsigned long long)o->rev);
}

bool xorigin_none(const struct xorigin *o)
{
	return !o->uuid[0];
}

bool xorigin_eq(const struct xorigin *a, const struct xorigin *b)
{
	return a->rev == b->rev && strcmp(a->uuid, b->uuid) == 0;
}

bool xknown_add(struct xknown *k, const struct xorigin *o)
{
	size_t i = 0;

	if (xorigin_none(o))
		return true;
	while (i < k->n && strcmp(k->v[i].uuid, o->uuid) < 0)
		i++;
	if (i < k->n && strcmp(k->v[i].uuid, o->uuid) == 0) {
		if (o->rev > k->v[i].rev)
			k->v[i].rev = o->rev;
		return true;
	}
	if (k->n == k->cap) {
		size_t cap = k->cap ? 2 * k->cap : 2;
		struct xorigin *v = realloc(k->v, cap * sizeof *v);

		if (!v)
			return false;
		k->v = v;
		k->cap = cap;
	}
	memmove(k->v + i + 1, k->v + i, (k->n - i) * sizeof *k->v);
	k->v[i] = *o;
	k->n++;
	return true;
}

bool xknown_covers(const struct xknown *k, const struct xorigin *o)
{
	if (xorigin_none(o))
		return true;
	for (size_t i = 0; i < k->n; i++)
		if (strcmp(k->v[i].uuid, o->uuid) == 0)
			return k->v[i].rev >= o->rev;
	return false;
}

void xknown_free(struct xknown *k)
{
	free(k->v);
	memset(k, 0, sizeof *k);
}

void xstrv_free(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

void xrecord_free(struct xrecord *r)
{
	for (size_t i = 0; i < r->n; i++) {
		free((char *)r->f[i].name);
		xknown_free(&r->f[i].known);
	}
	free(r->f);
	record_free(&r->rec);
	memset(r, 0, sizeof *r);
}

const struct xfield *xrecord_get(const struct xrecord *r, const char *name)
{
	for (size_t i = 0; i < r->n; i++)
		if (strcmp(r->f[i].name, name) == 0)
			return &r->f[i];
	return NULL;
}

/* ---- export order ------------------------------------------------------- */

struct names {
	char **v;
	size_t n, cap;
	bool oom;
};

static void add_name(struct names *l, const char *name)
{
	char *d;

	if (l->oom)
		return;
	if (l->n == l->cap) {
		size_t cap = l->cap ? 2 * l->cap : 32;
		char **v = realloc(l->v, cap * sizeof *v);

		if (!v) {
			l->oom = true;
			return;
		}
		l->v = v;
		l->cap = cap;
	}
	d = strdup(name);
	if (!d) {
		l->oom = true;
		return;
	}
	l->v[l->n++] = d;
}

static int cmp_outcome(const void *a, const void *b)
{
	int x = 0, y = 0;

	record_field(*(char *const *)a, &x);
	record_field(*(char *const *)b, &y);
	return (x > y) - (x < y);
}

size_t xfield_names(const struct prm_process *p, const struct record *rec, bool all_slots,
                    char ***out)
{
	struct names l = { 0 };
	size_t first_extra;

	*out = NULL;
	for (size_t i = 0; i < record_n_fields; i++) {
		const struct field_def *d = &record_fields[i];

		if (d->kind == FIELD_DERIVED)
			continue;
		if (!d->numbered) {
			if (all_slots || (rec && record_get(rec, d->name)))
				add_name(&l, d->name);
			continue;
		}
		for (int n = 1; p && n <= prm_process_outcome_max(p); n++) {
			char f[32];

			if (!prm_process_outcome(p, n))
				continue;
			snprintf(f, sizeof f, "%s.%d", d->name, n);
			if (all_slots || (rec && record_get(rec, f)))
				add_name(&l, f);
		}
		/* outcomes the record holds that the model does not list */
		first_extra = l.n;
		for (size_t k = 0; rec && k < rec->n_fields; k++) {
			int n = 0;
			const struct field_def *fd = record_field(rec->fields[k].field, &n);

			if (fd == d && (!p || !prm_process_outcome(p, n)))
				add_name(&l, rec->fields[k].field);
		}
		if (!l.oom && l.n > first_extra)
			qsort(l.v + first_extra, l.n - first_extra, sizeof *l.v, cmp_outcome);
	}
	if (l.oom) {
		xstrv_free(l.v, l.n);
		return (size_t)-1;
	}
	*out = l.v;
	return l.n;
}

/* ---- reading the store ------------------------------------------------- */

struct one_entry {
	int64_t time;
};

static bool take_time(const struct hist_entry *e, void *arg)
{
	((struct one_entry *)arg)->time = e->time;
	return false;
}

static int64_t entry_time(struct store *st, uint64_t seq, enum store_rc *rc)
{
	struct one_entry e = { 0 };

	*rc = seq ? store_walk_history(st, seq, seq, take_time, &e) : STORE_OK;
	return e.time;
}

enum store_rc xview_open(struct xview *v, struct store *st, uint64_t seq)
{
	enum store_rc rc = STORE_OK;
	uint64_t last;

	memset(v, 0, sizeof *v);
	v->st = st;
	if (!st)
		return seq == STORE_NOW || seq == 0 ? STORE_OK : STORE_NOTFOUND;
	last = store_last_seq(st);
	if (seq != STORE_NOW && seq > last)
		return STORE_NOTFOUND;
	v->seq = seq == STORE_NOW ? last : seq;
	snprintf(v->uuid, sizeof v->uuid, "%s", store_uuid(st));
	if (v->seq == 0)
		return STORE_OK;
	v->time = entry_time(st, v->seq, &rc);
	if (rc == STORE_OK)
		v->first_time = entry_time(st, 1, &rc);
	return rc;
}

/* The origin an export gives a field: the change whose value it holds, as
 * the store records it; but a value an undo or redo wrote is a change of
 * this store at that entry, so that a store holding the undone value
 * takes it in. */
static void field_origin(const struct xview *v, const struct field_value *fv,
                         struct xorigin *o)
{
	memset(o, 0, sizeof *o);
	if (fv->last != fv->rev || !fv->origin[0]) {
		snprintf(o->uuid, sizeof o->uuid, "%s", v->uuid);
		o->rev = fv->last;
	} else {
		snprintf(o->uuid, sizeof o->uuid, "%s", fv->origin);
		o->rev = fv->origin_rev;
	}
}

/* The process's history up to the view's point, newest first: what each
 * field has taken in (xfield.known). */
struct known_walk {
	const struct xview *v;
	struct xrecord *r;
	bool oom;
};

static bool known_one(const struct hist_entry *e, void *arg)
{
	struct known_walk *k = arg;
	struct xorigin o;

	if (e->seq > k->v->seq || e->kind > HIST_REDO)
		return true;
	memset(&o, 0, sizeof o);
	if (e->kind == HIST_SET && e->origin && e->origin[0]) {
		snprintf(o.uuid, sizeof o.uuid, "%s", e->origin);
		o.rev = e->origin_rev;
	} else {
		snprintf(o.uuid, sizeof o.uuid, "%s", k->v->uuid);
		o.rev = e->seq;
	}
	for (size_t i = 0; i < k->r->n; i++)
		if (k->r->f[i].fv && strcmp(k->r->f[i].name, e->field) == 0) {
			if (!xknown_add(&k->r->f[i].known, &o))
				k->oom = true;
			break;
		}
	return !k->oom;
}

enum store_rc xview_record(const struct xview *v, const char *process,
                           const struct prm_process *p, bool full, bool with_known,
                           struct xrecord *out)
{
	char **names = NULL;
	size_t n;
	enum store_rc rc;

	memset(out, 0, sizeof *out);
	if (v->st) {
		rc = store_get_at(v->st, process, v->seq, &out->rec);
		if (rc != STORE_OK)
			return rc;
	}
	n = xfield_names(p, &out->rec, full, &names);
	if (n == (size_t)-1)
		goto oom;
	out->f = calloc(n ? n : 1, sizeof *out->f);
	if (!out->f)
		goto oom;
	for (size_t i = 0; i < n; i++) {
		out->f[i].name = names[i];
		out->f[i].fv = record_get(&out->rec, names[i]);
		if (out->f[i].fv)
			field_origin(v, out->f[i].fv, &out->f[i].origin);
	}
	out->n = n;
	free(names);
	if (with_known && v->st && out->rec.n_fields) {
		struct known_walk k = { v, out, false };

		rc = store_log(v->st, process, 0, known_one, &k);
		if (rc == STORE_OK && k.oom)
			rc = STORE_ERROR;
		if (rc != STORE_OK) {
			xrecord_free(out);
			return rc;
		}
	}
	return STORE_OK;
oom:
	xstrv_free(names, n == (size_t)-1 ? 0 : n);
	record_free(&out->rec);
	memset(out, 0, sizeof *out);
	return STORE_ERROR;
}

enum store_rc xview_ids(const struct xview *v, char ***ids, size_t *n)
{
	*ids = NULL;
	*n = 0;
	if (!v->st)
		return STORE_OK;
	return store_list_at(v->st, v->seq, ids, n);
}

enum store_rc xview_orphans(const struct xview *v, const struct prm_model *m,
                            char ***ids, size_t *n)
{
	size_t k = 0;
	enum store_rc rc = xview_ids(v, ids, n);

	if (rc != STORE_OK)
		return rc;
	for (size_t i = 0; i < *n; i++) {
		if (prm_model_find(m, (*ids)[i]))
			free((*ids)[i]);
		else
			(*ids)[k++] = (*ids)[i];
	}
	*n = k;
	return STORE_OK;
}

enum store_rc xwalk_run(struct xwalk *w, xwalk_fn fn, void *arg)
{
	size_t n = w->n_sel + (w->flags & XWALK_MODEL_ONLY ? 0 : w->n_orphans);

	w->failed = NULL;
	for (size_t i = 0; i < n; i++) {
		struct xwalk_item it = { .i = i, .index = (size_t)-1 };
		enum store_rc rc;
		bool go;

		if (i < w->n_sel) {
			it.index = w->sel[i];
			it.p = &w->m->processes[it.index];
			it.id = it.p->id;
		} else {
			it.id = w->orphans[i - w->n_sel];
			it.first_orphan = i == w->n_sel;
		}
		rc = xview_record(w->v, it.id, it.p, it.p && (w->flags & XWALK_FULL),
		                  (w->flags & XWALK_KNOWN) != 0, &it.rec);
		if (rc != STORE_OK) {
			w->failed = it.id;
			return rc;
		}
		go = fn(arg, &it);
		xrecord_free(&it.rec);
		if (!go)
			break;
	}
	return STORE_OK;
}

enum store_rc xview_history(const struct xview *v, store_log_fn fn, void *arg)
{
	if (!v->st || v->seq == 0)
		return STORE_OK;
	return store_walk_history(v->st, 1, v->seq, fn, arg);
}
