/* cli_store.c - the record commands: set, get, undo, redo, log, status,
 * verify.
 *
 * Values are validated before the store is opened for writing, so a bad
 * value never creates or touches a store. Everything from the model or a
 * record goes through text_escape() before it is printed, except the raw
 * value of 'get ID FIELD' when stdout is not a terminal (for scripts). */
#include "config.h"
#include "cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "assess.h"
#include "codec.h"
#include "model.h"
#include "record.h"
#include "refusal.h"
#include "store.h"
#include "text.h"

static const char *arrow(void)
{
	return text_locale_is_utf8() ? "\xe2\x86\x92" : "->";
}

static unsigned esc_flags(void)
{
	return text_locale_is_utf8() ? 0 : TEXT_ASCII;
}

/* Print text from the store or model, escaped (the store may have been
 * written by another tool: field names and ids are untrusted too). */
static void put_escaped(const char *v)
{
	char *e = text_escape(v, (size_t)-1, esc_flags());

	fputs(e ? e : "?", stdout);
	free(e);
}

static void print_quoted(const char *v)
{
	putchar('"');
	put_escaped(v);
	putchar('"');
}

/* Columns a value may take in undo/redo/log output on a terminal. */
#define BRIEF_COLUMNS 60

/* A value in undo/redo/log output, quoted and escaped. On a terminal a
 * value longer than BRIEF_COLUMNS or of several lines shows its first line
 * cut to fit, an ellipsis and its whole length, so that a long note does
 * not flood the screen; piped, the whole value (scripts, audits). */
static void print_brief(const char *v)
{
	const char *nl = strchr(v, '\n');
	size_t len = strlen(v), first = nl ? (size_t)(nl - v) : len, fit;
	char *e;
	bool utf8 = text_locale_is_utf8();
	int w;

	if (!isatty(STDOUT_FILENO)) {
		print_quoted(v);
		return;
	}
	e = text_escape(v, first, esc_flags());
	if (!e) {
		fputs("\"?\"", stdout);
		return;
	}
	w = text_width(e, strlen(e));
	if (!nl && w <= BRIEF_COLUMNS) {
		printf("\"%s\"", e);
	} else {
		fit = text_fit(e, strlen(e), w <= BRIEF_COLUMNS ? w : BRIEF_COLUMNS - 1, NULL);
		printf("\"%.*s%s\" (%zu bytes)", (int)fit, e, utf8 ? "\xe2\x80\xa6" : "...", len);
	}
	free(e);
}

/* "no process 'X' in model M; did you mean A (name), B (name)?" */
static void no_such_process(const struct prm_model *m, const char *id)
{
	size_t idx[3], n = prm_model_suggest(m, id, idx, 3);
	char buf[1024];
	size_t len = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < n && len < sizeof buf; i++) {
		const struct prm_process *p = &m->processes[idx[i]];
		len += (size_t)snprintf(buf + len, sizeof buf - len, "%s%s (%s)",
		                        i ? ", " : "", p->id, p->name);
	}
	if (n)
		cli_error("no process '%s' in model %s; did you mean %s?", id, m->id, buf);
	else
		cli_error("no process '%s' in model %s; 'prmwb list' shows the ids", id, m->id);
}

/* Outcome numbers are stable and may have gaps (a split outcome's number
 * is retired): outcome.N must be one the model has. False, with the
 * message given, for a number in a gap; numbers past the last are left
 * to record_validate(), which says the range. */
static bool outcome_in_model(const struct prm_process *p, const char *field)
{
	int n = 0, max = prm_process_outcome_max(p);
	char list[256];
	size_t len = 0;

	if (!record_field(field, &n) || n <= 0 || n > max || prm_process_outcome(p, n))
		return true;
	list[0] = '\0';
	for (int k = 1; k <= max && len < sizeof list; k++)
		if (prm_process_outcome(p, k))
			len += (size_t)snprintf(list + len, sizeof list - len, "%s%d",
			                        len ? ", " : "", k);
	cli_error("%s: process %s has no outcome %d (its outcomes are %s; a retired "
	          "number is not reused)", field, p->id, n, list);
	return false;
}

/* Open the store for a read (or undo/redo): a store that does not exist
 * yet reads as an empty one, so a fresh install behaves like an empty
 * store (cli_read_store()). */
static struct store *read_store(struct cli *c, int *rc, char **absent)
{
	return cli_read_store(c, rc, absent);
}

/* A store call failed: say why, keeping the reason (store_error(): the
 * errno's text, or the damaged key). */
static int store_failed(struct store *st, enum store_rc src, const char *what)
{
	return cli_store_failed(st, src, what);
}

/* With --force-model the first change written rebinds the store to the
 * model in use (store.h): say so, since other users' commands without
 * --force-model are refused from then on. before: store_bound_model()
 * copied before the change. */
static void rebound_notice(struct store *st, const char *before)
{
	const char *now = store_bound_model(st);

	if (before && now && strcmp(before, now) != 0)
		cli_error("%s: store rebound from model '%s' to '%s' (--force-model)",
		          store_path(st), before, now);
}

/* Read the value from standard input: at most one byte more than a value
 * may have, so that the validator counts an over-long value exactly, but a
 * huge or endless input is not read to its end (*too_long: there was more).
 * *len: bytes read (a NUL byte makes it differ from strlen()). */
static char *read_stdin(size_t *len, bool *too_long)
{
	const size_t limit = RECORD_MAX_VALUE + 1;
	char *buf = malloc(limit + 1);
	size_t n = 0;

	*len = 0;
	*too_long = false;
	if (!buf)
		return NULL;
	while (n < limit) {
		size_t got = fread(buf + n, 1, limit - n, stdin);

		n += got;
		if (got == 0)
			break;
	}
	if (n == limit && fgetc(stdin) != EOF)
		*too_long = true;
	if (ferror(stdin)) {
		free(buf);
		return NULL;
	}
	buf[n] = '\0';
	*len = n;
	return buf;
}

/* Only white space (or nothing): what a failed command before the pipe
 * gives ('git log | prmwb set 7.4 evidence -' outside a repository). */
static bool blank(const char *s)
{
	for (; *s; s++)
		if (!strchr(" \t\n\r\v\f", *s))
			return false;
	return true;
}

/* ---- set over many processes ------------------------------------------------ */

/* Whether a set names several processes: IDS with commas, --category,
 * --all (options come before IDS). */
static bool set_is_bulk(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0)
			return i + 1 < argc && strchr(argv[i + 1], ',');
		if (strcmp(argv[i], "--all") == 0 || strcmp(argv[i], "--category") == 0 ||
		    strncmp(argv[i], "--category=", 11) == 0)
			return true;
		if (strncmp(argv[i], "--", 2) != 0)
			return strchr(argv[i], ',') != NULL;
	}
	return false;
}

