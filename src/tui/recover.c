/* recover.c - recovery files of unsaved workbench text (see recover.h). */
#include "config.h"
#include "tui/recover.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "record.h"
#include "text.h"

#define MAGIC "prmwb-recovery 1"
/* Longest header line: store paths may be long, values are escaped (up to
 * 4 bytes a byte). The header of a sane file is far below this. */
#define MAX_HEADER (64u * 1024u)

/* ---- where ---------------------------------------------------------------- */

char *recover_dir(void)
{
	const char *x = getenv("XDG_STATE_HOME");
	const char *home = getenv("HOME");

	/* The XDG spec: a relative XDG_STATE_HOME is invalid and ignored. */
	if (x && x[0] == '/')
		return text_printf("%s/prmwb", x);
	if (!home || !home[0]) {
		struct passwd *pw = getpwuid(geteuid());

		home = pw ? pw->pw_dir : NULL;
	}
	if (!home || !home[0])
		return NULL;
	return text_printf("%s/.local/state/prmwb", home);
}

char *recover_store_key(const char *db_path)
{
	char *r = realpath(db_path, NULL);
	char cwd[PATH_MAX];

	if (r)
		return r;
	if (db_path[0] == '/' || !getcwd(cwd, sizeof cwd))
		return strdup(db_path);
	return text_printf("%s/%s", cwd, db_path);
}

/* ---- format ----------------------------------------------------------------- */

struct out {
	char *p;
	size_t n, cap;
	bool oom;
};

static void put(struct out *o, const char *s, size_t n)
{
	if (o->oom)
		return;
	if (o->n + n + 1 > o->cap) {
		size_t cap = (o->n + n + 1) * 2;
		char *p = realloc(o->p, cap);

		if (!p) {
			o->oom = true;
			return;
		}
		o->p = p;
		o->cap = cap;
	}
	memcpy(o->p + o->n, s, n);
	o->n += n;
	o->p[o->n] = '\0';
}

static void put_str(struct out *o, const char *s)
{
	put(o, s, strlen(s));
}

/* "key value\n", the value escaped. */
static void put_kv(struct out *o, const char *key, const char *v)
{
	put_str(o, key);
	put(o, " ", 1);
	for (const unsigned char *u = (const unsigned char *)(v ? v : ""); *u; u++) {
		char esc[8];

		if (*u == '\\')
			put(o, "\\\\", 2);
		else if (*u == '\n')
			put(o, "\\n", 2);
		else if (*u < 0x20 || *u == 0x7f) {
			snprintf(esc, sizeof esc, "\\x%02X", *u);
			put(o, esc, 4);
		} else
			put(o, (const char *)u, 1);
	}
	put(o, "\n", 1);
}

static void put_num(struct out *o, const char *key, uintmax_t v)
{
	char b[32];

	snprintf(b, sizeof b, "%ju", v);
	put_kv(o, key, b);
}

char *recover_format(const struct recovery *r, size_t *len)
{
	struct out o = { 0 };

	put_str(&o, MAGIC "\n");
	put_kv(&o, "store", r->store);
	put_kv(&o, "model", r->model);
	put_kv(&o, "process", r->process);
	put_kv(&o, "field", r->field);
	put_num(&o, "base", r->base);
	put_kv(&o, "editor", r->editor == RECOVER_LINE ? "line" : "external");
	if (r->pid > 0)
		put_num(&o, "pid", (uintmax_t)r->pid);
	if (r->time > 0)
		put_num(&o, "time", (uintmax_t)r->time);
	if (r->user && r->user[0])
		put_kv(&o, "user", r->user);
	if (r->reason && r->reason[0])
		put_kv(&o, "reason", r->reason);
	put_num(&o, "length", r->len);
	put(&o, "\n", 1);
	put(&o, r->text ? r->text : "", r->len);
	if (o.oom) {
		free(o.p);
		return NULL;
	}
	*len = o.n;
	return o.p;
}

/* ---- parse ------------------------------------------------------------------ */

