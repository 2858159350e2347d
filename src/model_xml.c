/* model_xml.c - read a model from XML with libxml2, safely.
 *
 * The only file that sees libxml2. The input is untrusted, so:
 * - each parse has its own parser context with its own (structured) error
 *   handler; nothing global is set, so libxml2 never prints by itself;
 * - options: no network, CDATA merged, big line numbers; never NOENT,
 *   DTDLOAD, DTDVALID, XINCLUDE or HUGE, so libxml2's own limits stay on
 *   (10 MB per text node or attribute value, depth 256);
 * - a DOCTYPE is refused the moment the parser meets it (SAX hook), before
 *   any entity declaration is read: a PRM has no DTD, and that is where XXE
 *   and "billion laughs" live;
 * - nesting deeper than PRM_MAX_DEPTH stops the parser at once (SAX hook);
 * - the encoding is forced to UTF-8 (the format says so).
 * The caller (model.c) caps the size before we get here.
 * The RELAX NG schema decides validity; our own structural checker (below)
 * explains a rejection field by field, as libxml2's wording does not. */
#include "config.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/relaxng.h>
#include <libxml/SAX2.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include "embedded.h"
#include "model_int.h"
#include "text.h"

#define PRM_NS "urn:prmwb:prm:1"

/* State of one read, reachable from the parser context (_private) and
 * passed to the RELAX NG error handlers. */
struct xread {
	struct diag *diag;
	const char *name;
	int depth;
	bool refused;            /* DOCTYPE or depth: our own error given */
	bool parse_error;        /* a well-formedness error was reported */
	startElementNsSAX2Func start;
	endElementNsSAX2Func end;
};

/* libxml2 messages end with a newline and some have one inside; make one
 * clean line of at most 300 bytes. */
static void add_xml_error(struct xread *x, long line, const char *where,
                          const char *msg)
{
	char clean[301];
	size_t n = 0;

	for (; msg && *msg && n < sizeof clean - 1; msg++) {
		char ch = (*msg == '\n' || *msg == '\r' || *msg == '\t') ? ' ' : *msg;
		if (ch == ' ' && (n == 0 || clean[n - 1] == ' '))
			continue;
		clean[n++] = ch;
	}
	while (n > 0 && clean[n - 1] == ' ')
		n--;
	clean[n] = '\0';
	if (where)
		diag_addf(x->diag, x->name, line, "%s: %s", where, clean);
	else
		diag_addf(x->diag, x->name, line, "%s", clean);
}

static bool name_char(int c)
{
	return c != '<' && c != '>' && c != '=' && c != '"' && c != '\'' &&
	       c != '/' && c != ' ' && c != '\t' && c != '\n' && c != '\r';
}

/* libxml2's limits on one text or attribute value (no XML_PARSE_HUGE) say
 * "internal error: Huge input lookup" or "AttValue length too long".
 * Say which text or attribute instead; false if e is not such an error. */
static bool too_big(xmlParserCtxtPtr ctxt, struct xread *x, xmlErrorPtr e)
{
	const xmlChar *base = ctxt->input ? ctxt->input->base : NULL;
	const xmlChar *p = ctxt->input ? ctxt->input->cur : NULL, *an, *ae, *en, *ee;

	if (strstr(e->message, "Huge input lookup") || strstr(e->message, "huge text node")) {
		if (ctxt->name)
			diag_addf(x->diag, x->name, e->line, "text of <%.40s> is larger than "
			          "%d bytes, the limit for one text", ctxt->name,
			          XML_MAX_TEXT_LENGTH);
		else
			diag_addf(x->diag, x->name, e->line, "a text is larger than %d bytes, "
			          "the limit for one text", XML_MAX_TEXT_LENGTH);
		return true;
	}
	if (!strstr(e->message, "AttValue length too long"))
		return false;
	/* The input is at the value's opening quote, inside the start tag:
	 * read back NAME = and then the element name after '<'. */
	if (!base || !p || p < base)
		goto anon;
	while (p > base && (p[-1] == ' ' || p[-1] == '\t' || p[-1] == '\n' || p[-1] == '\r'))
		p--;
	if (p == base || p[-1] != '=')
		goto anon;
	p--;
	while (p > base && (p[-1] == ' ' || p[-1] == '\t' || p[-1] == '\n' || p[-1] == '\r'))
		p--;
	ae = p;
	while (p > base && name_char(p[-1]))
		p--;
	an = p;
	while (p > base && p[-1] != '<')
		p--;
	if (p == base || an == ae)
		goto anon;
	en = p;
	for (ee = en; ee < an && name_char(*ee); ee++)
		;
	if (ee == en)
		goto anon;
	diag_addf(x->diag, x->name, e->line, "attribute %.*s of <%.*s> is larger than "
	          "%d bytes, the limit for one value", (int)(ae - an > 40 ? 40 : ae - an),
	          (const char *)an, (int)(ee - en > 40 ? 40 : ee - en), (const char *)en,
	          XML_MAX_TEXT_LENGTH);
	return true;
anon:
	diag_addf(x->diag, x->name, e->line, "an attribute value is larger than %d bytes, "
	          "the limit for one value", XML_MAX_TEXT_LENGTH);
	return true;
}

