/* store.c - opening and closing a store, its transactions and errors (see
 * store.h). The store's other modules: store_write.c (changes),
 * store_read.c (reads, as-of, walks), store_upgrade.c (schema 1 to 2),
 * store_verify.c (checks). LMDB stays behind these files; key and value
 * bytes are codec.c's job (the layout is documented in codec.h and
 * man/prmwb.1 FILES).
 *
 * Every change is one write transaction through store_write_txn(), which
 * keeps the operation's inputs (never LMDB pointers) so that on
 * MDB_MAP_FULL it can abort, double the map with no transaction active,
 * and run the whole operation again.
 *
 * A store of schema 1 is upgraded to schema 2 when it is opened with write
 * access, in one write transaction (a kill leaves schema 1 or schema 2,
 * never a mix; a second prmwb opening it meanwhile waits for the writer
 * lock and finds it upgraded). Opened read-only it is read through a
 * schema-2 copy made in a private temporary directory, so that users
 * without write access can still read it; the store itself is not
 * touched. */
#include "config.h"
#include "store.h"
#include "store_internal.h"
#include "store_priv.h"

#include <errno.h>
#include <fcntl.h>
#include <lmdb.h>
#include <pwd.h>
#include <dirent.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include "codec.h"
#include "fatal.h"
#include "record.h"
#include "text.h"

size_t store_initial_mapsize;

#define DEFAULT_MAPSIZE ((size_t)1 << 20)

/* Stores open in this process. LMDB's locks are POSIX record locks, which
 * a process loses on ANY close of the file: a second environment on the
 * same files, once closed, would drop the first one's locks, so another
 * process could think it alone and reset the lock table under a writer.
 * store_open() therefore refuses a second handle. Entries inherited across
 * fork() belong to the parent (pid differs) and do not count. */
static struct store *open_stores;

/* ---- errors --------------------------------------------------------------- */

/* Codes of an LMDB call or of decoding that mean the file is damaged. A
 * value that cannot be decoded is reported as MDB_CORRUPTED too. */
bool store_is_damage(int rc)
{
	return rc == MDB_CORRUPTED || rc == MDB_PAGE_NOTFOUND;
}

/* The message keeps its reason (strerror for an errno). A message set
 * before for the same failure (store_damage() names the key) is kept. */
enum store_rc store_fail(struct store *st, int rc)
{
	if (!st->err || !st->err[0]) {
		free(st->err);
		st->err = strdup(rc == EINVAL && st->pid != getpid() ?
		                 "the store was opened by the parent process (after fork())" :
		                 mdb_strerror(rc));
	}
	return store_is_damage(rc) ? STORE_DAMAGED : STORE_ERROR;
}

int store_damage(struct store *st, int db, const void *k, size_t klen, const char *what)
{
	char name[300];

	if (db < 0)
		key_describe(k, klen, name, sizeof name);
	else
		key2_describe((enum store_db)db, k, klen, name, sizeof name);
	free(st->err);
	st->err = db < 0 ? text_printf("%s: %s", name, what) :
	          text_printf("%s/%s: %s", store_db_names[db], name, what);
	return MDB_CORRUPTED;
}

/* A call starts: forget the reason of the last failure. */
void store_clear_err(struct store *st)
{
	if (st->err)
		st->err[0] = '\0';
}

MDB_val store_mval(const struct cbuf *b)
{
	MDB_val v = { b->n, b->p };
	return v;
}

bool store_has_prefix(const MDB_val *k, const struct cbuf *prefix)
{
	/* An empty prefix (every key) may have no buffer: memcmp() must not
	 * see its NULL even for 0 bytes. */
	return k->mv_size >= prefix->n &&
	       (prefix->n == 0 || memcmp(k->mv_data, prefix->p, prefix->n) == 0);
}

MDB_dbi store_dbi(const struct store *st, int db)
{
	return db < 0 ? st->dbi : st->db[db];
}

/* Begin a transaction, adopting a map another process has grown. A handle
 * inherited across fork() is refused: the environment is the parent's
 * (LMDB forbids using it in the child).
 *
 * From here to store_txn_end() the store's mapped pages are read: a fault in
 * between is a damaged file (fatal.h), reported as such, not a crash. */
int store_txn_begin(struct store *st, unsigned flags, MDB_txn **txn)
{
	int rc;

	*txn = NULL;
	if (st->pid != getpid())
		return EINVAL;
	fatal_store_enter(st->path);
	rc = mdb_txn_begin(st->env, NULL, flags, txn);

	if (rc == MDB_MAP_RESIZED) {
		rc = mdb_env_set_mapsize(st->env, 0);
		if (rc == 0)
			rc = mdb_txn_begin(st->env, NULL, flags, txn);
	}
	if (rc) {
		*txn = NULL;
		fatal_store_leave();
	}
	return rc;
}

/* Abort (or with commit, commit) a transaction store_txn_begin() began. */
int store_txn_end(MDB_txn *txn, bool commit)
{
	int rc = 0;

	if (!txn)
		return 0;
	if (commit)
		rc = mdb_txn_commit(txn);
	else
		mdb_txn_abort(txn);
	fatal_store_leave();
	return rc;
}

/* LMDB's assertions fire on pages that make no sense: a damaged file. */
static void on_lmdb_assert(MDB_env *env, const char *msg)
{
	(void)env;
	fatal_store_damaged(msg);
}

size_t store_mapsize(struct store *st)
{
	MDB_envinfo info;
	int rc;

	fatal_store_enter(st->path);
	rc = mdb_env_info(st->env, &info);
	fatal_store_leave();
	return rc ? 0 : info.me_mapsize;
}

/* Double the map; only called with no transaction active. */
static bool grow_map(struct store *st)
{
	size_t cur = store_mapsize(st), want;
	bool ok;

	if (cur == 0 || cur > SIZE_MAX / 2)
		return false;
	want = cur * 2;
	fatal_store_enter(st->path);
	ok = mdb_env_set_mapsize(st->env, want) == 0;
	fatal_store_leave();
	return ok;
}

void w_put(struct wtx *w, int db, const struct cbuf *k, const struct cbuf *v, unsigned flags)
{
	MDB_val key, val;

	if (w->mrc)
		return;
	if (k->oom || v->oom) {
		w->mrc = ENOMEM;
		return;
	}
	key = store_mval(k);
	val = store_mval(v);
	w->mrc = mdb_put(w->txn, store_dbi(w->st, db), &key, &val, flags);
}