static bool fail(char **err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static bool fail(char **err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	*err = text_vprintf(fmt, ap);
	va_end(ap);
	return false;
}

/* Unescape v (n bytes) into a new string; NULL with *bad on a bad escape
 * or a raw control byte. */
static char *unescape(const char *v, size_t n, const char **bad)
{
	char *s = malloc(n + 1), *d = s;

	*bad = NULL;
	if (!s)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)v[i];

		if (c < 0x20 || c == 0x7f) {
			*bad = "a raw control character (it must be escaped)";
			break;
		}
		if (c != '\\') {
			*d++ = (char)c;
			continue;
		}
		if (i + 1 < n && v[i + 1] == '\\') {
			*d++ = '\\';
			i++;
		} else if (i + 1 < n && v[i + 1] == 'n') {
			*d++ = '\n';
			i++;
		} else if (i + 3 < n && v[i + 1] == 'x' && isxdigit((unsigned char)v[i + 2]) &&
		           isxdigit((unsigned char)v[i + 3])) {
			char hex[3] = { v[i + 2], v[i + 3], 0 };
			unsigned long b = strtoul(hex, NULL, 16);

			if (b == 0) {
				*bad = "an escaped NUL byte";
				break;
			}
			*d++ = (char)b;
			i += 3;
		} else {
			*bad = "a backslash not followed by \\, n or xNN";
			break;
		}
	}
	if (*bad) {
		free(s);
		return NULL;
	}
	*d = '\0';
	return s;
}

static bool parse_u64(const char *s, uint64_t max, uint64_t *out)
{
	uint64_t v = 0;

	if (!s[0] || (s[0] == '0' && s[1]))
		return false;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return false;
		if (v > (max - (uint64_t)(*s - '0')) / 10)
			return false;
		v = v * 10 + (uint64_t)(*s - '0');
	}
	*out = v;
	return true;
}

enum { K_STORE, K_MODEL, K_PROCESS, K_FIELD, K_BASE, K_EDITOR, K_PID, K_TIME, K_USER,
       K_REASON, K_LENGTH, K_COUNT };
static const char *const keys[K_COUNT] = {
	"store", "model", "process", "field", "base", "editor", "pid", "time", "user",
	"reason", "length",
};
static const bool required[K_COUNT] = {
	[K_STORE] = true, [K_MODEL] = true, [K_PROCESS] = true, [K_FIELD] = true,
	[K_BASE] = true, [K_EDITOR] = true, [K_LENGTH] = true,
};

/* One value, already unescaped, into out; false with *err. */
static bool take(struct recovery *out, int k, char *v, long line, uint64_t *length, char **err)
{
	uint64_t n;

	switch (k) {
	case K_STORE:
		if (v[0] != '/')
			return fail(err, "line %ld: store must be an absolute path", line);
		out->store = v;
		return true;
	case K_MODEL: case K_PROCESS: case K_USER: case K_REASON: {
		char **dst = k == K_MODEL ? &out->model : k == K_PROCESS ? &out->process :
		             k == K_USER ? &out->user : &out->reason;

		if ((k == K_MODEL || k == K_PROCESS) && (!v[0] || strchr(v, '\n')))
			return fail(err, "line %ld: %s must be one non-empty line", line, keys[k]);
		*dst = v;
		return true;
	}
	case K_FIELD:
		if (!record_field(v, NULL))
			return fail(err, "line %ld: '%s' is not a record field", line, v);
		out->field = v;
		return true;
	case K_EDITOR:
		if (strcmp(v, "line") == 0)
			out->editor = RECOVER_LINE;
		else if (strcmp(v, "external") == 0)
			out->editor = RECOVER_EXTERNAL;
		else
			return fail(err, "line %ld: editor must be 'line' or 'external'", line);
		break;
	case K_BASE:
		if (!parse_u64(v, UINT64_MAX, &out->base))
			return fail(err, "line %ld: base must be a revision number", line);
		break;
	case K_PID:
		if (!parse_u64(v, LONG_MAX, &n))
			return fail(err, "line %ld: pid must be a number", line);
		out->pid = (long)n;
		break;
	case K_TIME:
		if (!parse_u64(v, INT64_MAX, &n))
			return fail(err, "line %ld: time must be seconds since 1970", line);
		out->time = (int64_t)n;
		break;
	case K_LENGTH:
		if (!parse_u64(v, RECOVER_MAX_TEXT, length))
			return fail(err, "line %ld: length must be a number of bytes up to %u",
			            line, RECOVER_MAX_TEXT);
		break;
	}
	free(v);
	return true;
}

