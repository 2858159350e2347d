/* detail.c - building the right pane's lines. */
#include "config.h"
#include "tui/detail.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "assess.h"
#include "model.h"
#include "record.h"
#include "store.h"
#include "text.h"

#define LABEL_COLS 15   /* "Justification: " */

void detail_init(struct detail *d)
{
	memset(d, 0, sizeof *d);
	d->cursor = (size_t)-1;
	d->process = (size_t)-1;
	d->height = 1;
}

static void clear_lines(struct detail *d)
{
	for (size_t i = 0; i < d->n; i++)
		free(d->lines[i].text);
	d->n = 0;
}

void detail_free(struct detail *d)
{
	clear_lines(d);
	free(d->lines);
	detail_init(d);
}

static bool selectable(const struct dline *l)
{
	return l->kind == DL_RELATION || l->kind == DL_OUTCOME || l->kind == DL_FIELD;
}

/* Builder state: a sticky out-of-memory flag, so the chain of adds needs
 * one check at the end. */
struct builder {
	struct detail *d;
	int width;
	unsigned esc;
	bool oom;
	const struct prm_model *m;  /* for the tailoring marks' file names */
	bool marks;                 /* mark what a tailoring added or replaced */
};

/* Append one line. Its attributes (selectable kind, field, target, label)
 * are given here, not set later through a pointer: the next add may move
 * the array. Returns false on out-of-memory (sticky). */
static bool add_full(struct builder *b, const struct dline *attr, bool cont, const char *text)
{
	struct detail *d = b->d;
	struct dline *l;

	if (b->oom)
		return false;
	if (d->n == d->cap) {
		size_t cap = d->cap ? d->cap * 2 : 64;
		struct dline *p = realloc(d->lines, cap * sizeof *p);
		if (!p) {
			b->oom = true;
			return false;
		}
		d->lines = p;
		d->cap = cap;
	}
	l = &d->lines[d->n];
	*l = *attr;
	l->head = cont && d->n ? d->lines[d->n - 1].head : d->n;
	l->text = strdup(text ? text : "");
	if (!l->text) {
		b->oom = true;
		return false;
	}
	d->n++;
	return true;
}

/* Attributes of a plain (not selectable) line of this kind. */
static struct dline plain(enum dl_kind kind)
{
	struct dline l = { 0 };

	l.kind = kind;
	l.target = (size_t)-1;
	return l;
}

static bool add(struct builder *b, enum dl_kind kind, const char *text)
{
	struct dline attr = plain(kind);

	return add_full(b, &attr, false, text);
}

/* One wrapped line: the first gets first (e.g. "- " or a label) and the
 * head's attributes, the others indent spaces and are text; pad more
 * spaces after that. */
static void add_line(struct builder *b, const struct dline *head, bool is_first,
                     const char *first, int indent, int pad, const char *text)
{
	char *buf = is_first ? text_printf("%s%*s%s", first, pad, "", text)
	                     : text_printf("%*s%*s%s", indent, "", pad, "", text);
	struct dline cont = plain(DL_TEXT);

	if (!buf) {
		b->oom = true;
		return;
	}
	add_full(b, is_first ? head : &cont, !is_first, buf);
	free(buf);
}

/* Escaped s wrapped to the width left after indent columns; the first line
 * gets first (e.g. "- " or a label) and head's attributes (kind, and for a
 * selectable line its field or target), the others as many spaces and
 * continue it (their head is the first line's index). A line of s that
 * starts with spaces (indented notes, evidence) keeps them, and its
 * continuation lines get the same indent. */
static void add_wrapped_head(struct builder *b, const struct dline *head,
                             const char *first, int indent, const char *s)
{
	char *esc;
	int w, fw = text_width(first, strlen(first));
	bool is_first = true;

	if (b->oom)
		return;
	/* A first part wider than the indent (a title's id) hangs the rest
	 * under its end: every line then fits the width. */
	if (fw > indent)
		indent = fw;
	w = b->width - indent;
	if (w < 8)
		w = 8;
	esc = text_escape(s ? s : "", (size_t)-1, b->esc | TEXT_KEEP_NEWLINES);
	if (!esc) {
		b->oom = true;
		return;
	}
	for (char *para = esc; para && !b->oom;) {
		char *nl = strchr(para, '\n');
		struct text_lines tl = { 0 };
		int lead = 0;

		if (nl)
			*nl = '\0';
		while (para[lead] == ' ')
			lead++;
		if (!para[lead])
			lead = 0;               /* a blank line: an empty line */
		if (lead > w / 2)
			lead = w / 2;           /* keep room for the text itself */
		if (!text_wrap(para + lead, w - lead, &tl)) {
			b->oom = true;
		} else {
			for (size_t i = 0; i < tl.n && !b->oom; i++) {
				add_line(b, head, is_first, first, indent, lead, tl.line[i]);
				is_first = false;
			}
		}
		text_lines_free(&tl);
		para = nl ? nl + 1 : NULL;
	}
	if (is_first)
		add_full(b, head, false, first);
	free(esc);
}