static const char set_usage[] = "usage: prmwb set [--allow-empty] ID[,ID...] FIELD VALUE\n"
	"       prmwb set [--allow-empty] --category CATEGORY FIELD VALUE\n"
	"       prmwb set [--allow-empty] --all FIELD VALUE   (VALUE '-' reads standard input)";

/* set FIELD to VALUE in many processes: one change set, all or nothing. */
static int set_bulk(struct cli *c, int argc, char **argv)
{
	struct prm_model *m;
	const struct prm_category *cat = NULL;
	const struct prm_process **procs = NULL;
	struct store_edit *edits = NULL;
	char **norm = NULL, *value = NULL, *why = NULL, *bound = NULL;
	const char *ids = NULL, *field, *val, *want_cat = NULL;
	bool all = false, allow_empty = false;
	size_t n = 0, changed = 0;
	uint64_t set = 0;
	struct store_change info;
	struct store *st;
	enum store_rc src;
	int i, rc = EXIT_USAGE;

	for (i = 1; i < argc && strncmp(argv[i], "--", 2) == 0; i++) {
		if (strcmp(argv[i], "--") == 0) {
			i++;
			break;
		} else if (strcmp(argv[i], "--allow-empty") == 0) {
			allow_empty = true;
		} else if (strcmp(argv[i], "--all") == 0) {
			all = true;
		} else if (strcmp(argv[i], "--category") == 0 && i + 1 < argc) {
			want_cat = argv[++i];
		} else if (strncmp(argv[i], "--category=", 11) == 0) {
			want_cat = argv[i] + 11;
		} else {
			cli_error("set: unknown option '%s'\n%s", argv[i], set_usage);
			return EXIT_USAGE;
		}
	}
	if ((all && want_cat) || argc - i != (all || want_cat ? 2 : 3)) {
		cli_error("%s", set_usage);
		return EXIT_USAGE;
	}
	if (!all && !want_cat)
		ids = argv[i++];
	field = argv[i];
	val = argv[i + 1];
	m = cli_model(c);
	if (!m)
		return EXIT_USAGE;
	if (!record_field(field, NULL)) {
		record_validate(field, "", 0, &why);
		cli_error("%s", why ? why : "unknown field");
		free(why);
		return EXIT_USAGE;
	}
	if (want_cat && !(cat = cli_find_category(m, want_cat))) {
		cli_unknown_category(m, "set", want_cat);
		return EXIT_USAGE;
	}
	procs = calloc(m->n_processes + 1, sizeof *procs);
	if (!procs)
		goto oom;
	if (ids) {
		for (const char *p = ids;; ) {
			const char *comma = strchr(p, ',');
			size_t len = comma ? (size_t)(comma - p) : strlen(p);
			char *id = strndup(p, len);
			const struct prm_process *pp;
			bool dup = false;

			if (!id)
				goto oom;
			if (!len) {
				cli_error("set: an empty process id in '%s' (ids are separated by single "
				          "commas)", ids);
				free(id);
				goto out;
			}
			pp = prm_model_find(m, id);
			if (!pp) {
				no_such_process(m, id);
				free(id);
				rc = EXIT_NOTFOUND;
				goto out;
			}
			free(id);
			for (size_t k = 0; k < n; k++)
				dup = dup || procs[k] == pp;
			if (!dup && n < m->n_processes)
				procs[n++] = pp;
			if (!comma)
				break;
			p = comma + 1;
		}
	} else {
		for (size_t k = 0; k < m->n_processes; k++)
			if (all || m->processes[k].category == (size_t)(cat - m->categories))
				procs[n++] = &m->processes[k];
	}
	if (strcmp(val, "-") == 0) {
		size_t len;
		bool too_long;

		value = read_stdin(&len, &too_long);
		if (!value) {
			cli_error("cannot read the value from standard input: %s", strerror(errno));
			goto out;
		}
		if (too_long || strlen(value) != len || (!allow_empty && blank(value))) {
			cli_error("%s: the value on standard input is %s; nothing was changed", field,
			          too_long ? "more than 64 KiB long" : strlen(value) != len ?
			          "not plain text (a NUL byte)" : "empty or only white space (did the "
			          "command before the pipe fail? --allow-empty clears the field)");
			goto out;
		}
		val = value;
	}
	edits = calloc(n ? n : 1, sizeof *edits);
	norm = calloc(n ? n : 1, sizeof *norm);
	if (!edits || !norm)
		goto oom;
	/* Every process's value checked before the store is touched. */
	for (size_t k = 0; k < n; k++) {
		size_t max = (size_t)prm_process_outcome_max(procs[k]);

		if (!outcome_in_model(procs[k], field))
			goto out;
		norm[k] = record_validate(field, val, max, &why);
		if (!norm[k]) {
			cli_error("%s: %s", procs[k]->id, why ? why : "invalid value");
			goto out;
		}
		edits[k] = (struct store_edit){ procs[k]->id, field, norm[k], max, STORE_ANY_REV,
		                                NULL, 0 };
	}
	st = cli_write_store(c, "nothing was changed", &rc);
	if (!st)
		goto out;
	bound = strdup(store_bound_model(st));
	src = store_set_many(st, edits, n, NULL, &info, &set, &changed);
	switch (src) {
	case STORE_OK:
		rebound_notice(st, bound);
		put_escaped(field);
		printf(" of %zu process%s: ", n, n == 1 ? "" : "es");
		if (changed == 0)
			printf("none changed (%s already had that value)\n", n == 1 ? "it" : "all");
		else if (changed == n)
			printf("%zu changed (change set #%llu)\n", changed, (unsigned long long)set);
		else
			printf("%zu changed, %zu already had that value (change set #%llu)\n", changed,
			       n - changed, (unsigned long long)set);
		rc = EXIT_OK;
		break;
	case STORE_INVALID:
		if (info.needs_justification && strcmp(info.field, "justification") == 0)
			cli_error("%s: applicable 'no' needs a justification; set it first: prmwb set "
			          "%s justification TEXT; nothing was changed", info.process,
			          info.process);
		else if (info.needs_justification)
			cli_error("%s: justification cannot be cleared while applicable is 'no'; "
			          "nothing was changed", info.process);
		else
			cli_error("%s %s: %s; nothing was changed", info.process, info.field,
			          store_strerror(src));
		rc = EXIT_USAGE;
		break;
	default:
		rc = store_failed(st, src, "nothing was changed");
		break;
	}
	goto out;
oom:
	cli_error("out of memory");
	rc = EXIT_USAGE;
out:
	for (size_t k = 0; norm && k < n; k++)
		free(norm[k]);
	free(norm);
	free(edits);
	free((void *)procs);
	free(value);
	free(bound);
	free(why);
	return rc;
}