bool recover_parse(const char *buf, size_t len, struct recovery *out, char **err)
{
	bool seen[K_COUNT] = { false };
	size_t pos, mlen = strlen(MAGIC);
	uint64_t length = 0;
	long line = 1;

	memset(out, 0, sizeof *out);
	*err = NULL;
	if (len < mlen + 1 || memcmp(buf, MAGIC, mlen) != 0 || buf[mlen] != '\n')
		return fail(err, "line 1: not a prmwb recovery file (expected '%s')", MAGIC);
	pos = mlen + 1;
	for (;;) {
		const char *nl, *sp, *l = buf + pos;
		size_t ll;
		int k;
		const char *bad;
		char *v;

		line++;
		nl = memchr(l, '\n', len - pos);
		if (!nl)
			return fail(err, "line %ld: the header does not end (an empty line "
			            "before the text)", line);
		ll = (size_t)(nl - l);
		if (ll > MAX_HEADER)
			return fail(err, "line %ld: longer than %u bytes", line, MAX_HEADER);
		pos += ll + 1;
		if (ll == 0)
			break;
		sp = memchr(l, ' ', ll);
		for (k = 0; k < K_COUNT; k++)
			if (sp && (size_t)(sp - l) == strlen(keys[k]) &&
			    memcmp(l, keys[k], strlen(keys[k])) == 0)
				break;
		if (k == K_COUNT) {
			char *e = text_escape(l, sp ? (size_t)(sp - l) : ll, 0);
			bool r = fail(err, "line %ld: unknown key '%.40s' (expected KEY VALUE)",
			              line, e ? e : "?");
			free(e);
			return r;
		}
		if (seen[k])
			return fail(err, "line %ld: %s given twice", line, keys[k]);
		seen[k] = true;
		v = unescape(sp + 1, ll - (size_t)(sp + 1 - l), &bad);
		if (!v)
			return bad ? fail(err, "line %ld: %s holds %s", line, keys[k], bad)
			           : fail(err, "out of memory");
		if (!take(out, k, v, line, &length, err)) {
			free(v);
			return false;
		}
	}
	for (int k = 0; k < K_COUNT; k++)
		if (required[k] && !seen[k])
			return fail(err, "no %s in the header", keys[k]);
	if (len - pos != length)
		return fail(err, "the text is %zu bytes, the header says %" PRIu64
		            " (a cut or altered file)", len - pos, length);
	if (memchr(buf + pos, '\0', len - pos))
		return fail(err, "the text holds a NUL byte");
	out->text = malloc(length + 1);
	if (!out->text || (!out->user && !(out->user = strdup(""))) ||
	    (!out->reason && !(out->reason = strdup(""))))
		return fail(err, "out of memory");
	memcpy(out->text, buf + pos, length);
	out->text[length] = '\0';
	out->len = length;
	return true;
}

/* ---- files ------------------------------------------------------------------ */

/* A directory only the user may use: owned, no group/other bits, not a
 * link. */
static bool private_dir(const char *dir, char **err)
{
	struct stat sb;

	if (lstat(dir, &sb) != 0)
		return fail(err, "%s: %s", dir, strerror(errno));
	if (S_ISLNK(sb.st_mode))
		return fail(err, "%s is a symbolic link: recovery files are kept only in a "
		            "real directory of yours", dir);
	if (!S_ISDIR(sb.st_mode))
		return fail(err, "%s is not a directory", dir);
	if (sb.st_uid != geteuid())
		return fail(err, "%s belongs to another user (uid %ld)", dir, (long)sb.st_uid);
	if (sb.st_mode & 077)
		return fail(err, "%s is open to others (mode %04o): recovery files need a "
		            "private directory (chmod 700 %s)", dir, (unsigned)(sb.st_mode & 07777), dir);
	return true;
}