static void add_wrapped(struct builder *b, enum dl_kind kind,
                        const char *first, int indent, const char *s)
{
	struct dline head = plain(kind);

	add_wrapped_head(b, &head, first, indent, s);
}

/* "Last change: user, time (#rev)" of a record that has one. */
static void add_last_change(struct builder *b, const struct record *rec)
{
	char when[64], buf[256];

	detail_format_time(rec->time, when, sizeof when);
	snprintf(buf, sizeof buf, "%s, %s (#%llu)", rec->user, when,
	         (unsigned long long)rec->rev);
	add_wrapped(b, DL_META, "  Last change:   ", 2 + LABEL_COLS, buf);
}

/* The file an item comes from, by its name alone: the pane is narrow and
 * the tailoring files of one model sit side by side (prmwb show gives
 * the whole path). */
static const char *src_file(const struct prm_model *m, struct prm_src src)
{
	const char *f = prm_model_src_file(m, src), *slash = f ? strrchr(f, '/') : NULL;

	return slash ? slash + 1 : f ? f : "?";
}

/* text followed by " [added FILE:LINE]" or " [replaced FILE:LINE]" if a
 * tailoring file added or replaced it (as prmwb show marks it); raw, the
 * caller escapes it. malloc'd; NULL on out-of-memory. */
static char *marked(const struct builder *b, const char *text, struct prm_src src)
{
	if (src.how == PRM_BASE || !b->marks || !b->m)
		return strdup(text ? text : "");
	return text_printf("%s [%s %s:%u]", text ? text : "",
	                   src.how == PRM_ADDED ? "added" : "replaced", src_file(b->m, src),
	                   src.line);
}

static void add_marked(struct builder *b, enum dl_kind kind, const char *first, int indent,
                       const char *text, struct prm_src src)
{
	char *t = marked(b, text, src);

	if (!t) {
		b->oom = true;
		return;
	}
	add_wrapped(b, kind, first, indent, t);
	free(t);
}

/* Lines that continue the entry above (its head's attributes stay with
 * the first line): first, then s wrapped, indented by indent. */
static void add_continued(struct builder *b, int indent, const char *first, const char *s)
{
	char *lead = text_printf("%*s%s", indent, "", first);
	size_t start = b->d->n;

	if (!lead) {
		b->oom = true;
		return;
	}
	add_wrapped(b, DL_TEXT, lead, indent + (int)strlen(first), s);
	for (size_t i = start; i < b->d->n && start > 0; i++)
		b->d->lines[i].head = b->d->lines[start - 1].head;
	free(lead);
}

static char *reference_text(const struct prm_reference *r)
{
	return text_printf("%s %s%s%s", r->standard, r->clause, r->note ? " - " : "",
	                   r->note ? r->note : "");
}

static void add_list(struct builder *b, const char *heading, const struct prm_list *l)
{
	if (l->n == 0)
		return;
	add(b, DL_BLANK, "");
	add(b, DL_HEADING, heading);
	for (size_t i = 0; i < l->n; i++)
		add_marked(b, DL_TEXT, "  - ", 4, l->items[i],
		           l->srcs ? l->srcs[i] : (struct prm_src){ 0 });
}

/* A declared relation's wording starts its line: capitalised. */
static char *capitalised(const char *s)
{
	char *c = strdup(s ? s : "");

	if (c && c[0] >= 'a' && c[0] <= 'z')
		c[0] = (char)(c[0] - 'a' + 'A');
	return c;
}

