/* model_xml.c - read a model from XML with libxml2, safely.
 *
 * The only file that sees libxml2. The input is untrusted, so:
 * - each parse has its own parser context with its own (structured) error
 *   handler; nothing global is set, so libxml2 never prints by itself;
 * - options: no network, CDATA as text, big line numbers, the encoding
 *   declaration ignored (the format says UTF-8); never NOENT, DTDLOAD,
 *   DTDVALID, XINCLUDE or HUGE, so libxml2's own limits stay on (10 MB per
 *   attribute value, lookahead); we add the same limit per text;
 * - a DOCTYPE is refused the moment the parser meets it (SAX hook), before
 *   any entity declaration is read: a PRM has no DTD, and that is where XXE
 *   and "billion laughs" live;
 * - nesting deeper than PRM_MAX_DEPTH stops the parser at once.
 * The caller (model.c) caps the size before we get here.
 *
 * Loading streams: libxml2's push parser calls us per element and text
 * (SAX2), and each event goes to the structural checker (model_shape.c)
 * and the builder (model_build.c); no document tree is ever made. Only
 * `prmwb check` (schema = true) also parses into a tree, to validate it
 * with the RELAX NG schema of the file's version. */
#include "config.h"

#include <limits.h>
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

/* Bytes handed to the push parser at a time: small enough that libxml2's
 * 10 MB lookahead limit only stops what is really one huge token. */
#define CHUNK 16384
/* One text: the limit libxml2 applies when it builds a tree. */
#define MAX_TEXT XML_MAX_TEXT_LENGTH

/* State of one read, reachable from the parser context (_private) and
 * passed to the RELAX NG error handlers. */