/* mkdir -p with mode 0700 for what is created. */
static bool make_dirs(const char *dir, char **err)
{
	char *p = strdup(dir);

	if (!p)
		return fail(err, "out of memory");
	for (char *s = p + 1;; s++) {
		if (*s != '/' && *s != '\0')
			continue;
		char c = *s;

		*s = '\0';
		if (mkdir(p, 0700) == 0) {
			/* Whatever the umask: these hold private text. */
			chmod(p, 0700);
		} else if (errno != EEXIST) {
			bool r = fail(err, "cannot create %s: %s", p, strerror(errno));

			free(p);
			return r;
		}
		*s = c;
		if (!c)
			break;
	}
	free(p);
	return true;
}

static bool write_all(int fd, const char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, p, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return false;
		p += w;
		n -= (size_t)w;
	}
	return true;
}

bool recover_private_dir(const char *dir, bool create, char **err)
{
	*err = NULL;
	if (create && !make_dirs(dir, err))
		return false;
	return private_dir(dir, err);
}

bool recover_put_file(const char *dir, const char *name, const char *data, size_t len,
                      char **err)
{
	char *fin = text_printf("%s/%s", dir, name);
	char *tmp = text_printf("%s/.tmp-%s-%ld", dir, name, (long)getpid());
	bool ok = false;
	int fd, dfd;

	*err = NULL;
	if (!fin || !tmp) {
		fail(err, "out of memory");
		goto out;
	}
	/* Ours alone (the pid): one left by a crash of an earlier process
	 * with this pid goes. */
	unlink(tmp);
	fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0) {
		fail(err, "cannot create %s: %s", tmp, strerror(errno));
		goto out;
	}
	if (fchmod(fd, 0600) != 0 || !write_all(fd, data, len) || fsync(fd) != 0) {
		fail(err, "cannot write %s: %s", tmp, strerror(errno));
		close(fd);
		unlink(tmp);
		goto out;
	}
	if (close(fd) != 0 || rename(tmp, fin) != 0) {
		fail(err, "cannot write %s: %s", fin, strerror(errno));
		unlink(tmp);
		goto out;
	}
	/* The rename itself must survive a crash too. */
	dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd >= 0) {
		fsync(dfd);
		close(dfd);
	}
	ok = true;
out:
	free(fin);
	free(tmp);
	return ok;
}

bool recover_write(const char *dir, struct recovery *r, char **err)
{
	static unsigned counter;
	char stamp[32], *data, *fin = NULL;
	size_t len;
	struct tm tm;
	time_t t = r->time > 0 ? (time_t)r->time : time(NULL);
	bool ok = false;

	*err = NULL;
	if (!make_dirs(dir, err) || !private_dir(dir, err))
		return false;
	data = recover_format(r, &len);
	if (!data)
		return fail(err, "out of memory");
	gmtime_r(&t, &tm);
	strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &tm);
	for (int tries = 0; tries < 1000 && !fin; tries++) {
		struct stat sb;
		char *f = text_printf("%s/recover-%s-%ld-%u", dir, stamp, (long)getpid(), counter++);

		if (!f)
			break;
		if (lstat(f, &sb) != 0 && errno == ENOENT)
			fin = f;
		else
			free(f);
	}
	if (!fin) {
		fail(err, "out of memory");
		goto out;
	}
	if (!recover_put_file(dir, strrchr(fin, '/') + 1, data, len, err))
		goto out;
	free(r->path);
	r->path = fin;
	fin = NULL;
	ok = true;
out:
	free(data);
	free(fin);
	return ok;
}