static void on_parse_error(void *data, xmlErrorPtr e)
{
	xmlParserCtxtPtr ctxt = data;
	struct xread *x = ctxt ? ctxt->_private : NULL;

	if (!x || !e || e->level < XML_ERR_ERROR)
		return;
	/* After our own refusal or the first fatal error, what libxml2 says
	 * next is a consequence of it: one clear line is better. */
	if (x->refused || x->parse_error)
		return;
	x->parse_error = true;
	if (e->message && too_big(ctxt, x, e))
		return;
	add_xml_error(x, e->line, "not well-formed XML", e->message);
}

static void on_doctype(void *ctx, const xmlChar *name, const xmlChar *ext,
                       const xmlChar *sys)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct xread *x = ctxt->_private;

	(void)name; (void)ext; (void)sys;
	if (!x->refused)
		diag_addf(x->diag, x->name, xmlSAX2GetLineNumber(ctxt),
		          "a DOCTYPE is not allowed in a model (no DTD, no entities)");
	x->refused = true;
	xmlStopParser(ctxt);
}

static void on_start(void *ctx, const xmlChar *localname, const xmlChar *prefix,
                     const xmlChar *uri, int nb_ns, const xmlChar **ns,
                     int nb_attr, int nb_def, const xmlChar **attrs)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct xread *x = ctxt->_private;

	if (++x->depth > PRM_MAX_DEPTH) {
		if (!x->refused)
			diag_addf(x->diag, x->name, xmlSAX2GetLineNumber(ctxt),
			          "elements nested deeper than %d levels", PRM_MAX_DEPTH);
		x->refused = true;
		xmlStopParser(ctxt);
		return;
	}
	x->start(ctx, localname, prefix, uri, nb_ns, ns, nb_attr, nb_def, attrs);
}

static void on_end(void *ctx, const xmlChar *localname, const xmlChar *prefix,
                   const xmlChar *uri)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct xread *x = ctxt->_private;

	x->depth--;
	x->end(ctx, localname, prefix, uri);
}

/* The nearest process or category around a node, to name it in schema
 * errors ("process 7.4: ..."). Writes into buf. */
static const char *where_node(xmlNodePtr n, char *buf, size_t size)
{
	for (; n && n->type != XML_DOCUMENT_NODE; n = n->parent) {
		const char *kind;
		xmlChar *id;

		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (xmlStrEqual(n->name, BAD_CAST "process"))
			kind = "process";
		else if (xmlStrEqual(n->name, BAD_CAST "category"))
			kind = "category";
		else
			continue;
		id = xmlGetNoNsProp(n, BAD_CAST "id");
		snprintf(buf, size, "%s %.40s", kind, id ? (const char *)id : "(no id)");
		xmlFree(id);
		return buf;
	}
	return NULL;
}

static void on_schema_error(void *data, xmlErrorPtr e)
{
	struct xread *x = data;
	char where[64];
	long line;

	if (!e || e->level < XML_ERR_ERROR)
		return;
	line = e->line;
	if (line <= 0 && e->node)
		line = xmlGetLineNo(e->node);
	add_xml_error(x, line, where_node(e->node, where, sizeof where), e->message);
}

static void on_schema_parse_error(void *data, xmlErrorPtr e)
{
	struct xread *x = data;

	if (e && e->level >= XML_ERR_ERROR)
		diag_addf(x->diag, x->name, 0, "internal error: embedded schema: %s",
		          e->message ? e->message : "?");
}

/* Validate doc with the embedded schema: 0 valid, 1 invalid (libxml2's
 * messages in x->diag), -1 could not validate (message in x->diag). */
static int schema_validate(xmlDocPtr doc, struct xread *x)
{
	xmlRelaxNGParserCtxtPtr pctxt;
	xmlRelaxNGValidCtxtPtr vctxt = NULL;
	xmlRelaxNGPtr schema = NULL;
	size_t before = x->diag->n + x->diag->dropped;
	int rc = -1;

	pctxt = xmlRelaxNGNewMemParserCtxt(prm_embedded_schema,
	                                   (int)prm_embedded_schema_len);
	if (!pctxt)
		goto out;
	xmlRelaxNGSetParserStructuredErrors(pctxt, on_schema_parse_error, x);
	schema = xmlRelaxNGParse(pctxt);
	if (!schema)
		goto out;
	vctxt = xmlRelaxNGNewValidCtxt(schema);
	if (!vctxt)
		goto out;
	xmlRelaxNGSetValidStructuredErrors(vctxt, on_schema_error, x);
	rc = xmlRelaxNGValidateDoc(vctxt, doc);
out:
	if (rc < 0 && x->diag->n + x->diag->dropped == before)
		diag_addf(x->diag, x->name, 0, "cannot validate (out of memory?)");
	xmlRelaxNGFreeValidCtxt(vctxt);
	xmlRelaxNGFree(schema);
	xmlRelaxNGFreeParserCtxt(pctxt);
	return rc == 0 ? 0 : rc < 0 ? -1 : 1;
}

