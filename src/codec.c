/* codec.c - byte encoding of the store's keys and values (layout: codec.h). */
#include "config.h"
#include "codec.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void cbuf_free(struct cbuf *b)
{
	free(b->p);
	b->p = NULL;
	b->n = b->cap = 0;
}

void cbuf_bytes(struct cbuf *b, const void *p, size_t n)
{
	if (b->oom)
		return;
	if (b->n + n > b->cap) {
		size_t cap = b->cap ? b->cap : 64;
		unsigned char *np;

		while (cap < b->n + n)
			cap *= 2;
		np = realloc(b->p, cap);
		if (!np) {
			b->oom = true;
			return;
		}
		b->p = np;
		b->cap = cap;
	}
	if (n)
		memcpy(b->p + b->n, p, n);
	b->n += n;
}

void cbuf_u8(struct cbuf *b, unsigned v)
{
	unsigned char c = (unsigned char)v;
	cbuf_bytes(b, &c, 1);
}

void cbuf_u64(struct cbuf *b, uint64_t v)
{
	unsigned char c[8];

	for (int i = 7; i >= 0; i--) {
		c[i] = (unsigned char)(v & 0xFF);
		v >>= 8;
	}
	cbuf_bytes(b, c, 8);
}

void cbuf_str(struct cbuf *b, const char *s)
{
	size_t n = s ? strlen(s) : 0;
	unsigned char c[4] = {
		(unsigned char)(n >> 24), (unsigned char)(n >> 16),
		(unsigned char)(n >> 8), (unsigned char)n,
	};

	if (n > UINT32_MAX) {
		b->oom = true;
		return;
	}
	cbuf_bytes(b, c, 4);
	cbuf_bytes(b, s, n);
}

/* "<prefix><name>\0" */
static void key_named(struct cbuf *k, const char *prefix, const char *name)
{
	cbuf_bytes(k, prefix, 2);
	cbuf_bytes(k, name, strlen(name) + 1);
}

void key_field(struct cbuf *k, const char *process, const char *field)
{
	key_named(k, "r/", process);
	cbuf_bytes(k, field, strlen(field));
}

void key_field_prefix(struct cbuf *k, const char *process)
{
	key_named(k, "r/", process);
}

void key_hist(struct cbuf *k, uint64_t seq)
{
	cbuf_bytes(k, "h/", 2);
	cbuf_u64(k, seq);
}

void key_proc_hist(struct cbuf *k, const char *process, uint64_t seq)
{
	key_named(k, "x/", process);
	cbuf_u64(k, seq);
}

void key_stack(struct cbuf *k, char stack, const char *user, uint64_t seq)
{
	char p[2] = { stack, '/' };

	key_named(k, p, user);
	cbuf_u64(k, seq);
}

uint64_t key_tail_u64(const void *key, size_t len)
{
	const unsigned char *p = key;
	uint64_t v = 0;

	if (len < 8)
		return 0;
	for (size_t i = len - 8; i < len; i++)
		v = (v << 8) | p[i];
	return v;
}

/* Append bytes to buf at *o, control bytes and '\\' as \xNN. */
static void put_bytes(char *buf, size_t size, size_t *o, const unsigned char *p, size_t n)
{
	for (size_t i = 0; i < n && *o + 5 < size; i++) {
		if (p[i] >= 0x20 && p[i] != 0x7F && p[i] != '\\')
			buf[(*o)++] = (char)p[i];
		else
			*o += (size_t)snprintf(buf + *o, size - *o, "\\x%02X", p[i]);
	}
	buf[*o < size ? *o : size - 1] = '\0';
}

void key_describe(const void *key, size_t len, char *buf, size_t size)
{
	const unsigned char *k = key;
	const unsigned char *nul = len > 2 ? memchr(k + 2, '\0', len - 2) : NULL;
	size_t o = 0;
	char c = len >= 2 && k[1] == '/' ? (char)k[0] : '\0';

	buf[0] = '\0';
	if (c == 'h' && len == 10) {
		snprintf(buf, size, "h/#%llu", (unsigned long long)key_tail_u64(k, len));
		return;
	}
	if (c == 'r' && nul) {
		put_bytes(buf, size, &o, k, (size_t)(nul - k));
		put_bytes(buf, size, &o, (const unsigned char *)" ", 1);
		put_bytes(buf, size, &o, nul + 1, len - (size_t)(nul + 1 - k));
		return;
	}
	if ((c == 'x' || c == 'u' || c == 'R') && nul && len - (size_t)(nul + 1 - k) == 8) {
		put_bytes(buf, size, &o, k, (size_t)(nul - k));
		if (o + 24 < size)
			o += (size_t)snprintf(buf + o, size - o, " #%llu",
			                      (unsigned long long)key_tail_u64(k, len));
		return;
	}
	put_bytes(buf, size, &o, k, len);
}

