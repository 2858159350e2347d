/* import.c - a records file (prmwb-records(5)) back into a store: the
 * streamed readers (XML through libxml2's xmlReader with the records
 * schema, JSON through jansson one element at a time), the per-field
 * three-way merge, and the restore of a whole history. */
#include "config.h"
#include "import.h"

#include <errno.h>
#include <inttypes.h>
#include <jansson.h>
#include <libxml/relaxng.h>
#include <libxml/xmlreader.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "embedded.h"
#include "exchange.h"
#include "model.h"
#include "record.h"
#include "sha.h"
#include "text.h"
#include "uuid.h"

/* What a JSON element may take (one field or history entry: a value of
 * 64 KiB, each character escaped as \uXXXX at worst, and the rest). */
#define MAX_ELEMENT (1024u * 1024u)
/* Errors listed before giving up reading. */
#define MAX_ERRORS 20

/* ---- one item of a records file ------------------------------------------ */

enum item_kind { IT_HEADER, IT_FIELD, IT_ENTRY };

struct item {
	enum item_kind kind;
	unsigned long line;
	char *model;                    /* header */
	/* field */
	char *process, *field, *value;
	bool written;                   /* it has an origin (and a value) */
	struct xorigin origin;
	struct xknown known;
	/* entry: e's strings point into the item's own copies below */
	struct hist_entry e;
	char *user, *origin_text, *name, *note, *file, *sha256;
};

static void item_clear(struct item *it)
{
	free(it->model);
	free(it->process);
	free(it->field);
	free(it->value);
	xknown_free(&it->known);
	free(it->user);
	free(it->origin_text);
	free(it->name);
	free(it->note);
	free(it->file);
	free(it->sha256);
	memset(it, 0, sizeof *it);
}

static bool parse_time(const char *s, int64_t *t)
{
	struct tm tm;
	char tail;

	memset(&tm, 0, sizeof tm);
	if (strlen(s) != 20 ||
	    sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2dZ%c", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
	           &tm.tm_hour, &tm.tm_min, &tm.tm_sec, &tail) != 6)
		return false;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	*t = (int64_t)timegm(&tm);
	return true;
}

static bool parse_u64(const char *s, uint64_t *v)
{
	uint64_t n = 0;

	if (!*s)
		return false;
	for (; *s; s++) {
		if (*s < '0' || *s > '9' || n > (UINT64_MAX - 9) / 10)
			return false;
		n = n * 10 + (uint64_t)(*s - '0');
	}
	*v = n;
	return true;
}

static enum hist_kind kind_parse(const char *s, bool *ok)
{
	static const char *const names[] = { "set", "undo", "redo", "baseline", "restore" };

	*ok = true;
	for (int i = 0; i < 5; i++)
		if (strcmp(s, names[i]) == 0)
			return (enum hist_kind)i;
	*ok = false;
	return HIST_SET;
}

/* ---- the reader ---------------------------------------------------------------- */

struct reader {
	const char *path;
	FILE *f;
	struct sha256 sha;
	bool json;
	char *err;                      /* "FILE:LINE: ..." of the first error */
	/* XML */
	xmlTextReaderPtr xr;
	xmlRelaxNGParserCtxtPtr sctx;
	xmlRelaxNGPtr schema;
	bool header_seen;
	/* JSON */
	unsigned long line;
	int back;                       /* a byte given back, or -1 */
	int last;                       /* the last byte read */
	size_t budget;                  /* bytes an element may still take */
	enum { J_START, J_TOP, J_ARRAY, J_DONE } state;
	bool first_in;                  /* no key/element yet at this level */
	bool in_history;
	bool header_sent;
	char *model;                    /* from the JSON header */
	unsigned long model_line;
};