/* ---- the structural checker ----
 *
 * libxml2's RELAX NG messages name neither the attribute nor what was
 * expected ("Element process failed to validate attributes"). The schema
 * stays the authority on validity; when it rejects a document, this walk,
 * which knows the format, says what is wrong, one line per problem. The
 * table below describes the same format as models/prm.rng: test_model.c
 * checks that both give the same verdict on every file in tests/data and
 * on a set of broken models. */

enum vkind {
	V_MODEL_ID,     /* [a-z0-9][a-z0-9._-]{0,63} */
	V_LOCAL_ID,     /* [A-Za-z0-9][A-Za-z0-9._-]{0,31} */
	V_REL_TYPE,     /* [a-z][a-z0-9-]{0,31} */
	V_LINE,         /* 1..200 characters */
	V_POSINT,       /* xsd:positiveInteger */
};

#define LINE_MAX_CHARS 200
/* libxml2 reads at most this many significant digits of an integer. */
#define POSINT_MAX_DIGITS 24

enum occurs { ONE, OPT, MANY /* one or more */ };
enum content { C_ELEMENTS, C_TEXT, C_LINE };

struct attr_spec {
	const char *name;
	enum vkind kind;
};

struct child_spec {
	const char *name;
	enum occurs occurs;
};

/* Element names are unique in the format: one spec per name. Every
 * attribute of the format is required. */
struct el_spec {
	const char *name;
	struct attr_spec attrs[3];         /* up to a NULL name */
	enum content content;
	struct child_spec kids[9];         /* C_ELEMENTS: in order, up to a NULL name */
};

static const struct el_spec specs[] = {
	{ "prm", { { "id", V_MODEL_ID }, { "version", V_LINE } }, C_ELEMENTS,
	  { { "title", ONE }, { "source", OPT }, { "licence", OPT },
	    { "description", OPT }, { "category", MANY } } },
	{ "title", { { 0 } }, C_LINE, { { 0 } } },
	{ "source", { { 0 } }, C_TEXT, { { 0 } } },
	{ "licence", { { 0 } }, C_TEXT, { { 0 } } },
	{ "description", { { 0 } }, C_TEXT, { { 0 } } },
	{ "category", { { "id", V_LOCAL_ID }, { "name", V_LINE } }, C_ELEMENTS,
	  { { "summary", OPT }, { "process", MANY } } },
	{ "summary", { { 0 } }, C_TEXT, { { 0 } } },
	{ "process", { { "id", V_LOCAL_ID }, { "name", V_LINE } }, C_ELEMENTS,
	  { { "summary", OPT }, { "purpose", ONE }, { "outcomes", ONE },
	    { "activities", OPT }, { "inputs", OPT }, { "outputs", OPT },
	    { "references", OPT }, { "relations", OPT } } },
	{ "purpose", { { 0 } }, C_TEXT, { { 0 } } },
	{ "outcomes", { { 0 } }, C_ELEMENTS, { { "outcome", MANY } } },
	{ "outcome", { { "n", V_POSINT } }, C_TEXT, { { 0 } } },
	{ "activities", { { 0 } }, C_ELEMENTS, { { "activity", MANY } } },
	{ "activity", { { 0 } }, C_TEXT, { { 0 } } },
	{ "inputs", { { 0 } }, C_ELEMENTS, { { "input", MANY } } },
	{ "input", { { 0 } }, C_TEXT, { { 0 } } },
	{ "outputs", { { 0 } }, C_ELEMENTS, { { "output", MANY } } },
	{ "output", { { 0 } }, C_TEXT, { { 0 } } },
	{ "references", { { 0 } }, C_ELEMENTS, { { "reference", MANY } } },
	{ "reference", { { "standard", V_LINE }, { "clause", V_LINE } }, C_TEXT, { { 0 } } },
	{ "relations", { { 0 } }, C_ELEMENTS, { { "relation", MANY } } },
	{ "relation", { { "type", V_REL_TYPE }, { "target", V_LOCAL_ID } }, C_TEXT,
	  { { 0 } } },
};

static const struct el_spec *spec_of(const char *name)
{
	for (size_t i = 0; i < sizeof specs / sizeof specs[0]; i++)
		if (strcmp(specs[i].name, name) == 0)
			return &specs[i];
	return NULL;
}

static bool is_named(xmlNodePtr n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && xmlStrEqual(n->name, BAD_CAST name);
}

static bool in_prm_ns(xmlNodePtr n)
{
	return n->ns && xmlStrEqual(n->ns->href, BAD_CAST PRM_NS);
}

