/* diag.c - collected diagnostics. */
#include "config.h"
#include "diag.h"
#include "text.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

static void diag_keep(struct diag *d, char *line)
{
	size_t max = d->max ? d->max : 100;

	if (!line || d->n >= max) {
		free(line);
		d->dropped++;
		return;
	}
	if (d->n == d->cap) {
		size_t cap = d->cap ? d->cap * 2 : 8;
		char **p = realloc(d->lines, cap * sizeof *p);
		if (!p) {
			free(line);
			d->dropped++;
			return;
		}
		d->lines = p;
		d->cap = cap;
	}
	d->lines[d->n++] = line;
}

static char *vformat(const char *fmt, va_list ap)
{
	va_list cp;
	int n;
	char *s;

	va_copy(cp, ap);
	n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0)
		return NULL;
	s = malloc((size_t)n + 1);
	if (s)
		vsnprintf(s, (size_t)n + 1, fmt, ap);
	return s;
}

void diag_add(struct diag *d, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_keep(d, vformat(fmt, ap));
	va_end(ap);
}

void diag_addf(struct diag *d, const char *file, long line, const char *fmt, ...)
{
	va_list ap;
	char *msg, *full = NULL;

	va_start(ap, fmt);
	msg = vformat(fmt, ap);
	va_end(ap);
	if (msg) {
		size_t n = strlen(file) + strlen(msg) + 32;
		full = malloc(n);
		if (full) {
			if (line > 0)
				snprintf(full, n, "%s:%ld: %s", file, line, msg);
			else
				snprintf(full, n, "%s: %s", file, msg);
		}
	}
	free(msg);
	diag_keep(d, full);
}

void diag_print(const struct diag *d, FILE *f, const char *prefix)
{
	for (size_t i = 0; i < d->n; i++) {
		char *e = text_escape(d->lines[i], (size_t)-1, 0);
		fprintf(f, "%s%s\n", prefix ? prefix : "", e ? e : "(out of memory)");
		free(e);
	}
	if (d->dropped)
		fprintf(f, "%s... and %zu more\n", prefix ? prefix : "", d->dropped);
}

void diag_free(struct diag *d)
{
	for (size_t i = 0; i < d->n; i++)
		free(d->lines[i]);
	free(d->lines);
	d->lines = NULL;
	d->n = d->cap = d->dropped = 0;
}