/* Reader over a value; any overrun sets bad. */
struct rd {
	const unsigned char *p;
	size_t n;
	bool bad;
};

static uint64_t rd_u64(struct rd *r)
{
	uint64_t v = 0;

	if (r->bad || r->n < 8) {
		r->bad = true;
		return 0;
	}
	for (int i = 0; i < 8; i++)
		v = (v << 8) | r->p[i];
	r->p += 8;
	r->n -= 8;
	return v;
}

static unsigned rd_u8(struct rd *r)
{
	unsigned v;

	if (r->bad || r->n < 1) {
		r->bad = true;
		return 0;
	}
	v = r->p[0];
	r->p++;
	r->n--;
	return v;
}

/* n bytes as a string (no NUL inside); malloc'd. */
static char *rd_bytes(struct rd *r, size_t len)
{
	char *s;

	if (r->bad || len > r->n || memchr(r->p, '\0', len)) {
		r->bad = true;
		return NULL;
	}
	s = malloc(len + 1);
	if (!s) {
		r->bad = true;
		return NULL;
	}
	memcpy(s, r->p, len);
	s[len] = '\0';
	r->p += len;
	r->n -= len;
	return s;
}

static char *rd_str(struct rd *r)
{
	size_t len;

	if (r->bad || r->n < 4) {
		r->bad = true;
		return NULL;
	}
	len = ((size_t)r->p[0] << 24) | ((size_t)r->p[1] << 16) |
	      ((size_t)r->p[2] << 8) | r->p[3];
	r->p += 4;
	r->n -= 4;
	return rd_bytes(r, len);
}

void field_state_encode(struct cbuf *b, const struct field_state *f)
{
	cbuf_u64(b, f->rev);
	cbuf_u64(b, (uint64_t)f->time);
	cbuf_str(b, f->user);
	cbuf_str(b, f->value);
}

bool field_state_decode(const void *p, size_t n, struct field_state *f)
{
	struct rd r = { p, n, false };

	memset(f, 0, sizeof *f);
	f->rev = rd_u64(&r);
	f->time = (int64_t)rd_u64(&r);
	f->user = rd_str(&r);
	f->value = rd_str(&r);
	if (r.bad || r.n != 0) {
		field_state_free(f);
		return false;
	}
	return true;
}

void field_state_free(struct field_state *f)
{
	free(f->user);
	free(f->value);
	f->user = f->value = NULL;
}

void hist_encode(struct cbuf *b, const struct hist_rec *h)
{
	cbuf_u64(b, (uint64_t)h->e.time);
	cbuf_u64(b, (uint64_t)(int64_t)h->e.pid);
	cbuf_u8(b, (unsigned)h->e.kind);
	cbuf_u64(b, h->e.ref);
	cbuf_u64(b, h->old_rev);
	cbuf_u64(b, h->new_rev);
	cbuf_str(b, h->e.user);
	cbuf_str(b, h->e.process);
	cbuf_str(b, h->e.field);
	cbuf_str(b, h->e.old_value);
	cbuf_str(b, h->e.new_value);
}

bool hist_decode(const void *p, size_t n, uint64_t seq, struct hist_rec *h)
{
	struct rd r = { p, n, false };
	unsigned kind;

	memset(h, 0, sizeof *h);
	h->e.seq = seq;
	h->e.time = (int64_t)rd_u64(&r);
	h->e.pid = (long)(int64_t)rd_u64(&r);
	kind = rd_u8(&r);
	h->e.kind = (enum hist_kind)kind;
	h->e.ref = rd_u64(&r);
	h->old_rev = rd_u64(&r);
	h->new_rev = rd_u64(&r);
	h->e.user = rd_str(&r);
	h->e.process = rd_str(&r);
	h->e.field = rd_str(&r);
	h->e.old_value = rd_str(&r);
	h->e.new_value = rd_str(&r);
	if (r.bad || r.n != 0 || kind > HIST_REDO) {
		hist_free(h);
		return false;
	}
	return true;
}

