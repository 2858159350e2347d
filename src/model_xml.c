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
 * The caller (model.c) caps the size before we get here. */
#include "config.h"

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

/* Validate doc with the embedded schema; false with errors in x->diag. */
static bool validate(xmlDocPtr doc, struct xread *x)
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
	if (rc != 0 && x->diag->n + x->diag->dropped == before)
		diag_addf(x->diag, x->name, 0, rc < 0 ? "cannot validate (out of memory?)"
		          : "does not match the model schema");
	xmlRelaxNGFreeValidCtxt(vctxt);
	xmlRelaxNGFree(schema);
	xmlRelaxNGFreeParserCtxt(pctxt);
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

struct prm_model *model_xml_read(const char *buf, size_t len, const char *name,
                                 struct diag *diag, struct model_lines *lines)
{
	struct xread x = { .diag = diag, .name = name };
	xmlParserCtxtPtr ctxt;
	xmlDocPtr doc;
	xmlNodePtr root;
	struct prm_model *m = NULL;
	int opts = XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_BIG_LINES;

	memset(lines, 0, sizeof *lines);
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
		goto out;
	}
	root = xmlDocGetRootElement(doc);
	if (!root || !root->ns || !xmlStrEqual(root->ns->href, BAD_CAST PRM_NS) ||
	    !xmlStrEqual(root->name, BAD_CAST "prm")) {
		diag_addf(diag, name, root ? xmlGetLineNo(root) : 0,
		          "not a prmwb model: expected root element <prm xmlns=\"%s\">",
		          PRM_NS);
		goto out;
	}
	if (!validate(doc, &x))
		goto out;
	m = build(root, name, lines, diag);
out:
	if (!m)
		model_lines_free(lines);
	xmlFreeDoc(doc);
	ctxt->_private = NULL;
	xmlFreeParserCtxt(ctxt);
	return m;
}