/* The relations of process p, both ways, each one followable: its own
 * in the relation type's wording ("Provides input to 7.5 ..."), then what
 * other processes declare with it as their target, in the type's inverse
 * wording ("Receives input from 7.4 ..."); a version 1 model's undeclared
 * types read as their ids, as ever ("7.4 ... triggers this"). The model
 * keeps the incoming ones indexed: nothing here scans the model. */
static void add_relations(struct builder *b, const struct prm_model *m, size_t p)
{
	const struct prm_process *pr = &m->processes[p];
	struct prm_incoming *in;
	size_t n;

	if (pr->n_relations) {
		add(b, DL_BLANK, "");
		add_wrapped(b, DL_HEADING, "", 0, "Relations (Enter: go there)");
	}
	for (size_t i = 0; i < pr->n_relations; i++) {
		const struct prm_relation *r = &pr->relations[i];
		size_t ti = prm_model_index(m, r->target);
		const struct prm_relation_type *rt = prm_model_relation_type(m, r->type);
		/* A relation to a process the model lacks cannot be followed. */
		struct dline head = plain(ti != (size_t)-1 ? DL_RELATION : DL_TEXT);
		char *word = rt ? capitalised(prm_relation_label(m, r)) : strdup(r->type);
		char *t, *mt;

		head.target = ti;
		t = text_printf("%s %s %s%s%s", word ? word : r->type, r->target,
		                ti != (size_t)-1 ? m->processes[ti].name : "(not in model)",
		                r->note ? " - " : "", r->note ? r->note : "");
		mt = t ? marked(b, t, r->src) : NULL;
		add_wrapped_head(b, &head, "  > ", 4, mt ? mt : "");
		if (!mt)
			b->oom = true;
		free(mt);
		free(t);
		free(word);
	}

	n = prm_model_incoming(m, p, NULL, 0);
	if (!n)
		return;
	in = calloc(n, sizeof *in);
	if (!in) {
		b->oom = true;
		return;
	}
	prm_model_incoming(m, p, in, n);
	add(b, DL_BLANK, "");
	add_wrapped(b, DL_HEADING, "", 0, "Related from (Enter: go there)");
	for (size_t i = 0; i < n && !b->oom; i++) {
		const struct prm_process *src = &m->processes[in[i].from];
		const struct prm_relation *r = in[i].relation;
		struct dline head = plain(DL_RELATION);
		char *word = in[i].inverse ? capitalised(in[i].inverse) : NULL, *t, *mt;

		if (in[i].inverse)
			t = text_printf("%s %s %s%s%s", word ? word : in[i].inverse, src->id, src->name,
			                r->note ? " - " : "", r->note ? r->note : "");
		else
			t = text_printf("%s %s %s this%s%s", src->id, src->name, r->type,
			                r->note ? " - " : "", r->note ? r->note : "");
		head.target = in[i].from;
		mt = t ? marked(b, t, r->src) : NULL;
		add_wrapped_head(b, &head, "  < ", 4, mt ? mt : "");
		if (!mt)
			b->oom = true;
		free(mt);
		free(t);
		free(word);
	}
	free(in);
}

const char *detail_field_label(const char *field)
{
	const struct field_def *fd = record_field(field, NULL);

	return fd && !fd->numbered ? fd->label : field;
}

static const char *value_of(const struct record *rec, const char *field)
{
	const struct field_value *fv = rec ? record_get(rec, field) : NULL;

	return fv ? fv->value : "";
}

void detail_format_time(int64_t t, char *buf, size_t size)
{
	time_t tt = (time_t)t;
	struct tm tm;

	if (t <= 0 || !gmtime_r(&tt, &tm) ||
	    strftime(buf, size, "%Y-%m-%d %H:%MZ", &tm) == 0)
		snprintf(buf, size, "-");
}

/* "1 → target 3", "1", "- → target 2" (not assessed, as `get ID level`
 * says it and as the summary shows what is not set), "n/a" (not
 * applicable): the level derived from the record's PA ratings, and its
 * target. */
static void level_text(const struct builder *b, size_t p, const struct record *rec, char *buf,
                       size_t size)
{
	struct assess_row row;
	char target[32] = "";

	assess_row(b->m, p, rec, &row);
	if (row.target >= 0 && row.level != ASSESS_NA)
		snprintf(target, sizeof target, " %s target %d",
		         b->esc & TEXT_ASCII ? "->" : "\u2192", row.target);
	snprintf(buf, size, "%s%s", assess_level_text(row.level), target);
}