int cmd_set(struct cli *c, int argc, char **argv)
{
	struct prm_model *m;
	const struct prm_process *p;
	const struct field_def *def;
	struct store *st;
	struct store_change info;
	char *value = NULL, *norm = NULL, *why = NULL, *bound = NULL;
	int outcome = 0, rc = EXIT_USAGE;
	bool allow_empty = false;
	enum store_rc src;

	if (set_is_bulk(argc, argv))
		return set_bulk(c, argc, argv);
	/* Options come before ID (a VALUE may start with '-'). */
	while (argc > 1 && strncmp(argv[1], "--", 2) == 0) {
		bool end = strcmp(argv[1], "--") == 0;

		if (!end && strcmp(argv[1], "--allow-empty") != 0) {
			cli_error("set: unknown option '%s'; usage: prmwb set [--allow-empty] ID "
			          "FIELD VALUE", argv[1]);
			return EXIT_USAGE;
		}
		allow_empty = allow_empty || !end;
		argv[1] = argv[0];      /* drop the option, keep the command name */
		argv++;
		argc--;
		if (end)
			break;
	}
	if (argc != 4) {
		cli_error("usage: prmwb set [--allow-empty] ID FIELD VALUE   (VALUE '-' reads "
		          "standard input)");
		return EXIT_USAGE;
	}
	m = cli_model(c);
	if (!m)
		return EXIT_USAGE;
	def = record_field(argv[2], &outcome);
	/* level and gap are derived: refused before anything is read */
	if (!def || def->kind == FIELD_DERIVED) {
		record_validate(argv[2], "", 0, &why);
		cli_error("%s", why ? why : "unknown field");
		free(why);
		return EXIT_USAGE;
	}
	p = prm_model_find(m, argv[1]);
	if (!p) {
		no_such_process(m, argv[1]);
		return EXIT_NOTFOUND;
	}
	if (strcmp(argv[3], "-") == 0) {
		size_t len;
		bool too_long;

		value = read_stdin(&len, &too_long);
		if (!value) {
			cli_error("cannot read the value from standard input: %s", strerror(errno));
			return EXIT_USAGE;
		}
		if (too_long) {
			cli_error("%s: the value on standard input is more than %u bytes long; "
			          "at most %u are allowed", argv[2], RECORD_MAX_VALUE,
			          RECORD_MAX_VALUE);
			goto out;
		}
		if (strlen(value) != len) {
			cli_error("%s: a NUL byte at byte %zu is not allowed; use plain text",
			          argv[2], strlen(value) + 1);
			goto out;
		}
		if (!allow_empty && blank(value)) {
			cli_error("%s %s: standard input was %s; nothing was changed (did the "
			          "command before the pipe fail?). To clear the field: prmwb set %s "
			          "%s '' (or --allow-empty)", p->id, argv[2], len ? "only white space" :
			          "empty", p->id, argv[2]);
			goto out;
		}
	}
	if (!outcome_in_model(p, argv[2]))
		goto out;
	norm = record_validate(argv[2], value ? value : argv[3],
	                       (size_t)prm_process_outcome_max(p), &why);
	if (!norm) {
		cli_error("%s", why ? why : "invalid value");
		goto out;
	}
	if (!norm[0] && !c->store) {
		/* Clearing a field with no store yet: every field reads as not
		 * set, so this records nothing, and must not create the store. */
		char *path = c->db_path ? strdup(c->db_path) : store_default_path();
		bool absent = path && !store_exists(path);

		free(path);
		if (absent) {
			rc = EXIT_OK;
			goto out;
		}
	}
	st = cli_write_store(c, "nothing was changed", &rc);
	if (!st)
		goto out;
	/* The CLI has no stale view: it reads nothing before, so any base rev. */
	bound = strdup(store_bound_model(st));
	src = store_set(st, p->id, argv[2], norm, (size_t)prm_process_outcome_max(p),
	                STORE_ANY_REV, &info);
	switch (src) {
	case STORE_OK:
		rebound_notice(st, bound);
		rc = EXIT_OK;
		break;
	case STORE_INVALID:
		if (info.needs_justification && strcmp(argv[2], "applicable") == 0)
			cli_error("applicable: 'no' needs a justification; set it first: "
			          "prmwb set %s justification TEXT", p->id);
		else if (info.needs_justification)
			cli_error("justification: cannot be cleared while applicable is 'no' "
			          "for %s; set applicable to yes first", p->id);
		else
			cli_error("%s: %s", argv[2], store_strerror(src));
		rc = EXIT_USAGE;
		break;
	default: {
		char *what = text_printf("%s %s not changed", p->id, argv[2]);

		rc = store_failed(st, src, what ? what : "not changed");
		free(what);
		break;
	}
	}
out:
	free(bound);
	free(why);
	free(norm);
	free(value);
	return rc;
}

/* Print a value for people: escaped, continuation lines indented. */
static void print_value(const char *v, int indent)
{
	char *e = text_escape(v, (size_t)-1, TEXT_KEEP_NEWLINES | esc_flags());

	if (!v[0]) {
		puts("-");
		free(e);
		return;
	}
	for (const char *s = e ? e : "?"; *s; s++) {
		putchar(*s);
		if (*s == '\n')
			printf("%*s", indent, "");
	}
	putchar('\n');
	free(e);
}

static void print_field(const char *name, const struct field_value *fv)
{
	printf("  %-15s ", name);
	print_value(fv ? fv->value : "", 18);
}

/* PA 1.1 with the rating its outcome ratings suggest (assess.h), or how
 * many are rated so far; never set by itself. */
static void print_pa_suggested(const char *name, const struct field_value *fv,
                               const struct assess_suggestion *sg)
{
	const char *v = fv && fv->value[0] ? fv->value : "-";
	char *e = text_escape(v, (size_t)-1, esc_flags());

	printf("  %-15s %-3s", name, e ? e : "?");
	free(e);
	if (sg->n_outcomes == 0)
		putchar('\n');
	else if (sg->rating != AR_NONE)
		printf(" (suggested by the outcome ratings: %s, mean %d.%d %%)\n",
		       assess_rating_text(sg->rating), sg->mean_tenths / 10, sg->mean_tenths % 10);
	else
		printf(" (suggested when all %zu outcomes are rated: %zu of %zu so far)\n",
		       sg->n_outcomes, sg->n_rated, sg->n_outcomes);
}

