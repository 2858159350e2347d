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

/* Called by the upgrade from schema 1 inside its one transaction: with
 * each history entry's seq once it is replayed, STORE_UPGRADE_CHECKED once
 * the rest was checked, STORE_UPGRADE_DELETED once the schema-1 keys are
 * gone (before the commit). NULL: nothing. Tests kill the process there. */
extern void (*store_upgrade_hook)(uint64_t step);
#define STORE_UPGRADE_CHECKED (UINT64_MAX - 1)
#define STORE_UPGRADE_DELETED UINT64_MAX

/* Current map size of the open environment (grows on MDB_MAP_FULL). */
size_t store_mapsize(struct store *st);

/* Append n SET changes of field of process (values "bulk 0", "bulk 1",
 * ...), each its own change set, as if the current user made them with
 * store_set() (the same keys and values: verify finds them sound), but
 * 500,000 per transaction and with the field's state written once per
 * transaction: builds a long history quickly for the benchmark. */
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
 * or another tool could leave (a bad value length, a missing index key).
 * store_raw_put() writes the main database; store_raw_put_db() the named
 * one (codec.h: "hist", "fhist", "cur", "time", "undo", "aux"; NULL or
 * "": the main one). STORE_INVALID: no such database. */
enum store_rc store_raw_put(struct store *st, const void *key, size_t klen,
                            const void *val, size_t vlen);
enum store_rc store_raw_put_db(struct store *st, const char *db, const void *key, size_t klen,
                               const void *val, size_t vlen);

/* The root page, depth and entries of database db (as for
 * store_raw_put_db; the main one's root is not given: 0), so that tests
 * can damage a tree's pages on purpose. */
enum store_rc store_db_info(struct store *st, const char *db, uint64_t *root,
                            unsigned *depth, uint64_t *entries);

#endif