static bool xml_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Characters (not bytes) of UTF-8 text; libxml2 counts the same way. */
static size_t utf8_chars(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

/* Does s match first-class then up to max more of rest-class? The classes
 * are strings of allowed characters, with "a-z" style ranges. */
static bool in_class(const char *cls, int c)
{
	for (; *cls; cls++) {
		if (cls[1] == '-' && cls[2]) {
			if (c >= cls[0] && c <= cls[2])
				return true;
			cls += 2;
		} else if (c == *cls) {
			return true;
		}
	}
	return false;
}

static bool matches(const char *s, const char *first, const char *rest, size_t max)
{
	size_t n;

	if (!*s || !in_class(first, (unsigned char)*s))
		return false;
	for (n = 0, s++; *s; s++, n++)
		if (n >= max || !in_class(rest, (unsigned char)*s))
			return false;
	return true;
}

/* xsd:positiveInteger after whitespace collapsing: "+"? digits, not zero.
 * *too_long: valid but more significant digits than libxml2 reads. */
static bool posint(const char *s, bool *too_long)
{
	size_t digits = 0, sig = 0;

	*too_long = false;
	while (xml_space(*s))
		s++;
	if (*s == '+')
		s++;
	for (; *s >= '0' && *s <= '9'; s++, digits++)
		sig += sig > 0 || *s != '0';
	while (xml_space(*s))
		s++;
	if (*s || digits == 0 || sig == 0)
		return false;
	*too_long = sig > POSINT_MAX_DIGITS;
	return !*too_long;
}

/* What a value of this kind must do, for messages: "... must %s". */
static const char *expected(enum vkind k)
{
	switch (k) {
	case V_MODEL_ID: return "match [a-z0-9][a-z0-9._-]{0,63}";
	case V_LOCAL_ID: return "match [A-Za-z0-9][A-Za-z0-9._-]{0,31}";
	case V_REL_TYPE: return "match [a-z][a-z0-9-]{0,31}";
	case V_LINE: return "be 1 to 200 characters";
	case V_POSINT: return "be a whole number from 1 up";
	}
	return "?";
}

/* What a value of this kind is, for "missing" messages. */
static const char *what(enum vkind k)
{
	switch (k) {
	case V_MODEL_ID: return "an id matching [a-z0-9][a-z0-9._-]{0,63}";
	case V_LOCAL_ID: return "an id matching [A-Za-z0-9][A-Za-z0-9._-]{0,31}";
	case V_REL_TYPE: return "a type matching [a-z][a-z0-9-]{0,31}";
	case V_LINE: return "1 to 200 characters";
	case V_POSINT: return "a whole number from 1 up";
	}
	return "?";
}

/* A quoted excerpt of an untrusted value: at most 40 bytes, cut on a
 * character boundary. diag_print escapes control characters. */
static const char *excerpt(const char *s, char *buf, size_t size)
{
	size_t n = strlen(s), max = 40;

	if (n <= max) {
		snprintf(buf, size, "\"%s\"", s);
		return buf;
	}
	while (max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80)
		max--;
	snprintf(buf, size, "\"%.*s...\"", (int)max, s);
	return buf;
}

struct checker {
	struct diag *diag;
	const char *name;
	size_t found;           /* problems reported */
};

static void problem(struct checker *k, xmlNodePtr n, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Report one problem at n's line, prefixed by what it belongs to:
 * "model ID", "category ID" or "process ID". */
static void problem(struct checker *k, xmlNodePtr n, const char *fmt, ...)
{
	char who[80] = "", *msg;
	va_list ap;
	long line = n ? xmlGetLineNo(n) : 0;

	for (xmlNodePtr p = n; p && p->type != XML_DOCUMENT_NODE; p = p->parent) {
		const char *kind = NULL;
		xmlChar *id;

		if (p->type != XML_ELEMENT_NODE)
			continue;
		if (is_named(p, "process"))
			kind = "process";
		else if (is_named(p, "category"))
			kind = "category";
		else if (!p->parent || p->parent->type == XML_DOCUMENT_NODE)
			kind = "model";
		if (!kind)
			continue;
		id = xmlGetNoNsProp(p, BAD_CAST "id");
		snprintf(who, sizeof who, "%s %.40s: ", kind, id ? (const char *)id : "(no id)");
		xmlFree(id);
		break;
	}
	va_start(ap, fmt);
	msg = text_vprintf(fmt, ap);
	va_end(ap);
	diag_addf(k->diag, k->name, line, "%s%s", who, msg ? msg : "(out of memory)");
	free(msg);
	k->found++;
}

static void check_attrs(struct checker *k, xmlNodePtr n, const struct el_spec *sp)
{
	char allowed[64] = "", buf[64];

	for (const struct attr_spec *a = sp->attrs; a->name; a++)
		snprintf(allowed + strlen(allowed), sizeof allowed - strlen(allowed),
		         "%s%s", a == sp->attrs ? "" : ", ", a->name);
	for (xmlAttrPtr a = n->properties; a; a = a->next) {
		bool known = false;

		for (const struct attr_spec *as = sp->attrs; as->name && !a->ns; as++)
			known |= xmlStrEqual(a->name, BAD_CAST as->name);
		if (known)
			continue;
		problem(k, n, "unknown attribute %s%s%s on <%s> (%s%s)",
		        a->ns && a->ns->prefix ? (const char *)a->ns->prefix : "",
		        a->ns && a->ns->prefix ? ":" : "", (const char *)a->name, sp->name,
		        *allowed ? "allowed: " : "it takes no attributes", allowed);
	}
	for (const struct attr_spec *as = sp->attrs; as->name; as++) {
		xmlChar *raw = xmlGetNoNsProp(n, BAD_CAST as->name);
		const char *v = (const char *)raw;
		bool too_long = false;

		if (!v) {
			problem(k, n, "<%s> has no attribute %s (required: %s)", sp->name,
			        as->name, what(as->kind));
			continue;
		}
		switch (as->kind) {
		case V_MODEL_ID:
			if (!matches(v, "a-z0-9", "a-z0-9._-", 63))
				goto bad;
			break;
		case V_LOCAL_ID:
			if (!matches(v, "A-Za-z0-9", "A-Za-z0-9._-", 31))
				goto bad;
			break;
		case V_REL_TYPE:
			if (!matches(v, "a-z", "a-z0-9-", 31))
				goto bad;
			break;
		case V_LINE:
			if (!*v)
				problem(k, n, "attribute %s of <%s> is empty: it must %s",
				        as->name, sp->name, expected(as->kind));
			else if (utf8_chars(v) > LINE_MAX_CHARS)
				problem(k, n, "attribute %s of <%s> is %zu characters long, "
				        "at most %d are allowed", as->name, sp->name,
				        utf8_chars(v), LINE_MAX_CHARS);
			break;
		case V_POSINT:
			if (!posint(v, &too_long)) {
				if (too_long)
					problem(k, n, "attribute %s=%s of <%s> has more than %d digits",
					        as->name, excerpt(v, buf, sizeof buf), sp->name,
					        POSINT_MAX_DIGITS);
				else
					goto bad;
			}
			break;
		}
		xmlFree(raw);
		continue;
bad:
		problem(k, n, "attribute %s=%s of <%s> must %s", as->name,
		        excerpt(v, buf, sizeof buf), sp->name, expected(as->kind));
		xmlFree(raw);
	}
}

/* The children a C_ELEMENTS element may have after the one at index last
 * (-1: before the first), for "expected one of ...". */
static void expected_after(const struct el_spec *sp, int last, char *buf, size_t size)
{
	size_t n = 0;
	int i = last < 0 ? 0 : last;
	bool end = true;

	buf[0] = '\0';
	if (last >= 0 && sp->kids[last].occurs != MANY)
		i++;
	for (; sp->kids[i].name; i++) {
		n += (size_t)snprintf(buf + n, n < size ? size - n : 0, "%s<%s>",
		                      n ? ", " : "", sp->kids[i].name);
		if (sp->kids[i].occurs != OPT && i != last) {
			end = false;
			break;
		}
	}
	if (end)
		snprintf(buf + n, n < size ? size - n : 0, "%s</%s>", n ? " or " : "", sp->name);
}

static void check_element(struct checker *k, xmlNodePtr n, const struct el_spec *sp);

static void check_children(struct checker *k, xmlNodePtr n, const struct el_spec *sp)
{
	size_t count[9] = { 0 };
	xmlNodePtr last_node = NULL;
	int last = -1;
	char want[200];

	/* Missing children first: they are reported at this element's line,
	 * before anything inside it, so messages come in file order. */
	for (xmlNodePtr c = n->children; c; c = c->next)
		for (int i = 0; c->type == XML_ELEMENT_NODE && in_prm_ns(c) &&
		     sp->kids[i].name; i++)
			count[i] += xmlStrEqual(c->name, BAD_CAST sp->kids[i].name);
	for (int i = 0; sp->kids[i].name; i++) {
		xmlNodePtr before = NULL, after = NULL;

		if (count[i] || sp->kids[i].occurs == OPT)
			continue;
		if (sp->kids[i].occurs == MANY && i == 0 && !sp->kids[1].name) {
			problem(k, n, "<%s> is empty: at least one <%s> is required",
			        sp->name, sp->kids[i].name);
			continue;
		}
		if (sp->kids[i].occurs == MANY) {
			problem(k, n, "<%s> has no <%s>: at least one is required",
			        sp->name, sp->kids[i].name);
			continue;
		}
		/* Say where it goes: after the last child that comes earlier in
		 * the order, before the first that comes later. */
		for (xmlNodePtr c = n->children; c; c = c->next)
			for (int j = 0; c->type == XML_ELEMENT_NODE && in_prm_ns(c) &&
			     sp->kids[j].name; j++)
				if (xmlStrEqual(c->name, BAD_CAST sp->kids[j].name)) {
					if (j < i)
						after = c;
					else if (j > i && !before)
						before = c;
				}
		if (i == 0)
			problem(k, n, "<%s> has no <%s> (required, the first child of <%s>)",
			        sp->name, sp->kids[i].name, sp->name);
		else if (before)
			problem(k, n, "<%s> has no <%s> (required, before <%s>)", sp->name,
			        sp->kids[i].name, (const char *)before->name);
		else if (after)
			problem(k, n, "<%s> has no <%s> (required, after <%s>)", sp->name,
			        sp->kids[i].name, (const char *)after->name);
		else
			problem(k, n, "<%s> has no <%s> (required)", sp->name, sp->kids[i].name);
	}

	for (xmlNodePtr c = n->children; c; c = c->next) {
		int ix = -1;

		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
			const char *t = (const char *)c->content;
			char buf[64];

			while (t && xml_space(*t))
				t++;
			if (t && *t)
				problem(k, c, "text %s directly inside <%s>, where only "
				        "elements are allowed", excerpt(t, buf, sizeof buf), sp->name);
			continue;
		}
		if (c->type != XML_ELEMENT_NODE)
			continue;
		for (int i = 0; sp->kids[i].name && in_prm_ns(c); i++)
			if (xmlStrEqual(c->name, BAD_CAST sp->kids[i].name))
				ix = i;
		if (ix < 0) {
			expected_after(sp, last, want, sizeof want);
			if (!in_prm_ns(c))
				problem(k, c, "element <%s> in %s%s%s inside <%s>: not part of "
				        "the format (namespace is not %s)", (const char *)c->name,
				        c->ns ? "namespace \"" : "no namespace",
				        c->ns ? (const char *)c->ns->href : "", c->ns ? "\"" : "",
				        sp->name, PRM_NS);
			else
				problem(k, c, "unknown element <%s> inside <%s>, expected %s%s",
				        (const char *)c->name, sp->name,
				        strchr(want, ',') || strstr(want, " or ") ? "one of " : "", want);
			continue;
		}
		if (ix < last)
			problem(k, c, "<%s> is out of order: it must come before <%s> (line %ld)",
			        sp->kids[ix].name, sp->kids[last].name, xmlGetLineNo(last_node));
		else if (ix == last && sp->kids[ix].occurs != MANY)
			problem(k, c, "more than one <%s> inside <%s> (first at line %ld)",
			        sp->kids[ix].name, sp->name, xmlGetLineNo(last_node));
		if (ix > last) {
			last = ix;
			last_node = c;
		}
		check_element(k, c, spec_of(sp->kids[ix].name));
	}
}

/* Text-only content: no child elements; C_LINE also 1..200 characters. */
static void check_text(struct checker *k, xmlNodePtr n, const struct el_spec *sp)
{
	size_t chars = 0;
	bool elements = false;

	for (xmlNodePtr c = n->children; c; c = c->next) {
		if (c->type == XML_ELEMENT_NODE) {
			problem(k, c, "element <%s> inside <%s>, which holds plain text only",
			        (const char *)c->name, sp->name);
			elements = true;
		} else if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) &&
		           c->content) {
			chars += utf8_chars((const char *)c->content);
		}
	}
	if (sp->content != C_LINE || elements)
		return;
	if (chars == 0)
		problem(k, n, "<%s> is empty: it must be 1 to %d characters", sp->name,
		        LINE_MAX_CHARS);
	else if (chars > LINE_MAX_CHARS)
		problem(k, n, "text of <%s> is %zu characters long, at most %d are allowed",
		        sp->name, chars, LINE_MAX_CHARS);
}