void hist_free(struct hist_rec *h)
{
	free(h->e.user);
	free(h->e.process);
	free(h->e.field);
	free(h->e.old_value);
	free(h->e.new_value);
	memset(&h->e, 0, sizeof h->e);
}

/* ---- schema 2 ------------------------------------------------------------ */

const char *const store_db_names[DB_COUNT] = {
	"hist", "fhist", "cur", "time", "undo", "aux",
};

void cbuf_ou(struct cbuf *b, uint64_t v)
{
	unsigned char c[9];
	int n = 0;

	for (uint64_t x = v; x; x >>= 8)
		n++;
	c[0] = (unsigned char)n;
	for (int i = n; i >= 1; i--) {
		c[i] = (unsigned char)(v & 0xFF);
		v >>= 8;
	}
	cbuf_bytes(b, c, (size_t)n + 1);
}

size_t ou_get(const void *p, size_t n, uint64_t *v)
{
	const unsigned char *c = p;
	size_t len;

	*v = 0;
	if (n < 1 || c[0] > 8 || n < (size_t)c[0] + 1u)
		return 0;
	len = c[0];
	if (len && c[1] == 0)
		return 0;
	for (size_t i = 1; i <= len; i++)
		*v = (*v << 8) | c[i];
	return len + 1;
}

void cbuf_varint(struct cbuf *b, uint64_t v)
{
	unsigned char c[10];
	size_t n = 0;

	do {
		c[n] = (unsigned char)(v & 0x7F);
		v >>= 7;
		if (v)
			c[n] |= 0x80;
		n++;
	} while (v);
	cbuf_bytes(b, c, n);
}

void cbuf_vstr(struct cbuf *b, const char *s)
{
	size_t n = s ? strlen(s) : 0;

	cbuf_varint(b, n);
	cbuf_bytes(b, s, n);
}

static uint64_t rd_varint(struct rd *r)
{
	uint64_t v = 0;

	for (unsigned shift = 0; !r->bad; shift += 7) {
		unsigned c;

		if (r->n < 1 || shift > 63) {
			r->bad = true;
			break;
		}
		c = r->p[0];
		r->p++;
		r->n--;
		/* the 10th byte may hold only the top bit of 64 */
		if (shift == 63 && c > 1) {
			r->bad = true;
			break;
		}
		v |= (uint64_t)(c & 0x7F) << shift;
		if (!(c & 0x80)) {
			/* shortest form: no final 0 byte after the first */
			if (c == 0 && shift > 0)
				r->bad = true;
			break;
		}
	}
	return r->bad ? 0 : v;
}

static char *rd_vstr(struct rd *r)
{
	uint64_t len = rd_varint(r);

	if (r->bad || len > r->n) {
		r->bad = true;
		return NULL;
	}
	return rd_bytes(r, (size_t)len);
}

/* The rest of the value as a string. */
static char *rd_rest(struct rd *r)
{
	return rd_bytes(r, r->n);
}

void hist2_encode(struct cbuf *b, uint64_t seq, const struct hist2 *h)
{
	cbuf_u8(b, (h->kind & 0xF) | (h->flags & 0xF) << 4);
	cbuf_varint(b, (uint64_t)h->time);
	cbuf_varint(b, h->pid);
	cbuf_varint(b, h->user);
	if (h->kind <= HIST_REDO)
		cbuf_varint(b, h->pf);
	cbuf_varint(b, seq - h->set);
	if (h->kind == HIST_UNDO || h->kind == HIST_REDO)
		cbuf_varint(b, seq - h->ref);
	if (h->kind == HIST_BASELINE || h->kind == HIST_RESTORE) {
		cbuf_vstr(b, h->a);
		cbuf_bytes(b, h->b, h->b ? strlen(h->b) : 0);
	}
}

bool hist2_decode(const void *p, size_t n, uint64_t seq, struct hist2 *h)
{
	struct rd r = { p, n, false };
	unsigned head;
	uint64_t d, t;

	memset(h, 0, sizeof *h);
	head = rd_u8(&r);
	h->kind = head & 0xF;
	h->flags = head >> 4;
	t = rd_varint(&r);
	h->time = (int64_t)t;
	h->pid = rd_varint(&r);
	h->user = rd_varint(&r);
	if (r.bad || h->kind > HIST_RESTORE || t > INT64_MAX)
		goto bad;
	if ((h->flags & ~(unsigned)HIST_F_NAMED) || (h->flags && h->kind != HIST_UNDO))
		goto bad;
	if (h->kind <= HIST_REDO)
		h->pf = rd_varint(&r);
	d = rd_varint(&r);
	if (r.bad || d >= seq)
		goto bad;
	h->set = seq - d;
	if (h->kind == HIST_UNDO || h->kind == HIST_REDO) {
		d = rd_varint(&r);
		if (r.bad || d == 0 || d >= seq)
			goto bad;
		h->ref = seq - d;
	}
	if (h->kind == HIST_BASELINE || h->kind == HIST_RESTORE) {
		h->a = rd_vstr(&r);
		h->b = rd_rest(&r);
	}
	if (r.bad || r.n != 0 || (h->kind <= HIST_REDO && h->pf == 0))
		goto bad;
	return true;
bad:
	hist2_free(h);
	return false;
}