int cmd_get(struct cli *c, int argc, char **argv)
{
	struct prm_model *m;
	const struct prm_process *p;
	struct store *st;
	struct record rec;
	struct assess_row row;
	char *absent;
	const char *ref = NULL;
	uint64_t at = STORE_NOW;
	int rc = EXIT_USAGE;
	enum store_rc src;

	if (!cli_take_as_of(&argc, argv, &ref))
		return EXIT_USAGE;
	if (argc != 2 && argc != 3) {
		cli_error("usage: prmwb get [--as-of REF] ID [FIELD]");
		return EXIT_USAGE;
	}
	m = cli_model(c);
	if (!m)
		return EXIT_USAGE;
	if (argc == 3 && !record_field(argv[2], NULL)) {
		char *why = NULL;
		record_validate(argv[2], "", 0, &why);
		cli_error("%s", why ? why : "unknown field");
		free(why);
		return EXIT_USAGE;
	}
	p = prm_model_find(m, argv[1]);
	st = read_store(c, &rc, &absent);
	if (!st && !absent)
		return rc;
	free(absent);
	if (ref && (rc = cli_resolve_as_of(c, st, ref, &at)) != EXIT_OK)
		return rc;
	if (!st) {
		memset(&rec, 0, sizeof rec);    /* no store yet: an empty record */
	} else if ((src = store_get_at(st, argv[1], at, &rec)) != STORE_OK) {
		char *what = text_printf("cannot read the record of %s", argv[1]);

		rc = store_failed(st, src, what ? what : "cannot read the record");
		free(what);
		return rc;
	}
	if (!p && rec.n_fields == 0) {
		no_such_process(m, argv[1]);
		record_free(&rec);
		return EXIT_NOTFOUND;
	}
	if (argc == 3 && record_field(argv[2], NULL)->kind == FIELD_DERIVED) {
		char buf[32];
		const char *v;

		assess_row(m, p ? (size_t)(p - m->processes) : (size_t)-1, &rec, &row);
		v = assess_derived(&row, argv[2], buf, sizeof buf);
		if (v && v[0])
			puts(v);
		record_free(&rec);
		return EXIT_OK;
	}
	if (argc == 3) {
		const struct field_value *fv = record_get(&rec, argv[2]);
		const char *v = fv ? fv->value : "";
		int outcome = 0;

		/* outcome.N beyond the process's outcomes: refused as by set,
		 * unless the record holds it (the model shrank since); an
		 * orphan has no model outcomes to check against. */
		record_field(argv[2], &outcome);
		if (p && outcome > 0 && !fv) {
			char *why = NULL;

			if (!outcome_in_model(p, argv[2])) {
				record_free(&rec);
				return EXIT_USAGE;
			}
			if (!record_validate(argv[2], "", (size_t)prm_process_outcome_max(p), &why)) {
				cli_error("%s", why ? why : "no such outcome");
				free(why);
				record_free(&rec);
				return EXIT_USAGE;
			}
			free(why);
		}

		if (v[0]) {
			if (isatty(STDOUT_FILENO)) {
				char *e = text_escape(v, (size_t)-1,
				                      TEXT_KEEP_NEWLINES | TEXT_KEEP_TABS | esc_flags());
				fputs(e ? e : "?", stdout);
				free(e);
			} else {
				fputs(v, stdout);
			}
			putchar('\n');
		}
		record_free(&rec);
		return EXIT_OK;
	}

	{
		char *id = text_escape(argv[1], (size_t)-1, esc_flags());
		char *name = p ? text_escape(p->name, (size_t)-1, esc_flags()) : NULL;
		char when[32];

		if (p)
			printf("%s %s\n", id ? id : "?", name ? name : "?");
		else
			printf("%s (orphan: not in model %s; record kept)\n", id ? id : "?", m->id);
		if (ref) {
			char *r = text_escape(ref, (size_t)-1, esc_flags());

			printf("as of history #%llu (%s)\n", (unsigned long long)at, r ? r : "?");
			free(r);
		}
		free(id);
		free(name);
		assess_row(m, p ? (size_t)(p - m->processes) : (size_t)-1, &rec, &row);
		for (size_t i = 0; i < record_n_fields; i++) {
			const struct field_def *fd = &record_fields[i];

			if (fd->numbered)
				continue;
			if (fd->kind == FIELD_DERIVED) {
				char buf[32];
				const char *v = assess_derived(&row, fd->name, buf, sizeof buf);
				struct field_value fv = { .value = (char *)(v ? v : "") };

				print_field(fd->name, &fv);
			} else if (fd->cap_level == 1) {
				print_pa_suggested(fd->name, record_get(&rec, fd->name), &row.suggestion);
			} else {
				print_field(fd->name, record_get(&rec, fd->name));
			}
		}
		/* the model's outcomes by number, then any other outcome stored
		 * (a retired number, or the model lost it) */
		for (int n = 1; p && n <= prm_process_outcome_max(p); n++) {
			char f[32];

			if (!prm_process_outcome(p, n))
				continue;
			snprintf(f, sizeof f, "outcome.%d", n);
			print_field(f, record_get(&rec, f));
		}
		for (size_t i = 0; i < rec.n_fields; i++) {
			int o = 0;
			if (strncmp(rec.fields[i].field, "outcome.", 8) == 0 &&
			    record_field(rec.fields[i].field, &o) &&
			    (!p || !prm_process_outcome(p, o)) && rec.fields[i].value[0]) {
				/* kept, never dropped; said, so it is not taken for
				 * a rating of today's outcomes */
				printf("  %-15s ", rec.fields[i].field);
				put_escaped(rec.fields[i].value);
				printf("   (retired: not an outcome of this model)\n");
			}
		}
		refusal_iso_time(rec.time, when, sizeof when);
		if (rec.rev) {
			char *u = text_escape(rec.user, (size_t)-1, esc_flags());
			printf("revision %llu, last changed %s by %s\n",
			       (unsigned long long)rec.rev, when, u ? u : "?");
			free(u);
		} else {
			printf("no record yet\n");
		}
	}
	record_free(&rec);
	return EXIT_OK;
}

/* store_known_fn: the model in use has the process. */
static bool in_model(const char *process, void *arg)
{
	return prm_model_find(arg, process) != NULL;
}

/* "who at when", or "(nobody yet)" for a field never written. */
/* The history number of 'prmwb undo N': digits, or '#' and digits (the
 * shell needs '#N' quoted, since an unquoted # starts a comment). */
static bool parse_seq(const char *a, uint64_t *seq)
{
	const char *d = a[0] == '#' ? a + 1 : a;
	char *end;

	if (*d < '1' || *d > '9')
		return false;
	for (const char *q = d; *q; q++)
		if (*q < '0' || *q > '9')
			return false;
	errno = 0;
	*seq = strtoull(d, &end, 10);
	return errno == 0 && *end == '\0';
}

