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

static char *rd_str(struct rd *r)
{
	size_t len;
	char *s;

	if (r->bad || r->n < 4) {
		r->bad = true;
		return NULL;
	}
	len = ((size_t)r->p[0] << 24) | ((size_t)r->p[1] << 16) |
	      ((size_t)r->p[2] << 8) | r->p[3];
	r->p += 4;
	r->n -= 4;
	if (len > r->n || memchr(r->p, '\0', len)) {
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