static void check_element(struct checker *k, xmlNodePtr n, const struct el_spec *sp)
{
	check_attrs(k, n, sp);
	if (sp->content == C_ELEMENTS)
		check_children(k, n, sp);
	else
		check_text(k, n, sp);
}

/* Check the document (root already known to be <prm> in our namespace);
 * returns the number of problems reported to diag. */
static size_t structure_check(xmlDocPtr doc, const char *name, struct diag *diag)
{
	struct checker k = { .diag = diag, .name = name };
	xmlNodePtr root = xmlDocGetRootElement(doc);

	if (root)
		check_element(&k, root, spec_of("prm"));
	return k.found;
}

/* Validate doc; false with the reasons in x->diag: our checker's when it
 * finds something, else libxml2's. */
static bool validate(xmlDocPtr doc, struct xread *x)
{
	struct diag *real = x->diag, schema = DIAG_INIT;
	int rc;

	schema.max = real->max;
	x->diag = &schema;
	rc = schema_validate(doc, x);
	x->diag = real;
	if (rc == 1 && structure_check(doc, x->name, real) > 0)
		rc = 2;
	if (rc != 2) {
		for (size_t i = 0; i < schema.n; i++)
			diag_add(real, "%s", schema.lines[i]);
		real->dropped += schema.dropped;
		if (rc == 1 && schema.n + schema.dropped == 0)
			diag_addf(real, x->name, 0, "does not match the model schema");
	}
	diag_free(&schema);
	return rc == 0;
}