/* "P F is now V" of a field after an undo or redo. */
static void print_now(struct store *st, const char *process, const char *field)
{
	struct record rec;
	const struct field_value *fv = NULL;

	if (store_get(st, process, &rec) == STORE_OK)
		fv = record_get(&rec, field);
	put_escaped(process);
	putchar(' ');
	put_escaped(field);
	fputs(" is now ", stdout);
	if (fv && fv->value[0])
		print_brief(fv->value);
	else
		printf("not set");
	record_free(&rec);
}

/* What a change-set undo or redo did (STORE_OK). */
static void print_set_done(struct store *st, const struct store_set_report *rep, bool redo)
{
	if (rep->n_done == 1 && rep->n_refused == 0) {
		printf("%s: ", redo ? "redone" : "undone");
		print_now(st, rep->done[0].process, rep->done[0].field);
		printf(" (history #%llu)\n", (unsigned long long)rep->done[0].seq);
		return;
	}
	printf("%s: change set #%llu, %zu field%s (history #%llu to #%llu):\n",
	       redo ? "redone" : "undone", (unsigned long long)rep->set, rep->n_done,
	       rep->n_done == 1 ? "" : "s", (unsigned long long)rep->written,
	       (unsigned long long)(rep->written + rep->n_done - 1));
	for (size_t i = 0; i < rep->n_done; i++) {
		fputs("  ", stdout);
		print_now(st, rep->done[i].process, rep->done[i].field);
		putchar('\n');
	}
	if (rep->n_refused) {
		printf("not %s (%zu field%s; 'prmwb undo N' undoes one of your changes by its "
		       "number):\n", redo ? "redone" : "undone", rep->n_refused,
		       rep->n_refused == 1 ? "" : "s");
		for (size_t i = 0; i < rep->n_refused; i++) {
			char *t = refusal_field_text(&rep->refused[i]);

			fputs("  ", stdout);
			put_escaped(t ? t : "?");
			putchar('\n');
			free(t);
		}
	}
}

static int undo_redo(struct cli *c, int argc, char **argv, bool redo)
{
	const char *verb = redo ? "redo" : "undo";
	struct store *st;
	struct store_change info;
	struct store_set_report rep = { 0 };
	enum store_rc src;
	char *absent, *bound, *why;
	uint64_t seq = 0;
	bool partial = false;
	int rc = EXIT_USAGE;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--partial") == 0 && !partial) {
			partial = true;
		} else if (!redo && !seq && argv[i][0] != '-' && parse_seq(argv[i], &seq)) {
			continue;
		} else if (redo) {
			cli_error("usage: prmwb redo [--partial]   (not '%s')", argv[i]);
			return EXIT_USAGE;
		} else if (argv[i][0] == '-' && strcmp(argv[i], "--partial") != 0) {
			cli_error("usage: prmwb undo [--partial | N]   (unknown option '%s')", argv[i]);
			return EXIT_USAGE;
		} else {
			cli_error("usage: prmwb undo [--partial | N]   (N: the number of one of your "
			          "changes, as 'prmwb log' shows it: 12 or '#12'; not '%s')", argv[i]);
			return EXIT_USAGE;
		}
	}
	if (partial && seq) {
		cli_error("usage: prmwb undo [--partial | N]   (--partial is for a whole change "
		          "set; undo N undoes one change)");
		return EXIT_USAGE;
	}
	st = read_store(c, &rc, &absent);
	if (!st && !absent)
		return rc;
	if (!st) {
		cli_error("nothing to %s: no store yet at %s", verb, absent);
		free(absent);
		return EXIT_NOTFOUND;
	}
	bound = strdup(store_bound_model(st));
	/* read_store() loaded the model, since the store is open. */
	memset(&info, 0, sizeof info);
	if (seq)
		src = store_undo_seq(st, seq, in_model, c->model, &info);
	else if (redo)
		src = store_redo_set(st, partial ? STORE_UNDO_PARTIAL : 0, in_model, c->model, &rep);
	else
		src = store_undo_set(st, partial ? STORE_UNDO_PARTIAL : 0, in_model, c->model, &rep);
	if (src == STORE_OK)
		rebound_notice(st, bound);
	free(bound);
	/* A set of one field: the refusal names it as it always did. */
	if (!seq && rep.n_refused && rep.n_fields <= 1)
		info = rep.refused[0];
	switch (src) {
	case STORE_OK:
		if (seq) {
			printf("undone: ");
			print_now(st, info.process, info.field);
			printf(" (history #%llu)\n", (unsigned long long)info.seq);
		} else {
			print_set_done(st, &rep, redo);
		}
		rc = EXIT_OK;
		break;
	case STORE_NOTFOUND:
		if (!seq) {
			cli_error("nothing to %s for user %s", verb, store_user(st));
			rc = EXIT_NOTFOUND;
			break;
		}
		/* fall through */
	case STORE_CONFLICT:
		if (!seq && rep.n_fields > 1)
			why = refusal_set_text(src, &rep, verb);
		else
			why = refusal_text(src, &info, verb, seq, redo ? NULL :
			                   "To undo an older change of yours, name it: prmwb undo N "
			                   "('prmwb log' shows the numbers)");
		cli_error("%s", why ? why : "out of memory");
		free(why);
		rc = EXIT_NOTFOUND;
		break;
	case STORE_ORPHAN:
		if (!seq && rep.n_fields > 1) {
			why = refusal_set_text(src, &rep, verb);
			cli_error("%s", why ? why : "out of memory");
			free(why);
		} else {
			cli_error("%s refused: the change to %s %s is of a process not in model %s "
			          "(its record is read-only); nothing was changed",
			          verb, info.process, info.field, c->model->id);
		}
		rc = EXIT_NOTFOUND;
		break;
	case STORE_READONLY:
		cli_error("%s: the store is open read-only; nothing was changed", store_path(st));
		rc = EXIT_NOTFOUND;
		break;
	default: {
		char what[32];

		snprintf(what, sizeof what, "%s failed", verb);
		rc = store_failed(st, src, what);
		break;
	}
	}
	store_set_report_free(&rep);
	return rc;
}

int cmd_undo(struct cli *c, int argc, char **argv)
{
	return undo_redo(c, argc, argv, false);
}

int cmd_redo(struct cli *c, int argc, char **argv)
{
	return undo_redo(c, argc, argv, true);
}


struct log_ctx {
	size_t n;
	uint64_t group;         /* the change set whose entries are indented */
};

/* "#12  2026-11-27T17:19:02Z  alice  " */
static void log_head(const struct hist_entry *e)
{
	char when[32];
	char *u = text_escape(e->user, (size_t)-1, esc_flags());

	refusal_iso_time(e->time, when, sizeof when);
	printf("#%llu  %s  %s  ", (unsigned long long)e->seq, when, u ? u : "?");
	free(u);
}