void w_del(struct wtx *w, int db, const struct cbuf *k)
{
	MDB_val key;
	int rc;

	if (w->mrc)
		return;
	if (k->oom) {
		w->mrc = ENOMEM;
		return;
	}
	key = store_mval(k);
	rc = mdb_del(w->txn, store_dbi(w->st, db), &key, NULL);
	if (rc && rc != MDB_NOTFOUND)
		w->mrc = rc;
}

int t_get(struct store *st, MDB_txn *txn, int db, const struct cbuf *k, MDB_val *v)
{
	MDB_val key;

	if (k->oom)
		return ENOMEM;
	key = store_mval(k);
	return mdb_get(txn, store_dbi(st, db), &key, v);
}

int cursor_last_below(MDB_cursor *cur, const struct cbuf *below, const struct cbuf *prefix,
                      MDB_val *k, MDB_val *v)
{
	int rc;

	if (below->oom || prefix->oom)
		return ENOMEM;
	*k = store_mval(below);
	rc = mdb_cursor_get(cur, k, v, MDB_SET_RANGE);
	if (rc == 0)
		rc = mdb_cursor_get(cur, k, v, MDB_PREV);
	else if (rc == MDB_NOTFOUND)
		rc = mdb_cursor_get(cur, k, v, MDB_LAST);
	if (rc == 0 && !store_has_prefix(k, prefix))
		rc = MDB_NOTFOUND;
	return rc;
}

static void put_meta(struct wtx *w, const char *key, const char *val)
{
	struct cbuf k = { 0 }, v = { 0 };

	cbuf_bytes(&k, key, strlen(key));
	cbuf_bytes(&v, val, strlen(val));
	w_put(w, -1, &k, &v, 0);
	cbuf_free(&k);
	cbuf_free(&v);
}

int store_open_dbs(struct store *st, MDB_txn *txn, bool create)
{
	for (int i = 0; i < DB_COUNT; i++) {
		int rc = mdb_dbi_open(txn, store_db_names[i], create ? MDB_CREATE : 0, &st->db[i]);

		if (rc)
			return rc;
	}
	return 0;
}

enum store_rc store_write_txn(struct store *st, txn_fn fn, void *ctx)
{
	store_clear_err(st);
	if (st->readonly)
		return STORE_READONLY;
	for (int attempt = 0; attempt < 40; attempt++) {
		struct wtx w = { .st = st, .now = (int64_t)time(NULL), .pid = (long)getpid() };
		enum store_rc src;
		int rc = store_txn_begin(st, 0, &w.txn);

		if (rc)
			return store_fail(st, rc);
		src = fn(&w, ctx);
		if (src == STORE_OK && w.mrc == 0 && w.wrote && st->rebind_to)
			put_meta(&w, "m/model", st->rebind_to);
		if (src == STORE_OK && w.mrc == 0) {
			rc = store_txn_end(w.txn, true);
			if (rc == 0) {
				if (w.wrote && st->rebind_to) {
					free(st->model);
					st->model = st->rebind_to;
					st->rebind_to = NULL;
				}
				return STORE_OK;
			}
			w.mrc = rc;
		} else {
			store_txn_end(w.txn, false);
		}
		if (w.mrc == MDB_MAP_FULL) {
			if (!grow_map(st))
				return store_fail(st, MDB_MAP_FULL);
			continue;
		}
		if (w.mrc)
			return store_fail(st, w.mrc);
		return src;
	}
	return store_fail(st, MDB_MAP_FULL);
}

bool store_new_uuid(char *buf)
{
	unsigned char r[16];
	size_t got = 0;

	while (got < sizeof r) {
		ssize_t n = getrandom(r + got, sizeof r - got, 0);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return false;
		got += (size_t)n;
	}
	r[6] = (unsigned char)((r[6] & 0x0F) | 0x40);   /* version 4 */
	r[8] = (unsigned char)((r[8] & 0x3F) | 0x80);   /* RFC 4122 variant */
	snprintf(buf, 37, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-"
	         "%02x%02x%02x%02x%02x%02x", r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7],
	         r[8], r[9], r[10], r[11], r[12], r[13], r[14], r[15]);
	return true;
}

uint64_t store_size(const struct store *st)
{
	MDB_envinfo info;
	MDB_stat stat;
	int rc;

	fatal_store_enter(st->path);
	rc = mdb_env_info(st->env, &info);
	if (rc == 0)
		rc = mdb_env_stat(st->env, &stat);
	fatal_store_leave();
	if (rc)
		return 0;
	return (uint64_t)(info.me_last_pgno + 1) * stat.ms_psize;
}

bool store_readonly(const struct store *st) { return st->readonly; }
const char *store_bound_model(const struct store *st) { return st->model; }
const char *store_path(const struct store *st) { return st->path; }
const char *store_user(const struct store *st) { return st->user; }

void store_set_user(struct store *st, const char *user)
{
	char *u = strdup(user ? user : "");

	if (u) {
		free(st->user);
		st->user = u;
	}
}

const char *store_error(const struct store *st)
{
	return st->err ? st->err : "";
}

const char *store_strerror(enum store_rc rc)
{
	switch (rc) {
	case STORE_OK: return "success";
	case STORE_NOTFOUND: return "not found";
	case STORE_INVALID: return "invalid field or value";
	case STORE_CONFLICT: return "changed by someone else in the meantime";
	case STORE_READONLY: return "the store is open read-only";
	case STORE_WRONG_MODEL: return "the store belongs to another model";
	case STORE_ORPHAN: return "the process is not in the model in use";
	case STORE_ERROR: return "storage error";
	case STORE_DAMAGED: return "the store is damaged";
	}
	return "unknown error";
}

/* ---- open / close ------------------------------------------------------- */

char *store_default_path(void)
{
	const char *e = getenv("PRMWB_DB");
	struct passwd *pw;

	if (e && *e)
		return strdup(e);
	e = getenv("XDG_DATA_HOME");
	if (e && e[0] == '/')   /* the XDG spec: relative values are ignored */
		return text_printf("%s/prmwb", e);
	e = getenv("HOME");
	if (!e || !*e) {
		pw = getpwuid(geteuid());
		e = pw ? pw->pw_dir : NULL;
	}
	if (!e || !*e)
		return NULL;
	return text_printf("%s/.local/share/prmwb", e);
}