/* The record in brief, near the top (the record itself comes after the
 * model's text): "Status: planned  Owner: alice  Review: 2026-03-01",
 * then the last change. Each "Label: value" stays whole on a line; a
 * line holds as many as fit. Unset values read "-". */
static void add_summary(struct builder *b, size_t p, const struct record *rec)
{
	/* The record fields shown, in this order; "level" is the level
	 * derived from the PA ratings with the target (assess.h). */
	static const struct { const char *field, *label; } items[] = {
		{ "status", "Status" }, { "level", "Level" }, { "owner", "Owner" },
		{ "review", "Review" },
	};
	char *line = NULL, lt[64];
	int lw = 0;

	for (size_t i = 0; i < sizeof items / sizeof items[0] && !b->oom; i++) {
		const char *v = value_of(rec, items[i].field);
		char *e, *item;

		if (strcmp(items[i].field, "level") == 0) {
			level_text(b, p, rec, lt, sizeof lt);
			v = lt;
		}
		e = text_escape(v[0] ? v : "-", (size_t)-1, b->esc);
		item = e ? text_printf("%s: %s", items[i].label, e) : NULL;
		int iw = item ? text_width(item, strlen(item)) : 0;

		free(e);
		if (!item) {
			b->oom = true;
			break;
		}
		if (line && lw + 2 + iw > b->width) {
			add(b, DL_META, line);
			free(line);
			line = NULL;
		}
		if (line) {
			char *j = text_printf("%s  %s", line, item);

			free(line);
			free(item);
			line = j;
			lw += 2 + iw;
			if (!line)
				b->oom = true;
		} else if (iw > b->width) {
			/* Longer than the pane (a long owner): wrapped alone. */
			add_wrapped(b, DL_META, "", 0, item);
			free(item);
		} else {
			line = item;
			lw = iw;
		}
	}
	if (line)
		add(b, DL_META, line);
	free(line);
	if (rec && rec->rev) {
		char when[64], *t;

		detail_format_time(rec->time, when, sizeof when);
		t = text_printf("Last change: %s by %s (#%llu)", when, rec->user,
		                (unsigned long long)rec->rev);
		add_wrapped(b, DL_META, "", 0, t ? t : "");
		free(t);
	} else {
		add(b, DL_META, b->d->read_only ? "No record yet" : "No record yet (e: edit)");
	}
}

static void scroll_to_cursor(struct detail *d);
static void keep_cursor_in_view(struct detail *d);
static void cursor_into_view(struct detail *d, int dir);

/* Number of outcome.N field fv, if it is a rating of a number process pr
 * does not list (a split outcome's number is retired, never reused), else
 * 0. */
static int retired_number(const struct prm_process *pr, const struct field_value *fv)
{
	int o = 0;

	if (strncmp(fv->field, "outcome.", 8) != 0 || !fv->value[0] ||
	    !record_field(fv->field, &o) || o < 1 || prm_process_outcome(pr, o))
		return 0;
	return o;
}

static bool has_retired(const struct prm_process *pr, const struct record *rec)
{
	for (size_t i = 0; rec && i < rec->n_fields; i++)
		if (retired_number(pr, &rec->fields[i]))
			return true;
	return false;
}

/* Ratings of retired outcome numbers: kept in the record and shown, as
 * prmwb get shows them, never hidden; marked, and not selectable (r and
 * e cannot change them: the model has no such outcome). */
static void add_retired(struct builder *b, const struct prm_process *pr,
                        const struct record *rec)
{
	for (size_t i = 0; rec && i < rec->n_fields; i++) {
		int o = retired_number(pr, &rec->fields[i]);
		char *v, *first;

		if (!o)
			continue;
		v = text_escape(rec->fields[i].value, (size_t)-1, b->esc);
		first = text_printf("  [%s] %d. ", v ? v : "?", o);
		if (!first) {
			b->oom = true;
		} else {
			add_wrapped(b, DL_TEXT, first, (int)strlen(first),
			            "(retired: not an outcome of this model; read-only)");
		}
		free(first);
		free(v);
	}
}

static bool same_entry(const struct dline *l, const struct dline *keep)
{
	return selectable(l) && l->kind == keep->kind && l->target == keep->target &&
	       strcmp(l->field, keep->field) == 0;
}
static void clamp_top(struct detail *d);

