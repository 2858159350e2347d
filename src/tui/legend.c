/* legend.c - the meaning of the tree's marks (see legend.h). */
#include "config.h"
#include "tui/legend.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "record.h"
#include "text.h"

static const char *const *status_values(const char *const **help)
{
	const struct field_def *fd = record_field("status", NULL);

	*help = fd ? fd->choice_help : NULL;
	return fd ? fd->choices : NULL;
}

const char *legend_status(char mark)
{
	const char *const *help;
	const char *const *v = status_values(&help);

	if (mark == record_status_mark(NULL))
		return "no status";
	for (size_t i = 0; v && v[i]; i++)
		if (record_status_mark(v[i]) == mark)
			return v[i];
	return NULL;
}

void legend_mark_line(char mark, char *buf, size_t size)
{
	const char *what = legend_status(mark);

	snprintf(buf, size, "[%c] %s", mark, what ? what : "?");
}

char **legend_help_lines(int keycol, size_t *n)
{
	const char *const *help;
	const char *const *v = status_values(&help);
	size_t nv = 0, k = 0;
	char **lines;

	while (v && v[nv])
		nv++;
	*n = 0;
	lines = calloc(nv + 5, sizeof *lines);
	if (!lines)
		return NULL;
	lines[k++] = strdup("Marks in the tree (status of the record; the status line names it):");
	lines[k++] = text_printf("%-*s %s", keycol, "[-]", "no status set yet");
	for (size_t i = 0; i < nv; i++) {
		char m[8];

		snprintf(m, sizeof m, "[%c]", record_status_mark(v[i]));
		lines[k++] = text_printf("%-*s %s: %s", keycol, m, v[i],
		                         help && help[i] ? help[i] : "");
	}
	lines[k++] = text_printf("%-*s %s", keycol, "7.4*",
	                         "tailored: a tailoring file added or changed it");
	lines[k++] = text_printf("%-*s %s", keycol, "*p 7.4",
	                         "marked (t): e edits every marked process, T clears");
	for (size_t i = 0; i < k; i++)
		if (!lines[i]) {
			for (size_t j = 0; j < k; j++)
				free(lines[j]);
			free(lines);
			return NULL;
		}
	*n = k;
	return lines;
}
