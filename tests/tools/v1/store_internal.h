/* store_internal.h - hooks into the store for its own tests and benchmark
 * only; the program never calls these. */
#ifndef PRMWB_STORE_INTERNAL_H
#define PRMWB_STORE_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store.h"

/* Map size given to a NEW environment (0: the default, 1 MiB). Tests set
 * it tiny so that MDB_MAP_FULL and growth happen for sure. */
extern size_t store_initial_mapsize;

/* Called by store_open() after it has checked the store's files and
 * before LMDB opens them (opened false), and right after LMDB opened them
 * (opened true); NULL: nothing. Tests swap a file for a link there (and
 * back), to check that the swap is caught. */
extern void (*store_open_hook)(const char *dir, bool opened);

/* Current map size of the open environment (grows on MDB_MAP_FULL). */
size_t store_mapsize(struct store *st);

/* Append n SET changes of field of process (values "bulk N"), many per
 * transaction, as if the current user made them: builds a long history
 * quickly for the benchmark. */
enum store_rc store_bulk_set(struct store *st, const char *process,
                             const char *field, uint64_t n);

/* Write value into field of process as a normal change (value and history
 * entry in one transaction) but WITHOUT record_validate(): lets tests make
 * the store another tool, an older version or damage could leave behind
 * (e.g. control characters), to check that readers stay safe. */
enum store_rc store_raw_set(struct store *st, const char *process,
                            const char *field, const char *value);

/* Put (or with val NULL delete) one key with exactly these bytes, in one
 * transaction, bypassing the codec: tests make the damage a broken disk
 * or another tool could leave (a bad value length, a missing index key). */
enum store_rc store_raw_put(struct store *st, const void *key, size_t klen,
                            const void *val, size_t vlen);

#endif