bool store_exists(const char *dir)
{
	struct stat sd, sf;
	char *data;
	bool yes;

	if (stat(dir, &sd) != 0)
		return errno != ENOENT;
	if (!S_ISDIR(sd.st_mode))
		return true;    /* not a store: store_open() says so */
	data = text_printf("%s/data.mdb", dir);
	if (!data)
		return true;
	/* lstat: a link, even a dangling one, is for store_open() to refuse. */
	yes = lstat(data, &sf) == 0 || errno != ENOENT;
	free(data);
	return yes;
}

/* An errno from opening: a path that cannot name a store is bad input
 * (exit 2); anything else (permission, I/O, space) refuses (exit 1). */
static enum store_rc errno_rc(int en)
{
	return en == ENOTDIR || en == ENAMETOOLONG || en == ELOOP ?
		STORE_INVALID : STORE_ERROR;
}

/* mkdir -p for the parents of dir (mode 0700), then dir itself with mode. */
static int make_dirs(const char *dir, mode_t mode)
{
	char *p = strdup(dir);
	int rc = 0;

	if (!p)
		return ENOMEM;
	for (char *s = p + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(p, 0700) != 0 && errno != EEXIST) {
			rc = errno;
			break;
		}
		*s = '/';
	}
	if (rc == 0 && mkdir(p, mode) != 0 && errno != EEXIST)
		rc = errno;
	free(p);
	return rc;
}

/* A group-writable setgid directory is meant to be shared by a team. */
static bool shared_dir(const struct stat *s)
{
	return (s->st_mode & S_ISGID) && (s->st_mode & S_IWGRP);
}

/* Mode of a new store directory in a shared parent: setgid (files get the
 * team's group) and sticky (members cannot remove or replace each other's
 * data.mdb and lock.mdb). */
#define SHARED_DIR_MODE 03770

static char *parent_of(const char *dir)
{
	char *p = strdup(dir), *slash;

	if (!p)
		return NULL;
	while (strlen(p) > 1 && p[strlen(p) - 1] == '/')
		p[strlen(p) - 1] = '\0';
	slash = strrchr(p, '/');
	if (!slash)
		strcpy(p, ".");
	else if (slash == p)
		p[1] = '\0';
	else
		*slash = '\0';
	return p;
}

/* The OS user name, whole (malloc'd; NULL: out of memory). */
static char *os_user(void)
{
	struct passwd *pw = getpwuid(geteuid());

	if (pw && pw->pw_name && *pw->pw_name)
		return strdup(pw->pw_name);
	return text_printf("uid%lu", (unsigned long)geteuid());
}

static const char *file_kind(mode_t m)
{
	return S_ISDIR(m) ? "a directory" : S_ISFIFO(m) ? "a FIFO" : S_ISSOCK(m) ? "a socket" :
	       S_ISCHR(m) || S_ISBLK(m) ? "a device" : "not a regular file";
}

/* What a store's files must be, since LMDB opens them by name and follows
 * links: in a shared directory a member of the group could otherwise
 * point another member's prmwb at any file that member can write. So
 * data.mdb and lock.mdb must be regular files, not symbolic links, with
 * one hard link, and data.mdb not writable by others. Who owns them does not matter (stores
 * made by root, files of people who left the group). NULL if s is fine,
 * else a malloc'd reason. */
static char *bad_file(const char *path, const struct stat *s, bool data)
{
	if (S_ISLNK(s->st_mode))
		return text_printf("%s is a symbolic link; a store's files must be regular "
		                   "files (a link could make prmwb write into another file): "
		                   "remove the link, and restore the store from a copy if the "
		                   "link was not made by you", path);
	if (!S_ISREG(s->st_mode))
		return text_printf("%s is %s; a store's files must be regular files", path,
		                   file_kind(s->st_mode));
	/* A hard link is as good as a symbolic one where the system lets
	 * users link others' files (fs.protected_hardlinks=0). */
	if (s->st_nlink > 1)
		return text_printf("%s has %lu hard links; a store's files must have one (a "
		                   "link could make prmwb write into another file): copy the "
		                   "store with mdb_copy instead", path,
		                   (unsigned long)s->st_nlink);
	if (data && (s->st_mode & S_IWOTH))
		return text_printf("%s can be written by anyone (mode %04o), so anyone could "
		                   "change the records: take that away with 'chmod o-w %s'",
		                   path, (unsigned)(s->st_mode & 07777), path);
	return NULL;
}

/* lstat a store file: STORE_OK with *exists, or a refusal in *err. */
static enum store_rc check_file(const char *dir, const char *path, bool data,
                                struct stat *s, bool *exists, char **err)
{
	char *why;

	*exists = false;
	if (lstat(path, s) != 0) {
		int en = errno;

		if (en == ENOENT)
			return STORE_OK;
		*err = text_printf("cannot open store %s: %s: %s", dir, path, strerror(en));
		return errno_rc(en);
	}
	*exists = true;
	why = bad_file(path, s, data);
	if (!why)
		return STORE_OK;
	*err = text_printf("cannot open store %s: %s", dir, why);
	free(why);
	return STORE_INVALID;
}

/* A directory may become a store only if it holds nothing else (a lock
 * file aside, left by a first open that stopped): '--db /etc' must not
 * turn /etc into a store. Returns 0 and *other (malloc'd, NULL if none)
 * the first other entry, or an errno. */
static int other_entry(const char *dir, char **other)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	int en = 0;

	*other = NULL;
	if (!d)
		return errno;
	errno = 0;
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") && strcmp(de->d_name, "..") &&
		    strcmp(de->d_name, "lock.mdb")) {
			*other = strdup(de->d_name);
			if (!*other)
				en = ENOMEM;
			break;
		}
	}
	if (!de && errno)
		en = errno;
	closedir(d);
	return en;
}

/* LMDB maps lock.mdb after only ftruncate()-ing it, so on a full file
 * system its first write into the map dies of SIGBUS: allocate the file
 * first, to the size LMDB gives it ((readers - 1) * sizeof(MDB_reader) +
 * sizeof(MDB_txninfo), 64 and 192 bytes on Linux, rounded up to a page:
 * 8 KiB for the default 126 readers; a larger file only gives more reader
 * slots). Opened without following links. 0 or an errno. */
