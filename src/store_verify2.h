/* store_verify2.h - store_verify() of a schema-2 store (store_verify2.c),
 * called by store_verify.c with the read transaction of the snapshot that
 * mdbcheck found sound. */
#ifndef PRMWB_STORE_VERIFY2_H
#define PRMWB_STORE_VERIFY2_H

#include <lmdb.h>
#include <stddef.h>

#include "store.h"

/* Check every database of st in txn; problems go to fn (*problems: how
 * many). 0 or an LMDB code (the store could not be read). */
int verify_v2(struct store *st, MDB_txn *txn, store_problem_fn fn, void *arg,
              struct store_verify_stats *stats, size_t *problems);

#endif