struct xread {
	struct diag *diag;
	const char *name;
	int depth;
	int version;             /* 1 or 2: the root's namespace */
	bool refused;            /* DOCTYPE, depth, root, text size: our own error given */
	bool parse_error;        /* a well-formedness error was reported */
	/* streaming */
	struct shape *shape;
	struct build *build;
	enum el stack[PRM_MAX_DEPTH + 2];
	size_t text_run;         /* bytes of text in the current element */
	struct xattr *attrs;     /* scratch for one start tag */
	size_t cap_attrs;
	char *decoded;           /* scratch: attribute values with &#38; decoded */
	size_t cap_decoded;
	bool oom;
	/* tree (check) */
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

/* libxml2's limits on one attribute value or on lookahead (no
 * XML_PARSE_HUGE) say "AttValue length too long" or "Huge input lookup".
 * Say which text or attribute instead; false if e is not such an error. */
static bool too_big(xmlParserCtxtPtr ctxt, struct xread *x, xmlErrorPtr e)
{
	const xmlChar *base = ctxt->input ? ctxt->input->base : NULL;
	const xmlChar *cur = ctxt->input ? ctxt->input->cur : NULL;
	const xmlChar *end = ctxt->input ? ctxt->input->end : NULL;
	const xmlChar *p = cur, *an, *ae, *en, *ee;

	if (strstr(e->message, "Huge input lookup") || strstr(e->message, "huge text node")) {
		/* Pushed input: the parser waits for the end of a start tag
		 * whose attribute value has no end yet, or of a text. */
		if (cur && end && cur < end && *cur == '<' && cur + 1 < end &&
		    name_char(cur[1]) && cur[1] != '!' && cur[1] != '?') {
			en = cur + 1;
			for (ee = en; ee < end && name_char(*ee); ee++)
				;
			for (p = ee;;) {
				const xmlChar *q;

				while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
					p++;
				for (an = p; p < end && name_char(*p); p++)
					;
				ae = p;
				while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
					p++;
				if (an == ae || p >= end || *p != '=')
					break;
				p++;
				while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
					p++;
				if (p >= end || (*p != '"' && *p != '\''))
					break;
				q = memchr(p + 1, *p, (size_t)(end - p - 1));
				if (!q) {
					diag_addf(x->diag, x->name, e->line, "attribute %.*s of <%.*s> is "
					          "larger than %d bytes, the limit for one value",
					          (int)(ae - an > 40 ? 40 : ae - an), (const char *)an,
					          (int)(ee - en > 40 ? 40 : ee - en), (const char *)en,
					          XML_MAX_TEXT_LENGTH);
					return true;
				}
				p = q + 1;
			}
			diag_addf(x->diag, x->name, e->line, "the start tag <%.*s> is larger than %d "
			          "bytes", (int)(ee - en > 40 ? 40 : ee - en), (const char *)en,
			          XML_MAX_LOOKUP_LIMIT);
			return true;
		}
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

/* Stop the parse with our own message (the first one only). */
static void refuse(xmlParserCtxtPtr ctxt, struct xread *x, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void refuse(xmlParserCtxtPtr ctxt, struct xread *x, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	if (!x->refused && !x->parse_error) {
		va_start(ap, fmt);
		msg = text_vprintf(fmt, ap);
		va_end(ap);
		diag_addf(x->diag, x->name, xmlSAX2GetLineNumber(ctxt), "%s",
		          msg ? msg : "out of memory");
		free(msg);
	}
	x->refused = true;
	xmlStopParser(ctxt);
}

static void on_doctype(void *ctx, const xmlChar *name, const xmlChar *ext,
                       const xmlChar *sys)
{
	xmlParserCtxtPtr ctxt = ctx;

	(void)name; (void)ext; (void)sys;
	refuse(ctxt, ctxt->_private, "a DOCTYPE is not allowed in a model (no DTD, no entities)");
}

/* The root must be <prm> in one of the format's namespaces: which one
 * says the version. 0 if it is not. */
static int root_version(const xmlChar *localname, const xmlChar *uri)
{
	if (!xmlStrEqual(localname, BAD_CAST "prm") || !uri)
		return 0;
	if (xmlStrEqual(uri, BAD_CAST PRM_NS1))
		return 1;
	if (xmlStrEqual(uri, BAD_CAST PRM_NS2))
		return 2;
	return 0;
}

static void not_a_model(xmlParserCtxtPtr ctxt, struct xread *x)
{
	refuse(ctxt, x, "not a prmwb model: expected root element <prm xmlns=\"%s\"> "
	       "or <prm xmlns=\"%s\">", PRM_NS1, PRM_NS2);
}

/* Depth and root checks shared by both ways of parsing; false: stopped. */
static bool enter(xmlParserCtxtPtr ctxt, struct xread *x, const xmlChar *localname,
                  const xmlChar *uri)
{
	if (x->refused)
		return false;
	if (++x->depth > PRM_MAX_DEPTH) {
		refuse(ctxt, x, "elements nested deeper than %d levels", PRM_MAX_DEPTH);
		return false;
	}
	if (x->depth == 1) {
		x->version = root_version(localname, uri);
		if (!x->version) {
			not_a_model(ctxt, x);
			return false;
		}
	}
	return true;
}

/* ---- streaming: SAX2 events to the checker and the builder ---- */

/* Room for n attributes and len bytes of decoded values. */
static bool scratch(struct xread *x, size_t n, size_t len)
{
	if (n > x->cap_attrs) {
		struct xattr *a = realloc(x->attrs, n * sizeof *a);

		if (!a)
			return false;
		x->attrs = a;
		x->cap_attrs = n;
	}
	if (len > x->cap_decoded) {
		char *d = realloc(x->decoded, len);

		if (!d)
			return false;
		x->decoded = d;
		x->cap_decoded = len;
	}
	return true;
}

static void on_start(void *ctx, const xmlChar *localname, const xmlChar *prefix,
                     const xmlChar *uri, int nb_ns, const xmlChar **ns,
                     int nb_attr, int nb_def, const xmlChar **attrs)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct xread *x = ctxt->_private;
	size_t n = nb_attr > 0 ? (size_t)nb_attr : 0, amp = 0, used = 0;
	long line = ctxt->input ? ctxt->input->line : 0;
	enum el el;

	(void)prefix; (void)nb_ns; (void)ns; (void)nb_def;
	if (!enter(ctxt, x, localname, uri))
		return;
	x->text_run = 0;
	if (x->depth == 1) {
		x->shape = shape_new(x->name, x->version, x->diag);
		x->build = build_new(x->name, x->version);
		if (!x->shape || !x->build) {
			x->oom = true;
			xmlStopParser(ctxt);
			return;
		}
	}
	if (!scratch(x, n ? n : 1, 1)) {
		x->oom = true;
		xmlStopParser(ctxt);
		return;
	}
	/* Without entity substitution libxml2 hands "&" in a value on as
	 * "&#38;" (a DTD could not have declared anything else: there is
	 * none); such values are decoded below, in scratch space. */
	for (size_t i = 0; i < n; i++) {
		const char *v = (const char *)attrs[5 * i + 3];
		size_t len = (size_t)((const char *)attrs[5 * i + 4] - v);
		struct xattr *a = &x->attrs[i];

		a->name = (const char *)attrs[5 * i];
		a->prefix = (const char *)attrs[5 * i + 1];
		a->value = v;
		a->len = len;
		if (memchr(v, '&', len)) {
			a->value = NULL;        /* to decode */
			amp += len;
		}
	}
	if (amp && !scratch(x, n, amp)) {
		x->oom = true;
		xmlStopParser(ctxt);
		return;
	}
	for (size_t i = 0; amp && i < n; i++) {
		struct xattr *a = &x->attrs[i];
		const char *v = (const char *)attrs[5 * i + 3];
		size_t len = a->len;

		if (!a->value) {
			char *d = x->decoded + used;
			size_t k = 0;

			for (size_t j = 0; j < len; j++) {
				if (len - j >= 5 && memcmp(v + j, "&#38;", 5) == 0) {
					d[k++] = '&';
					j += 4;
				} else {
					d[k++] = v[j];
				}
			}
			a->value = d;
			a->len = k;
			used += k;
		}
	}
	el = shape_start(x->shape, (const char *)localname, (const char *)uri, x->attrs, n, line);
	x->stack[x->depth] = el;
	if (el != EL_SKIP)
		build_start(x->build, el, x->attrs, n, line);
}

static void on_end(void *ctx, const xmlChar *localname, const xmlChar *prefix,
                   const xmlChar *uri)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct xread *x = ctxt->_private;

	(void)localname; (void)prefix; (void)uri;
	if (x->refused || x->depth <= 0)
		return;
	shape_end(x->shape);
	if (x->stack[x->depth] != EL_SKIP)
		build_end(x->build, x->stack[x->depth]);
	x->depth--;
	x->text_run = 0;
}

static void on_text(void *ctx, const xmlChar *ch, int len)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct xread *x = ctxt->_private;

	if (x->refused || x->depth <= 0 || len <= 0)
		return;
	x->text_run += (size_t)len;
	if (x->text_run > MAX_TEXT) {
		refuse(ctxt, x, "text of <%.40s> is larger than %d bytes, the limit for one "
		       "text", ctxt->name ? (const char *)ctxt->name : "?", MAX_TEXT);
		return;
	}
	shape_text(x->shape, (const char *)ch, (size_t)len,
	           ctxt->input ? ctxt->input->line : 0);
	if (x->stack[x->depth] != EL_SKIP)
		build_text(x->build, (const char *)ch, (size_t)len);
}

/* Parse buf with our handlers. libxml2 reads from its own copy of buf:
 * if own is not NULL (*own is buf, from malloc), buf is freed as soon as
 * the copy is made and *own set to NULL, so a large file is not held
 * twice while its model is built. */
static void stream(const char *buf, size_t len, struct xread *x, char **own)
{
	xmlSAXHandler sax;
	xmlParserCtxtPtr ctxt;
	int opts = XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_BIG_LINES |
	           XML_PARSE_IGNORE_ENC;

	memset(&sax, 0, sizeof sax);
	sax.initialized = XML_SAX2_MAGIC;
	sax.startElementNs = on_start;
	sax.endElementNs = on_end;
	sax.characters = on_text;
	sax.ignorableWhitespace = on_text;
	sax.internalSubset = on_doctype;
	sax.serror = on_parse_error;
	xmlInitParser();
	if (len > INT_MAX) {
		x->oom = true;
		return;
	}
	ctxt = xmlCreateMemoryParserCtxt(buf, (int)len);
	if (!ctxt) {
		x->oom = true;
		return;
	}
	if (own && *own == buf) {
		free(*own);
		*own = NULL;
		buf = NULL;
	}
	memcpy(ctxt->sax, &sax, sizeof sax);
	ctxt->userData = ctxt;
	ctxt->_private = x;
	xmlCtxtUseOptions(ctxt, opts);
	xmlSwitchEncoding(ctxt, XML_CHAR_ENCODING_UTF8);
	xmlParseDocument(ctxt);
	if (!x->refused && !x->parse_error && !x->oom && (!ctxt->wellFormed || x->depth != 0)) {
		x->parse_error = true;
		diag_addf(x->diag, x->name, xmlSAX2GetLineNumber(ctxt), "not well-formed XML");
	}
	ctxt->_private = NULL;
	/* Entity declarations in a DOCTYPE that is refused make libxml2 build
	 * a document for them (its SAX1 compatibility path) even without a
	 * tree: freed here, or each such file leaks it (found by fuzz_model). */
	xmlFreeDoc(ctxt->myDoc);
	ctxt->myDoc = NULL;
	xmlFreeParserCtxt(ctxt);
}

static void xread_free(struct xread *x)
{
	shape_free(x->shape);
	build_free(x->build);
	free(x->attrs);
	free(x->decoded);
}

/* ---- a tree, for the RELAX NG schema (check) ---- */

static void on_tree_start(void *ctx, const xmlChar *localname, const xmlChar *prefix,
                          const xmlChar *uri, int nb_ns, const xmlChar **ns,
                          int nb_attr, int nb_def, const xmlChar **attrs)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct xread *x = ctxt->_private;

