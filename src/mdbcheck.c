/* mdbcheck.c - check an LMDB data file's structure without LMDB (see
 * mdbcheck.h). The layout is LMDB 0.9's (mdb.c: MDB_page, MDB_node,
 * MDB_meta, MDB_db); every number read from the file is bounds-checked
 * before it is used, and pages are read with pread(), so a damaged file
 * gives messages, never a fault. */
#include "config.h"
#include "mdbcheck.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MDB_MAGIC 0xBEEFC0DEu
#define MDB_DATA_VERSION 1u

#define P_BRANCH   0x01
#define P_LEAF     0x02
#define P_OVERFLOW 0x04
#define P_META     0x08
#define P_LEAF2    0x20
#define P_SUBP     0x40
#define P_TYPES    (P_BRANCH | P_LEAF | P_OVERFLOW | P_META | P_LEAF2 | P_SUBP)

#define F_BIGDATA  0x01
#define F_SUBDATA  0x02
#define MAX_SUBDBS 32           /* named databases (the store has 6) */

#define MAX_KEY    511          /* MDB_MAXKEYSIZE */
#define MAX_DEPTH  64           /* far beyond any real tree */

/* pgno_t, txnid_t and size_t are one machine word in the file. */
#define W          ((size_t)sizeof(size_t))
#define PAGEHDRSZ  (W + 8)      /* pgno, pad u16, flags u16, lower u16, upper u16 */
#define NODESIZE   8u           /* lo u16, hi u16, flags u16, ksize u16 */
#define DB_SIZE    (8 + 5 * W)  /* pad u32, flags u16, depth u16, 4 counts, root */
/* MDB_meta, after the page header: magic u32, version u32, address,
 * mapsize, dbs[2], last_pg, txnid. */
#define META_DBS   (8 + 2 * W)
#define META_LAST  (META_DBS + 2 * DB_SIZE)
#define META_TXNID (META_LAST + W)
#define META_SIZE  (META_TXNID + W)

#define FREE_DBI 0
#define MAIN_DBI 1
#define SUB_DBI  2              /* a named database (c->sub names it) */

struct db {
	uint32_t pad;           /* the free DB's: the page size */
	uint16_t flags, depth;
	uint64_t branch, leaf, overflow, entries, root;
};

struct meta {
	bool ok;
	uint32_t psize;
	struct db dbs[2];
	uint64_t last_pg, txnid;
};

struct chk {
	int fd;
	uint64_t psize;
	uint64_t file_pages;    /* whole pages in the file */
	uint64_t last_pg;
	unsigned char *used;    /* bitmap over 0..last_pg: reached in a tree */
	unsigned char *freed;   /* listed in the free list */
	mdbcheck_fn fn;
	void *arg;
	mdbcheck_key_fn keyname;
	size_t problems;
	bool stop;
	/* counted while walking one tree */
	uint64_t branch, leaf, overflow, entries;
	int dbi;
	const char *sub;        /* SUB_DBI: its name */
	/* named databases found in the main tree, walked after it */
	struct subdb { char name[64]; struct db db; } subs[MAX_SUBDBS];
	size_t n_subs;
	uint64_t all_entries;   /* keys of every tree but the free list */
};

static uint16_t get16(const unsigned char *p)
{
	uint16_t v;
	memcpy(&v, p, 2);
	return v;
}

static uint32_t get32(const unsigned char *p)
{
	uint32_t v;
	memcpy(&v, p, 4);
	return v;
}

static uint64_t get_word(const unsigned char *p)
{
	size_t v;
	memcpy(&v, p, W);
	return v;
}

