/* view_export.c - w: export what the view below shows to a file, through
 * the public export API (export.h; the workbench never reads LMDB or
 * writes XML itself):
 *
 *   main view, a process (or orphan record) under the cursor: that
 *     process, Markdown
 *   the profile view: the profile, CSV (a row per process: ratings,
 *     level, target, gap)
 *   the history view: the whole store with its history, XML (as
 *     prmwb export --history)
 *   anything else (a category, help): the whole store, XML
 *
 * As in mutt and tig, a prompt at the bottom holds a file name to edit,
 * prefilled with a default in the current directory that does not exist
 * yet; the name's extension picks the format (.xml .json .csv .md .html),
 * else the view's default. An existing file is never overwritten without
 * a y to the question that names it. The file is written atomically
 * (export_to_file), and the message line then says its full path; a long
 * export shows how far it is.
 *
 * The view lies over the one it exports (drawn first, then the prompt on
 * its bottom rows) and edits its name in a->le: the main view below is in
 * MODE_MAIN whenever a key reaches a view above it, so the editor is free. */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "export.h"
#include "model.h"
#include "text.h"
#include "tui/app_int.h"
#include "tui/draw.h"
#include "tui/lineedit.h"
#include "tui/screen.h"
#include "tui/view.h"

struct xport {
	struct view *below;         /* the view exported (under this one) */
	char what[160];             /* "process 7.4", "the profile", ... */
	enum export_format format;  /* the view's default */
	enum export_scope scope;
	char *id;                   /* EXPORT_PROCESSES: the process or orphan */
	bool history;               /* the history view: xml/json --history */
	bool confirm;               /* asking whether to overwrite */
	char *path;                 /* the name asked about (confirm) */
	uint64_t shown;             /* progress: the last percentage drawn */
};

/* A name from a model or store id for a file: letters, digits, ".", "-"
 * and "_" kept, anything else "_" (no "/" nor leading "."). */
static void file_part(char *out, size_t size, const char *s)
{
	size_t n = 0;

	for (; s && *s && n + 1 < size; s++) {
		unsigned char ch = (unsigned char)*s;
		bool ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
		          (ch >= '0' && ch <= '9') || ch == '-' || ch == '_' || (ch == '.' && n > 0);
		out[n++] = ok ? (char)ch : '_';
	}
	out[n] = '\0';
}

static bool exists(const char *path)
{
	struct stat sb;

	return lstat(path, &sb) == 0;
}

/* The default file name: MODEL-WHAT.EXT in the current directory, with
 * -2, -3, ... before the extension while such a file exists. Caller frees. */
static char *default_name(const struct app *a, const struct xport *x)
{
	char model[64], what[96];
	const char *ext = export_format_ext(x->format);

	file_part(model, sizeof model, a->m->id);
	if (x->id)
		file_part(what, sizeof what, x->id);
	else
		snprintf(what, sizeof what, "%s", x->scope == EXPORT_PROFILE ? "profile" :
		         x->history ? "history" : "records");
	for (int k = 1; k < 1000; k++) {
		char *name = k == 1 ? text_printf("%s-%s.%s", model, what, ext) :
		             text_printf("%s-%s-%d.%s", model, what, k, ext);

		if (!name || !exists(name))
			return name;
		free(name);
	}
	return text_printf("%s-%s.%s", model, what, ext);
}

/* What the view below shows, to export. */
static bool choose(struct app *a, struct xport *x)
{
	const char *name = x->below->ops->name;

	x->format = EXPORT_XML;
	x->scope = EXPORT_ALL;
	if (strcmp(name, "main") == 0) {
		size_t p = app_current_proc(a);
		const char *orphan = p == (size_t)-1 ? app_orphan_id(a) : NULL;
		const char *id = p != (size_t)-1 ? a->m->processes[p].id : orphan;

		if (id) {
			x->id = strdup(id);
			if (!x->id)
				return false;
			x->format = EXPORT_MARKDOWN;
			x->scope = EXPORT_PROCESSES;
			snprintf(x->what, sizeof x->what, "%s %s", orphan ? "record" : "process", id);
			return true;
		}
		snprintf(x->what, sizeof x->what, "the store");
	} else if (strcmp(name, "profile") == 0) {
		x->format = EXPORT_CSV;
		x->scope = EXPORT_PROFILE;
		snprintf(x->what, sizeof x->what, "the profile");
	} else if (strcmp(name, "history") == 0) {
		x->history = true;
		snprintf(x->what, sizeof x->what, "the history");
	} else {
		snprintf(x->what, sizeof x->what, "the store");
	}
	return true;
}

