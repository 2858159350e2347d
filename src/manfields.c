/* manfields.c - build-time tool: copies man/prmwb.1.in from standard input
 * to standard output, replacing the marker line with the list of record
 * fields made from record.h's table (roff), so that the man page's list
 * cannot drift from the code. Exit 1 if the marker is missing. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "record.h"

#define MARKER ".\\\" @FIELDS@"

/* Text for roff: backslash and hyphen escaped. */
static void roff(const char *s)
{
	for (; *s; s++) {
		if (*s == '\\')
			fputs("\\e", stdout);
		else if (*s == '-')
			fputs("\\-", stdout);
		else
			putchar(*s);
	}
}

static const struct field_def *numbered_field(void)
{
	for (size_t i = 0; i < record_n_fields; i++)
		if (record_fields[i].numbered)
			return &record_fields[i];
	return NULL;
}

/* Fields rated on the ISO/IEC 33020 scale share outcome.N's choices. */
static int is_rating(const struct field_def *fd)
{
	const struct field_def *o = numbered_field();

	return o && fd->choices && fd->choices == o->choices;
}

static void choices_inline(const struct field_def *fd)
{
	for (size_t k = 0; fd->choices[k]; k++) {
		fputs(k ? ", " : "", stdout);
		fputs("\\fB", stdout);
		roff(fd->choices[k]);
		fputs("\\fR (", stdout);
		roff(fd->choice_help[k]);
		putchar(')');
	}
}

static void field(const struct field_def *fd)
{
	puts(".TP");
	if (fd->numbered) {
		fputs(".BI ", stdout);
		roff(fd->name);
		puts(". N");
	} else {
		fputs(".B ", stdout);
		roff(fd->name);
		putchar('\n');
	}
	roff(fd->help);
	switch (fd->kind) {
	case FIELD_LINE:
		puts(": one line of text (no control characters).");
		break;
	case FIELD_TEXT:
		puts(": multi\\-line text (tabs and line breaks allowed, other control "
		     "characters refused).");
		break;
	case FIELD_LIST:
		puts(", one a line (lines trimmed, blank lines dropped).");
		break;
	case FIELD_DATE:
		puts(": a real calendar date.");
		break;
	case FIELD_DERIVED:
		fputs(".\nDerived from ", stdout);
		roff(fd->derived_from);
		puts(", never stored:");
		puts(".B get");
		puts("shows it and");
		puts(".B set");
		puts("refuses it (exit status 2).");
		break;
	case FIELD_ENUM:
		if (is_rating(fd)) {
			puts(": a rating (see");
			puts(".BR Ratings ).");
		} else {
			fputs(": ", stdout);
			choices_inline(fd);
			puts(".");
		}
		break;
	}
	/* the label when it is more than the name capitalised */
	if (fd->label && strcasecmp(fd->label, fd->name) != 0 && fd->kind != FIELD_DERIVED &&
	    !fd->numbered) {
		fputs("The workbench labels it ", stdout);
		roff(fd->label);
		puts(".");
	}
}

static void ratings(void)
{
	const struct field_def *o = numbered_field();

	if (!o)
		return;
	puts(".PP");
	puts(".B Ratings");
	puts("(ISO/IEC 33020): a value of");
	for (size_t i = 0, n = 0; i < record_n_fields; i++)
		if (is_rating(&record_fields[i]) && !record_fields[i].numbered) {
			fputs(n++ ? ", " : "", stdout);
			fputs("\\fB", stdout);
			roff(record_fields[i].name);
			fputs("\\fR", stdout);
		}
	puts(" and");
	puts(".BI outcome. N");
	puts("is one of the following (lower case is accepted):");
	puts(".RS");
	puts(".PD 0");
	for (size_t k = 0; o->choices[k]; k++) {
		puts(".TP 5");
		fputs(".B ", stdout);
		roff(o->choices[k]);
		putchar('\n');
		roff(o->choice_help[k]);
		putchar('\n');
	}
	puts(".PD");
	puts(".RE");
}

int main(void)
{
	char line[4096];
	int found = 0;

	while (fgets(line, sizeof line, stdin)) {
		if (strncmp(line, MARKER, strlen(MARKER)) == 0) {
			for (size_t i = 0; i < record_n_fields; i++)
				field(&record_fields[i]);
			ratings();
			found = 1;
		} else {
			fputs(line, stdout);
		}
	}
	if (!found) {
		fprintf(stderr, "manfields: no line '%s' on standard input\n", MARKER);
		return 1;
	}
	return fflush(stdout) == 0 && !ferror(stdout) ? 0 : 1;
}