bool detail_build(struct detail *d, const struct prm_model *m, size_t p,
                  const struct record *rec, int width, unsigned esc_flags)
{
	struct builder b = { d, width < 10 ? 10 : width, esc_flags, false, m, true };
	const struct prm_process *pr = &m->processes[p];
	struct dline keep = { 0 };
	size_t keep_top = d->top, keep_at = d->cursor;
	bool same = d->process == p && !d->orphan;
	bool relaid = same && d->width != width;
	bool had_cursor = same && d->cursor < d->n;
	char buf[512];

	keep.kind = DL_BLANK;
	if (had_cursor) {
		keep = d->lines[d->cursor];
		keep.text = NULL;
	}
	clear_lines(d);
	d->process = p;
	d->orphan = false;
	d->width = width;
	d->cursor = (size_t)-1;
	d->top = 0;

	/* Inside a process a tailoring added, everything is added: one
	 * line says so instead of a mark on every item. */
	b.m = m;
	b.marks = pr->src.how != PRM_ADDED;
	snprintf(buf, sizeof buf, "%s ", pr->id);
	add_marked(&b, DL_TITLE, buf, 0, pr->name, pr->name_src);
	if (pr->short_name)
		add_marked(&b, DL_TEXT, "Short name: ", 12, pr->short_name, pr->short_src);
	if (pr->parent) {
		/* The parent can be followed, as a relation. */
		struct dline head = plain(DL_RELATION);
		char *t = text_printf("Part of %s %s", pr->parent->id, pr->parent->name);

		head.target = (size_t)(pr->parent - m->processes);
		add_wrapped_head(&b, &head, "  ^ ", 4, t ? t : "");
		free(t);
	}
	if (pr->src.how == PRM_ADDED) {
		char *t = text_printf("Tailored: added by %s:%u", src_file(m, pr->src), pr->src.line);
		add_wrapped(&b, DL_TEXT, "", 0, t ? t : "Tailored: added");
		free(t);
	} else if (pr->tailored) {
		add_wrapped(&b, DL_TEXT, "", 0, "Tailored: changed (marked below)");
	}
	add_summary(&b, p, rec);
	if (pr->summary)
		add_marked(&b, DL_TEXT, "", 0, pr->summary, pr->summary_src);
	add(&b, DL_BLANK, "");
	add_wrapped(&b, DL_HEADING, "", 0, "Purpose");
	add_marked(&b, DL_TEXT, "  ", 2, pr->purpose, pr->purpose_src);

	if (pr->n_outcomes || has_retired(pr, rec)) {
		add(&b, DL_BLANK, "");
		add_wrapped(&b, DL_HEADING, "", 0, "Outcomes (achievement N/P/L/F)");
	}
	/* Outcome numbers are the model's, stable, with gaps: never 1..n. */
	for (size_t i = 0; i < pr->n_outcomes; i++) {
		const struct prm_outcome *o = &pr->outcomes[i];
		const char *v;
		struct dline head = plain(DL_OUTCOME);
		char *t;
		int indent;

		snprintf(head.field, sizeof head.field, "outcome.%d", o->number);
		head.label = 5;
		v = value_of(rec, head.field);
		snprintf(buf, sizeof buf, "  [%s] %d. ", v[0] ? v : "-", o->number);
		indent = (int)strlen(buf);
		t = marked(&b, o->text, o->src);
		add_wrapped_head(&b, &head, buf, indent, t ? t : o->text);
		free(t);
		/* The references the outcome serves, under its text (part of
		 * its entry: the selection's bar covers them). */
		for (size_t k = 0; k < o->n_references; k++) {
			t = reference_text(&o->references[k]);
			add_continued(&b, indent, "- ", t ? t : "");
			free(t);
		}
	}
	add_retired(&b, pr, rec);
	add_list(&b, "Activities", &pr->activities);
	add_list(&b, "Inputs", &pr->inputs);
	add_list(&b, "Outputs", &pr->outputs);
	if (pr->n_references) {
		add(&b, DL_BLANK, "");
		add_wrapped(&b, DL_HEADING, "", 0, "References");
	}
	for (size_t i = 0; i < pr->n_references; i++) {
		char *t = reference_text(&pr->references[i]);

		add_marked(&b, DL_TEXT, "  ", 2, t ? t : "", pr->references[i].src);
		free(t);
	}
	if (pr->n_children) {
		add(&b, DL_BLANK, "");
		add_wrapped(&b, DL_HEADING, "", 0, "Sub-processes (Enter: go there)");
	}
	for (size_t i = 0; i < pr->n_children; i++) {
		const struct prm_process *c = &m->processes[pr->children[i]];
		struct dline head = plain(DL_RELATION);
		char *t = text_printf("%s %s", c->id, c->name), *mt;

		head.target = pr->children[i];
		mt = marked(&b, t ? t : "", c->src);
		add_wrapped_head(&b, &head, "  > ", 4, mt ? mt : "");
		free(mt);
		free(t);
	}
	add_relations(&b, m, p);
	b.marks = true;

	add(&b, DL_BLANK, "");
	add_wrapped(&b, DL_HEADING, "", 0, d->read_only ? "Record (read-only)" :
	            "Record (e: edit, E: edit in $EDITOR)");
	for (size_t i = 0; i < record_n_fields; i++) {
		const struct field_def *fd = &record_fields[i];
		char label[40];
		struct dline head = plain(DL_FIELD);

		/* outcomes are listed with the model's text; derived fields
		 * cannot be edited */
		if (fd->numbered || fd->kind == FIELD_DERIVED)
			continue;
		snprintf(head.field, sizeof head.field, "%s", fd->name);
		head.label = 2 + LABEL_COLS;
		snprintf(label, sizeof label, "  %-*s", LABEL_COLS, detail_field_label(fd->name));
		memcpy(label + 2 + strlen(detail_field_label(fd->name)), ":", 1);
		add_wrapped_head(&b, &head, label, 2 + LABEL_COLS, value_of(rec, fd->name));
	}
	if (rec && rec->rev) {
		add_last_change(&b, rec);
	} else {
		add(&b, DL_META, "  (no record yet)");
	}
	if (b.oom)
		return false;

	/* Cursor: the same field/relation as before (at the same place if it
	 * is there: two relations may name one process), else the first one.
	 * The same process keeps its scroll and, if nothing was selected
	 * (the user reads text between entries), no selection. */
	if (had_cursor) {
		if (keep_at < d->n && same_entry(&d->lines[keep_at], &keep))
			d->cursor = keep_at;
		for (size_t i = 0; i < d->n && d->cursor == (size_t)-1; i++)
			if (same_entry(&d->lines[i], &keep))
				d->cursor = i;
	}
	if (same && !relaid) {
		d->top = keep_top;
		if (!had_cursor)
			cursor_into_view(d, 1);
		keep_cursor_in_view(d);
		return true;
	}
	if (d->cursor == (size_t)-1)
		for (size_t i = 0; i < d->n; i++)
			if (selectable(&d->lines[i])) {
				d->cursor = i;
				break;
			}
	/* A new width: the old scroll means other lines; from the top, or as
	 * far as the selected line needs. */
	if (relaid)
		scroll_to_cursor(d);
	clamp_top(d);
	return true;
}