/* ---- building the model from a valid tree ---- */

struct build {
	bool oom;
};

static bool is_el(xmlNodePtr n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE &&
	       xmlStrEqual(n->name, BAD_CAST name);
}

static xmlNodePtr next_el(xmlNodePtr n)
{
	while (n && n->type != XML_ELEMENT_NODE)
		n = n->next;
	return n;
}

#define FOR_EACH_EL(c, parent) \
	for (xmlNodePtr c = next_el((parent)->children); c; c = next_el(c->next))

/* The first child element called name, or NULL. */
static xmlNodePtr child(xmlNodePtr n, const char *name)
{
	FOR_EACH_EL(c, n)
		if (is_el(c, name))
			return c;
	return NULL;
}

static char *norm_free(struct build *b, xmlChar *raw)
{
	char *s;

	if (!raw)
		return NULL;
	s = model_text_norm((const char *)raw);
	xmlFree(raw);
	if (!s)
		b->oom = true;
	return s;
}

/* Attribute, normalised; NULL if absent (or OOM, then b->oom). */
static char *attr(struct build *b, xmlNodePtr n, const char *name)
{
	return n ? norm_free(b, xmlGetNoNsProp(n, BAD_CAST name)) : NULL;
}

/* Text of an element, normalised; NULL if n is NULL. */
static char *text(struct build *b, xmlNodePtr n)
{
	char *s;

	if (!n)
		return NULL;
	s = norm_free(b, xmlNodeGetContent(n));
	if (!s && !b->oom) {
		s = strdup("");
		b->oom = !s;
	}
	return s;
}