/* The format a file name asks for by its extension, else the view's. */
static enum export_format format_of(const struct xport *x, const char *path)
{
	static const struct { const char *ext; enum export_format f; } exts[] = {
		{ ".xml", EXPORT_XML }, { ".json", EXPORT_JSON }, { ".csv", EXPORT_CSV },
		{ ".md", EXPORT_MARKDOWN }, { ".markdown", EXPORT_MARKDOWN },
		{ ".html", EXPORT_HTML }, { ".htm", EXPORT_HTML },
	};
	size_t len = strlen(path);

	for (size_t i = 0; i < sizeof exts / sizeof exts[0]; i++) {
		size_t el = strlen(exts[i].ext);

		if (len > el && strcasecmp(path + len - el, exts[i].ext) == 0)
			return exts[i].f;
	}
	return x->format;
}

static bool export_open(struct app *a, struct view *v, void *arg)
{
	struct xport *x = calloc(1, sizeof *x);
	char *name;

	(void)arg;
	if (!x)
		return false;
	x->below = view_top(a);     /* not pushed yet: the view exported */
	if (!choose(a, x) || !(name = default_name(a, x))) {
		free(x->id);
		free(x);
		app_message(a, true, "export: out of memory");
		return false;
	}
	if (!le_init(&a->le, name)) {
		free(name);
		free(x->id);
		free(x);
		return false;
	}
	free(name);
	a->msg[0] = '\0';
	v->state = x;
	return true;
}

static void export_close(struct app *a, struct view *v)
{
	struct xport *x = v->state;

	le_free(&a->le);
	if (x) {
		free(x->id);
		free(x->path);
	}
	free(x);
	v->state = NULL;
}

static void export_draw(struct app *a, struct view *v)
{
	struct xport *x = v->state;
	char *prompt, *hint, *e;
	int k;

	x->below->ops->draw(a, x->below);
	screen_cursor(-1, 0);
	if (x->confirm) {
		char *q = text_printf("%s exists: overwrite it? y: yes, any other key: no", x->path);

		screen_put(a->rows - 2, 0, a->cols, "", SA_NORMAL, true);
		draw_message(a, q ? q : "the file exists: overwrite it? y/n", SA_ERROR, true);
		free(q);
		return;
	}
	prompt = text_printf(" Export %s to: ", x->what);
	hint = text_printf("Enter: write %s  Esc: cancel  (.xml .json .csv .md .html: format)",
	                   export_format_name(format_of(x, a->le.buf)));
	/* A message (why the last try failed) where the hint goes, the
	 * prompt above it. */
	if (a->msg[0]) {
		k = draw_message(a, a->msg, a->msg_err ? SA_ERROR : SA_NORMAL, true);
	} else {
		screen_put(a->rows - 1, 0, a->cols, hint ? hint : "", SA_HINT, true);
		k = 1;
	}
	e = prompt ? app_escaped(a, prompt) : NULL;
	draw_editor(a, a->rows - 1 - k, e ? e : " Export to: ");
	free(e);
	free(prompt);
	free(hint);
}

/* Progress of a long export on the bottom line, at most once per percent. */
static bool progress(void *arg, uint64_t done, uint64_t total)
{
	struct app *a = arg;
	struct xport *x = view_top(a)->state;
	uint64_t pct = total ? done * 100 / total : 0;
	char line[96];

	if (pct == x->shown || a->too_small)
		return true;
	x->shown = pct;
	snprintf(line, sizeof line, "exporting: %llu of %llu (%llu %%)", (unsigned long long)done,
	         (unsigned long long)total, (unsigned long long)pct);
	screen_put(a->rows - 1, 0, a->cols, line, SA_NORMAL, true);
	screen_refresh();
	return true;
}

