/* record.c - the fields of a process record and what values they allow.
 *
 * Validation is the only gate between user input and the store: every
 * value is checked (and normalised) here, by the CLI before it opens the
 * store for writing and by store_set() again inside its transaction. */
#include "config.h"
#include "record.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "text.h"

/* Longest value accepted, in bytes: a record is notes, not a document store,
 * and LMDB values this size stay on a handful of pages. */
#define RECORD_MAX_OUTCOME 9999

static const char *const status_choices[] = {
	"not-started", "planned", "in-progress", "implemented", "verified", NULL,
};
static const char *const status_help[] = {
	"nothing done yet", "work is planned", "being put in place",
	"in place", "in place and checked to work", NULL,
};
static const char *const applicable_choices[] = { "yes", "no", NULL };
static const char *const applicable_help[] = {
	"the process applies to this ISMS",
	"it does not apply; a justification is required", NULL,
};
/* ISO/IEC 33020 rating scale, then its optional refinements; assess.c
 * knows their bands. */
static const char *const rating_choices[] = {
	"N", "P", "L", "F", "P-", "P+", "L-", "L+", NULL,
};
static const char *const rating_help[] = {
	"not achieved (0-15 %)", "partially achieved (>15-50 %)",
	"largely achieved (>50-85 %)", "fully achieved (>85-100 %)",
	"partially, lower half (>15-32.5 %)", "partially, upper half (>32.5-50 %)",
	"largely, lower half (>50-67.5 %)", "largely, upper half (>67.5-85 %)", NULL,
};
/* Capability levels (ISO/IEC 33020). */
static const char *const level_choices[] = { "0", "1", "2", "3", "4", "5", NULL };
static const char *const level_help[] = {
	"incomplete", "performed", "managed", "established", "predictable",
	"innovating", NULL,
};

#define PA(n, lvl, what) { .name = "pa." n, .kind = FIELD_ENUM, \
	.choices = rating_choices, .choice_help = rating_help, \
	.help = "PA " n " " what " (capability level " #lvl ")", \
	.label = "PA " n, .cap_level = lvl }

const struct field_def record_fields[] = {
	{ .name = "owner", .kind = FIELD_LINE, .label = "Owner",
	  .help = "who is responsible for the process" },
	{ .name = "status", .kind = FIELD_ENUM, .label = "Status",
	  .choices = status_choices, .choice_help = status_help,
	  .help = "how far the work on the process is" },
	{ .name = "applicable", .kind = FIELD_ENUM, .label = "Applicable",
	  .choices = applicable_choices, .choice_help = applicable_help,
	  .help = "whether the process applies; no needs a justification" },
	{ .name = "justification", .kind = FIELD_TEXT, .label = "Justification",
	  .help = "why the process does not apply; required when applicable is no" },
	{ .name = "notes", .kind = FIELD_TEXT, .label = "Notes",
	  .help = "free text" },
	{ .name = "evidence", .kind = FIELD_LIST, .label = "Evidence",
	  .help = "references to evidence" },
	{ .name = "target", .kind = FIELD_ENUM, .label = "Target level",
	  .choices = level_choices, .choice_help = level_help,
	  .help = "the capability level the organisation wants for the process" },
	{ .name = "level", .kind = FIELD_DERIVED, .label = "Level",
	  .help = "the capability level reached (ISO/IEC 33020): 0-5, - not "
	          "assessed (pa.1.1 not rated), n/a not applicable",
	  .derived_from = "the PA ratings pa.1.1 ... pa.5.2" },
	{ .name = "gap", .kind = FIELD_DERIVED, .label = "Gap",
	  .help = "target minus level (negative: above the target); empty when "
	          "either is not known",
	  .derived_from = "target and level" },
	PA("1.1", 1, "process performance"),
	PA("2.1", 2, "performance management"),
	PA("2.2", 2, "work product management"),
	PA("3.1", 3, "process definition"),
	PA("3.2", 3, "process deployment"),
	PA("4.1", 4, "quantitative analysis"),
	PA("4.2", 4, "quantitative control"),
	PA("5.1", 5, "process innovation"),
	PA("5.2", 5, "process innovation implementation"),
	{ .name = "review", .kind = FIELD_DATE, .label = "Review date",
	  .help = "date of the next planned review (YYYY-MM-DD)" },
	{ .name = "outcome", .kind = FIELD_ENUM, .label = "Outcome", .numbered = true,
	  .choices = rating_choices, .choice_help = rating_help,
	  .help = "rating of outcome N of the process" },
};
const size_t record_n_fields = sizeof record_fields / sizeof record_fields[0];