/* Where a field goes in a record's listing: the fields in record_fields
 * order, then outcome.N by number, then any other (from a newer version)
 * by name. */
static void field_rank(const char *f, size_t *rank, unsigned long *num)
{
	*num = 0;
	if (strncmp(f, "outcome.", 8) == 0) {
		char *end;
		unsigned long n = strtoul(f + 8, &end, 10);

		if (*end == '\0' && end != f + 8) {
			*rank = record_n_fields;
			*num = n;
			return;
		}
	}
	for (size_t i = 0; i < record_n_fields; i++)
		if (strcmp(record_fields[i].name, f) == 0) {
			*rank = i;
			return;
		}
	*rank = record_n_fields + 1;
}

static int field_order_cmp(const struct record *rec, size_t x, size_t y)
{
	const char *a = rec->fields[x].field;
	const char *b = rec->fields[y].field;
	size_t ra, rb;
	unsigned long na, nb;

	field_rank(a, &ra, &na);
	field_rank(b, &rb, &nb);
	if (ra != rb)
		return ra < rb ? -1 : 1;
	if (na != nb)
		return na < nb ? -1 : 1;
	return strcmp(a, b);
}

bool detail_build_orphan(struct detail *d, const struct prm_model *m, const char *id,
                         const struct record *rec, int width, unsigned esc_flags)
{
	struct builder b = { d, width < 10 ? 10 : width, esc_flags, false, m, true };
	bool same = d->orphan && strcmp(d->orphan_id, id) == 0 && d->width == width;
	size_t keep_top = d->top;
	char buf[512];

	clear_lines(d);
	d->process = (size_t)-1;
	d->orphan = true;
	d->width = width;
	snprintf(d->orphan_id, sizeof d->orphan_id, "%s", id);
	d->cursor = (size_t)-1;
	d->top = same ? keep_top : 0;

	snprintf(buf, sizeof buf, "%s (orphan record)", id);
	add_wrapped(&b, DL_TITLE, "", 0, buf);
	add(&b, DL_BLANK, "");
	snprintf(buf, sizeof buf, "Process %s is not in model %s. Its record is kept (records "
	         "are never deleted) and shown read-only: it cannot be edited here.", id, m->id);
	add_wrapped(&b, DL_TEXT, "", 0, buf);
	add(&b, DL_BLANK, "");
	add_wrapped(&b, DL_HEADING, "", 0, "Record (read-only)");
	size_t *order = rec && rec->n_fields ? malloc(rec->n_fields * sizeof *order) : NULL;
	size_t n_order = 0;

	/* In the record's own order (as for a process), not the store's
	 * alphabetical one; a cleared (empty) field says nothing: left out. */
	for (size_t i = 0; order && i < rec->n_fields; i++)
		if (rec->fields[i].value && rec->fields[i].value[0])
			order[n_order++] = i;
	for (size_t i = 1; i < n_order; i++)     /* a record has few fields */
		for (size_t j = i; j > 0 && field_order_cmp(rec, order[j - 1], order[j]) > 0; j--) {
			size_t t = order[j];
			order[j] = order[j - 1];
			order[j - 1] = t;
		}
	if (!order && rec && rec->n_fields)
		b.oom = true;
	for (size_t k = 0; k < n_order && !b.oom; k++) {
		const struct field_value *fv = &rec->fields[order[k]];
		bool outcome = strncmp(fv->field, "outcome.", 8) == 0;
		/* Field names come from the store: escaped like values. */
		char *lab = text_escape(outcome ? fv->field + 8 : detail_field_label(fv->field),
		                        (size_t)-1, esc_flags);
		char label[160];
		struct dline head = plain(DL_TEXT);
		int n;

		if (!lab) {
			b.oom = true;
			break;
		}
		n = snprintf(label, sizeof label, "  %s%s:", outcome ? "Outcome " : "", lab);
		free(lab);
		if (n < 0 || n >= (int)sizeof label)
			n = (int)strlen(label);
		if (n < 2 + LABEL_COLS)
			snprintf(label + n, sizeof label - (size_t)n, "%*s", 2 + LABEL_COLS - n, "");
		head.label = text_width(label, strlen(label));
		add_wrapped_head(&b, &head, label, 2 + LABEL_COLS, fv->value);
	}
	free(order);
	if (rec && rec->rev)
		add_last_change(&b, rec);
	clamp_top(d);
	return !b.oom;
}