static int prealloc_lock(struct store *st, const char *lock, mode_t mode)
{
	unsigned readers = 126;
	long pg = sysconf(_SC_PAGESIZE);
	off_t need;
	struct stat s;
	int fd, rc;

	mdb_env_get_maxreaders(st->env, &readers);
	if (pg <= 0)
		pg = 4096;
	need = ((off_t)(readers ? readers - 1 : 0) * 64 + 192 + pg - 1) / pg * pg;
	fd = open(lock, O_RDWR | O_CREAT | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, mode);
	if (fd < 0)
		return errno;
	rc = fstat(fd, &s) != 0 ? errno : !S_ISREG(s.st_mode) ? EINVAL : 0;
	if (rc) {
		close(fd);
		return rc;
	}
	rc = posix_fallocate(fd, 0, s.st_size > need ? s.st_size : need);
	/* Close before LMDB opens it: its locks are POSIX record locks, which
	 * any close() of the file in this process would drop. */
	close(fd);
	return rc == EOPNOTSUPP || rc == EINVAL ? 0 : rc;
}

/* The n lowest descriptors not open now: LMDB's next open() calls get
 * them (open() takes the lowest free one, and nothing else opens files
 * meanwhile: prmwb is one thread). -1 where there are fewer. */
static void free_fds(int *fds, int n)
{
	int k = 0;

	for (int fd = 0; k < n && fd < 1 << 20; fd++)
		if (fcntl(fd, F_GETFD) == -1 && errno == EBADF)
			fds[k++] = fd;
	while (k < n)
		fds[k++] = -1;
}

static bool same_file(const struct stat *a, const struct stat *b)
{
	return a->st_dev == b->st_dev && a->st_ino == b->st_ino;
}

/* After mdb_env_open(): LMDB opened the files by name, so one could have
 * been swapped for a link since check_file() looked. Every descriptor it
 * opened (among fds, free before) must be data.mdb or lock.mdb as they
 * are now, and those must still pass bad_file(); need_lock: LMDB must
 * have opened lock.mdb. NULL if all is well, else a malloc'd reason. */
static char *check_opened(struct store *st, const int *fds, int n, const char *data,
                          const char *lock, bool need_lock)
{
	struct stat sd, sl, sf;
	bool has_lock, lock_seen = false;
	int dfd = -1;
	char *why;

	if (lstat(data, &sd) != 0)
		return text_printf("%s disappeared while it was being opened", data);
	if ((why = bad_file(data, &sd, true)) != NULL)
		return why;
	has_lock = lstat(lock, &sl) == 0;
	if (has_lock && (why = bad_file(lock, &sl, false)) != NULL)
		return why;
	if (mdb_env_get_fd(st->env, &dfd) != 0 || dfd < 0 || fstat(dfd, &sf) != 0 ||
	    !same_file(&sf, &sd))
		return text_printf("%s was replaced while it was being opened", data);
	for (int i = 0; i < n; i++) {
		if (fds[i] < 0 || fstat(fds[i], &sf) != 0 || same_file(&sf, &sd))
			continue;
		if (has_lock && same_file(&sf, &sl)) {
			lock_seen = true;
			continue;
		}
		return text_printf("%s or %s was replaced while it was being opened", data, lock);
	}
	if (need_lock && !lock_seen)
		return text_printf("%s was replaced while it was being opened", lock);
	return NULL;
}

void (*store_open_hook)(const char *dir, bool opened);

/* Open the environment: 0 or an LMDB code (an errno included). A file
 * swapped for a link (check_opened, prealloc_lock) gives EXDEV, which
 * LMDB never returns here, with *why (malloc'd) saying which; a new
 * lock.mdb that cannot be allocated gives that errno, *why saying so. */
static int env_open(struct store *st, const char *data, const char *lock, bool create,
                    bool shared, unsigned flags, char **why)
{
	mode_t old = 0, mode = shared ? 0660 : 0600;
	int fds[4], rc = 0;
	bool had_lock;
	struct stat sl;

	*why = NULL;
	rc = mdb_env_create(&st->env);
	if (rc)
		return rc;
	mdb_env_set_assert(st->env, on_lmdb_assert);
	mdb_env_set_maxdbs(st->env, DB_COUNT + 2);
	if (create)
		mdb_env_set_mapsize(st->env, store_initial_mapsize ?
		                    store_initial_mapsize : DEFAULT_MAPSIZE);
	/* In a shared directory the group must be able to write the files
	 * whatever the user's umask says about the group. */
	if (shared)
		old = umask(umask(0) & ~(mode_t)070);
	had_lock = lstat(lock, &sl) == 0;
	if (!(flags & MDB_NOLOCK)) {
		rc = prealloc_lock(st, lock, mode);
		if (rc == ELOOP || (rc == EINVAL && had_lock)) {
			*why = text_printf("%s was replaced by a link or another kind of file "
			                   "while it was being opened", lock);
			rc = EXDEV;
		} else if (rc && rc != EACCES && rc != EPERM && rc != EROFS && !had_lock) {
			/* Ours and unusable (no space): leave nothing behind. */
			unlink(lock);
			*why = text_printf("cannot allocate %s: %s", lock, strerror(rc));
		} else {
			rc = 0;         /* LMDB decides (read-only fallbacks) */
		}
	}
	if (rc == 0) {
		if (store_open_hook)
			store_open_hook(st->path, false);
		free_fds(fds, 4);
		fatal_store_enter(st->path);
		rc = mdb_env_open(st->env, st->path, flags, mode);
		fatal_store_leave();
		if (store_open_hook)
			store_open_hook(st->path, true);
		if (rc == 0) {
			*why = check_opened(st, fds, 4, data, lock,
			                    !(flags & (MDB_NOLOCK | MDB_RDONLY)));
			if (*why)
				rc = EXDEV;
		}
	}
	if (shared)
		umask(old);
	if (rc) {
		mdb_env_close(st->env);
		st->env = NULL;
	}
	return rc;
}


static enum store_rc reopen_dbs(struct store *st, char **err);
static void remove_view(const char *dir);
static enum store_rc upgrade(struct store *st, char **err, char **notice);

/* ---- schema: a new store, the upgrade, a view of schema 1 ------------------ */

/* The meta keys every schema-2 store has. uuid NULL: none (a view). */
static void init_meta(struct wtx *w, const char *model, const char *uuid)
{
	char schema[16];

	snprintf(schema, sizeof schema, "%d", STORE_SCHEMA);
	put_meta(w, "m/schema", schema);
	put_meta(w, "m/model", model);
	if (uuid)
		put_meta(w, "m/uuid", uuid);
	/* A prmwb of schema 1 reads m/seq before every write and refuses a
	 * value that is not 8 bytes as damage: one that had the store open
	 * while it was upgraded writes nothing. */
	put_meta(w, "m/seq", "schema version 2");
}