const struct field_def *record_field(const char *name, int *outcome)
{
	if (!name)
		return NULL;
	for (size_t i = 0; i < record_n_fields; i++) {
		const struct field_def *def = &record_fields[i];
		size_t len = strlen(def->name);
		const char *p = name + len + 1;
		long n = 0;

		if (!def->numbered) {
			if (strcmp(name, def->name) == 0)
				return def;
			continue;
		}
		if (strncmp(name, def->name, len) != 0 || name[len] != '.')
			continue;
		/* Digits only, no sign, no leading zero: one spelling per field,
		 * so "outcome.03" and "outcome.3" never become two keys. */
		if (*p < '1' || *p > '9')
			return NULL;
		for (; *p; p++) {
			if (!isdigit((unsigned char)*p))
				return NULL;
			n = n * 10 + (*p - '0');
			if (n > RECORD_MAX_OUTCOME)
				return NULL;
		}
		if (outcome)
			*outcome = (int)n;
		return def;
	}
	return NULL;
}

const char *record_field_syntax(const struct field_def *def)
{
	/* Only outcome is numbered; its syntax is spelled out here rather
	 * than built, so the string is static. */
	return def->numbered ? "outcome.N" : def->name;
}

/* "a, b, c" from a NULL-terminated list; malloc'd. */
static char *join(const char *const *l)
{
	size_t n = 1;
	char *s;

	for (size_t i = 0; l[i]; i++)
		n += strlen(l[i]) + 2;
	s = malloc(n);
	if (!s)
		return NULL;
	s[0] = '\0';
	for (size_t i = 0; l[i]; i++) {
		if (i)
			strcat(s, ", ");
		strcat(s, l[i]);
	}
	return s;
}

/* "unknown field 'x'; fields are: owner, ..., outcome.N (level, gap are
 * derived)", from the table. */
static char *field_list_message(const char *name)
{
	char *e = text_escape(name, (size_t)-1, 0);
	char list[1024], derived[256];
	size_t n = 0, nd = 0;

	list[0] = derived[0] = '\0';
	for (size_t i = 0; i < record_n_fields; i++) {
		const struct field_def *def = &record_fields[i];

		if (def->kind == FIELD_DERIVED)
			nd += (size_t)snprintf(derived + nd, nd < sizeof derived ? sizeof derived - nd : 0,
			                       "%s%s", nd ? ", " : "", def->name);
		else
			n += (size_t)snprintf(list + n, n < sizeof list ? sizeof list - n : 0,
			                      "%s%s", n ? ", " : "", record_field_syntax(def));
	}
	char *m = text_printf("unknown field '%s'; fields are: %s (and, read-only, %s)",
	                      e ? e : "?", list, derived);
	free(e);
	return m;
}

static bool leap(long y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static bool valid_date(const char *s)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	long y, m, d;

	for (int i = 0; i < 10; i++) {
		if (i == 4 || i == 7) {
			if (s[i] != '-')
				return false;
		} else if (!isdigit((unsigned char)s[i])) {
			return false;
		}
	}
	if (s[10] != '\0')
		return false;
	y = strtol(s, NULL, 10);
	m = strtol(s + 5, NULL, 10);
	d = strtol(s + 8, NULL, 10);
	if (y < 1 || m < 1 || m > 12 || d < 1)
		return false;
	return d <= mdays[m - 1] + (m == 2 && leap(y));
}

/* Copy of value with "\r\n" -> "\n", trailing whitespace removed; for
 * one-line fields leading blanks go too. */
static char *normalise(const char *v, bool one_line)
{
	size_t n = strlen(v), j = 0;
	char *out = malloc(n + 1);

	if (!out)
		return NULL;
	if (one_line)
		while (*v == ' ' || *v == '\t')
			v++;
	for (size_t i = 0; v[i]; i++) {
		if (v[i] == '\r' && v[i + 1] == '\n')
			continue;
		out[j++] = v[i];
	}
	while (j > 0 && (out[j - 1] == ' ' || out[j - 1] == '\t' ||
	                 out[j - 1] == '\n' || out[j - 1] == '\r'))
		j--;
	out[j] = '\0';
	return out;
}

/* Checks text for invalid UTF-8 and control characters (newline and tab are
 * allowed when multi). Returns NULL if fine, else a malloc'd message. */