/* A change set of several entries: one header line, its entries
 * indented under it (newest first, as the log goes). */
static void log_group(struct log_ctx *lc, const struct hist_entry *e)
{
	char when[32];
	char *u;

	lc->group = e->set;
	refusal_iso_time(e->time, when, sizeof when);
	u = text_escape(e->user, (size_t)-1, esc_flags());
	printf("change set #%llu  %s  %s  ", (unsigned long long)e->set, when, u ? u : "?");
	free(u);
	if (e->kind == HIST_UNDO)
		fputs("undo of a change set", stdout);
	else if (e->kind == HIST_REDO)
		fputs("redo of a change set", stdout);
	else if (e->set_kind == STORE_SET_IMPORT) {
		fputs("import of ", stdout);
		print_quoted(e->file ? e->file : "");
		printf(" (SHA-256 %s)", e->sha256 ? e->sha256 : "?");
	} else {
		fputs("changes made together", stdout);
	}
	putchar('\n');
}

static bool log_line(const struct hist_entry *e, void *arg)
{
	struct log_ctx *lc = arg;
	char *p;

	/* Entries of one set are consecutive: a group starts at the first
	 * of them the log meets (its newest). */
	if (e->set != lc->group) {
		lc->group = 0;
		if (e->set != e->seq)
			log_group(lc, e);
	}
	if (lc->group)
		fputs("  ", stdout);
	log_head(e);
	if (e->kind == HIST_BASELINE) {
		fputs("baseline ", stdout);
		print_quoted(e->name ? e->name : "");
		fputs(" created", stdout);
		if (e->note && e->note[0]) {
			fputs(": ", stdout);
			print_brief(e->note);
		}
		putchar('\n');
		lc->n++;
		return true;
	}
	if (e->kind == HIST_RESTORE) {
		fputs("restored from ", stdout);
		print_quoted(e->file ? e->file : "");
		printf(" (SHA-256 %s)\n", e->sha256 ? e->sha256 : "?");
		lc->n++;
		return true;
	}
	p = text_escape(e->process, (size_t)-1, esc_flags());
	printf("%s  ", p ? p : "?");
	free(p);
	put_escaped(e->field);
	fputs("  ", stdout);
	print_brief(e->old_value);
	printf(" %s ", arrow());
	print_brief(e->new_value);
	if (e->kind == HIST_UNDO)
		printf("  [undo of #%llu]", (unsigned long long)e->ref);
	else if (e->kind == HIST_REDO)
		printf("  [redo of #%llu]", (unsigned long long)e->ref);
	if (!lc->group && e->set_kind == STORE_SET_IMPORT) {
		fputs("  [import of ", stdout);
		print_quoted(e->file ? e->file : "");
		printf(", SHA-256 %s]", e->sha256 ? e->sha256 : "?");
	}
	putchar('\n');
	lc->n++;
	return true;
}

int cmd_log(struct cli *c, int argc, char **argv)
{
	struct prm_model *m;
	struct store *st;
	const char *id = NULL;
	unsigned long long limit = 0;
	struct log_ctx lc = { 0 };
	char *absent;
	int rc = EXIT_USAGE;
	enum store_rc src;

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *num = NULL;
		char *end;

		if (strcmp(a, "--limit") == 0 || strcmp(a, "-n") == 0) {
			if (i + 1 >= argc) {
				cli_error("log: %s needs a number", a);
				return EXIT_USAGE;
			}
			num = argv[++i];
		} else if (strncmp(a, "--limit=", 8) == 0) {
			num = a + 8;
		} else if (a[0] == '-' && a[1]) {
			cli_error("log: unknown option '%s'; usage: prmwb log [ID] [--limit N]", a);
			return EXIT_USAGE;
		} else if (id) {
			cli_error("log: one process id at most; usage: prmwb log [ID] [--limit N]");
			return EXIT_USAGE;
		} else {
			id = a;
		}
		if (num) {
			errno = 0;
			limit = strtoull(num, &end, 10);
			if (errno || end == num || *end || num[0] == '-' || limit == 0) {
				cli_error("log: --limit '%s' is not a positive number", num);
				return EXIT_USAGE;
			}
		}
	}
	m = cli_model(c);
	if (!m)
		return EXIT_USAGE;
	st = read_store(c, &rc, &absent);
	if (!st && !absent)
		return rc;
	free(absent);   /* no store yet: no history */
	if (st && (src = store_log(st, id, (size_t)limit, log_line, &lc)) != STORE_OK)
		return store_failed(st, src, "cannot read the history");
	if (id && lc.n == 0 && !prm_model_find(m, id)) {
		no_such_process(m, id);
		return EXIT_NOTFOUND;
	}
	return EXIT_OK;
}