/* Initialise a new store (arg: the model id). */
static enum store_rc do_init(struct wtx *w, void *arg)
{
	w->mrc = store_open_dbs(w->st, w->txn, true);
	init_meta(w, arg, w->st->uuid);
	return STORE_OK;
}

/* m/schema of the store as read in txn: 0 if absent, -1 if not a number. */
static int read_schema(struct store *st, MDB_txn *txn, int *schema)
{
	MDB_val k = { 8, "m/schema" }, v;
	char buf[16];
	int rc = mdb_get(txn, st->dbi, &k, &v);

	*schema = 0;
	if (rc == MDB_NOTFOUND)
		return 0;
	if (rc)
		return rc;
	snprintf(buf, sizeof buf, "%.*s", (int)(v.mv_size < 15 ? v.mv_size : 15),
	         (const char *)v.mv_data);
	*schema = v.mv_size > 0 && v.mv_size < 10 && strspn(buf, "0123456789") == v.mv_size ?
	          atoi(buf) : -1;
	return 0;
}

struct upgrade_ctx {
	MDB_txn *rtxn;          /* NULL: in place */
	const char *model;      /* a view: the model id for its m/model */
	char *why;
};

/* Upgrade in place (rtxn NULL), or fill a view from rtxn. */
static enum store_rc do_upgrade(struct wtx *w, void *arg)
{
	struct upgrade_ctx *u = arg;
	enum store_rc src;
	int schema = 0;

	free(u->why);
	u->why = NULL;
	if (!u->rtxn) {
		/* Another prmwb may have upgraded it since we looked. */
		w->mrc = read_schema(w->st, w->txn, &schema);
		if (w->mrc)
			return STORE_ERROR;
		if (schema == STORE_SCHEMA)
			return STORE_OK;
		if (schema != STORE_SCHEMA_V1)
			return STORE_INVALID;
	}
	w->mrc = store_open_dbs(w->st, w->txn, true);
	if (w->mrc)
		return STORE_ERROR;
	src = upgrade_v1(w, u->rtxn ? u->rtxn : w->txn, w->st->dbi, &u->why);
	if (src != STORE_OK || w->mrc)
		return src;
	if (u->rtxn) {
		init_meta(w, u->model, NULL);
	} else {
		char mark[512], when[32];
		time_t now = (time_t)w->now;
		struct tm tm;

		if (!gmtime_r(&now, &tm) || !strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm))
			snprintf(when, sizeof when, "-");
		snprintf(mark, sizeof mark, "schema 1 to 2 at %s by %.256s (prmwb %s): %llu "
		         "history entries", when, w->st->user, PACKAGE_VERSION,
		         (unsigned long long)w->last_seq);
		init_meta(w, w->st->model, w->st->uuid);
		put_meta(w, "m/upgraded", mark);
	}
	return STORE_OK;
}

/* Bytes of the data file in use (the map needs room for a copy of it). */
static size_t used_bytes(MDB_env *env)
{
	MDB_envinfo info;
	MDB_stat stat;

	if (mdb_env_info(env, &info) || mdb_env_stat(env, &stat))
		return 0;
	return (size_t)(info.me_last_pgno + 1) * stat.ms_psize;
}

/* Room for an upgrade: the schema-2 keys are written before the schema-1
 * ones go, in one transaction. env: the environment to write (opened:
 * grown if smaller; not yet opened: given that size); from: the one read. */
static void room_for_upgrade(MDB_env *env, bool opened, MDB_env *from)
{
	MDB_envinfo info;
	size_t want;

	fatal_store_enter("");
	want = used_bytes(from) * 2 + ((size_t)16 << 20);
	if (!opened || (mdb_env_info(env, &info) == 0 && info.me_mapsize < want))
		mdb_env_set_mapsize(env, want);
	fatal_store_leave();
}

/* A read-only schema-1 store: make a schema-2 copy in a private temporary
 * directory and read that instead (store.h, store_open). */