/* Optional note: the element's text, NULL if empty. */
static char *note(struct build *b, xmlNodePtr n)
{
	char *s = text(b, n);

	if (s && !*s) {
		free(s);
		s = NULL;
	}
	return s;
}

static size_t count_el(xmlNodePtr n, const char *name)
{
	size_t k = 0;

	if (n)
		FOR_EACH_EL(c, n)
			k += is_el(c, name);
	return k;
}

static void *alloc0(struct build *b, size_t n, size_t size)
{
	void *p;

	if (n == 0)
		return NULL;
	p = calloc(n, size);
	if (!p)
		b->oom = true;
	return p;
}

static void read_list(struct build *b, xmlNodePtr holder, const char *item,
                      struct prm_list *out)
{
	size_t k = 0;

	out->n = 0;
	out->items = alloc0(b, count_el(holder, item), sizeof *out->items);
	if (!out->items)
		return;
	FOR_EACH_EL(c, holder)
		if (is_el(c, item))
			out->items[k++] = text(b, c);
	out->n = k;
}

static void read_process(struct build *b, xmlNodePtr pn, size_t cat,
                         struct prm_process *p, size_t pi, struct model_lines *l)
{
	xmlNodePtr outs = child(pn, "outcomes");
	xmlNodePtr refs = child(pn, "references");
	xmlNodePtr rels = child(pn, "relations");
	size_t k;

	p->id = attr(b, pn, "id");
	p->name = attr(b, pn, "name");
	p->category = cat;
	p->line = xmlGetLineNo(pn);
	p->summary = note(b, child(pn, "summary"));
	p->purpose = text(b, child(pn, "purpose"));
	l->purpose[pi] = child(pn, "purpose") ? xmlGetLineNo(child(pn, "purpose")) : p->line;

	k = 0;
	p->outcomes = alloc0(b, count_el(outs, "outcome"), sizeof *p->outcomes);
	l->outcome[pi] = alloc0(b, count_el(outs, "outcome"), sizeof(long));
	if (p->outcomes && l->outcome[pi]) {
		FOR_EACH_EL(c, outs) {
			char *n = attr(b, c, "n");
			long v = n ? strtol(n, NULL, 10) : 0;

			free(n);
			p->outcomes[k].number = (v > 0 && v < 1000000) ? (int)v : 0;
			p->outcomes[k].text = text(b, c);
			l->outcome[pi][k] = xmlGetLineNo(c);
			k++;
		}
		p->n_outcomes = k;
	}
	read_list(b, child(pn, "activities"), "activity", &p->activities);
	read_list(b, child(pn, "inputs"), "input", &p->inputs);
	read_list(b, child(pn, "outputs"), "output", &p->outputs);

	k = 0;
	p->references = alloc0(b, count_el(refs, "reference"), sizeof *p->references);
	if (p->references) {
		FOR_EACH_EL(c, refs) {
			p->references[k].standard = attr(b, c, "standard");
			p->references[k].clause = attr(b, c, "clause");
			p->references[k].note = note(b, c);
			k++;
		}
		p->n_references = k;
	}
	k = 0;
	p->relations = alloc0(b, count_el(rels, "relation"), sizeof *p->relations);
	l->relation[pi] = alloc0(b, count_el(rels, "relation"), sizeof(long));
	if (p->relations && l->relation[pi]) {
		FOR_EACH_EL(c, rels) {
			p->relations[k].type = attr(b, c, "type");
			p->relations[k].target = attr(b, c, "target");
			p->relations[k].note = note(b, c);
			l->relation[pi][k] = xmlGetLineNo(c);
			k++;
		}
		p->n_relations = k;
	}
}

static struct prm_model *build(xmlNodePtr root, const char *name,
                               struct model_lines *l, struct diag *diag)
{
	struct build b = { false };
	struct prm_model *m = calloc(1, sizeof *m);
	size_t ci = 0, pi = 0;

	if (!m)
		goto oom;
	m->id = attr(&b, root, "id");
	m->version = attr(&b, root, "version");
	m->title = text(&b, child(root, "title"));
	m->source = note(&b, child(root, "source"));
	m->licence = note(&b, child(root, "licence"));
	m->file = strdup(name);
	b.oom |= !m->file;