/* Write the file (force: it may replace one). True when the view is done. */
static bool write_file(struct app *a, struct xport *x, const char *path, bool force)
{
	struct export_opts o = { 0 };
	struct export_result res = { 0 };
	const char *ids[1];
	char *err = NULL, *full;
	enum export_rc rc;
	int has;

	o.format = format_of(x, path);
	o.scope = x->scope;
	if (x->id) {
		ids[0] = x->id;
		o.ids = ids;
		o.n_ids = 1;
	}
	o.as_of = STORE_NOW;
	o.history = x->history && (o.format == EXPORT_XML || o.format == EXPORT_JSON);
	has = export_source_date_epoch(&o.time, &err);
	o.has_time = has == 1;
	free(err);
	err = NULL;
	o.progress = progress;
	o.progress_arg = a;
	x->shown = (uint64_t)-1;
	rc = export_to_file(a->m, a->st, &o, path, force, &res, &err);
	if (rc == EXPORT_EXISTS) {
		/* Created since the check: ask again. */
		free(err);
		free(x->path);
		x->path = strdup(path);
		x->confirm = x->path != NULL;
		return false;
	}
	if (rc != EXPORT_OK) {
		app_message(a, true, "export to %s failed: %s", path,
		            err ? err : "unknown error");
		free(err);
		if (rc == EXPORT_STORE)
			app_store_ok(a, res.store_rc);
		return false;
	}
	free(err);
	full = realpath(path, NULL);
	app_message(a, false, "wrote %s (%s, %llu bytes) to %s", x->what,
	            export_format_name(o.format), (unsigned long long)res.bytes,
	            full ? full : path);
	free(full);
	return true;
}

/* The name typed, with a leading ~/ as $HOME. Caller frees. */
static char *typed_path(const char *s)
{
	const char *home = getenv("HOME");
	size_t len = strlen(s);

	while (len && s[len - 1] == ' ')
		len--;
	if (strncmp(s, "~/", 2) == 0 && home && *home)
		return text_printf("%s/%.*s", home, (int)(len - 2), s + 2);
	return strndup(s, len);
}

static enum view_key_result export_key(struct app *a, struct view *v, int key, enum request r)
{
	struct xport *x = v->state;
	enum le_result lr;
	char *path;
	bool done;

	(void)r;
	if (x->confirm) {
		x->confirm = false;
		if (key != 'y' && key != 'Y') {
			app_message(a, false, "not overwritten: edit the name, or Esc");
			return VIEW_KEY_DONE;
		}
		a->msg[0] = '\0';
		return write_file(a, x, x->path, true) ? VIEW_KEY_CLOSE : VIEW_KEY_DONE;
	}
	lr = le_key(&a->le, key);
	if (lr == LE_CANCEL) {
		app_message(a, false, "export cancelled");
		return VIEW_KEY_CLOSE;
	}
	if (lr != LE_COMMIT) {
		if (lr != LE_IGNORED)
			a->msg[0] = '\0';
		return VIEW_KEY_DONE;
	}
	a->msg[0] = '\0';
	path = typed_path(a->le.buf);
	if (!path || !*path) {
		app_message(a, true, "no file name: type one, or Esc");
		free(path);
		return VIEW_KEY_DONE;
	}
	if (exists(path)) {
		free(x->path);
		x->path = path;
		x->confirm = true;
		return VIEW_KEY_DONE;
	}
	done = write_file(a, x, path, false);
	free(path);
	return done ? VIEW_KEY_CLOSE : VIEW_KEY_DONE;
}

static const char *export_title(struct app *a, struct view *v)
{
	struct xport *x = v->state;

	return x->below->ops->title ? x->below->ops->title(a, x->below) : NULL;
}

const struct view_ops view_export_ops = {
	.name = "export",
	.open_req = REQ_EXPORT,
	.open = export_open,
	.close = export_close,
	.draw = export_draw,
	.key = export_key,
	.title = export_title,
	.from_any_view = true,
};
