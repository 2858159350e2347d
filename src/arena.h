/* arena.h - a bump allocator: many small allocations, freed all at once.
 *
 * A loaded model keeps every string and array it owns in one arena, so
 * freeing a model is one call however large it is, and allocating is a
 * pointer bump instead of a malloc per string. Memory is never returned
 * before arena_free(). */
#ifndef PRMWB_ARENA_H
#define PRMWB_ARENA_H

#include <stdbool.h>
#include <stddef.h>

struct arena;

/* A new, empty arena; NULL on out-of-memory. */
struct arena *arena_new(void);
/* size bytes aligned for any object (size 0 gives a valid, unique
 * pointer); NULL on out-of-memory. Valid until arena_free(). */
void *arena_alloc(struct arena *a, size_t size);
/* n elements of size bytes, zeroed; NULL on overflow or out-of-memory. */
void *arena_calloc(struct arena *a, size_t n, size_t size);
/* Copy of n bytes of s plus a NUL (s need not be NUL-terminated). */
char *arena_strndup(struct arena *a, const char *s, size_t n);
/* Copy of n elements of size bytes (NULL for n == 0). */
void *arena_memdup(struct arena *a, const void *p, size_t n, size_t size);
/* Free p (from malloc) with the arena: a large array built with realloc
 * becomes the arena's without a copy. False on out-of-memory (then p is
 * not kept: the caller still owns it). */
bool arena_keep(struct arena *a, void *p);
/* Move everything from into into: it is freed with into. Frees from.
 * False on out-of-memory: then nothing moved. */
bool arena_adopt(struct arena *into, struct arena *from);
/* Bytes handed out (for benchmarks and tests). */
size_t arena_used(const struct arena *a);
void arena_free(struct arena *a);

#endif