static enum store_rc make_view(struct store *st, char **err)
{
	const char *tmp = getenv("TMPDIR");
	char *dir = text_printf("%s/prmwb-view-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	struct upgrade_ctx u = { NULL, st->model, NULL };
	MDB_env *src = st->env, *env = NULL;
	enum store_rc rc = STORE_ERROR;
	int mrc;

	if (!dir || !mkdtemp(dir)) {
		*err = text_printf("%s: schema-1 store opened read-only: cannot make a temporary "
		                   "directory to read it through (%s): %s", st->path,
		                   dir ? dir : "out of memory", strerror(errno));
		free(dir);
		return STORE_ERROR;
	}
	mrc = mdb_env_create(&env);
	if (mrc == 0) {
		mdb_env_set_maxdbs(env, DB_COUNT + 2);
		mdb_env_set_assert(env, on_lmdb_assert);
		room_for_upgrade(env, false, src);
		mrc = mdb_env_open(env, dir, MDB_NOSYNC | MDB_NOLOCK, 0600);
	}
	if (mrc == 0) {
		fatal_store_enter(st->path);
		mrc = mdb_txn_begin(src, NULL, MDB_RDONLY, &u.rtxn);
		fatal_store_leave();
	}
	if (mrc == 0) {
		st->env = env;
		st->readonly = false;
		st->view_dir = dir;
		rc = store_write_txn(st, do_upgrade, &u);
		st->readonly = true;
		store_txn_end(u.rtxn, false);
		if (rc == STORE_OK) {
			mdb_env_close(src);
			st->have_dbs = true;
			return STORE_OK;
		}
		*err = text_printf("%s: schema-1 store opened read-only: cannot read it: %s",
		                   st->path, u.why ? u.why : store_error(st));
		st->env = src;
		st->view_dir = NULL;
	} else {
		*err = text_printf("%s: schema-1 store opened read-only: cannot make a copy to "
		                   "read it through in %s: %s", st->path, dir, mdb_strerror(mrc));
		rc = store_is_damage(mrc) ? STORE_DAMAGED : STORE_ERROR;
	}
	free(u.why);
	if (env)
		mdb_env_close(env);
	remove_view(dir);
	free(dir);
	return rc;
}

/* Reads schema and model id, initialises a new store (bound to ids[0]),
 * upgrades a schema-1 store, checks the model: a store bound to any of ids
 * opens as it is. *notice (malloc'd) says how a schema-1 store was read. */
static enum store_rc check_meta(struct store *st, const char *const *ids, size_t n_ids,
                                unsigned flags, char **err, char **notice)
{
	const char *model_id = ids[0];
	bool ours = false;
	MDB_txn *txn;
	MDB_val k, v;
	MDB_stat ms;
	char model[128] = "";
	int rc, schema = 0;

	rc = store_txn_begin(st, MDB_RDONLY, &txn);
	if (rc == 0)
		rc = mdb_dbi_open(txn, NULL, 0, &st->dbi);
	if (rc == 0)
		rc = read_schema(st, txn, &schema);
	/* Only an empty main database is a new store: a damaged page can make
	 * m/schema look absent, and must not be taken for one (LMDB's count of
	 * entries is in the meta page, not in the pages). */
	if (rc == 0 && schema == 0 && mdb_stat(txn, st->dbi, &ms) == 0 && ms.ms_entries > 0)
		rc = MDB_CORRUPTED;
	if (rc == 0) {
		k.mv_data = "m/model";
		k.mv_size = 7;
		rc = mdb_get(txn, st->dbi, &k, &v);
		if (rc == 0)
			snprintf(model, sizeof model, "%.*s",
			         (int)(v.mv_size < 127 ? v.mv_size : 127), (const char *)v.mv_data);
	}
	if ((rc == 0 || rc == MDB_NOTFOUND) && schema == STORE_SCHEMA) {
		/* A store of schema 2 has all of these: one missing is damage. */
		k.mv_data = "m/uuid";
		k.mv_size = 6;
		rc = mdb_get(txn, st->dbi, &k, &v);
		if (rc == 0 && v.mv_size == 36)
			snprintf(st->uuid, sizeof st->uuid, "%.36s", (const char *)v.mv_data);
		else if (rc == 0 || rc == MDB_NOTFOUND)
			rc = MDB_CORRUPTED;
		if (rc == 0)
			rc = store_open_dbs(st, txn, false);
		if (rc == MDB_NOTFOUND || rc == MDB_INCOMPATIBLE)
			rc = MDB_CORRUPTED;
		if (rc == 0) {
			/* A read transaction's handles last only if it commits. */
			rc = store_txn_end(txn, true);
			txn = NULL;
			st->have_dbs = rc == 0;
		}
	}
	store_txn_end(txn, false);
	/* Only a key that is really absent means a new store: a read error
	 * must not make an existing store look empty and be initialised. */
	if (rc != 0 && rc != MDB_NOTFOUND) {
		if (store_is_damage(rc))
			*err = text_printf("the store in %s is damaged (%s): run 'prmwb verify' "
			                   "for details; restore it from a copy made with "
			                   "'mdb_copy -c' (see prmwb(1), BACKUP)", st->path,
			                   mdb_strerror(rc));
		else
			*err = text_printf("cannot open store %s: cannot read it: %s", st->path,
			                   mdb_strerror(rc));
		return store_is_damage(rc) ? STORE_DAMAGED : STORE_ERROR;
	}

	if (schema == 0) {
		enum store_rc src;

		st->model = strdup(model_id);
		if (!st->model) {
			*err = strdup("out of memory");
			return STORE_ERROR;
		}
		if (st->readonly)
			return STORE_OK;        /* empty store: nothing to read */
		if (!store_new_uuid(st->uuid)) {
			*err = text_printf("cannot create store %s: no random bytes for its UUID: %s",
			                   st->path, strerror(errno));
			return STORE_ERROR;
		}
		src = store_write_txn(st, do_init, (void *)model_id);
		if (src != STORE_OK) {
			*err = text_printf("cannot create store %s: cannot write its first "
			                   "transaction: %s", st->path, store_error(st));
			return src;
		}
		return reopen_dbs(st, err);
	}
	if (schema != STORE_SCHEMA && schema != STORE_SCHEMA_V1) {
		*err = text_printf("%s: store has schema version %s; this prmwb reads version %d "
		                   "(and upgrades version %d): use a newer prmwb", st->path,
		                   schema < 0 ? "that is not a number" : "newer than it knows",
		                   STORE_SCHEMA, STORE_SCHEMA_V1);
		if (schema > 0) {
			free(*err);
			*err = text_printf("%s: store has schema version %d; this prmwb reads "
			                   "version %d (and upgrades version %d): use a newer prmwb",
			                   st->path, schema, STORE_SCHEMA, STORE_SCHEMA_V1);
		}
		return STORE_ERROR;
	}
	/* A model that extends the store's (a tailored one) uses its records
	 * as they are: the store stays bound to the model it extends. */
	for (size_t i = 0; i < n_ids && !ours; i++)
		ours = strcmp(model, ids[i]) == 0;
	if (!ours && !(flags & STORE_OPEN_FORCE_MODEL)) {
		*err = text_printf("%s: store belongs to model '%s', not '%s'; use "
		                 "--force-model to use it with this model anyway",
		                 st->path, model, model_id);
		return STORE_WRONG_MODEL;
	}
	/* Forced: only the first change written rebinds (store_write_txn). */
	st->model = strdup(model);
	if (!ours)
		st->rebind_to = strdup(model_id);
	if (!st->model || (!ours && !st->rebind_to)) {
		*err = strdup("out of memory");
		return STORE_ERROR;
	}
	if (schema == STORE_SCHEMA_V1)
		return upgrade(st, err, notice);
	return STORE_OK;
}

/* After a transaction that made the databases: their handles for good. */
static enum store_rc reopen_dbs(struct store *st, char **err)
{
	MDB_txn *txn;
	char uuid[37];
	MDB_val k = { 6, "m/uuid" }, v;
	int rc = store_txn_begin(st, MDB_RDONLY, &txn);

	if (rc == 0)
		rc = store_open_dbs(st, txn, false);
	if (rc == 0 && mdb_get(txn, st->dbi, &k, &v) == 0 && v.mv_size == 36) {
		snprintf(uuid, sizeof uuid, "%.36s", (const char *)v.mv_data);
		memcpy(st->uuid, uuid, sizeof uuid);
	}
	if (rc == 0) {
		rc = store_txn_end(txn, true);
		txn = NULL;
	}
	store_txn_end(txn, false);
	if (rc) {
		*err = text_printf("cannot open store %s: %s", st->path, mdb_strerror(rc));
		return store_is_damage(rc) ? STORE_DAMAGED : STORE_ERROR;
	}
	st->have_dbs = true;
	return STORE_OK;
}

/* Remove a view's directory and its files. */
static void remove_view(const char *dir)
{
	char *p;

	if (!dir)
		return;
	p = text_printf("%s/data.mdb", dir);
	if (p)
		unlink(p);
	free(p);
	p = text_printf("%s/lock.mdb", dir);
	if (p)
		unlink(p);
	free(p);
	rmdir(dir);
}

/* A schema-1 store: upgrade it in place, or read it through a view. */
static enum store_rc upgrade(struct store *st, char **err, char **notice)
{
	struct upgrade_ctx u = { NULL, NULL, NULL };
	enum store_rc src;