static void clamp_top(struct detail *d)
{
	size_t h = (size_t)d->height;

	if (d->n <= h)
		d->top = 0;
	else if (d->top > d->n - h)
		d->top = d->n - h;
}

static size_t max_top(const struct detail *d)
{
	size_t h = (size_t)d->height;

	return d->n > h ? d->n - h : 0;
}

/* One past the last line in view. */
static size_t view_end(const struct detail *d)
{
	size_t e = d->top + (size_t)d->height;

	return e < d->n ? e : d->n;
}

/* Whether entry c (its first line) has a line in view. Its lines are
 * contiguous: above the view, it shows only if it reaches the top line. */
static bool entry_in_view(const struct detail *d, size_t c)
{
	if (c >= d->n)
		return false;
	if (c >= d->top)
		return c < view_end(d);
	return d->top < d->n && d->lines[d->top].head == c;
}

/* The selectable entry line i belongs to, or (size_t)-1. */
static size_t entry_of(const struct detail *d, size_t i)
{
	size_t h = d->lines[i].head;

	return h < d->n && selectable(&d->lines[h]) ? h : (size_t)-1;
}

/* After the view moved: keep the selection if it is still in view, else
 * select the first (dir > 0) or last (dir < 0) entry in view, or none. */
static void cursor_into_view(struct detail *d, int dir)
{
	size_t e = view_end(d);

	if (d->cursor != (size_t)-1 && entry_in_view(d, d->cursor))
		return;
	d->cursor = (size_t)-1;
	if (dir > 0) {
		for (size_t i = d->top; i < e; i++)
			if ((d->cursor = entry_of(d, i)) != (size_t)-1)
				return;
	} else {
		for (size_t i = e; i-- > d->top;)
			if ((d->cursor = entry_of(d, i)) != (size_t)-1)
				return;
	}
}