static void problem(struct chk *c, const char *where, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void problem(struct chk *c, const char *where, const char *fmt, ...)
{
	char what[512];
	va_list ap;

	c->problems++;
	if (c->stop)
		return;
	va_start(ap, fmt);
	vsnprintf(what, sizeof what, fmt, ap);
	va_end(ap);
	if (!c->fn(where, what, c->arg))
		c->stop = true;
}

static bool bit(const unsigned char *map, uint64_t n)
{
	return map[n / 8] & (1u << (n % 8));
}

static void set_bit(unsigned char *map, uint64_t n)
{
	map[n / 8] |= (unsigned char)(1u << (n % 8));
}

/* Readable name of a key: the store's, or escaped bytes. */
static void key_name(const struct chk *c, const unsigned char *k, size_t n, char *buf, size_t size)
{
	size_t o = 0;

	if (c->dbi != FREE_DBI && c->keyname) {
		c->keyname(c->dbi == SUB_DBI ? c->sub : NULL, k, n, buf, size);
		return;
	}
	if (c->dbi == FREE_DBI && n == W) {
		snprintf(buf, size, "txn %llu", (unsigned long long)get_word(k));
		return;
	}
	buf[0] = '\0';
	for (size_t i = 0; i < n && o + 5 < size; i++) {
		if (k[i] >= 0x20 && k[i] < 0x7F && k[i] != '\\')
			buf[o++] = (char)k[i];
		else
			o += (size_t)snprintf(buf + o, size - o, "\\x%02X", k[i]);
	}
	buf[o < size ? o : size - 1] = '\0';
}

/* "page N of the records (near key K)" */
static void page_where(const struct chk *c, uint64_t pgno, const unsigned char *near,
                       size_t near_len, char *buf, size_t size)
{
	const char *tree = c->dbi == MAIN_DBI ? "the records" : c->dbi == SUB_DBI ? c->sub :
	                   "the free list";

	if (near) {
		char k[200];

		key_name(c, near, near_len, k, sizeof k);
		snprintf(buf, size, "page %llu of %s (near key %s)",
		         (unsigned long long)pgno, tree, k);
	} else {
		snprintf(buf, size, "page %llu of %s", (unsigned long long)pgno, tree);
	}
}

static bool read_at(struct chk *c, uint64_t pgno, unsigned char *buf, size_t n)
{
	off_t off = (off_t)(pgno * c->psize);
	size_t got = 0;

	while (got < n) {
		ssize_t r = pread(c->fd, buf + got, n - got, off + (off_t)got);

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return false;
		got += (size_t)r;
	}
	return true;
}

/* Keys compare as LMDB does: bytes for the records, machine words for
 * the free list (MDB_INTEGERKEY). */
static int key_cmp(const struct chk *c, const unsigned char *a, size_t an,
                   const unsigned char *b, size_t bn)
{
	if (c->dbi == FREE_DBI && an == W && bn == W) {
		uint64_t x = get_word(a), y = get_word(b);
		return x < y ? -1 : x > y;
	}
	{
		size_t n = an < bn ? an : bn;
		int r = n ? memcmp(a, b, n) : 0;

		if (r)
			return r;
		return an < bn ? -1 : an > bn;
	}
}

/* Whether pages [pgno, pgno+n) may be read: after the meta pages, up to
 * the last page the meta names and inside the file. Reports otherwise. */
static bool page_range_ok(struct chk *c, uint64_t pgno, uint64_t n, const char *from)
{
	if (pgno < 2 || n == 0 || pgno > c->last_pg || n - 1 > c->last_pg - pgno) {
		problem(c, from, "points to page %llu%s, outside the pages in use (2 to %llu)",
		        (unsigned long long)pgno, n > 1 ? " and more" : "",
		        (unsigned long long)c->last_pg);
		return false;
	}
	if (pgno + n > c->file_pages) {
		problem(c, from, "points to page %llu, beyond the end of the file (%llu pages): "
		        "the file was cut short", (unsigned long long)(pgno + n - 1),
		        (unsigned long long)c->file_pages);
		return false;
	}
	for (uint64_t i = 0; i < n; i++) {
		if (bit(c->used, pgno + i)) {
			problem(c, from, "points to page %llu, which is already used elsewhere "
			        "(a loop or two owners)", (unsigned long long)(pgno + i));
			return false;
		}
	}
	for (uint64_t i = 0; i < n; i++)
		set_bit(c->used, pgno + i);
	return true;
}

/* The data of a free-list record: an ID list (count, then page numbers);
 * marks each page as free. */
static void free_list(struct chk *c, const unsigned char *d, uint64_t n, const char *where)
{
	uint64_t count;

	if (n < W || n % W) {
		problem(c, where, "free-list record of %llu bytes is not a list of page numbers",
		        (unsigned long long)n);
		return;
	}
	count = get_word(d);
	if (count != n / W - 1) {
		problem(c, where, "free-list record says %llu pages but holds %llu",
		        (unsigned long long)count, (unsigned long long)(n / W - 1));
		return;
	}
	for (uint64_t i = 1; i <= count && !c->stop; i++) {
		uint64_t p = get_word(d + i * W);

		if (p < 2 || p > c->last_pg) {
			problem(c, where, "free-list names page %llu, outside the pages in use "
			        "(2 to %llu)", (unsigned long long)p, (unsigned long long)c->last_pg);
			continue;
		}
		if (bit(c->freed, p))
			problem(c, where, "free-list names page %llu twice", (unsigned long long)p);
		set_bit(c->freed, p);
	}
}

/* An overflow record (F_BIGDATA) of dsize bytes starting at page op. */
static void overflow(struct chk *c, uint64_t op, uint64_t dsize, const char *where)
{
	uint64_t need = (PAGEHDRSZ - 1 + dsize) / c->psize + 1, have;
	unsigned char hdr[64];

	if (op < 2 || op > c->last_pg || op >= c->file_pages) {
		page_range_ok(c, op, 1, where);
		return;
	}
	if (!read_at(c, op, hdr, PAGEHDRSZ)) {
		problem(c, where, "overflow page %llu cannot be read", (unsigned long long)op);
		return;
	}
	if (get_word(hdr) != op || (get16(hdr + W + 2) & P_TYPES) != P_OVERFLOW) {
		problem(c, where, "page %llu should start a value (overflow page) but its header "
		        "says page %llu, type 0x%x", (unsigned long long)op,
		        (unsigned long long)get_word(hdr), get16(hdr + W + 2));
		return;
	}
	have = get32(hdr + W + 4);
	if (have < need) {
		problem(c, where, "value of %llu bytes needs %llu overflow pages, page %llu has %llu",
		        (unsigned long long)dsize, (unsigned long long)need,
		        (unsigned long long)op, (unsigned long long)have);
		return;
	}
	if (!page_range_ok(c, op, have, where))
		return;
	c->overflow += have;
	if (c->dbi == FREE_DBI) {
		unsigned char *d = dsize <= SIZE_MAX - PAGEHDRSZ ? malloc(PAGEHDRSZ + dsize) : NULL;

		if (!d) {
			problem(c, where, "free-list record of %llu bytes: out of memory",
			        (unsigned long long)dsize);
			return;
		}
		if (read_at(c, op, d, PAGEHDRSZ + dsize))
			free_list(c, d + PAGEHDRSZ, dsize, where);
		else
			problem(c, where, "overflow pages from %llu cannot be read",
			        (unsigned long long)op);
		free(d);
	}
}

static void read_db(const unsigned char *p, struct db *d);

/* Walk the subtree at pgno (already range-checked and marked), whose keys
 * must lie in [lo, hi) (NULL: unbounded), at depth (root 1). */
static void walk(struct chk *c, uint64_t pgno, unsigned depth, unsigned want_depth,
                 const unsigned char *lo, size_t lo_n, const unsigned char *hi, size_t hi_n)
{
	unsigned char *p = malloc(c->psize);
	char where[300];
	uint16_t flags, lower, upper;
	unsigned nkeys;
	const unsigned char *prev = NULL;
	size_t prev_n = 0;

	page_where(c, pgno, lo, lo_n, where, sizeof where);
	if (!p) {
		problem(c, where, "out of memory");
		return;
	}
	if (!read_at(c, pgno, p, c->psize)) {
		problem(c, where, "cannot be read");
		goto out;
	}
	if (get_word(p) != pgno) {
		problem(c, where, "its header says it is page %llu: a page written in the wrong "
		        "place or overwritten", (unsigned long long)get_word(p));
		goto out;
	}
	flags = get16(p + W + 2) & P_TYPES;
	lower = get16(p + W + 4);
	upper = get16(p + W + 6);
	if (flags != P_BRANCH && flags != P_LEAF) {
		problem(c, where, "has type 0x%x where a branch or leaf page belongs", flags);
		goto out;
	}
	if (lower < PAGEHDRSZ || (lower - PAGEHDRSZ) % 2 || lower > upper || upper > c->psize) {
		problem(c, where, "has bad bounds (lower %u, upper %u, page size %llu)", lower,
		        upper, (unsigned long long)c->psize);
		goto out;
	}
	if ((flags == P_LEAF) != (depth == want_depth)) {
		problem(c, where, "is a %s at depth %u of a tree %u deep", flags == P_LEAF ?
		        "leaf" : "branch", depth, want_depth);
		goto out;
	}
	nkeys = (lower - PAGEHDRSZ) / 2;
	if (nkeys == 0 && (flags == P_BRANCH || depth > 1)) {
		problem(c, where, "holds no keys");
		goto out;
	}
	if (flags == P_BRANCH)
		c->branch++;
	else
		c->leaf++;
	for (unsigned i = 0; i < nkeys && !c->stop; i++) {
		unsigned off = get16(p + PAGEHDRSZ + 2 * i);
		const unsigned char *node, *key;
		uint16_t ksize, nflags;
		uint64_t dsize;

		if (off < upper || off > c->psize - NODESIZE) {
			problem(c, where, "entry %u is at offset %u, outside the page's entries "
			        "(%u to %llu)", i, off, upper, (unsigned long long)c->psize);
			break;
		}
		node = p + off;
		nflags = get16(node + 4);
		ksize = get16(node + 6);
		key = node + NODESIZE;
		if (ksize > MAX_KEY || off + NODESIZE + ksize > c->psize) {
			problem(c, where, "entry %u has a key of %u bytes, more than %s", i, ksize,
			        ksize > MAX_KEY ? "LMDB allows" : "the page holds");
			break;
		}
		/* A branch page's first key is implicit (LMDB leaves it empty). */
		if (flags == P_LEAF || i > 0) {
			char kn[200];

			if ((lo && key_cmp(c, key, ksize, lo, lo_n) < 0) ||
			    (hi && key_cmp(c, key, ksize, hi, hi_n) >= 0) ||
			    (prev && key_cmp(c, key, ksize, prev, prev_n) <= 0)) {
				key_name(c, key, ksize, kn, sizeof kn);
				problem(c, where, "key %s is out of order", kn);
				break;
			}
			prev = key;
			prev_n = ksize;
		}
		if (flags == P_BRANCH) {
			uint64_t child = (uint64_t)get16(node) | (uint64_t)get16(node + 2) << 16;
			const unsigned char *clo = i ? key : lo, *chi = hi;
			size_t clo_n = i ? ksize : lo_n, chi_n = hi_n;

			if (W > 4)
				child |= (uint64_t)nflags << 32;
			if (i + 1 < nkeys) {
				unsigned noff = get16(p + PAGEHDRSZ + 2 * (i + 1));

				if (noff >= upper && noff <= c->psize - NODESIZE &&
				    noff + NODESIZE + get16(p + noff + 6) <= c->psize) {
					chi = p + noff + NODESIZE;
					chi_n = get16(p + noff + 6);
				}
			}
			if (page_range_ok(c, child, 1, where))
				walk(c, child, depth + 1, want_depth, clo, clo_n, chi, chi_n);
			continue;
		}
		c->entries++;
		dsize = (uint64_t)get16(node) | (uint64_t)get16(node + 2) << 16;
		if (nflags == F_SUBDATA && c->dbi == MAIN_DBI) {
			char kn[200];

			key_name(c, key, ksize, kn, sizeof kn);
			if (dsize != DB_SIZE || off + NODESIZE + ksize + dsize > c->psize)
				problem(c, where, "named database %s has a record of %llu bytes, not "
				        "%u", kn, (unsigned long long)dsize, (unsigned)DB_SIZE);
			else if (c->n_subs == MAX_SUBDBS || ksize == 0 || ksize >= 64)
				problem(c, where, "named database %s: more named databases or a "
				        "longer name than this store has", kn);
			else {
				struct subdb *sd = &c->subs[c->n_subs++];

				memcpy(sd->name, key, ksize);
				sd->name[ksize] = '\0';
				read_db(key + ksize, &sd->db);
			}
			continue;
		}
		if (nflags & ~F_BIGDATA) {
			char kn[200];

			key_name(c, key, ksize, kn, sizeof kn);
			problem(c, where, "key %s has flags 0x%x (sub-database or duplicates), "
			        "which this store never writes", kn, nflags);
			continue;
		}
		if (nflags & F_BIGDATA) {
			char w2[300];

			if (off + NODESIZE + ksize + W > c->psize) {
				problem(c, where, "entry %u runs past the end of the page", i);
				break;
			}
			page_where(c, pgno, key, ksize, w2, sizeof w2);
			overflow(c, get_word(key + ksize), dsize, w2);
			continue;
		}
		if (off + NODESIZE + ksize + dsize > c->psize) {
			char kn[200];

			key_name(c, key, ksize, kn, sizeof kn);
			problem(c, where, "the value of key %s (%llu bytes) runs past the end of "
			        "the page", kn, (unsigned long long)dsize);
			continue;
		}
		if (c->dbi == FREE_DBI)
			free_list(c, key + ksize, dsize, where);
	}
out:
	free(p);
}

static void check_tree(struct chk *c, int dbi, const struct db *d)
{
	char name[100];
	char where[140];
	size_t before;

	if (dbi == SUB_DBI)
		snprintf(name, sizeof name, "the tree of %s", c->sub);
	else
		snprintf(name, sizeof name, "%s", dbi == MAIN_DBI ? "the records' tree" :
		         "the free list's tree");
	c->dbi = dbi;
	c->branch = c->leaf = c->overflow = c->entries = 0;
	snprintf(where, sizeof where, "%s (root)", name);
	if (d->root == UINT64_MAX || (W == 4 && d->root == UINT32_MAX)) {
		if (d->depth || d->entries || d->branch || d->leaf || d->overflow)
			problem(c, where, "is empty but the meta page counts %llu entries, depth %u",
			        (unsigned long long)d->entries, d->depth);
		return;
	}
	if (d->depth == 0 || d->depth > MAX_DEPTH) {
		problem(c, where, "has depth %u", d->depth);
		return;
	}
	if (dbi != FREE_DBI && d->flags != 0) {
		problem(c, where, "has flags 0x%x (this store uses none)", d->flags);
		return;
	}
	if (!page_range_ok(c, d->root, 1, where))
		return;
	before = c->problems;
	walk(c, d->root, 1, d->depth, NULL, 0, NULL, 0);
	if (dbi != FREE_DBI)
		c->all_entries += c->entries;
	/* Counts of a tree with a bad page differ anyway: say it once. */
	if (c->stop || c->problems != before)
		return;
	if (c->branch != d->branch || c->leaf != d->leaf || c->overflow != d->overflow ||
	    c->entries != d->entries)
		problem(c, name, "the meta page counts %llu branch, %llu leaf, %llu overflow pages "
		        "and %llu entries; the tree has %llu, %llu, %llu and %llu",
		        (unsigned long long)d->branch, (unsigned long long)d->leaf,
		        (unsigned long long)d->overflow, (unsigned long long)d->entries,
		        (unsigned long long)c->branch, (unsigned long long)c->leaf,
		        (unsigned long long)c->overflow, (unsigned long long)c->entries);
}

static void read_db(const unsigned char *p, struct db *d)
{
	d->pad = get32(p);
	d->flags = get16(p + 4);
	d->depth = get16(p + 6);
	d->branch = get_word(p + 8);
	d->leaf = get_word(p + 8 + W);
	d->overflow = get_word(p + 8 + 2 * W);
	d->entries = get_word(p + 8 + 3 * W);
	d->root = get_word(p + 8 + 4 * W);
}

/* Meta page i (at offset off); reports what is wrong with it. */
static void read_meta(struct chk *c, int i, off_t off, struct meta *m)
{
	unsigned char p[PAGEHDRSZ + META_SIZE];
	char where[32];
	ssize_t r;

	memset(m, 0, sizeof *m);
	snprintf(where, sizeof where, "meta page %d", i);
	do
		r = pread(c->fd, p, sizeof p, off);
	while (r < 0 && errno == EINTR);
	if (r != (ssize_t)sizeof p) {
		problem(c, where, "is missing: the file is too short (damaged or cut short)");
		return;
	}
	if (!(get16(p + W + 2) & P_META)) {
		problem(c, where, "is not marked as a meta page (type 0x%x)", get16(p + W + 2));
		return;
	}
	if (get32(p + PAGEHDRSZ) != MDB_MAGIC) {
		problem(c, where, "has no LMDB signature: not an LMDB file, or damaged");
		return;
	}
	if (get32(p + PAGEHDRSZ + 4) != MDB_DATA_VERSION) {
		problem(c, where, "has LMDB data version %u; this prmwb reads version %u",
		        get32(p + PAGEHDRSZ + 4), MDB_DATA_VERSION);
		return;
	}
	read_db(p + PAGEHDRSZ + META_DBS, &m->dbs[FREE_DBI]);
	read_db(p + PAGEHDRSZ + META_DBS + DB_SIZE, &m->dbs[MAIN_DBI]);
	m->psize = m->dbs[FREE_DBI].pad;
	m->last_pg = get_word(p + PAGEHDRSZ + META_LAST);
	m->txnid = get_word(p + PAGEHDRSZ + META_TXNID);
	if (m->psize < 512 || m->psize > 65536 || (m->psize & (m->psize - 1))) {
		problem(c, where, "gives page size %u", m->psize);
		return;
	}
	if (m->last_pg < 1) {
		problem(c, where, "gives last page %llu", (unsigned long long)m->last_pg);
		return;
	}
	m->ok = true;
}

int mdbcheck_file(const char *path, mdbcheck_fn fn, void *arg, mdbcheck_key_fn keyname,
                  struct mdbcheck_stats *stats, size_t *problems)
{
	struct chk c = { .fn = fn, .arg = arg, .keyname = keyname, .dbi = -1 };
	struct meta m[2];
	const struct meta *cur;
	struct stat s;
	int en = 0;

	memset(stats, 0, sizeof *stats);
	*problems = 0;
	c.fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	if (c.fd < 0)
		return errno;
	if (fstat(c.fd, &s) != 0)
		en = errno;
	else if (!S_ISREG(s.st_mode))
		en = EINVAL;
	if (en) {
		close(c.fd);
		return en;
	}
	read_meta(&c, 0, 0, &m[0]);
	read_meta(&c, 1, m[0].ok ? (off_t)m[0].psize : 4096, &m[1]);
	if (m[0].ok && m[1].ok && m[0].psize != m[1].psize)
		problem(&c, "meta page 1", "gives page size %u, meta page 0 %u", m[1].psize,
		        m[0].psize);
	if (!m[0].ok && !m[1].ok)
		goto out;
	/* LMDB reads the meta page with the newer transaction. */
	cur = !m[1].ok || (m[0].ok && m[0].txnid > m[1].txnid) ? &m[0] : &m[1];
	c.psize = cur->psize;
	c.last_pg = cur->last_pg;
	c.file_pages = (uint64_t)s.st_size / c.psize;
	if (c.last_pg > ((uint64_t)1 << 40)) {
		problem(&c, "meta page", "gives last page %llu", (unsigned long long)c.last_pg);
		goto out;
	}
	c.used = calloc(c.last_pg / 8 + 1, 1);
	c.freed = calloc(c.last_pg / 8 + 1, 1);
	if (!c.used || !c.freed) {
		en = ENOMEM;
		goto out;
	}
	set_bit(c.used, 0);
	set_bit(c.used, 1);
	check_tree(&c, FREE_DBI, &cur->dbs[FREE_DBI]);
	if (!c.stop)
		check_tree(&c, MAIN_DBI, &cur->dbs[MAIN_DBI]);
	for (size_t i = 0; i < c.n_subs && !c.stop; i++) {
		c.sub = c.subs[i].name;
		check_tree(&c, SUB_DBI, &c.subs[i].db);
	}
	/* The last pages may be missing from the file if they are free: LMDB
	 * does not write a page that a transaction took and gave back. */
	for (uint64_t p = c.file_pages; p <= c.last_pg && !c.stop; p++) {
		if (!bit(c.freed, p)) {
			char where[40];

			snprintf(where, sizeof where, "meta page %d", cur == &m[0] ? 0 : 1);
			problem(&c, where, "says the file has %llu pages, it has %llu: the file was "
			        "cut short", (unsigned long long)c.last_pg + 1,
			        (unsigned long long)c.file_pages);
			break;
		}
	}
	stats->psize = c.psize;
	stats->txnid = cur->txnid;
	stats->entries = c.all_entries;
	for (uint64_t p = 0; p <= c.last_pg && !c.stop; p++) {
		if (bit(c.used, p))
			stats->pages++;
		if (!bit(c.freed, p))
			continue;
		stats->free_pages++;
		if (bit(c.used, p)) {
			char where[40];

			snprintf(where, sizeof where, "page %llu", (unsigned long long)p);
			problem(&c, where, "is in use and also listed as free: the next change "
			        "would overwrite it");
		}
	}
out:
	free(c.used);
	free(c.freed);
	close(c.fd);
	*problems = c.problems;
	return en;
}