	if (st->readonly) {
		src = make_view(st, err);
		if (src == STORE_OK)
			*notice = text_printf("%s: store of schema version 1 opened read-only: read "
			                      "through a copy in schema version 2 (the store is "
			                      "upgraded by the first prmwb that opens it with write "
			                      "access)", st->path);
		return src;
	}
	if (!store_new_uuid(st->uuid)) {
		*err = text_printf("cannot upgrade store %s: no random bytes for its UUID: %s",
		                   st->path, strerror(errno));
		return STORE_ERROR;
	}
	room_for_upgrade(st->env, true, st->env);
	src = store_write_txn(st, do_upgrade, &u);
	if (src != STORE_OK) {
		if (src == STORE_DAMAGED || (src == STORE_INVALID && u.why))
			*err = text_printf("the store in %s is damaged (%s): it cannot be upgraded "
			                   "from schema version 1; run 'prmwb verify' for details; "
			                   "restore it from a copy made with 'mdb_copy -c' (see "
			                   "prmwb(1), BACKUP)", st->path,
			                   u.why ? u.why : store_error(st));
		else
			*err = text_printf("cannot upgrade store %s from schema version 1: %s",
			                   st->path, u.why ? u.why : store_error(st));
		free(u.why);
		return src == STORE_INVALID ? STORE_DAMAGED : src;
	}
	free(u.why);
	st->uuid[0] = '\0';
	return reopen_dbs(st, err);
}
enum store_rc store_open(const char *dir, const char *model_id, unsigned flags,
                         struct store **out, char **err)
{
	return store_open_lineage(dir, &model_id, 1, flags, out, err);
}

enum store_rc store_open_lineage(const char *dir, const char *const *ids, size_t n_ids,
                                 unsigned flags, struct store **out, char **err)
{
	struct store *st;
	struct stat sd, sf, sl;
	char *data = NULL, *lock = NULL, *notice = NULL, *notice2 = NULL, *e = NULL, *why = NULL;
	bool create = false, shared = false, has_data = false, had_lock = false;
	enum store_rc src;
	int rc;

	*out = NULL;
	if (!err)
		err = &e;
	*err = NULL;
	st = calloc(1, sizeof *st);
	if (!st || !(st->path = strdup(dir)) || !(st->user = os_user())) {
		if (st)
			free(st->path);
		free(st);
		*err = strdup("out of memory");
		return STORE_ERROR;
	}
	st->readonly = flags & STORE_OPEN_READONLY;
	data = text_printf("%s/data.mdb", dir);
	lock = text_printf("%s/lock.mdb", dir);
	if (!data || !lock)
		goto oom;
	if (strlen(st->user) > STORE_MAX_USER) {
		*err = text_printf("cannot open store %s: the user name is %zu bytes long; a "
		                   "store records names of at most %d bytes, whole",
		                   dir, strlen(st->user), STORE_MAX_USER);
		src = STORE_ERROR;
		goto fail;
	}

	if (stat(dir, &sd) != 0) {
		struct stat sp;
		char *parent;

		if (errno != ENOENT || !(flags & STORE_OPEN_CREATE) || st->readonly) {
			int en = errno;

			*err = en == ENOENT ?
				text_printf("%s: no store here yet (it is created by the first 'prmwb set')", dir) :
				text_printf("cannot open store %s: %s", dir, strerror(en));
			src = en == ENOENT ? STORE_NOTFOUND : errno_rc(en);
			goto fail;
		}
		parent = parent_of(dir);
		shared = parent && stat(parent, &sp) == 0 && shared_dir(&sp);
		free(parent);
		rc = make_dirs(dir, shared ? SHARED_DIR_MODE : 0700);
		if (rc == 0 && shared)
			rc = chmod(dir, SHARED_DIR_MODE) ? errno : 0;
		if (rc) {
			*err = text_printf("cannot create store %s: %s", dir, strerror(rc));
			src = errno_rc(rc);
			goto fail;
		}
		create = true;
	} else if (!S_ISDIR(sd.st_mode)) {
		*err = text_printf("cannot open store %s: not a directory (a store is a "
		                   "directory)", dir);
		src = STORE_INVALID;
		goto fail;
	} else {
		shared = shared_dir(&sd);
		src = check_file(dir, data, true, &sf, &has_data, err);
		if (src == STORE_OK)
			src = check_file(dir, lock, false, &sl, &had_lock, err);
		if (src != STORE_OK)
			goto fail;
		if (!has_data) {
			char *other = NULL;

			if (!(flags & STORE_OPEN_CREATE) || st->readonly) {
				*err = text_printf("%s: no store here yet (it is created by the "
				                 "first 'prmwb set')", dir);
				src = STORE_NOTFOUND;
				goto fail;
			}
			rc = other_entry(dir, &other);
			if (rc || other) {
				*err = rc ? text_printf("cannot create store %s: %s", dir, strerror(rc)) :
					text_printf("cannot create store %s: the directory is not empty "
					            "(it holds '%s') and holds no store (no data.mdb); "
					            "a store needs a new or empty directory", dir, other);
				src = rc ? errno_rc(rc) : STORE_INVALID;
				free(other);
				goto fail;
			}
			create = true;
		}
	}

	st->pid = getpid();
	if (!create) {
		st->dev = sf.st_dev;
		st->ino = sf.st_ino;
		for (struct store *o = open_stores; o; o = o->next) {
			if (o->pid == st->pid && o->dev == st->dev && o->ino == st->ino) {
				*err = text_printf("cannot open store %s: it is already open in "
				                   "this process (LMDB allows one handle per "
				                   "process)", dir);
				src = STORE_ERROR;
				goto fail;
			}
		}
	}
	if (!st->readonly && (access(dir, W_OK) != 0 ||
	                      (!create && access(data, W_OK) != 0))) {
		st->readonly = true;
		notice = text_printf("%s: no write permission: store opened read-only", dir);
	}
	rc = env_open(st, data, lock, create, shared, st->readonly ? MDB_RDONLY : 0, &why);
	if ((rc == EACCES || rc == EROFS || rc == EPERM) && !st->readonly && !create) {
		st->readonly = true;
		free(notice);
		notice = text_printf("%s: %s: store opened read-only", dir,
		                   rc == EROFS ? "read-only file system" : "no write permission");
		free(why);
		rc = env_open(st, data, lock, false, shared, MDB_RDONLY, &why);
	}
	/* Readers normally register in lock.mdb; if even that cannot be written,
	 * read without the lock table (a concurrent writer could then disturb a
	 * long read; prmwb's reads are short). */
	if ((rc == EACCES || rc == EROFS || rc == EPERM) && st->readonly) {
		free(why);
		rc = env_open(st, data, lock, false, shared, MDB_RDONLY | MDB_NOLOCK, &why);
	}
	if (rc == EXDEV && why) {
		*err = text_printf("cannot open store %s: %s", dir, why);
		src = STORE_INVALID;
		goto fail;
	}
	if (rc == MDB_INVALID || rc == MDB_VERSION_MISMATCH) {
		/* Not a store: no process can use this data file, so the lock
		 * file the attempt made is nobody's; leave the directory as it
		 * was. (For other errors a lock.mdb may already serve others.) */
		if (!had_lock)
			unlink(lock);
		*err = text_printf("cannot open store %s: %s is %s (%s)", dir, data,
		                   rc == MDB_INVALID ? "not an LMDB store or is damaged" :
		                   "an LMDB store of another LMDB version",
		                   mdb_strerror(rc));
		src = STORE_INVALID;
		goto fail;
	}
	if (rc) {
		*err = why ? text_printf("cannot %s store %s: %s", create ? "create" : "open",
		                         dir, why) :
			text_printf("cannot %s store %s: %s", create ? "create" : "open",
			            dir, mdb_strerror(rc));
		src = rc > 0 ? errno_rc(rc) : STORE_ERROR;
		goto fail;
	}
	{
		int dead = 0;
		/* Reader slots of processes that were killed would pin old pages
		 * forever (the file only grows); clear them now. */
		mdb_reader_check(st->env, &dead);
	}
	if (create) {
		if (lstat(data, &sf) == 0) {
			st->dev = sf.st_dev;
			st->ino = sf.st_ino;
		}
	}
	src = flags & STORE_OPEN_RAW ? STORE_OK : check_meta(st, ids, n_ids, flags, err, &notice2);
	if (src != STORE_OK)
		goto fail;
	if (notice2) {
		free(notice);
		notice = notice2;
		notice2 = NULL;
	}
	st->next = open_stores;
	open_stores = st;
	free(data);
	free(lock);
	free(why);
	if (notice) {
		if (err == &e)
			free(notice);
		else
			*err = notice;
	}
	*out = st;
	return STORE_OK;
oom:
	*err = strdup("out of memory");
	src = STORE_ERROR;
fail:
	free(notice);
	free(notice2);
	free(data);
	free(lock);
	free(why);
	store_close(st);
	if (err == &e)
		free(e);
	return src;
}

void store_close(struct store *st)
{
	if (!st)
		return;
	for (struct store **o = &open_stores; *o; o = &(*o)->next) {
		if (*o == st) {
			*o = st->next;
			break;
		}
	}
	/* LMDB forbids any use of an environment in a forked child, closing
	 * included (it would tear down the parent's mapping state and lock
	 * bookkeeping): a child only frees our memory; the descriptors go at
	 * exit or exec. */
	if (st->env && st->pid == getpid())
		mdb_env_close(st->env);
	remove_view(st->view_dir);
	free(st->view_dir);
	free(st->model);
	free(st->rebind_to);
	free(st->path);
	free(st->user);
	free(st->err);
	free(st);
}


/* ---- test hooks (store_internal.h) ----------------------------------------- */

struct raw_ctx {
	int db;
	struct cbuf k, v;
	bool del;
};

static enum store_rc do_raw_put(struct wtx *w, void *arg)
{
	struct raw_ctx *r = arg;

