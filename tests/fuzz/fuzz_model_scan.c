/* fuzz_model_scan.c - the pre-scan of a model's bytes (model_scan.h),
 * against libxml2 itself. The scan promises never to count fewer elements
 * or attributes than a parser reads, or a hostile file could slip past it
 * to the slow parser. Promises checked: a refusal is one line; an accepted
 * file is within the limits; and on every document libxml2 finds
 * well-formed (no DOCTYPE: the loader refuses those before any element),
 * the scan counts exactly the elements libxml2 reports and exactly the
 * most attributes (namespace declarations included) on one of them. */
#include "config.h"

#include <string.h>

#include <libxml/parser.h>
#include <libxml/SAX2.h>

#include "fuzz.h"
#include "model.h"
#include "model_scan.h"

struct count {
	size_t elements, max_attrs;
};

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc; (void)argv;
	xmlInitParser();
	return 0;
}

static void on_start(void *ctx, const xmlChar *localname, const xmlChar *prefix,
                     const xmlChar *uri, int nb_ns, const xmlChar **ns,
                     int nb_attr, int nb_def, const xmlChar **attrs)
{
	struct count *k = ctx;
	size_t a = (size_t)nb_ns + (size_t)nb_attr;

	(void)localname; (void)prefix; (void)uri; (void)ns; (void)nb_def; (void)attrs;
	k->elements++;
	if (a > k->max_attrs)
		k->max_attrs = a;
}

static void on_error(void *ctx, xmlErrorPtr e)
{
	(void)ctx; (void)e;   /* quiet: only the verdict matters */
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diag d = DIAG_INIT;
	struct model_scan_stats st;
	struct count k = { 0, 0 };
	xmlSAXHandler h;
	const char *s = (const char *)data;

	if (!model_scan(s, size, "f.xml", &d, &st)) {
		CHECK(d.n == 1 && strncmp(d.lines[0], "f.xml:", 6) == 0);
		diag_free(&d);
		return 0;
	}
	CHECK(d.n == 0);
	CHECK(st.elements <= PRM_MAX_ELEMENTS && st.max_attrs <= PRM_MAX_ATTRS);
	/* Compare with libxml2 on what the loader would parse as UTF-8: no
	 * DOCTYPE, no UTF-16 (a NUL byte or byte order mark), int-sized. */
	if (memmem(s, size, "<!DOCTYPE", 9) || memchr(s, '\0', size) ||
	    (size >= 2 && ((data[0] == 0xFE && data[1] == 0xFF) ||
	                   (data[0] == 0xFF && data[1] == 0xFE))) || size > 1u << 30)
		return 0;
	memset(&h, 0, sizeof h);
	h.initialized = XML_SAX2_MAGIC;
	h.startElementNs = on_start;
	h.serror = on_error;
	if (xmlSAXUserParseMemory(&h, &k, s, (int)size) == 0) {
		CHECK(k.elements == st.elements);
		CHECK(k.max_attrs == st.max_attrs);
	}
	return 0;
}
