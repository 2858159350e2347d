/* store_priv.h - the store's insides, shared by store.c and
 * store_verify.c only (LMDB stays behind these two; everything else uses
 * store.h). */
#ifndef PRMWB_STORE_PRIV_H
#define PRMWB_STORE_PRIV_H

#include <lmdb.h>
#include <stdbool.h>
#include <sys/types.h>

#include "store.h"

struct store {
	MDB_env *env;
	MDB_dbi dbi;
	char *path;
	char *user;             /* whole, at most STORE_MAX_USER bytes */
	char *err;              /* why the last call failed (store_error) */
	bool readonly;
	/* The model the store is bound to (m/model), and with
	 * STORE_OPEN_FORCE_MODEL the one to rebind it to (NULL: none pending).
	 * Opening never writes the binding: the first transaction that writes
	 * a history entry does, so a forced read leaves the store as it was. */
	char *model;
	char *rebind_to;
	pid_t pid;              /* the process that opened it */
	dev_t dev;              /* data.mdb, to find a second open of it */
	ino_t ino;
	struct store *next;     /* open_stores */
};

/* store_open() flag for store_verify(): open the environment only, read
 * no record (not even the schema): a damaged file is read by mdbcheck
 * first, and LMDB walks it only once that found it sound. */
#define STORE_OPEN_RAW (1u << 30)

/* Begin a transaction on st (adopting a map another process grew). From
 * here to store_txn_end() the store's mapped pages are read: a fault in
 * between is a damaged store (fatal.h). 0 or an LMDB code. */
int store_txn_begin(struct store *st, unsigned flags, MDB_txn **txn);
/* Abort it, or with commit commit it (0 or an LMDB code). txn NULL: no-op. */
int store_txn_end(MDB_txn *txn, bool commit);

#endif
