/* model.c - loading a model (file, memory, embedded), semantic checks,
 * look-ups and "did you mean" suggestions. XML itself is model_xml.c. */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdbool.h>
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

char *model_text_norm(const char *s)
{
	size_t n = strlen(s), k = 0;
	char *out = malloc(n + 1);
	bool space = false;

	if (!out)
		return NULL;
	for (; *s; s++) {
		if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r') {
			space = k > 0;
			continue;
		}
		if (space)
			out[k++] = ' ';
		space = false;
		out[k++] = *s;
	}
	out[k] = '\0';
	return out;
}

void model_lines_free(struct model_lines *l)
{
	for (size_t i = 0; i < l->n_processes; i++) {
		if (l->outcome)
			free(l->outcome[i]);
		if (l->relation)
			free(l->relation[i]);
	}
	free(l->category);
	free(l->purpose);
	free(l->outcome);
	free(l->relation);
	memset(l, 0, sizeof *l);
}

/* ---- semantic checks ---- */

static const struct prm_model *sort_model;

static int cmp_process_id(const void *a, const void *b)
{
	const size_t *x = a, *y = b;
	int c = strcmp(sort_model->processes[*x].id, sort_model->processes[*y].id);

	if (c)
		return c;
	return *x < *y ? -1 : *x > *y;
}

static bool blank(const char *s)
{
	return !s || !*s;   /* text is normalised: whitespace-only is empty */
}

/* Index sorted by id, for duplicate and target checks; NULL on OOM. */
static size_t *sorted_ids(const struct prm_model *m)
{
	size_t *ix = malloc((m->n_processes ? m->n_processes : 1) * sizeof *ix);

	if (!ix)
		return NULL;
	for (size_t i = 0; i < m->n_processes; i++)
		ix[i] = i;
	sort_model = m;
	qsort(ix, m->n_processes, sizeof *ix, cmp_process_id);
	return ix;
}

static bool has_id(const struct prm_model *m, const size_t *ix, const char *id)
{
	size_t lo = 0, hi = m->n_processes;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(m->processes[ix[mid]].id, id);

		if (c == 0)
			return true;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return false;
}

/* Semantic errors are found in several passes; collect them and report
 * them in file order. */
struct sem {
	long line;
	size_t seq;
	char *msg;
};

struct sems {
	struct sem *v;
	size_t n, cap;
	bool oom;
};

static void sem_add(struct sems *s, long line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void sem_add(struct sems *s, long line, const char *fmt, ...)
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
	s->v[s->n] = (struct sem){ line, s->n, msg };
	s->n++;
}

