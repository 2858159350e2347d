/* arena.c - bump allocator (see arena.h). */
#include "config.h"
#include "arena.h"

#include <stdalign.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct chunk {
	struct chunk *next;
	size_t size, used;          /* bytes of data[] */
	alignas(max_align_t) unsigned char data[];
};

struct arena {
	struct chunk *head;         /* the chunk allocated from; others full */
	size_t handed;
	void **kept;                /* arena_keep() */
	size_t n_kept, cap_kept;
};

#define FIRST_CHUNK  (16u * 1024u)
#define MAX_CHUNK    (1024u * 1024u)
#define ALIGN        alignof(max_align_t)

struct arena *arena_new(void)
{
	return calloc(1, sizeof(struct arena));
}

static struct chunk *new_chunk(size_t size)
{
	struct chunk *c;

	if (size > SIZE_MAX - sizeof *c)
		return NULL;
	c = malloc(sizeof *c + size);
	if (c) {
		c->size = size;
		c->used = 0;
		c->next = NULL;
	}
	return c;
}

void *arena_alloc(struct arena *a, size_t size)
{
	struct chunk *c = a->head;
	size_t at;

	if (size == 0)
		size = 1;
	if (c) {
		at = (c->used + ALIGN - 1) & ~(ALIGN - 1);
		if (at <= c->size && size <= c->size - at) {
			c->used = at + size;
			a->handed += size;
			return c->data + at;
		}
	}
	/* Chunks grow with the arena, up to MAX_CHUNK; a large request gets
	 * a chunk of its own behind the current one, which stays in use. */
	{
		size_t want = c ? c->size * 2 : FIRST_CHUNK;

		if (want > MAX_CHUNK)
			want = MAX_CHUNK;
		if (size > want / 4) {
			struct chunk *big = new_chunk(size);

			if (!big)
				return NULL;
			big->used = size;
			if (c) {
				big->next = c->next;
				c->next = big;
			} else {
				a->head = big;
			}
			a->handed += size;
			return big->data;
		}
		c = new_chunk(want);
		if (!c)
			return NULL;
		c->next = a->head;
		a->head = c;
		c->used = size;
		a->handed += size;
		return c->data;
	}
}

void *arena_calloc(struct arena *a, size_t n, size_t size)
{
	void *p;

	if (size && n > SIZE_MAX / size)
		return NULL;
	p = arena_alloc(a, n * size);
	if (p)
		memset(p, 0, n * size);
	return p;
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p;

	if (n == SIZE_MAX)
		return NULL;
	/* Strings need no alignment: take bytes from the current chunk's
	 * end directly when they fit. */
	if (a->head && a->head->size - a->head->used > n) {
		p = (char *)a->head->data + a->head->used;
		a->head->used += n + 1;
		a->handed += n + 1;
	} else {
		p = arena_alloc(a, n + 1);
		if (!p)
			return NULL;
	}
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

void *arena_memdup(struct arena *a, const void *src, size_t n, size_t size)
{
	void *p;

	if (n == 0)
		return NULL;
	if (size && n > SIZE_MAX / size)
		return NULL;
	p = arena_alloc(a, n * size);
	if (p)
		memcpy(p, src, n * size);
	return p;
}

bool arena_keep(struct arena *a, void *p)
{
	if (a->n_kept == a->cap_kept) {
		size_t cap = a->cap_kept ? 2 * a->cap_kept : 8;
		void **k = realloc(a->kept, cap * sizeof *k);

		if (!k)
			return false;
		a->kept = k;
		a->cap_kept = cap;
	}
	a->kept[a->n_kept++] = p;
	return true;
}

bool arena_adopt(struct arena *into, struct arena *from)
{
	struct chunk *last;

	if (!from)
		return true;
	if (into->cap_kept - into->n_kept < from->n_kept) {
		size_t cap = into->n_kept + from->n_kept;
		void **k = realloc(into->kept, cap * sizeof *k);

		if (!k)
			return false;
		into->kept = k;
		into->cap_kept = cap;
	}
	if (from->n_kept)
		memcpy(into->kept + into->n_kept, from->kept, from->n_kept * sizeof *from->kept);
	into->n_kept += from->n_kept;
	free(from->kept);
	if (from->head) {
		/* Behind into's current chunk: into keeps allocating from it. */
		for (last = from->head; last->next; last = last->next)
			;
		if (into->head) {
			last->next = into->head->next;
			into->head->next = from->head;
		} else {
			into->head = from->head;
		}
	}
	into->handed += from->handed;
	free(from);
	return true;
}

size_t arena_used(const struct arena *a)
{
	return a->handed;
}

void arena_free(struct arena *a)
{
	if (!a)
		return;
	for (struct chunk *c = a->head, *next; c; c = next) {
		next = c->next;
		free(c);
	}
	for (size_t i = 0; i < a->n_kept; i++)
		free(a->kept[i]);
	free(a->kept);
	free(a);
}