static char *check_text(const char *field, const char *v, bool multi)
{
	size_t len = strlen(v);

	if (len > RECORD_MAX_VALUE)
		return text_printf("%s: value is %zu bytes long; at most %u are allowed",
		           field, len, RECORD_MAX_VALUE);
	for (size_t i = 0; i < len;) {
		unsigned cp;
		size_t k = text_utf8_decode(v + i, len - i, &cp);

		if (k == 0)
			return text_printf("%s: value is not valid UTF-8 (byte %zu); "
			           "use UTF-8 text", field, i + 1);
		if (cp == '\n' && !multi)
			return text_printf("%s: must be one line; remove the line break "
			           "(multi-line text belongs in notes)", field);
		if ((cp < 0x20 && !(multi && (cp == '\n' || cp == '\t'))) ||
		    (cp >= 0x7F && cp < 0xA0))
			return text_printf("%s: control character U+%04X at byte %zu is not "
			           "allowed; use plain text%s", field, cp, i + 1,
			           multi ? " (line breaks and tabs are fine)" : "");
		i += k;
	}
	return NULL;
}

/* Evidence: each line trimmed, blank lines dropped. */
static char *tidy_list(char *v)
{
	char *out = malloc(strlen(v) + 1), *o = out;
	char *line = v;

	if (!out)
		return NULL;
	while (line) {
		char *nl = strchr(line, '\n'), *end;

		if (nl)
			*nl = '\0';
		while (*line == ' ' || *line == '\t')
			line++;
		end = line + strlen(line);
		while (end > line && (end[-1] == ' ' || end[-1] == '\t'))
			end--;
		if (end > line) {
			if (o != out)
				*o++ = '\n';
			memcpy(o, line, (size_t)(end - line));
			o += end - line;
		}
		line = nl ? nl + 1 : NULL;
	}
	*o = '\0';
	return out;
}

char *record_validate(const char *field, const char *value, size_t n_outcomes, char **why)
{
	const struct field_def *def;
	int outcome = 0;
	char *v, *msg = NULL;

	*why = NULL;
	def = record_field(field, &outcome);
	if (!def) {
		*why = field_list_message(field ? field : "");
		return NULL;
	}
	if (def->kind == FIELD_DERIVED) {
		*why = text_printf("%s: derived from %s; it cannot be set", def->name,
		                   def->derived_from);
		return NULL;
	}
	if (def->numbered && (size_t)outcome > n_outcomes) {
		if (n_outcomes == 0)
			*why = text_printf("%s: this process has no outcomes in the model", field);
		else
			*why = text_printf("%s: this process has outcomes 1 to %zu; use "
			           "outcome.1 ... outcome.%zu", field, n_outcomes, n_outcomes);
		return NULL;
	}
	if (!value)
		value = "";
	/* Normalise first: a trailing newline (echo, a file) or CRLF line
	 * ends are not what the user means to store. */
	v = normalise(value, def->kind != FIELD_TEXT && def->kind != FIELD_LIST);
	if (!v)
		goto oom;
	msg = check_text(field, v, def->kind == FIELD_TEXT || def->kind == FIELD_LIST);
	if (msg) {
		*why = msg;
		free(v);
		return NULL;
	}
	if (v[0] == '\0')
		return v; /* empty: clear the field */

	switch (def->kind) {
	case FIELD_LINE:
	case FIELD_TEXT:
		return v;
	case FIELD_LIST: {
		char *t = tidy_list(v);
		free(v);
		if (!t)
			goto oom;
		return t;
	}
	case FIELD_DATE:
		if (valid_date(v))
			return v;
		{
			char *e = text_escape(v, (size_t)-1, 0);
			*why = text_printf("%s: '%s' is not a date; use YYYY-MM-DD, a real "
			           "calendar date (e.g. 2026-03-31)", field, e ? e : "?");
			free(e);
		}
		free(v);
		return NULL;
	case FIELD_DERIVED:
		break;  /* refused above */
	case FIELD_ENUM:
		for (size_t i = 0; def->choices[i]; i++) {
			if (strcasecmp(v, def->choices[i]) == 0) {
				free(v);
				v = strdup(def->choices[i]);
				if (!v)
					goto oom;
				return v;
			}
		}
		{
			char *e = text_escape(v, (size_t)-1, 0);
			char *l = join(def->choices);
			*why = text_printf("%s: '%s' is not allowed; use one of: %s", field,
			           e ? e : "?", l ? l : "?");
			free(e);
			free(l);
		}
		free(v);
		return NULL;
	}
	free(v);
oom:
	*why = strdup("out of memory");
	return NULL;
}

int record_status_index(const char *status)
{
	if (status)
		for (int i = 0; status_choices[i]; i++)
			if (strcmp(status, status_choices[i]) == 0)
				return i;
	return -1;
}

char record_status_mark(const char *status)
{
	static const char marks[] = { ' ', 'p', 'i', 'I', 'V' };
	int i = record_status_index(status);

	return i < 0 ? '-' : marks[i];
}