	m->n_categories = count_el(root, "category");
	FOR_EACH_EL(c, root)
		m->n_processes += count_el(c, "process");
	m->categories = alloc0(&b, m->n_categories, sizeof *m->categories);
	m->processes = alloc0(&b, m->n_processes, sizeof *m->processes);
	l->category = alloc0(&b, m->n_categories, sizeof(long));
	l->purpose = alloc0(&b, m->n_processes, sizeof(long));
	l->outcome = alloc0(&b, m->n_processes, sizeof(long *));
	l->relation = alloc0(&b, m->n_processes, sizeof(long *));
	l->n_processes = m->n_processes;
	if (b.oom || !m->categories || !m->processes)
		goto oom;

	FOR_EACH_EL(cn, root) {
		struct prm_category *c;

		if (!is_el(cn, "category"))
			continue;
		c = &m->categories[ci];
		c->id = attr(&b, cn, "id");
		c->name = attr(&b, cn, "name");
		c->summary = note(&b, child(cn, "summary"));
		l->category[ci] = xmlGetLineNo(cn);
		c->processes = alloc0(&b, count_el(cn, "process"), sizeof *c->processes);
		FOR_EACH_EL(pn, cn) {
			if (!is_el(pn, "process") || !c->processes)
				continue;
			read_process(&b, pn, ci, &m->processes[pi], pi, l);
			c->processes[c->n_processes++] = pi++;
		}
		ci++;
	}
	if (b.oom)
		goto oom;
	return m;
oom:
	diag_addf(diag, name, 0, "out of memory while loading the model");
	prm_model_free(m);
	return NULL;
}

/* Parse buf into a tree whose root is <prm> in our namespace; NULL with
 * the reason in diag. Free with xmlFreeDoc(). */
static xmlDocPtr parse(const char *buf, size_t len, const char *name,
                       struct diag *diag)
{
	struct xread x = { .diag = diag, .name = name };
	xmlParserCtxtPtr ctxt;
	xmlDocPtr doc;
	xmlNodePtr root;
	int opts = XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_BIG_LINES;

	xmlInitParser();
	ctxt = xmlNewParserCtxt();
	if (!ctxt) {
		diag_addf(diag, name, 0, "out of memory while loading the model");
		return NULL;
	}
	ctxt->_private = &x;
	/* This context's own SAX block: hook DOCTYPE and element depth, and
	 * report errors to us only. */
	ctxt->sax->internalSubset = on_doctype;
	ctxt->sax->externalSubset = NULL;
	x.start = ctxt->sax->startElementNs;
	x.end = ctxt->sax->endElementNs;
	ctxt->sax->startElementNs = on_start;
	ctxt->sax->endElementNs = on_end;
	ctxt->sax->serror = on_parse_error;
	ctxt->sax->initialized = XML_SAX2_MAGIC;
	ctxt->vctxt.error = NULL;
	ctxt->vctxt.warning = NULL;

	doc = xmlCtxtReadMemory(ctxt, buf, (int)len, name, "UTF-8", opts);
	if (!doc || x.refused || x.parse_error || !ctxt->wellFormed) {
		if (!x.refused && !x.parse_error)
			diag_addf(diag, name, 0, "not well-formed XML");
		goto fail;
	}
	root = xmlDocGetRootElement(doc);
	if (!root || !root->ns || !xmlStrEqual(root->ns->href, BAD_CAST PRM_NS) ||
	    !xmlStrEqual(root->name, BAD_CAST "prm")) {
		diag_addf(diag, name, root ? xmlGetLineNo(root) : 0,
		          "not a prmwb model: expected root element <prm xmlns=\"%s\">",
		          PRM_NS);
		goto fail;
	}
	ctxt->_private = NULL;
	xmlFreeParserCtxt(ctxt);
	return doc;
fail:
	xmlFreeDoc(doc);
	ctxt->_private = NULL;
	xmlFreeParserCtxt(ctxt);
	return NULL;
}

struct prm_model *model_xml_read(const char *buf, size_t len, const char *name,
                                 struct diag *diag, struct model_lines *lines)
{
	struct xread x = { .diag = diag, .name = name };
	struct prm_model *m = NULL;
	xmlDocPtr doc;

	memset(lines, 0, sizeof *lines);
	doc = parse(buf, len, name, diag);
	if (doc && validate(doc, &x))
		m = build(xmlDocGetRootElement(doc), name, lines, diag);
	if (!m)
		model_lines_free(lines);
	xmlFreeDoc(doc);
	return m;
}

int model_xml_verdicts(const char *buf, size_t len, const char *name,
                       bool *schema_ok, struct diag *schema, struct diag *checker)
{
	struct xread x = { .diag = schema, .name = name };
	xmlDocPtr doc = parse(buf, len, name, schema);
	int rc;

	if (!doc)
		return -1;
	rc = schema_validate(doc, &x);
	*schema_ok = rc == 0;
	structure_check(doc, name, checker);
	xmlFreeDoc(doc);
	return rc < 0 ? -1 : 0;
}