void hist2_free(struct hist2 *h)
{
	free(h->a);
	free(h->b);
	h->a = h->b = NULL;
}

void fver_encode(struct cbuf *b, uint64_t seq, const struct fver *f)
{
	cbuf_varint(b, (seq - f->rev) * 2 + (f->origin ? 1 : 0));
	if (f->origin) {
		cbuf_varint(b, f->origin);
		cbuf_varint(b, f->origin_rev);
	}
	cbuf_bytes(b, f->value, f->value ? strlen(f->value) : 0);
}

bool fver_decode(const void *p, size_t n, uint64_t seq, struct fver *f)
{
	struct rd r = { p, n, false };
	uint64_t d;

	memset(f, 0, sizeof *f);
	d = rd_varint(&r);
	if (r.bad || d / 2 > seq)
		goto bad;
	f->rev = seq - d / 2;
	if (d & 1) {
		f->origin = rd_varint(&r);
		f->origin_rev = rd_varint(&r);
		if (r.bad || f->origin == 0)
			goto bad;
	}
	f->value = rd_rest(&r);
	if (r.bad)
		goto bad;
	return true;
bad:
	fver_free(f);
	return false;
}

void fver_free(struct fver *f)
{
	free(f->value);
	f->value = NULL;
}

void cur2_encode(struct cbuf *b, const struct cur2 *c)
{
	cbuf_varint(b, c->pf);
	cbuf_varint(b, c->rev);
	cbuf_varint(b, c->last);
	cbuf_varint(b, (uint64_t)c->time);
	cbuf_varint(b, c->entries);
	cbuf_varint(b, c->origin);
	if (c->origin)
		cbuf_varint(b, c->origin_rev);
	cbuf_vstr(b, c->user);
	cbuf_bytes(b, c->value, c->value ? strlen(c->value) : 0);
}

bool cur2_decode(const void *p, size_t n, struct cur2 *c)
{
	struct rd r = { p, n, false };
	uint64_t t;

	memset(c, 0, sizeof *c);
	c->pf = rd_varint(&r);
	c->rev = rd_varint(&r);
	c->last = rd_varint(&r);
	t = rd_varint(&r);
	c->time = (int64_t)t;
	c->entries = rd_varint(&r);
	c->origin = rd_varint(&r);
	if (c->origin)
		c->origin_rev = rd_varint(&r);
	c->user = rd_vstr(&r);
	c->value = rd_rest(&r);
	if (r.bad || t > INT64_MAX || c->pf == 0 || c->last == 0 || c->rev > c->last ||
	    c->entries == 0) {
		cur2_free(c);
		return false;
	}
	return true;
}

void cur2_free(struct cur2 *c)
{
	free(c->user);
	free(c->value);
	c->user = c->value = NULL;
}

void key2_hist(struct cbuf *k, uint64_t seq)
{
	cbuf_ou(k, seq);
}

void key2_fhist(struct cbuf *k, uint64_t pf, uint64_t seq)
{
	cbuf_ou(k, pf);
	cbuf_ou(k, seq);
}

void key2_cur(struct cbuf *k, const char *process, const char *field)
{
	cbuf_bytes(k, process, strlen(process) + 1);
	cbuf_bytes(k, field, strlen(field));
}

void key2_undo(struct cbuf *k, uint64_t user, uint64_t set)
{
	cbuf_ou(k, user);
	cbuf_ou(k, set);
}

void key2_aux_id(struct cbuf *k, char c, uint64_t id)
{
	cbuf_bytes(k, &c, 1);
	cbuf_ou(k, id);
}

void key2_aux_name(struct cbuf *k, char c, const char *name)
{
	cbuf_bytes(k, &c, 1);
	cbuf_bytes(k, name, strlen(name));
}