static int rd_fail(struct reader *r, unsigned long line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int rd_fail(struct reader *r, unsigned long line, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	if (r->err)
		return -1;
	va_start(ap, fmt);
	msg = text_vprintf(fmt, ap);
	va_end(ap);
	r->err = text_printf("%s:%lu: %s", r->path, line, msg ? msg : "out of memory");
	free(msg);
	return -1;
}

/* -- XML -- */

static int xml_read(void *ctx, char *buf, int len)
{
	struct reader *r = ctx;
	size_t n = fread(buf, 1, (size_t)len, r->f);

	if (n == 0 && ferror(r->f))
		return -1;
	sha256_update(&r->sha, buf, n);
	return (int)n;
}

static int xml_close(void *ctx)
{
	(void)ctx;
	return 0;
}

static void xml_error(void *arg, const xmlError *e)
{
	struct reader *r = arg;
	char *msg;
	size_t n;

	if (r->err || !e || e->level == XML_ERR_WARNING)
		return;
	msg = strdup(e->message ? e->message : "not well-formed");
	if (msg) {
		n = strlen(msg);
		while (n && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
			msg[--n] = '\0';
	}
	rd_fail(r, e->line > 0 ? (unsigned long)e->line : 0, "%s", msg ? msg : "bad XML");
	free(msg);
}

static bool xml_open(struct reader *r)
{
	int opts = XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_BIG_LINES;

	xmlInitParser();
	r->xr = xmlReaderForIO(xml_read, xml_close, r, r->path, NULL, opts);
	if (!r->xr)
		return false;
	xmlTextReaderSetStructuredErrorHandler(r->xr, (xmlStructuredErrorFunc)xml_error, r);
	r->sctx = xmlRelaxNGNewMemParserCtxt(prm_embedded_records_schema,
	                                     (int)prm_embedded_records_schema_len);
	r->schema = r->sctx ? xmlRelaxNGParse(r->sctx) : NULL;
	if (!r->schema || xmlTextReaderRelaxNGSetSchema(r->xr, r->schema) != 0)
		return false;
	return true;
}

/* The line of the node the reader is on (where its start tag begins). */
static unsigned long xml_line(struct reader *r)
{
	xmlNodePtr n = xmlTextReaderCurrentNode(r->xr);
	long line = n ? xmlGetLineNo(n) : -1;

	return line > 0 ? (unsigned long)line
	                : (unsigned long)xmlTextReaderGetParserLineNumber(r->xr);
}

static char *xml_attr(struct reader *r, const char *name)
{
	xmlChar *v = xmlTextReaderGetAttribute(r->xr, (const xmlChar *)name);
	char *d;

	if (!v)
		return NULL;
	d = strdup((const char *)v);
	xmlFree(v);
	return d;
}

/* The text of the element the reader is on, up to its end. */
static int xml_text(struct reader *r, unsigned long line, char **out)
{
	size_t n = 0;
	char *s = calloc(1, 1);

	*out = NULL;
	if (!s)
		return rd_fail(r, line, "out of memory");
	if (xmlTextReaderIsEmptyElement(r->xr)) {
		*out = s;
		return 1;
	}
	for (;;) {
		int ret = xmlTextReaderRead(r->xr), type;

		if (ret != 1 || r->err) {
			free(s);
			return rd_fail(r, line, "the file ends inside an element");
		}
		type = xmlTextReaderNodeType(r->xr);
		if (type == XML_READER_TYPE_END_ELEMENT)
			break;
		if (type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE ||
		    type == XML_READER_TYPE_WHITESPACE || type == XML_READER_TYPE_CDATA) {
			const char *v = (const char *)xmlTextReaderConstValue(r->xr);
			size_t k = v ? strlen(v) : 0;
			char *t;

			if (n + k > RECORD_MAX_VALUE) {
				free(s);
				return rd_fail(r, line, "a value is more than %u bytes long",
				               RECORD_MAX_VALUE);
			}
			t = realloc(s, n + k + 1);
			if (!t) {
				free(s);
				return rd_fail(r, line, "out of memory");
			}
			s = t;
			memcpy(s + n, v, k);
			n += k;
			s[n] = '\0';
		} else {
			free(s);
			return rd_fail(r, line, "an element holds something other than text");
		}
	}
	*out = s;
	return 1;
}

static bool origin_from(const char *s, struct xorigin *o)
{
	return s && xorigin_parse(s, strlen(s), o);
}

static bool known_from(const char *s, struct xknown *k)
{
	while (s && *s) {
		const char *e = strchr(s, ' ');
		size_t len = e ? (size_t)(e - s) : strlen(s);
		struct xorigin o;

		if (!xorigin_parse(s, len, &o) || !xknown_add(k, &o))
			return false;
		s = e ? e + 1 : s + len;
	}
	return true;
}

static int xml_field(struct reader *r, struct item *it)
{
	char *origin = xml_attr(r, "origin"), *known = xml_attr(r, "known");
	int rc = 1;

	it->kind = IT_FIELD;
	it->process = xml_attr(r, "process");
	it->field = xml_attr(r, "name");
	if (!it->process || !it->field)
		rc = rd_fail(r, it->line, "a field without process or name");
	else if (origin && !origin_from(origin, &it->origin))
		rc = rd_fail(r, it->line, "origin '%s' is not UUID:REVISION", origin);
	else if (known && !known_from(known, &it->known))
		rc = rd_fail(r, it->line, "known '%s' is not a list of UUID:REVISION", known);
	it->written = origin != NULL;
	free(origin);
	free(known);
	if (rc == 1)
		rc = xml_text(r, it->line, &it->value);
	return rc;
}

static int xml_entry(struct reader *r, struct item *it)
{
	char *a;
	bool ok = true;
	struct hist_entry *e = &it->e;

	it->kind = IT_ENTRY;
	e->seq = 0;
	if ((a = xml_attr(r, "seq")))
		ok = parse_u64(a, &e->seq);
	free(a);
	if ((a = xml_attr(r, "kind"))) {
		bool k;

		e->kind = kind_parse(a, &k);
		ok = ok && k;
	}
	free(a);
	if ((a = xml_attr(r, "time")))
		ok = ok && parse_time(a, &e->time);
	free(a);
	if ((a = xml_attr(r, "pid"))) {
		uint64_t pid = 0;

		ok = ok && parse_u64(a, &pid);
		e->pid = (long)pid;
	}
	free(a);
	e->set = e->seq;
	if ((a = xml_attr(r, "set")))
		ok = ok && parse_u64(a, &e->set);
	free(a);
	if ((a = xml_attr(r, "ref")))
		ok = ok && parse_u64(a, &e->ref);
	free(a);
	if ((a = xml_attr(r, "named")))
		e->named = true;
	free(a);
	if ((a = xml_attr(r, "import")))
		e->set_kind = STORE_SET_IMPORT;
	free(a);
	it->user = xml_attr(r, "user");
	it->process = xml_attr(r, "process");
	it->field = xml_attr(r, "field");
	it->origin_text = xml_attr(r, "origin");
	it->name = xml_attr(r, "name");
	it->file = xml_attr(r, "file");
	it->sha256 = xml_attr(r, "sha256");
	if (!ok)
		return rd_fail(r, it->line, "history entry with a bad seq, time, pid, set or ref");
	return xml_text(r, it->line, it->e.kind <= HIST_REDO ? &it->value : &it->note);
}

static int xml_next(struct reader *r, struct item *it)
{
	for (;;) {
		int ret = xmlTextReaderRead(r->xr), type;
		const char *name;

		if (r->err)
			return -1;
		if (ret == 0) {
			if (!r->header_seen)
				return rd_fail(r, 1, "not a records file (no records element)");
			if (xmlTextReaderIsValid(r->xr) != 1)
				return rd_fail(r, (unsigned long)xmlTextReaderGetParserLineNumber(r->xr),
				               "does not follow the records schema (records.rng)");
			return 0;
		}
		if (ret < 0)
			return rd_fail(r, (unsigned long)xmlTextReaderGetParserLineNumber(r->xr),
			               "not well-formed XML");
		type = xmlTextReaderNodeType(r->xr);
		it->line = xml_line(r);
		if (type == XML_READER_TYPE_DOCUMENT_TYPE)
			return rd_fail(r, it->line, "a DOCTYPE is not allowed in a records file");
		if (type == XML_READER_TYPE_ENTITY_REFERENCE)
			return rd_fail(r, it->line, "entity references are not allowed");
		if (type != XML_READER_TYPE_ELEMENT)
			continue;
		name = (const char *)xmlTextReaderConstLocalName(r->xr);
		if (!name)
			continue;
		if (strcmp(name, "records") == 0) {
			it->kind = IT_HEADER;
			it->model = xml_attr(r, "model");
			r->header_seen = true;
			if (!it->model)
				return rd_fail(r, it->line, "the records element has no model");
			return 1;
		}
		if (!r->header_seen)
			return rd_fail(r, it->line, "not a records file (the root is '%s')", name);
		if (strcmp(name, "field") == 0)
			return xml_field(r, it);
		if (strcmp(name, "entry") == 0)
			return xml_entry(r, it);
	}
}

/* -- JSON: the outer object by hand, each element by jansson -- */

static int js_get(struct reader *r)
{
	int c;

	if (r->back >= 0) {
		c = r->back;
		r->back = -1;
	} else {
		unsigned char b;

		c = getc(r->f);
		if (c == EOF)
			return EOF;
		b = (unsigned char)c;
		sha256_update(&r->sha, &b, 1);
	}
	if (c == '\n')
		r->line++;
	r->last = c;
	return c;
}

static void js_unget(struct reader *r, int c)
{
	r->back = c;
	if (c == '\n')
		r->line--;
}

static int js_skip(struct reader *r)
{
	int c;

	do
		c = js_get(r);
	while (c == ' ' || c == '\t' || c == '\n' || c == '\r');
	return c;
}

static size_t js_feed(void *buf, size_t len, void *arg)
{
	struct reader *r = arg;
	int c;

	if (len == 0)
		return 0;
	if (r->budget == 0)
		return (size_t)-1;
	c = js_get(r);
	if (c == EOF)
		return 0;
	r->budget--;
	*(char *)buf = (char)c;
	return 1;
}

/* One JSON value from the stream (DECODE_ANY); a scalar other than a
 * string took one byte too many, which is given back. */
static json_t *js_value(struct reader *r)
{
	json_error_t je;
	unsigned long line = r->line;
	json_t *v;

	r->budget = MAX_ELEMENT;
	v = json_load_callback(js_feed, r, JSON_DECODE_ANY | JSON_DISABLE_EOF_CHECK |
	                       JSON_REJECT_DUPLICATES, &je);
	if (!v) {
		if (r->budget == 0)
			rd_fail(r, line, "an element is more than %u bytes long", MAX_ELEMENT);
		else
			rd_fail(r, line + (je.line > 0 ? (unsigned long)je.line - 1 : 0), "%s", je.text);
		return NULL;
	}
	if (!json_is_string(v) && !json_is_object(v) && !json_is_array(v) && r->last != EOF)
		js_unget(r, r->last);
	return v;
}

static const char *jstr(json_t *o, const char *key, bool *ok)
{
	json_t *v = json_object_get(o, key);

	if (!v)
		return NULL;
	if (!json_is_string(v)) {
		*ok = false;
		return NULL;
	}
	return json_string_value(v);
}

static bool ju64(json_t *o, const char *key, uint64_t *out)
{
	json_t *v = json_object_get(o, key);

	if (!v)
		return true;
	if (!json_is_integer(v) || json_integer_value(v) < 0)
		return false;
	*out = (uint64_t)json_integer_value(v);
	return true;
}

static char *dupn(const char *s)
{
	return s ? strdup(s) : NULL;
}

static bool keys_ok(json_t *o, const char *const *keys, const char **bad)
{
	const char *k;
	json_t *v;

	json_object_foreach(o, k, v) {
		bool found = false;

		for (size_t i = 0; keys[i] && !found; i++)
			found = strcmp(k, keys[i]) == 0;
		if (!found) {
			*bad = k;
			return false;
		}
	}
	return true;
}

static int js_field(struct reader *r, json_t *o, struct item *it)
{
	static const char *const keys[] = { "process", "field", "origin", "known", "rev", "time",
	                                     "user", "value", NULL };
	const char *bad = NULL, *origin, *value;
	bool ok = true;
	json_t *known = json_object_get(o, "known");

	it->kind = IT_FIELD;
	if (!keys_ok(o, keys, &bad))
		return rd_fail(r, it->line, "a field has an unknown member \"%s\"", bad);
	it->process = dupn(jstr(o, "process", &ok));
	it->field = dupn(jstr(o, "field", &ok));
	origin = jstr(o, "origin", &ok);
	value = jstr(o, "value", &ok);
	if (!ok || !it->process || !it->field)
		return rd_fail(r, it->line, "a field needs \"process\" and \"field\" strings");
	if (origin && !origin_from(origin, &it->origin))
		return rd_fail(r, it->line, "origin '%s' is not UUID:REVISION", origin);
	if (!origin != !value)
		return rd_fail(r, it->line, "a field has an origin without a value or a value "
		               "without an origin");
	if (known) {
		size_t i;
		json_t *k;

		if (!json_is_array(known))
			return rd_fail(r, it->line, "\"known\" is not an array");
		json_array_foreach(known, i, k) {
			struct xorigin ko;

			if (!json_is_string(k) || !origin_from(json_string_value(k), &ko) ||
			    !xknown_add(&it->known, &ko))
				return rd_fail(r, it->line, "\"known\" holds something other than "
				               "UUID:REVISION");
		}
	}
	if (strlen(value ? value : "") > RECORD_MAX_VALUE)
		return rd_fail(r, it->line, "a value is more than %u bytes long", RECORD_MAX_VALUE);
	it->written = origin != NULL;
	it->value = strdup(value ? value : "");
	return it->value ? 1 : rd_fail(r, it->line, "out of memory");
}

static int js_entry(struct reader *r, json_t *o, struct item *it)
{
	static const char *const keys[] = { "seq", "kind", "time", "user", "pid", "set", "ref",
	                                     "named", "process", "field", "origin", "name",
	                                     "import", "file", "sha256", "value", "note", NULL };
	const char *bad = NULL, *kind, *time, *value;
	bool ok = true, k = false;
	uint64_t pid = 0;
	struct hist_entry *e = &it->e;

	it->kind = IT_ENTRY;
	if (!keys_ok(o, keys, &bad))
		return rd_fail(r, it->line, "a history entry has an unknown member \"%s\"", bad);
	kind = jstr(o, "kind", &ok);
	time = jstr(o, "time", &ok);
	if (kind)
		e->kind = kind_parse(kind, &k);
	ok = ok && k && time && parse_time(time, &e->time) && ju64(o, "seq", &e->seq) &&
	     e->seq > 0 && ju64(o, "pid", &pid) && ju64(o, "ref", &e->ref);
	e->pid = (long)pid;
	e->set = e->seq;
	ok = ok && ju64(o, "set", &e->set);
	e->named = jstr(o, "named", &ok) != NULL;
	if (jstr(o, "import", &ok))
		e->set_kind = STORE_SET_IMPORT;
	it->user = dupn(jstr(o, "user", &ok));
	it->process = dupn(jstr(o, "process", &ok));
	it->field = dupn(jstr(o, "field", &ok));
	it->origin_text = dupn(jstr(o, "origin", &ok));
	it->name = dupn(jstr(o, "name", &ok));
	it->file = dupn(jstr(o, "file", &ok));
	it->sha256 = dupn(jstr(o, "sha256", &ok));
	value = jstr(o, e->kind <= HIST_REDO ? "value" : "note", &ok);
	if (!ok || !it->user)
		return rd_fail(r, it->line, "a history entry with a missing or bad seq, kind, "
		               "time, user, pid, set or ref");
	if (strlen(value ? value : "") > RECORD_MAX_VALUE)
		return rd_fail(r, it->line, "a value is more than %u bytes long", RECORD_MAX_VALUE);
	if (e->kind <= HIST_REDO)
		it->value = strdup(value ? value : "");
	else
		it->note = strdup(value ? value : "");
	return 1;
}

static int js_header(struct reader *r, struct item *it)
{
	it->kind = IT_HEADER;
	it->line = r->model_line;
	r->header_sent = true;
	if (!r->model)
		return rd_fail(r, 1, "not a records file (no \"model\")");
	it->model = r->model;
	r->model = NULL;
	return 1;
}

static int js_next(struct reader *r, struct item *it)
{
	for (;;) {
		int c;
		json_t *v;

		if (r->err)
			return -1;
		switch (r->state) {
		case J_START:
			c = js_skip(r);
			if (c != '{')
				return rd_fail(r, r->line, "not a records file (JSON: an object expected)");
			r->state = J_TOP;
			r->first_in = true;
			continue;
		case J_TOP: {
			const char *key;
			unsigned long line;

			c = js_skip(r);
			if (c == '}') {
				if (js_skip(r) != EOF)
					return rd_fail(r, r->line, "something after the records object");
				r->state = J_DONE;
				if (!r->header_sent)
					return js_header(r, it);
				return 0;
			}
			if (!r->first_in) {
				if (c != ',')
					return rd_fail(r, r->line, "',' or '}' expected");
				c = js_skip(r);
			}
			r->first_in = false;
			if (c != '"')
				return rd_fail(r, r->line, "a member name expected");
			js_unget(r, c);
			line = r->line;
			v = js_value(r);
			if (!v)
				return -1;
			key = json_string_value(v);
			if (js_skip(r) != ':') {
				json_decref(v);
				return rd_fail(r, r->line, "':' expected");
			}
			if (strcmp(key, "fields") == 0 || strcmp(key, "history") == 0) {
				r->in_history = key[0] == 'h';
				json_decref(v);
				if (js_skip(r) != '[')
					return rd_fail(r, r->line, "an array expected");
				r->state = J_ARRAY;
				r->first_in = true;
				if (!r->header_sent)
					return js_header(r, it);
				continue;
			}
			c = js_skip(r);
			js_unget(r, c);
			{
				json_t *val = js_value(r);
				bool ok = val != NULL;

				if (ok && strcmp(key, "prmwb-records") == 0) {
					ok = json_is_integer(val) && json_integer_value(val) == 1;
					if (!ok)
						rd_fail(r, line, "\"prmwb-records\" is not 1: a version this "
						        "prmwb does not read");
				} else if (ok && strcmp(key, "model") == 0) {
					ok = json_is_string(val) && !r->model;
					if (ok) {
						free(r->model);
						r->model = strdup(json_string_value(val));
						r->model_line = line;
					} else {
						rd_fail(r, line, r->model ? "\"model\" comes twice"
						        : "\"model\" is not a string");
					}
				} else if (ok && strcmp(key, "store") != 0 && strcmp(key, "seq") != 0 &&
				           strcmp(key, "generated") != 0 &&
				           strcmp(key, "model-version") != 0) {
					ok = false;
					rd_fail(r, line, "unknown member \"%s\"", key);
				}
				json_decref(val);
				json_decref(v);
				if (!ok)
					return -1;
			}
			continue;
		}
		case J_ARRAY: {
			int rc;

			c = js_skip(r);
			if (c == ']') {
				r->state = J_TOP;
				r->first_in = false;
				continue;
			}
			if (!r->first_in) {
				if (c != ',')
					return rd_fail(r, r->line, "',' or ']' expected");
				c = js_skip(r);
			}
			r->first_in = false;
			if (c != '{')
				return rd_fail(r, r->line, "an object expected");
			js_unget(r, c);
			it->line = r->line;
			v = js_value(r);
			if (!v)
				return -1;
			rc = r->in_history ? js_entry(r, v, it) : js_field(r, v, it);
			json_decref(v);
			return rc;
		}
		case J_DONE:
			return 0;
		}
	}
}

static void rd_close(struct reader *r);

static bool rd_open(struct reader *r, const char *path, char **err)
{
	struct stat sb;
	int c;

	memset(r, 0, sizeof *r);
	r->path = path;
	r->back = -1;
	r->line = 1;
	sha256_init(&r->sha);
	r->f = fopen(path, "rb");
	if (!r->f) {
		*err = text_printf("cannot read %s: %s", path, strerror(errno));
		return false;
	}
	if (fstat(fileno(r->f), &sb) == 0 && S_ISDIR(sb.st_mode)) {
		*err = text_printf("cannot read %s: it is a directory", path);
		rd_close(r);
		return false;
	}
	do
		c = getc(r->f);
	while (c == ' ' || c == '\t' || c == '\n' || c == '\r');
	if (c == EOF) {
		*err = text_printf("%s:1: %s", path, ferror(r->f) ? strerror(errno)
		                   : "the file is empty: not a records file");
		rd_close(r);
		return false;
	}
	rewind(r->f);
	r->json = c == '{';
	if (!r->json && !xml_open(r)) {
		*err = text_printf("%s: cannot set up the XML reader", path);
		rd_close(r);
		return false;
	}
	return true;
}

static int rd_next(struct reader *r, struct item *it)
{
	item_clear(it);
	return r->json ? js_next(r, it) : xml_next(r, it);
}

/* Read what is left, for the hash of the whole file. */
static void rd_finish(struct reader *r, char hex[65])
{
	unsigned char buf[8192];
	size_t n;

	if (r->json && r->back >= 0)
		r->back = -1;
	while ((n = fread(buf, 1, sizeof buf, r->f)) > 0)
		sha256_update(&r->sha, buf, n);
	sha256_final_hex(&r->sha, hex);
}

static void rd_close(struct reader *r)
{
	if (r->xr)
		xmlFreeTextReader(r->xr);
	if (r->schema)
		xmlRelaxNGFree(r->schema);
	if (r->sctx)
		xmlRelaxNGFreeParserCtxt(r->sctx);
	if (r->f)
		fclose(r->f);
	free(r->err);
	free(r->model);
	memset(r, 0, sizeof *r);
}

/* ---- the report --------------------------------------------------------------- */

static void change_free(struct import_change *c)
{
	free(c->process);
	free(c->field);
	free(c->file_value);
	free(c->store_value);
	free(c->base_value);
	free(c->store_user);
}

void import_report_free(struct import_report *r)
{
	for (size_t i = 0; i < r->n_changes; i++)
		change_free(&r->changes[i]);
	for (size_t i = 0; i < r->n_conflicts; i++)
		change_free(&r->conflicts[i]);
	free(r->changes);
	free(r->conflicts);
	xstrv_free(r->notes, r->n_notes);
	xstrv_free(r->errors, r->n_errors);
	memset(r, 0, sizeof *r);
}

static bool strv_add(char ***v, size_t *n, char *s)
{
	char **t;

	if (!s)
		return false;
	t = realloc(*v, (*n + 1) * sizeof *t);
	if (!t) {
		free(s);
		return false;
	}
	*v = t;
	t[(*n)++] = s;
	return true;
}

static bool change_add(struct import_change **v, size_t *n, const struct import_change *c)
{
	struct import_change *t = realloc(*v, (*n + 1) * sizeof *t);

	if (!t)
		return false;
	*v = t;
	t[(*n)++] = *c;
	return true;
}

bool import_on_conflict_parse(const char *s, enum import_on_conflict *out)
{
	if (strcmp(s, "fail") == 0)
		*out = IMPORT_FAIL;
	else if (strcmp(s, "keep-store") == 0 || strcmp(s, "skip") == 0)
		*out = IMPORT_KEEP_STORE;
	else if (strcmp(s, "take-file") == 0 || strcmp(s, "theirs") == 0)
		*out = IMPORT_TAKE_FILE;
	else
		return false;
	return true;
}

/* ---- the merge ------------------------------------------------------------------ */

/* (process, field) pairs seen, to refuse a field given twice. */
struct seen {
	char **v;
	size_t cap, n;
};

static uint64_t fnv(const char *a, const char *b)
{
	uint64_t h = 1469598103934665603ULL;

	for (; *a; a++)
		h = (h ^ (unsigned char)*a) * 1099511628211ULL;
	h = (h ^ 0x1f) * 1099511628211ULL;
	for (; *b; b++)
		h = (h ^ (unsigned char)*b) * 1099511628211ULL;
	return h;
}

/* 1 new, 0 seen before, -1 out of memory. */
static int seen_add(struct seen *s, const char *process, const char *field)
{
	size_t i;
	char *key;

	if (2 * (s->n + 1) > s->cap) {
		size_t cap = s->cap ? 2 * s->cap : 1024;
		char **v = calloc(cap, sizeof *v);

		if (!v)
			return -1;
		for (size_t k = 0; k < s->cap; k++) {
			if (!s->v[k])
				continue;
			i = (size_t)fnv(s->v[k], s->v[k] + strlen(s->v[k]) + 1) & (cap - 1);
			while (v[i])
				i = (i + 1) & (cap - 1);
			v[i] = s->v[k];
		}
		free(s->v);
		s->v = v;
		s->cap = cap;
	}
	i = (size_t)fnv(process, field) & (s->cap - 1);
	while (s->v[i]) {
		const char *k = s->v[i];

		if (strcmp(k, process) == 0 && strcmp(k + strlen(k) + 1, field) == 0)
			return 0;
		i = (i + 1) & (s->cap - 1);
	}
	key = malloc(strlen(process) + strlen(field) + 2);
	if (!key)
		return -1;
	strcpy(key, process);
	strcpy(key + strlen(process) + 1, field);
	s->v[i] = key;
	s->n++;
	return 1;
}

static void seen_free(struct seen *s)
{
	for (size_t i = 0; i < s->cap; i++)
		free(s->v[i]);
	free(s->v);
}

struct edit_own {
	char *process, *field, *value;
	size_t n_outcomes;
	uint64_t base_rev;
	struct xorigin origin;
};

struct merge {
	const struct prm_model *m;
	const struct import_opts *o;
	const char *path;
	struct import_report *rep;
	struct xview v;
	struct seen seen;
	/* the store's record of the process being read */
	char *cur_id;
	struct xrecord cur;
	bool have_cur;
	/* processes the model lacks, noted once */
	char *last_orphan;
	struct edit_own *edits;
	size_t n_edits;
	bool oom;
	enum store_rc src;
};

static void merge_error(struct merge *g, unsigned long line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void merge_error(struct merge *g, unsigned long line, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	if (g->rep->n_errors >= MAX_ERRORS)
		return;
	va_start(ap, fmt);
	msg = text_vprintf(fmt, ap);
	va_end(ap);
	if (!strv_add(&g->rep->errors, &g->rep->n_errors,
	              text_printf("%s:%lu: %s", g->path, line, msg ? msg : "out of memory")))
		g->oom = true;
	free(msg);
}

static void merge_note(struct merge *g, unsigned long line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void merge_note(struct merge *g, unsigned long line, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	msg = text_vprintf(fmt, ap);
	va_end(ap);
	if (!strv_add(&g->rep->notes, &g->rep->n_notes,
	              text_printf("%s:%lu: %s", g->path, line, msg ? msg : "out of memory")))
		g->oom = true;
	free(msg);
}

/* The value the file and the store last had in common: the newest entry
 * of the store's history of the field whose origin the file has taken in. */
struct base_walk {
	const char *field;
	const struct xknown *file;
	const char *uuid;
	char *value;
	bool found;
};

static bool base_one(const struct hist_entry *e, void *arg)
{
	struct base_walk *b = arg;
	struct xorigin o;

	if (e->kind > HIST_REDO || strcmp(e->field, b->field) != 0)
		return true;
	memset(&o, 0, sizeof o);
	if (e->kind == HIST_SET && e->origin && e->origin[0]) {
		snprintf(o.uuid, sizeof o.uuid, "%s", e->origin);
		o.rev = e->origin_rev;
	} else {
		snprintf(o.uuid, sizeof o.uuid, "%s", b->uuid);
		o.rev = e->seq;
	}
	if (!xknown_covers(b->file, &o))
		return true;
	b->value = strdup(e->new_value ? e->new_value : "");
	b->found = true;
	return false;
}

static bool load_record(struct merge *g, const char *process, const struct prm_process *p)
{
	enum store_rc src;

	if (g->have_cur && strcmp(g->cur_id, process) == 0)
		return true;
	if (g->have_cur) {
		xrecord_free(&g->cur);
		free(g->cur_id);
		g->have_cur = false;
	}
	g->cur_id = strdup(process);
	if (!g->cur_id) {
		g->oom = true;
		return false;
	}
	src = xview_record(&g->v, process, p, false, true, &g->cur);
	if (src != STORE_OK) {
		free(g->cur_id);
		g->cur_id = NULL;
		g->src = src;
		return false;
	}
	g->have_cur = true;
	return true;
}

static void merge_field(struct merge *g, struct item *it)
{
	const struct prm_process *p;
	const struct field_def *def;
	const struct xfield *sf;
	const struct field_value *fv;
	struct xorigin so;
	struct xknown fk = { 0 };
	char *norm, *why = NULL;
	int n = 0, s;
	size_t max;
	bool take;

	g->rep->n_fields += it->written;
	s = seen_add(&g->seen, it->process, it->field);
	if (s < 0) {
		g->oom = true;
		return;
	}
	if (s == 0) {
		merge_error(g, it->line, "%s %s: the field comes twice", it->process, it->field);
		return;
	}
	p = prm_model_find(g->m, it->process);
	def = record_field(it->field, &n);
	if (!def || def->kind == FIELD_DERIVED) {
		merge_error(g, it->line, "%s: '%s' is not a field a record keeps", it->process,
		            it->field);
		return;
	}
	if (!it->written)
		return;
	if (!p) {
		if (!g->last_orphan || strcmp(g->last_orphan, it->process) != 0) {
			free(g->last_orphan);
			g->last_orphan = strdup(it->process);
			merge_note(g, it->line, "%s is not a process of model %s: its fields are not "
			           "imported", it->process, g->m->id);
		}
		return;
	}
	max = (size_t)prm_process_outcome_max(p);
	if (def->numbered && !prm_process_outcome(p, n)) {
		merge_note(g, it->line, "%s has no outcome %d in model %s: %s is not imported",
		           it->process, n, g->m->id, it->field);
		return;
	}
	norm = record_validate(it->field, it->value, max, &why);
	if (!norm) {
		merge_error(g, it->line, "%s %s: %s", it->process, it->field, why ? why : "bad value");
		free(why);
		return;
	}
	if (g->rep->n_errors || g->oom || !load_record(g, it->process, p)) {
		free(norm);
		return;
	}
	sf = xrecord_get(&g->cur, it->field);
	fv = sf ? sf->fv : NULL;
	if (!fv) {
		take = true;            /* never written here */
	} else {
		so = sf->origin;
		if (xorigin_eq(&so, &it->origin) || xknown_covers(&sf->known, &it->origin)) {
			take = false;   /* the same change, or the file is older */
		} else {
			if (!xknown_add(&fk, &it->origin)) {
				g->oom = true;
				free(norm);
				return;
			}
			for (size_t i = 0; i < it->known.n; i++)
				xknown_add(&fk, &it->known.v[i]);
			if (xknown_covers(&fk, &so)) {
				take = true;    /* the file is newer */
			} else if (strcmp(fv->value, norm) == 0) {
				take = false;   /* both made the same change */
			} else {
				struct base_walk b = { it->field, &fk, g->v.uuid, NULL, false };
				struct import_change c = { 0 };

				if (store_log(g->v.st, it->process, 0, base_one, &b) != STORE_OK)
					b.found = false;
				c.process = strdup(it->process);
				c.field = strdup(it->field);
				c.file_value = strdup(norm);
				c.store_value = strdup(fv->value);
				c.base_value = b.value ? b.value : strdup("");
				c.store_user = strdup(fv->user);
				c.store_time = fv->time;
				c.taken = g->o->on_conflict == IMPORT_TAKE_FILE;
				if (!change_add(&g->rep->conflicts, &g->rep->n_conflicts, &c)) {
					change_free(&c);
					g->oom = true;
				}
				take = c.taken;
			}
		}
	}
	xknown_free(&fk);
	if (take && strcmp(fv ? fv->value : "", norm) != 0) {
		struct edit_own *t = realloc(g->edits, (g->n_edits + 1) * sizeof *t);
		struct import_change c = { 0 };

		if (!t) {
			g->oom = true;
			free(norm);
			return;
		}
		g->edits = t;
		t[g->n_edits].process = strdup(it->process);
		t[g->n_edits].field = strdup(it->field);
		t[g->n_edits].value = norm;
		t[g->n_edits].n_outcomes = max;
		t[g->n_edits].base_rev = fv ? fv->rev : 0;
		t[g->n_edits].origin = it->origin;
		g->n_edits++;
		norm = NULL;
		c.process = strdup(it->process);
		c.field = strdup(it->field);
		c.file_value = strdup(t[g->n_edits - 1].value);
		c.store_value = strdup(fv ? fv->value : "");
		c.store_user = strdup(fv ? fv->user : "");
		c.store_time = fv ? fv->time : 0;
		c.taken = true;
		if (!change_add(&g->rep->changes, &g->rep->n_changes, &c)) {
			change_free(&c);
			g->oom = true;
		}
	}
	free(norm);
}

static bool model_ok(const struct prm_model *m, const char *id)
{
	size_t n = 0;
	const char *const *ids = prm_model_lineage(m, &n);

	if (strcmp(id, m->id) == 0)
		return true;
	for (size_t i = 0; ids && i < n; i++)
		if (strcmp(id, ids[i]) == 0)
			return true;
	return false;
}

static void merge_free(struct merge *g)
{
	for (size_t i = 0; i < g->n_edits; i++) {
		free(g->edits[i].process);
		free(g->edits[i].field);
		free(g->edits[i].value);
	}
	free(g->edits);
	if (g->have_cur)
		xrecord_free(&g->cur);
	free(g->cur_id);
	free(g->last_orphan);
	seen_free(&g->seen);
}

/* ---- restore ------------------------------------------------------------------- */

struct restore_src {
	const char *path;
	struct reader r;
	bool open;
	struct item it;
	char *err;
};

static int restore_next(void *arg, bool rewind_, struct hist_entry *e, char **err)
{
	struct restore_src *s = arg;
	int rc;

	if (rewind_ || !s->open) {
		if (s->open)
			rd_close(&s->r);
		s->open = false;
		item_clear(&s->it);
		if (!rd_open(&s->r, s->path, err))
			return -1;
		s->open = true;
	}
	do
		rc = rd_next(&s->r, &s->it);
	while (rc == 1 && s->it.kind != IT_ENTRY);
	if (rc < 0) {
		*err = strdup(s->r.err ? s->r.err : "cannot read the file");
		return -1;
	}
	if (rc == 0)
		return 0;
	*e = s->it.e;
	e->user = s->it.user;
	e->process = s->it.process ? s->it.process : (char *)"";
	e->field = s->it.field ? s->it.field : (char *)"";
	e->new_value = s->it.value ? s->it.value : (char *)"";
	e->old_value = (char *)"";
	e->origin = NULL;
	e->origin_rev = 0;
	if (s->it.origin_text) {
		struct xorigin o;

		if (!origin_from(s->it.origin_text, &o)) {
			*err = text_printf("%s:%lu: origin '%s' is not UUID:REVISION", s->path,
			                   s->it.line, s->it.origin_text);
			return -1;
		}
		memcpy(s->it.origin_text, o.uuid, 37);
		e->origin = s->it.origin_text;
		e->origin_rev = o.rev;
	}
	e->name = s->it.name;
	e->note = s->it.note;
	e->file = s->it.file;
	e->sha256 = s->it.sha256;
	return 1;
}

/* ---- the import -------------------------------------------------------------------- */

/* Read the whole file: the header's model, every field through the merge
 * (unless restore), every history entry counted. */
static enum import_rc read_all(const struct prm_model *m, struct merge *g, struct reader *r,
                               uint64_t *entries, bool *history, char **err)
{
	struct item it = { 0 };
	int rc;
	bool header = false;

	*entries = 0;
	*history = false;
	while ((rc = rd_next(r, &it)) == 1 && !g->oom && g->src == STORE_OK &&
	       g->rep->n_errors < MAX_ERRORS) {
		if (it.kind == IT_HEADER) {
			snprintf(g->rep->model, sizeof g->rep->model, "%s", it.model);
			if (!model_ok(m, it.model)) {
				merge_error(g, it.line, "the file holds records of model %s, not of %s",
				            it.model, m->id);
				break;
			}
			header = true;
		} else if (it.kind == IT_FIELD) {
			if (!g->o->restore)
				merge_field(g, &it);
		} else {
			(*entries)++;
			*history = true;
		}
	}
	item_clear(&it);
	if (rc < 0 && r->err && g->rep->n_errors < MAX_ERRORS)
		strv_add(&g->rep->errors, &g->rep->n_errors, strdup(r->err));
	if (g->oom) {
		*err = strdup("out of memory");
		return IMPORT_IO;
	}
	if (g->src != STORE_OK) {
		g->rep->store_rc = g->src;
		*err = text_printf("cannot read the store: %s", store_strerror(g->src));
		return IMPORT_STORE;
	}
	if (g->rep->n_errors)
		return IMPORT_BAD;
	if (!header) {
		strv_add(&g->rep->errors, &g->rep->n_errors,
		         text_printf("%s:1: not a records file", g->path));
		return IMPORT_BAD;
	}
	rd_finish(r, g->rep->sha256);
	return IMPORT_OK;
}

enum import_rc import_file(const struct prm_model *m, struct store *st, const char *path,
                           const struct import_opts *o, struct import_report *rep,
                           char **err)
{
	struct merge g;
	struct reader r;
	enum import_rc rc;
	enum store_rc src;
	uint64_t entries = 0;
	bool history = false;
	char *e = NULL;

	memset(rep, 0, sizeof *rep);
	memset(&g, 0, sizeof g);
	g.m = m;
	g.o = o;
	g.path = path;
	g.rep = rep;
	if (err)
		*err = NULL;
	if (!st && !o->dry_run) {
		if (err)
			*err = strdup("no store to import into");
		return IMPORT_IO;
	}
	if (o->restore && st && store_last_seq(st) != 0) {
		if (err)
			*err = text_printf("the store %s is not empty (%" PRIu64 " history entries): "
			                   "a restore goes into an empty store only",
			                   store_path(st), store_last_seq(st));
		return IMPORT_REFUSED;
	}
	src = xview_open(&g.v, st, STORE_NOW);
	if (src != STORE_OK) {
		rep->store_rc = src;
		if (err)
			*err = strdup("cannot read the store");
		return IMPORT_STORE;
	}
	if (!rd_open(&r, path, &e)) {
		if (err)
			*err = e;
		else
			free(e);
		return IMPORT_IO;
	}
	rc = read_all(m, &g, &r, &entries, &history, &e);
	rd_close(&r);
	if (rc != IMPORT_OK)
		goto out;
	if (o->restore) {
		struct restore_src s = { .path = path };
		struct store_change info;
		char *why = NULL;

		if (!history) {
			e = text_printf("%s holds no history (export it with --history to restore "
			                "from it)", path);
			rc = IMPORT_REFUSED;
			goto out;
		}
		rep->restored = entries;
		if (o->dry_run)
			goto out;
		memset(&info, 0, sizeof info);
		src = store_restore(st, path, rep->sha256, restore_next, &s, &info, &why);
		if (s.open)
			rd_close(&s.r);
		item_clear(&s.it);
		if (src == STORE_INVALID || src == STORE_CONFLICT) {
			strv_add(&rep->errors, &rep->n_errors,
			         why ? why : text_printf("%s: the history cannot be restored", path));
			why = NULL;
			rc = src == STORE_CONFLICT ? IMPORT_REFUSED : IMPORT_BAD;
			if (src == STORE_CONFLICT)
				e = text_printf("the store %s is not empty", store_path(st));
		} else if (src != STORE_OK) {
			rep->store_rc = src;
			e = why ? why : strdup(store_strerror(src));
			why = NULL;
			rc = IMPORT_STORE;
		} else {
			rep->restore_seq = info.seq;
		}
		free(why);
		goto out;
	}
	if (rep->n_conflicts && o->on_conflict == IMPORT_FAIL) {
		rc = IMPORT_CONFLICT;
		goto out;
	}
	if (o->dry_run || g.n_edits == 0)
		goto out;
	{
		struct store_edit *ed = calloc(g.n_edits, sizeof *ed);
		struct store_set_opts so = { STORE_SET_IMPORT, path, rep->sha256 };
		struct store_change info;

		if (!ed) {
			e = strdup("out of memory");
			rc = IMPORT_IO;
			goto out;
		}
		for (size_t i = 0; i < g.n_edits; i++) {
			ed[i].process = g.edits[i].process;
			ed[i].field = g.edits[i].field;
			ed[i].value = g.edits[i].value;
			ed[i].n_outcomes = g.edits[i].n_outcomes;
			ed[i].base_rev = g.edits[i].base_rev;
			ed[i].origin = g.edits[i].origin.uuid;
			ed[i].origin_rev = g.edits[i].origin.rev;
		}
		memset(&info, 0, sizeof info);
		src = store_set_many(st, ed, g.n_edits, &so, &info, &rep->set, &rep->n_written);
		free(ed);
		if (src != STORE_OK) {
			rep->store_rc = src;
			if (src == STORE_CONFLICT)
				e = text_printf("%s %s was changed meanwhile (by %s): nothing imported; "
				                "import again", info.process, info.field, info.user);
			else
				e = text_printf("%s %s: %s", info.process, info.field,
				                store_strerror(src));
			rc = IMPORT_STORE;
		}
	}
out:
	merge_free(&g);
	if (err)
		*err = e;
	else
		free(e);
	return rc;
}