	if (!enter(ctxt, x, localname, uri))
		return;
	x->start(ctx, localname, prefix, uri, nb_ns, ns, nb_attr, nb_def, attrs);
}

static void on_tree_end(void *ctx, const xmlChar *localname, const xmlChar *prefix,
                        const xmlChar *uri)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct xread *x = ctxt->_private;

	x->depth--;
	x->end(ctx, localname, prefix, uri);
}

/* Parse buf into a tree whose root is <prm> in one of our namespaces
 * (x->version says which); NULL with the reason in x->diag. Free with
 * xmlFreeDoc(). */
static xmlDocPtr parse_tree(const char *buf, size_t len, struct xread *x)
{
	xmlParserCtxtPtr ctxt;
	xmlDocPtr doc;
	int opts = XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_BIG_LINES;

	xmlInitParser();
	ctxt = xmlNewParserCtxt();
	if (!ctxt || len > INT_MAX) {
		diag_addf(x->diag, x->name, 0, "out of memory while loading the model");
		xmlFreeParserCtxt(ctxt);
		return NULL;
	}
	ctxt->_private = x;
	/* This context's own SAX block: hook DOCTYPE and element depth, and
	 * report errors to us only. */
	ctxt->sax->internalSubset = on_doctype;
	ctxt->sax->externalSubset = NULL;
	x->start = ctxt->sax->startElementNs;
	x->end = ctxt->sax->endElementNs;
	ctxt->sax->startElementNs = on_tree_start;
	ctxt->sax->endElementNs = on_tree_end;
	ctxt->sax->serror = on_parse_error;
	ctxt->sax->initialized = XML_SAX2_MAGIC;
	ctxt->vctxt.error = NULL;
	ctxt->vctxt.warning = NULL;

	doc = xmlCtxtReadMemory(ctxt, buf, (int)len, x->name, "UTF-8", opts);
	if (!doc || x->refused || x->parse_error || !ctxt->wellFormed) {
		if (!x->refused && !x->parse_error)
			diag_addf(x->diag, x->name, 0, "not well-formed XML");
		xmlFreeDoc(doc);
		doc = NULL;
	}
	ctxt->_private = NULL;
	xmlFreeParserCtxt(ctxt);
	return doc;
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
/* Validate doc with the embedded schema of x->version: 0 valid, 1
 * invalid (libxml2's messages in x->diag), -1 could not validate (message
 * in x->diag). */
static int schema_validate(xmlDocPtr doc, struct xread *x)
{
	xmlRelaxNGParserCtxtPtr pctxt;
	xmlRelaxNGValidCtxtPtr vctxt = NULL;
	xmlRelaxNGPtr schema = NULL;
	size_t before = x->diag->n + x->diag->dropped, len = 0;
	const char *rng = prm_schema_text(x->version, &len);
	int rc = -1;

	pctxt = rng ? xmlRelaxNGNewMemParserCtxt(rng, (int)len) : NULL;
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

/* The RELAX NG verdict on buf: 0 valid, 1 invalid, -1 not parsed or not
 * validated; messages in diag. */
static int schema_verdict(const char *buf, size_t len, const char *name, struct diag *diag)
{
	struct xread x = { .diag = diag, .name = name };
	xmlDocPtr doc = parse_tree(buf, len, &x);
	int rc;

	if (!doc)
		return -1;
	rc = schema_validate(doc, &x);
	xmlFreeDoc(doc);
	return rc;
}

struct prm_model *model_xml_read(const char *buf, size_t len, const char *name,
                                 bool schema, struct diag *diag,
                                 struct tailoring **tailoring, char **own)
{
	struct xread x = { .diag = diag, .name = name };
	struct prm_model *m = NULL;
	struct build *b;
	size_t problems;

	*tailoring = NULL;
	stream(buf, len, &x, schema ? NULL : own);
	if (x.oom)
		diag_addf(diag, name, 0, "out of memory while loading the model");
	if (x.oom || x.refused || x.parse_error || !x.shape) {
		if (!x.oom && !x.refused && !x.parse_error)
			diag_addf(diag, name, 0, "not well-formed XML");
		xread_free(&x);
		return NULL;
	}
	problems = shape_finish(x.shape);
	x.shape = NULL;
	if (problems) {
		xread_free(&x);
		return NULL;
	}
	if (schema) {
		/* The checker found nothing; the schema must agree. If it does
		 * not, its messages are all there is to say. */
		struct diag sd = DIAG_INIT;
		int rc;

		sd.max = diag->max;
		rc = schema_verdict(buf, len, name, &sd);
		if (rc != 0) {
			for (size_t i = 0; i < sd.n; i++)
				diag_add(diag, "%s", sd.lines[i]);
			diag->dropped += sd.dropped;
			if (sd.n + sd.dropped == 0)
				diag_addf(diag, name, 0, "does not match the model schema");
			diag_free(&sd);
			xread_free(&x);
			return NULL;
		}
		diag_free(&sd);
	}
	b = x.build;
	x.build = NULL;
	xread_free(&x);
	m = build_finish(b, diag, tailoring);
	return m;
}

int model_xml_verdicts(const char *buf, size_t len, const char *name,
                       bool *schema_ok, struct diag *schema, struct diag *checker)
{
	struct xread x = { .diag = schema, .name = name };
	int rc = schema_verdict(buf, len, name, schema);

	if (rc < 0)
		return -1;
	*schema_ok = rc == 0;
	x.diag = checker;
	stream(buf, len, &x, NULL);
	if (x.oom || x.refused || x.parse_error || !x.shape) {
		xread_free(&x);
		return -1;
	}
	shape_finish(x.shape);
	x.shape = NULL;
	xread_free(&x);
	return 0;
}