void key2_redo(struct cbuf *k, uint64_t user, uint64_t set)
{
	cbuf_bytes(k, "R", 1);
	cbuf_ou(k, user);
	cbuf_ou(k, set);
}

/* Up to two ordered numbers filling the whole key; how many (0: not so). */
static int two_ou(const unsigned char *p, size_t n, uint64_t *a, uint64_t *b)
{
	size_t x = ou_get(p, n, a), y;

	if (!x)
		return 0;
	if (x == n)
		return 1;
	y = ou_get(p + x, n - x, b);
	return y && x + y == n ? 2 : 0;
}

void key2_describe(enum store_db db, const void *key, size_t len, char *buf, size_t size)
{
	const unsigned char *k = key;
	uint64_t a = 0, b = 0;
	int got = two_ou(k, len, &a, &b);
	size_t o = 0;
	const unsigned char *nul;

	buf[0] = '\0';
	switch (db) {
	case DB_HIST:
		if (got == 1) {
			snprintf(buf, size, "#%llu", (unsigned long long)a);
			return;
		}
		break;
	case DB_TIME:
		if (got == 1) {
			snprintf(buf, size, "time %llu", (unsigned long long)a);
			return;
		}
		break;
	case DB_FHIST:
		if (got == 2) {
			snprintf(buf, size, "field %llu #%llu", (unsigned long long)a,
			         (unsigned long long)b);
			return;
		}
		break;
	case DB_UNDO:
		if (got == 2) {
			snprintf(buf, size, "user %llu set #%llu", (unsigned long long)a,
			         (unsigned long long)b);
			return;
		}
		break;
	case DB_CUR:
		nul = len ? memchr(k, '\0', len) : NULL;
		if (nul) {
			put_bytes(buf, size, &o, k, (size_t)(nul - k));
			put_bytes(buf, size, &o, (const unsigned char *)" ", 1);
			put_bytes(buf, size, &o, nul + 1, len - (size_t)(nul + 1 - k));
			return;
		}
		break;
	case DB_AUX:
		if (len >= 1) {
			static const char *const what[] = {
				"U", "user", "P", "field", "O", "origin", "D", "undone",
				"S", "set", "R", "redo",
			};
			got = two_ou(k + 1, len - 1, &a, &b);
			for (size_t i = 0; i < sizeof what / sizeof what[0]; i += 2) {
				if (k[0] != what[i][0])
					continue;
				if (k[0] == 'R' && got == 2)
					snprintf(buf, size, "redo: user %llu set #%llu",
					         (unsigned long long)a, (unsigned long long)b);
				else if (k[0] != 'R' && got == 1)
					snprintf(buf, size, "%s %s%llu", what[i + 1],
					         k[0] == 'D' || k[0] == 'S' ? "#" : "",
					         (unsigned long long)a);
				else
					break;
				return;
			}
			if (k[0] == 'u' || k[0] == 'o' || k[0] == 'B') {
				put_bytes(buf, size, &o, (const unsigned char *)(k[0] == 'u' ? "user " :
				          k[0] == 'o' ? "origin " : "baseline "),
				          k[0] == 'B' ? 9 : k[0] == 'u' ? 5 : 7);
				put_bytes(buf, size, &o, k + 1, len - 1);
				return;
			}
		}
		break;
	default:
		break;
	}
	put_bytes(buf, size, &o, k, len);
}

void setmark_encode(struct cbuf *b, const struct setmark *m)
{
	cbuf_u8(b, m->kind);
	cbuf_vstr(b, m->file);
	cbuf_bytes(b, m->sha256, m->sha256 ? strlen(m->sha256) : 0);
}

bool setmark_decode(const void *p, size_t n, struct setmark *m)
{
	struct rd r = { p, n, false };

	memset(m, 0, sizeof *m);
	m->kind = rd_u8(&r);
	m->file = rd_vstr(&r);
	m->sha256 = rd_rest(&r);
	if (r.bad || m->kind != STORE_SET_IMPORT) {
		setmark_free(m);
		return false;
	}
	return true;
}

void setmark_free(struct setmark *m)
{
	free(m->file);
	free(m->sha256);
	m->file = m->sha256 = NULL;
}

bool uuid_text_ok(const char *s)
{
	if (!s || strlen(s) != 36)
		return false;
	for (int i = 0; i < 36; i++) {
		bool dash = i == 8 || i == 13 || i == 18 || i == 23;

		if (dash ? s[i] != '-' : !((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return false;
	}
	return true;
}