/* Show the selected entry's first line (after a layout change, or when a
 * field is selected by name). */
static void scroll_to_cursor(struct detail *d)
{
	size_t h = (size_t)d->height;

	if (d->cursor == (size_t)-1)
		return;
	if (d->cursor < d->top)
		d->top = d->cursor;
	if (d->cursor >= d->top + h)
		d->top = d->cursor - h + 1;
}

/* Keep a line of the selected entry in view, moving as little as
 * possible: a long value being read stays where it is. */
static void keep_cursor_in_view(struct detail *d)
{
	clamp_top(d);
	if (d->cursor != (size_t)-1 && !entry_in_view(d, d->cursor))
		scroll_to_cursor(d);
	clamp_top(d);
}

void detail_set_height(struct detail *d, int height)
{
	if (height < 1)
		height = 1;
	if (height != d->height) {
		/* A layout change: the old scroll was for another view. */
		d->height = height;
		d->top = 0;
		scroll_to_cursor(d);
	}
	clamp_top(d);
}

void detail_fit_view(struct detail *d, int height)
{
	d->height = height < 1 ? 1 : height;
	keep_cursor_in_view(d);
}

void detail_move(struct detail *d, int dir)
{
	size_t h = (size_t)d->height;
	bool have = d->cursor != (size_t)-1 && entry_in_view(d, d->cursor);

	/* The next entry in reach: in view, or on the line just past it. */
	if (dir > 0) {
		size_t i = have && d->cursor + 1 > d->top ? d->cursor + 1 : d->top;
		size_t reach = d->top + h;      /* the line below the view */

		for (; i < d->n && i <= reach; i++)
			if (selectable(&d->lines[i]) && i != d->cursor) {
				d->cursor = i;
				if (i >= d->top + h)
					d->top = i - h + 1;
				clamp_top(d);
				return;
			}
		if (d->top < max_top(d))
			d->top++;
	} else {
		size_t from = have ? d->cursor : view_end(d);

		/* Walk up from the selection (or the bottom) to the line above
		 * the view: an entry whose last line is in reach is selected. */
		for (size_t i = from; i-- > 0 && i + 1 >= d->top;) {
			size_t c = entry_of(d, i);

			if (c != (size_t)-1 && c != d->cursor) {
				d->cursor = c;
				if (i < d->top)
					d->top = i;
				clamp_top(d);
				return;
			}
		}
		if (d->top > 0)
			d->top--;
	}
	clamp_top(d);
	cursor_into_view(d, dir);
}

void detail_page(struct detail *d, int dir)
{
	size_t h = (size_t)d->height, before = d->top;

	if (dir > 0)
		d->top += h;
	else
		d->top = d->top > h ? d->top - h : 0;
	clamp_top(d);
	if (d->top == before) {
		/* At the end (start): select the last (first) entry in view. */
		d->cursor = (size_t)-1;
		cursor_into_view(d, -dir);
		return;
	}
	cursor_into_view(d, dir);
}

void detail_first(struct detail *d)
{
	d->top = 0;
	d->cursor = (size_t)-1;
	clamp_top(d);
	cursor_into_view(d, 1);
}

void detail_last(struct detail *d)
{
	d->top = max_top(d);
	d->cursor = (size_t)-1;
	cursor_into_view(d, -1);
}

bool detail_select_field(struct detail *d, const char *field)
{
	for (size_t i = 0; i < d->n; i++)
		if ((d->lines[i].kind == DL_FIELD || d->lines[i].kind == DL_OUTCOME) &&
		    strcmp(d->lines[i].field, field) == 0) {
			d->cursor = i;
			scroll_to_cursor(d);
			clamp_top(d);
			return true;
		}
	return false;
}

const struct dline *detail_current(const struct detail *d)
{
	return d->cursor < d->n ? &d->lines[d->cursor] : NULL;
}