char *recover_slurp(const char *path, const char *what, size_t max, size_t *len, char **err)
{
	struct stat sb;
	char *buf;
	size_t n = 0;
	int fd;

	*err = NULL;
	*len = 0;
	fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		fail(err, "%s: %s%s", path, errno == ELOOP ? "a symbolic link, not a " :
		     strerror(errno), errno == ELOOP ? what : "");
		return NULL;
	}
	if (fstat(fd, &sb) != 0) {
		close(fd);
		fail(err, "%s: %s", path, strerror(errno));
		return NULL;
	}
	if (!S_ISREG(sb.st_mode) || sb.st_uid != geteuid() || (sb.st_mode & 077) ||
	    (uintmax_t)sb.st_size > (uintmax_t)max) {
		close(fd);
		if (!S_ISREG(sb.st_mode))
			fail(err, "%s: not a regular file", path);
		else if (sb.st_uid != geteuid())
			fail(err, "%s belongs to another user (uid %ld): not read", path,
			     (long)sb.st_uid);
		else if (sb.st_mode & 077)
			fail(err, "%s is open to others (mode %04o): not read; a %s is mode 0600",
			     path, (unsigned)(sb.st_mode & 07777), what);
		else
			fail(err, "%s: larger than a %s can be", path, what);
		return NULL;
	}
	buf = malloc((size_t)sb.st_size + 1);
	if (!buf) {
		close(fd);
		fail(err, "out of memory");
		return NULL;
	}
	while (n < (size_t)sb.st_size) {
		ssize_t k = read(fd, buf + n, (size_t)sb.st_size - n);

		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			break;
		n += (size_t)k;
	}
	close(fd);
	if (n != (size_t)sb.st_size) {
		free(buf);
		fail(err, "%s: cannot read it whole", path);
		return NULL;
	}
	buf[n] = '\0';
	*len = n;
	return buf;
}

bool recover_read(const char *path, struct recovery *out, char **err)
{
	char *buf;
	size_t n;

	memset(out, 0, sizeof *out);
	buf = recover_slurp(path, "recovery file", RECOVER_MAX_TEXT + (size_t)MAX_HEADER, &n, err);
	if (!buf) {
		if (*err && strstr(*err, ": larger than a recovery file can be")) {
			free(*err);
			*err = text_printf("%s: larger than a recovery file can be (%u bytes of text)",
			                   path, RECOVER_MAX_TEXT);
		}
		return false;
	}
	if (!recover_parse(buf, n, out, err)) {
		char *e = *err;

		*err = text_printf("%s: %s", path, e ? e : "out of memory");
		free(e);
		free(buf);
		recover_free(out);
		return false;
	}
	free(buf);
	out->path = strdup(path);
	if (!out->path) {
		recover_free(out);
		return fail(err, "out of memory");
	}
	return true;
}

static int by_time(const void *x, const void *y)
{
	const struct recovery *a = x, *b = y;

	if (a->time != b->time)
		return a->time < b->time ? -1 : 1;
	return strcmp(a->path, b->path);
}

bool recover_list(const char *dir, const char *store, struct recovery **out, size_t *n,
                  size_t *n_refused, char **refused, char **err)
{
	struct recovery *v = NULL;
	size_t cap = 0;
	struct dirent *de;
	DIR *d;

	*out = NULL;
	*n = *n_refused = 0;
	*refused = *err = NULL;
	if (access(dir, F_OK) != 0 && errno == ENOENT)
		return true;
	if (!private_dir(dir, err))
		return false;
	d = opendir(dir);
	if (!d)
		return fail(err, "cannot read %s: %s", dir, strerror(errno));
	while ((de = readdir(d))) {
		struct recovery r;
		char *path, *e = NULL;

		if (strncmp(de->d_name, "recover-", 8) != 0)
			continue;
		path = text_printf("%s/%s", dir, de->d_name);
		if (!path || !recover_read(path, &r, &e)) {
			(*n_refused)++;
			if (!*refused)
				*refused = e ? e : strdup("out of memory");
			else
				free(e);
			free(path);
			continue;
		}
		free(path);
		if (strcmp(r.store, store) != 0) {
			recover_free(&r);
			continue;
		}
		if (*n == cap) {
			size_t c = cap ? cap * 2 : 8;
			struct recovery *p = realloc(v, c * sizeof *v);

			if (!p) {
				recover_free(&r);
				(*n_refused)++;
				continue;
			}
			v = p;
			cap = c;
		}
		v[(*n)++] = r;
	}
	closedir(d);
	if (*n > 1)
		qsort(v, *n, sizeof *v, by_time);
	*out = v;
	return true;
}

void recover_list_free(struct recovery *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		recover_free(&v[i]);
	free(v);
}

bool recover_remove(const struct recovery *r)
{
	if (!r->path)
		return true;
	return unlink(r->path) == 0 || errno == ENOENT;
}

void recover_free(struct recovery *r)
{
	free(r->store);
	free(r->model);
	free(r->process);
	free(r->field);
	free(r->user);
	free(r->reason);
	free(r->text);
	free(r->path);
	memset(r, 0, sizeof *r);
}