int cmd_status(struct cli *c, int argc, char **argv)
{
	static const char *const statuses[] = {
		"not-started", "planned", "in-progress", "implemented", "verified",
	};
	size_t counts[5] = { 0 }, unset = 0, not_applicable = 0, n_ids = 0, n_orphans = 0;
	char **retired = NULL;      /* "ID outcome.N VALUE" of retired numbers */
	size_t n_retired = 0;
	struct prm_model *m;
	struct store *st;
	char **ids = NULL, *absent;
	const char *ref = NULL;
	uint64_t at = STORE_NOW;
	int rc = EXIT_USAGE;
	enum store_rc src;

	if (!cli_take_as_of(&argc, argv, &ref))
		return EXIT_USAGE;
	if (argc != 1) {
		cli_error("usage: prmwb status [--as-of REF]   (no other arguments)");
		return EXIT_USAGE;
	}
	m = cli_model(c);
	if (!m)
		return EXIT_USAGE;
	st = read_store(c, &rc, &absent);
	if (!st && !absent)
		return rc;
	if (ref && (rc = cli_resolve_as_of(c, st, ref, &at)) != EXIT_OK) {
		free(absent);
		return rc;
	}
	/* Now is the newest entry when we start: each record is read in a
	 * transaction of its own, and a change committed meanwhile (a bulk set
	 * of every process, say) must not show up half-way down the counts. */
	if (st && !ref)
		at = store_last_seq(st);
	for (size_t i = 0; i < m->n_processes; i++) {
		struct record rec;
		const struct field_value *fv;
		size_t k;

		if (!st) {
			memset(&rec, 0, sizeof rec);    /* no store yet */
		} else if ((src = store_get_at(st, m->processes[i].id, at, &rec)) != STORE_OK) {
			char *what = text_printf("cannot read the record of %s", m->processes[i].id);

			rc = store_failed(st, src, what ? what : "cannot read a record");
			free(what);
			free(absent);
			return rc;
		}
		fv = record_get(&rec, "status");
		for (k = 0; k < 5; k++)
			if (fv && strcmp(fv->value, statuses[k]) == 0)
				break;
		if (k < 5)
			counts[k]++;
		else
			unset++;
		fv = record_get(&rec, "applicable");
		if (fv && strcmp(fv->value, "no") == 0)
			not_applicable++;
		for (size_t f = 0; f < rec.n_fields; f++) {
			int o = 0;
			char **more;

			if (strncmp(rec.fields[f].field, "outcome.", 8) != 0 || !rec.fields[f].value[0] ||
			    !record_field(rec.fields[f].field, &o) ||
			    prm_process_outcome(&m->processes[i], o))
				continue;
			more = realloc(retired, (n_retired + 1) * sizeof *retired);
			if (more) {
				retired = more;
				retired[n_retired] = text_printf("%s %s %s", m->processes[i].id,
				                                 rec.fields[f].field, rec.fields[f].value);
				if (retired[n_retired])
					n_retired++;
			}
		}
		record_free(&rec);
	}
	if (st && (src = store_list_at(st, at, &ids, &n_ids)) != STORE_OK) {
		free(absent);
		return store_failed(st, src, "cannot list the records");
	}
	for (size_t i = 0; i < n_ids; i++)
		if (!prm_model_find(m, ids[i]))
			n_orphans++;

	{
		char *path = text_escape(st ? store_path(st) : absent, (size_t)-1, esc_flags());
		char *mid = text_escape(m->id, (size_t)-1, esc_flags());

		printf("store:          %s%s\n", path ? path : "?",
		       !st ? " (not created yet)" : store_readonly(st) ? " (read-only)" : "");
		printf("model:          %s (%zu processes, %zu with a record)\n",
		       mid ? mid : "?", m->n_processes, n_ids - n_orphans);
		/* A tailored model uses the store of the model it extends (and
		 * --force-model one of another model, until the first change). */
		if (st && strcmp(store_bound_model(st), m->id) != 0) {
			char *bound = text_escape(store_bound_model(st), (size_t)-1, esc_flags());

			printf("bound to:       %s\n", bound ? bound : "?");
			free(bound);
		}
		printf("size:           %llu bytes\n",
		       (unsigned long long)(st ? store_size(st) : 0));
		printf("history:        %llu entries\n",
		       (unsigned long long)(!st ? 0 : ref ? store_last_seq(st) : at));
		if (ref) {
			char *r = text_escape(ref, (size_t)-1, esc_flags());

			printf("as of:          history #%llu (%s): the counts below\n",
			       (unsigned long long)at, r ? r : "?");
			free(r);
		}
		printf("uuid:           %s\n", !st ? "(none yet)" : store_uuid(st)[0] ?
		       store_uuid(st) : "(none yet: a schema-1 store read through a copy)");
		printf("schema:         %d\n", st ? store_schema(st) : STORE_SCHEMA);
		printf("status:\n");
		printf("  %-14s %zu\n", "not set", unset);
		for (size_t k = 0; k < 5; k++)
			printf("  %-14s %zu\n", statuses[k], counts[k]);
		printf("not applicable: %zu\n", not_applicable);
		printf("orphans:        %zu\n", n_orphans);
		for (size_t i = 0; i < n_ids; i++) {
			if (!prm_model_find(m, ids[i])) {
				char *e = text_escape(ids[i], (size_t)-1, esc_flags());
				printf("  %s (record kept; not in model %s)\n", e ? e : "?", mid ? mid : "?");
				free(e);
			}
		}
		/* Ratings of outcome numbers the model retired (split outcomes):
		 * kept, never dropped, and said. */
		printf("retired ratings: %zu\n", n_retired);
		for (size_t i = 0; i < n_retired; i++) {
			char *e = text_escape(retired[i], (size_t)-1, esc_flags());
			printf("  %s (kept; model %s has no such outcome)\n", e ? e : "?", mid ? mid : "?");
			free(e);
			free(retired[i]);
		}
		free(retired);
		free(path);
		free(mid);
	}
	for (size_t i = 0; i < n_ids; i++)
		free(ids[i]);
	free(ids);
	free(absent);
	return EXIT_OK;
}

/* verify: print each problem, "WHERE: WHAT", escaped. */
static bool print_problem(const char *where, const char *what, void *arg)
{
	size_t *n = arg;

	put_escaped(where);
	fputs(": ", stdout);
	put_escaped(what);
	putchar('\n');
	(*n)++;
	return true;
}

int cmd_verify(struct cli *c, int argc, char **argv)
{
	struct store_verify_stats stats;
	char *path, *err = NULL;
	size_t n = 0;
	enum store_rc src;
	int rc;

	if (argc != 1) {
		cli_error("usage: prmwb verify   (takes no arguments, not '%s'; --db chooses "
		          "the store)", argv[1]);
		return EXIT_USAGE;
	}
	path = c->db_path ? strdup(c->db_path) : store_default_path();
	if (!path) {
		cli_error("cannot find a store directory: set --db or PRMWB_DB");
		return EXIT_USAGE;
	}
	src = store_verify(path, print_problem, &n, &stats, &err);
	switch (src) {
	case STORE_OK: {
		char *e = text_escape(path, (size_t)-1, esc_flags());
		char *mid = text_escape(stats.model, (size_t)-1, esc_flags());

		printf("%s: ok: model %s, %llu history entries, %llu records, %llu keys; "
		       "data.mdb %llu pages in use and %llu free (pages of %llu bytes); schema "
		       "version %d%s%s\n",
		       e ? e : "?", mid ? mid : "?", (unsigned long long)stats.history,
		       (unsigned long long)stats.records, (unsigned long long)stats.keys,
		       (unsigned long long)stats.pages, (unsigned long long)stats.free_pages,
		       (unsigned long long)stats.page_size, stats.schema,
		       stats.uuid[0] ? ", UUID " : "", stats.uuid);
		free(e);
		free(mid);
		rc = EXIT_OK;
		break;
	}
	case STORE_DAMAGED:
	case STORE_INVALID:
		fflush(stdout);         /* the problems, then the verdict */
		cli_error("%s: %zu problem%s found: the store is damaged; restore it from a copy "
		          "made with 'mdb_copy -c' (see prmwb(1), BACKUP)", path, n,
		          n == 1 ? "" : "s");
		rc = EXIT_USAGE;
		break;
	default:
		cli_error("%s", err ? err : store_strerror(src));
		rc = EXIT_NOTFOUND;
		break;
	}
	free(err);
	free(path);
	return rc;
}

/* ---- --as-of and baselines ------------------------------------------------------ */

static bool is_as_of(const char *a)
{
	return strcmp(a, "--as-of") == 0 || strncmp(a, "--as-of=", 8) == 0;
}

