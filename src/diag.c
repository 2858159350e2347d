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

void diag_add(struct diag *d, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_keep(d, text_vprintf(fmt, ap));
	va_end(ap);
}

void diag_addf(struct diag *d, const char *file, long line, const char *fmt, ...)
{
	va_list ap;
	char *msg, *full = NULL;

	va_start(ap, fmt);
	msg = text_vprintf(fmt, ap);
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