static int cmp_sem(const void *a, const void *b)
{
	const struct sem *x = a, *y = b;

	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static void sem_flush(struct sems *s, const char *file, struct diag *d)
{
	if (s->n)
		qsort(s->v, s->n, sizeof *s->v, cmp_sem);
	for (size_t i = 0; i < s->n; i++) {
		diag_addf(d, file, s->v[i].line, "%s", s->v[i].msg);
		free(s->v[i].msg);
	}
	if (s->oom)
		diag_addf(d, file, 0, "out of memory while checking the model");
	free(s->v);
}

/* Checks a schema cannot express. Returns the number of errors added. */
static size_t check_model(const struct prm_model *m, const struct model_lines *l,
                          struct diag *d)
{
	struct sems se = { 0 };
	size_t errors = 0, *ix;

	for (size_t i = 0; i < m->n_categories; i++) {
		const struct prm_category *c = &m->categories[i];

		if (blank(c->name)) {
			sem_add(&se, l->category[i], "category %s: empty name", c->id);
			errors++;
		}
		for (size_t j = 0; j < i; j++)
			if (strcmp(m->categories[j].id, c->id) == 0) {
				sem_add(&se, l->category[i],
				          "category %s: duplicate id (first at line %ld)",
				          c->id, l->category[j]);
				errors++;
				break;
			}
	}
	ix = sorted_ids(m);
	if (!ix) {
		diag_addf(d, m->file, 0, "out of memory while checking the model");
		sem_flush(&se, m->file, d);
		return errors + 1;
	}
	for (size_t k = 1; k < m->n_processes; k++) {
		const struct prm_process *a = &m->processes[ix[k - 1]];
		const struct prm_process *b = &m->processes[ix[k]];

		if (strcmp(a->id, b->id) == 0) {
			sem_add(&se, b->line, "process %s: duplicate id (first at line %ld)",
			          b->id, a->line);
			errors++;
		}
	}
	for (size_t i = 0; i < m->n_processes; i++) {
		const struct prm_process *p = &m->processes[i];

		if (blank(p->name)) {
			sem_add(&se, p->line, "process %s: empty name", p->id);
			errors++;
		}
		if (blank(p->purpose)) {
			sem_add(&se, l->purpose[i], "process %s: empty purpose", p->id);
			errors++;
		}
		for (size_t k = 0; k < p->n_outcomes; k++)
			if (p->outcomes[k].number != (int)k + 1) {
				sem_add(&se, l->outcome[i][k],
				          "process %s: outcome numbered %d, expected %zu "
				          "(outcomes are numbered 1, 2, 3... in order)",
				          p->id, p->outcomes[k].number, k + 1);
				errors++;
				break;   /* the rest would all be off by the same */
			}
		for (size_t k = 0; k < p->n_outcomes; k++)
			if (blank(p->outcomes[k].text)) {
				sem_add(&se, l->outcome[i][k], "process %s: outcome %zu is empty",
				          p->id, k + 1);
				errors++;
			}
		for (size_t k = 0; k < p->n_relations; k++) {
			const struct prm_relation *r = &p->relations[k];

			if (strcmp(r->target, p->id) == 0) {
				sem_add(&se, l->relation[i][k],
				          "process %s: relation '%s' to itself", p->id, r->type);
				errors++;
			} else if (!has_id(m, ix, r->target)) {
				sem_add(&se, l->relation[i][k],
				          "process %s: relation '%s' to unknown process %s",
				          p->id, r->type, r->target);
				errors++;
			}
		}
	}
	free(ix);
	sem_flush(&se, m->file, d);
	return errors;
}

/* ---- loading ---- */

struct prm_model *prm_model_load_memory(const char *buf, size_t len,
                                        const char *name, struct diag *diag)
{
	struct model_lines lines;
	struct prm_model *m;

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
	m = model_xml_read(buf, len, name, diag, &lines);
	if (!m)
		return NULL;
	if (check_model(m, &lines, diag) > 0) {
		prm_model_free(m);
		m = NULL;
	}
	model_lines_free(&lines);
	return m;
}

struct prm_model *prm_model_load_file(const char *path, struct diag *diag)
{
	struct prm_model *m = NULL;
	struct stat st;
	char *buf = NULL;
	size_t len = 0;
	int fd;

	/* O_NONBLOCK: a FIFO must not hang the open; only regular files pass. */
	fd = open(path, O_RDONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		diag_addf(diag, path, 0, "cannot open: %s", strerror(errno));
		return NULL;
	}
	if (fstat(fd, &st) != 0) {
		diag_addf(diag, path, 0, "cannot stat: %s", strerror(errno));
		goto out;
	}
	if (S_ISDIR(st.st_mode)) {
		diag_addf(diag, path, 0, "is a directory, expected a model file");
		goto out;
	}
	if (!S_ISREG(st.st_mode)) {
		diag_addf(diag, path, 0, "not a regular file, expected a model file");
		goto out;
	}
	if ((unsigned long long)st.st_size > PRM_MAX_FILE_BYTES) {
		diag_addf(diag, path, 0, "too large: %lld bytes, the limit is %u bytes (%u MiB)",
		          (long long)st.st_size, PRM_MAX_FILE_BYTES, PRM_MAX_FILE_BYTES >> 20);
		goto out;
	}
	/* Read at most the limit + 1: the file may grow after fstat. */
	buf = malloc((size_t)PRM_MAX_FILE_BYTES + 1);
	if (!buf) {
		diag_addf(diag, path, 0, "out of memory");
		goto out;
	}
	for (;;) {
		ssize_t r = read(fd, buf + len, (size_t)PRM_MAX_FILE_BYTES + 1 - len);

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			diag_addf(diag, path, 0, "cannot read: %s", strerror(errno));
			goto out;
		}
		if (r == 0)
			break;
		len += (size_t)r;
		if (len > PRM_MAX_FILE_BYTES) {
			diag_addf(diag, path, 0, "too large: more than %u bytes (%u MiB)",
			          PRM_MAX_FILE_BYTES, PRM_MAX_FILE_BYTES >> 20);
			goto out;
		}
	}
	m = prm_model_load_memory(buf, len, path, diag);
out:
	free(buf);
	close(fd);
	return m;
}

struct prm_model *prm_model_load_default(struct diag *diag)
{
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

const char *prm_schema_text(size_t *len)
{
	if (len)
		*len = prm_embedded_schema_len;
	return prm_embedded_schema;
}

static void free_list(struct prm_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->items[i]);
	free(l->items);
}

void prm_model_free(struct prm_model *m)
{
	if (!m)
		return;
	for (size_t i = 0; i < m->n_processes; i++) {
		struct prm_process *p = &m->processes[i];

		free(p->id);
		free(p->name);
		free(p->summary);
		free(p->purpose);
		for (size_t k = 0; k < p->n_outcomes; k++)
			free(p->outcomes[k].text);
		free(p->outcomes);
		free_list(&p->activities);
		free_list(&p->inputs);
		free_list(&p->outputs);
		for (size_t k = 0; k < p->n_references; k++) {
			free(p->references[k].standard);
			free(p->references[k].clause);
			free(p->references[k].note);
		}
		free(p->references);
		for (size_t k = 0; k < p->n_relations; k++) {
			free(p->relations[k].type);
			free(p->relations[k].target);
			free(p->relations[k].note);
		}
		free(p->relations);
	}
	for (size_t i = 0; i < m->n_categories; i++) {
		free(m->categories[i].id);
		free(m->categories[i].name);
		free(m->categories[i].summary);
		free(m->categories[i].processes);
	}
	free(m->processes);
	free(m->categories);
	free(m->id);
	free(m->title);
	free(m->version);
	free(m->source);
	free(m->licence);
	free(m->file);
	free(m);
}

/* ---- look-ups ---- */

size_t prm_model_index(const struct prm_model *m, const char *id)
{
	for (size_t i = 0; i < m->n_processes; i++)
		if (strcmp(m->processes[i].id, id) == 0)
			return i;
	return (size_t)-1;
}

const struct prm_process *prm_model_find(const struct prm_model *m, const char *id)
{
	size_t i = prm_model_index(m, id);

	return i == (size_t)-1 ? NULL : &m->processes[i];
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