	if (r->del)
		w_del(w, r->db, &r->k);
	else
		w_put(w, r->db, &r->k, &r->v, 0);
	return STORE_OK;
}

enum store_rc store_raw_put_db(struct store *st, const char *db, const void *key, size_t klen,
                               const void *val, size_t vlen)
{
	struct raw_ctx r = { -1, { 0 }, { 0 }, val == NULL };
	enum store_rc src;

	if (db && *db) {
		for (int i = 0; i < DB_COUNT; i++)
			if (strcmp(db, store_db_names[i]) == 0)
				r.db = i;
		if (r.db < 0 || !st->have_dbs)
			return STORE_INVALID;
	}
	cbuf_bytes(&r.k, key, klen);
	if (val)
		cbuf_bytes(&r.v, val, vlen);
	src = store_write_txn(st, do_raw_put, &r);
	cbuf_free(&r.k);
	cbuf_free(&r.v);
	return src;
}

enum store_rc store_raw_put(struct store *st, const void *key, size_t klen,
                            const void *val, size_t vlen)
{
	return store_raw_put_db(st, NULL, key, klen, val, vlen);
}

enum store_rc store_db_info(struct store *st, const char *db, uint64_t *root,
                            unsigned *depth, uint64_t *entries)
{
	MDB_txn *txn;
	MDB_stat s;
	MDB_dbi dbi = st->dbi;
	MDB_val k, v;
	int rc;

	*root = 0;
	if (db && *db) {
		int i;

		for (i = 0; i < DB_COUNT && strcmp(db, store_db_names[i]); i++)
			;
		if (i == DB_COUNT || !st->have_dbs)
			return STORE_INVALID;
		dbi = st->db[i];
	}
	rc = store_txn_begin(st, MDB_RDONLY, &txn);
	if (rc == 0)
		rc = mdb_stat(txn, dbi, &s);
	/* LMDB keeps a named database's record (MDB_db: its root page last)
	 * in the main database under its name. */
	if (rc == 0 && db && *db) {
		k.mv_data = (void *)db;
		k.mv_size = strlen(db);
		if (mdb_get(txn, st->dbi, &k, &v) == 0 && v.mv_size >= sizeof(size_t)) {
			size_t r;

			memcpy(&r, (const char *)v.mv_data + v.mv_size - sizeof r, sizeof r);
			*root = r;
		}
	}
	store_txn_end(txn, false);
	if (rc)
		return store_fail(st, rc);
	*depth = s.ms_depth;
	*entries = s.ms_entries;
	return STORE_OK;
}