bool cli_has_as_of(int argc, char **argv)
{
	for (int i = 1; i < argc && strcmp(argv[i], "--") != 0; i++)
		if (is_as_of(argv[i]))
			return true;
	return false;
}

bool cli_take_as_of(int *argc, char **argv, const char **ref)
{
	int o = 1;

	*ref = NULL;
	for (int i = 1; i < *argc; i++) {
		const char *r;

		if (!is_as_of(argv[i])) {
			argv[o++] = argv[i];
			continue;
		}
		if (argv[i][7] == '=') {
			r = argv[i] + 8;
		} else if (i + 1 < *argc) {
			r = argv[++i];
		} else {
			cli_error("%s: --as-of needs a REF: a baseline name, a history number or a "
			          "UTC date (YYYY-MM-DD[THH:MM[:SS]Z])", argv[0]);
			return false;
		}
		if (*ref) {
			cli_error("%s: --as-of given twice", argv[0]);
			return false;
		}
		*ref = r;
	}
	*argc = o;
	argv[o] = NULL;
	return true;
}

int cli_resolve_as_of(struct cli *c, struct store *st, const char *ref, uint64_t *seq)
{
	return cli_resolve_ref(c, st, "--as-of", ref, seq);
}

int cli_resolve_ref(struct cli *c, struct store *st, const char *what, const char *ref,
                    uint64_t *seq)
{
	char *err = NULL;
	enum store_rc src;
	int rc;

	(void)c;
	*seq = 0;
	if (!st) {
		/* No store yet: every REF that can be one names the empty start. */
		const char *d = ref[0] == '#' ? ref + 1 : ref;

		if (*d && strspn(d, "0123456789") == strlen(d) && strspn(d, "0") != strlen(d)) {
			cli_error("%s %s: no history entry #%s (there is no store yet)", what, ref, d);
			return EXIT_NOTFOUND;
		}
		if (store_baseline_name_ok(ref)) {
			cli_error("%s %s: no baseline '%s' (there is no store yet)", what, ref, ref);
			return EXIT_NOTFOUND;
		}
		return EXIT_OK;
	}
	src = store_resolve_ref(st, ref, seq, &err);
	switch (src) {
	case STORE_OK:
		rc = EXIT_OK;
		break;
	case STORE_INVALID:
		cli_error("%s: %s", what, err ? err : "not a REF");
		rc = EXIT_USAGE;
		break;
	case STORE_NOTFOUND:
		cli_error("%s %s: %s", what, ref, err ? err : "not found");
		rc = EXIT_NOTFOUND;
		break;
	default:
		rc = store_failed(st, src, "cannot read the history");
		break;
	}
	free(err);
	return rc;
}

static const char baseline_usage[] = "usage: prmwb baseline create NAME [--note TEXT]\n"
	"       prmwb baseline list";

static int baseline_create(struct cli *c, int argc, char **argv)
{
	const char *name = NULL, *note = "";
	struct store_change info;
	struct store *st;
	char *bound;
	enum store_rc src;
	int rc = EXIT_USAGE;

	for (int i = 2; i < argc; i++) {
		if (strcmp(argv[i], "--note") == 0 && i + 1 < argc)
			note = argv[++i];
		else if (strncmp(argv[i], "--note=", 7) == 0)
			note = argv[i] + 7;
		else if (argv[i][0] == '-' || name) {
			cli_error("baseline create: '%s' is not an option or a second name\n%s",
			          argv[i], baseline_usage);
			return EXIT_USAGE;
		} else
			name = argv[i];
	}
	if (!name) {
		cli_error("%s", baseline_usage);
		return EXIT_USAGE;
	}
	if (!store_baseline_name_ok(name)) {
		cli_error("baseline create: '%s' is not a baseline name: 1 to %d letters, digits, "
		          "'-', '_' or '.', a letter (A-Z, a-z) first", name, STORE_MAX_BASELINE);
		return EXIT_USAGE;
	}
	if (strlen(note) > RECORD_MAX_VALUE) {
		cli_error("baseline create: the note is more than %u bytes long", RECORD_MAX_VALUE);
		return EXIT_USAGE;
	}
	if (!cli_model(c))
		return EXIT_USAGE;
	st = cli_write_store(c, "no baseline was created", &rc);
	if (!st)
		return rc;
	bound = strdup(store_bound_model(st));
	src = store_baseline_create(st, name, note, &info);
	if (src == STORE_OK)
		rebound_notice(st, bound);
	free(bound);
	switch (src) {
	case STORE_OK:
		printf("baseline ");
		print_quoted(name);
		printf(" created: history #%llu (read as of it with --as-of %s)\n",
		       (unsigned long long)info.seq, name);
		return EXIT_OK;
	case STORE_CONFLICT:
		cli_error("baseline create: '%s' exists already (history #%llu); a name is never "
		          "reused: choose another name", name, (unsigned long long)info.ref);
		return EXIT_NOTFOUND;
	default:
		return store_failed(st, src, "no baseline was created");
	}
}

static int baseline_list(struct cli *c)
{
	struct store_baseline *b = NULL;
	struct store *st;
	size_t n = 0;
	char *absent;
	enum store_rc src;
	int rc = EXIT_USAGE;

	if (!cli_model(c))
		return EXIT_USAGE;
	st = read_store(c, &rc, &absent);
	if (!st && !absent)
		return rc;
	free(absent);   /* no store yet: no baselines */
	if (st && (src = store_baselines(st, &b, &n)) != STORE_OK)
		return store_failed(st, src, "cannot read the baselines");
	for (size_t i = 0; i < n; i++) {
		char when[32];
		char *u = text_escape(b[i].user, (size_t)-1, esc_flags());

		refusal_iso_time(b[i].time, when, sizeof when);
		put_escaped(b[i].name);
		printf("  #%llu  %s  %s", (unsigned long long)b[i].seq, when, u ? u : "?");
		if (b[i].note[0]) {
			fputs("  ", stdout);
			print_brief(b[i].note);
		}
		putchar('\n');
		free(u);
	}
	store_baselines_free(b, n);
	return EXIT_OK;
}

int cmd_baseline(struct cli *c, int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "create") == 0)
		return baseline_create(c, argc, argv);
	if (argc == 2 && strcmp(argv[1], "list") == 0)
		return baseline_list(c);
	if (argc >= 2 && strcmp(argv[1], "delete") == 0) {
		cli_error("baseline delete refused: the history is append-only, so a baseline is "
		          "never deleted or renamed; to supersede it, create a newer one with "
		          "another name (prmwb baseline create NAME)");
		return EXIT_NOTFOUND;
	}
	cli_error("%s", baseline_usage);
	return EXIT_USAGE;
}
