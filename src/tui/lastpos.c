/* lastpos.c - where the user left the workbench, per store (see lastpos.h). */
#include "config.h"
#include "tui/lastpos.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "tui/recover.h"

#define MAGIC "prmwb-last 1\n"

static uint64_t hash64(const char *s)
{
	uint64_t h = 14695981039346656037ull;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}

static char *file_name(const char *store)
{
	return text_printf("last-%016llx", (unsigned long long)hash64(store));
}

char *lastpos_path(const char *dir, const char *store)
{
	char *name = file_name(store), *p = name ? text_printf("%s/%s", dir, name) : NULL;

	free(name);
	return p;
}

/* "key value\n" with the value escaped, appended to *out (realloc'd). */
static bool put_kv(char **out, const char *key, const char *v)
{
	size_t len = *out ? strlen(*out) : 0, n = strlen(key) + 2;
	char *o, *p;

	for (const unsigned char *u = (const unsigned char *)v; *u; u++)
		n += *u == '\\' ? 2 : (*u < 0x20 || *u == 0x7f) ? 4 : 1;
	o = realloc(*out, len + n + 1);
	if (!o)
		return false;
	*out = o;
	p = o + len;
	p += sprintf(p, "%s ", key);
	for (const unsigned char *u = (const unsigned char *)v; *u; u++) {
		if (*u == '\\')
			p += sprintf(p, "\\\\");
		else if (*u < 0x20 || *u == 0x7f)
			p += sprintf(p, "\\x%02X", *u);
		else
			*p++ = (char)*u;
	}
	*p++ = '\n';
	*p = '\0';
	return true;
}

static int hex(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* The value of line "key value" (line without its '\n', n bytes),
 * unescaped; NULL if the line is not that key or is garbled. */
static char *get_kv(const char *line, size_t n, const char *key)
{
	size_t k = strlen(key);
	char *v, *d;

	if (n <= k || strncmp(line, key, k) != 0 || line[k] != ' ')
		return NULL;
	v = d = malloc(n - k);
	if (!v)
		return NULL;
	for (size_t i = k + 1; i < n; i++) {
		unsigned char c = (unsigned char)line[i];

		if (c < 0x20 || c == 0x7f)
			goto bad;
		if (c != '\\') {
			*d++ = (char)c;
		} else if (i + 1 < n && line[i + 1] == '\\') {
			*d++ = '\\';
			i++;
		} else if (i + 3 < n && line[i + 1] == 'x' && hex(line[i + 2]) >= 0 &&
		           hex(line[i + 3]) >= 0 && (hex(line[i + 2]) | hex(line[i + 3]))) {
			*d++ = (char)(hex(line[i + 2]) * 16 + hex(line[i + 3]));
			i += 3;
		} else {
			goto bad;
		}
	}
	*d = '\0';
	if (d == v)
		goto bad;       /* an empty value says nothing */
	return v;
bad:
	free(v);
	return NULL;
}

char *lastpos_read(const char *dir, const char *store)
{
	char *path = lastpos_path(dir, store), *buf, *err = NULL, *st = NULL, *id = NULL;
	const char *l1, *l2, *end;
	size_t len;

	if (!path)
		return NULL;
	buf = recover_slurp(path, "last-position file", LASTPOS_MAX_BYTES, &len, &err);
	free(err);
	free(path);
	if (!buf)
		return NULL;
	/* Exactly the three lines, the store's own: else nothing is known. */
	if (strlen(buf) != len || strncmp(buf, MAGIC, strlen(MAGIC)) != 0)
		goto out;
	l1 = buf + strlen(MAGIC);
	l2 = strchr(l1, '\n');
	end = l2 ? strchr(l2 + 1, '\n') : NULL;
	if (!l2 || !end || end[1] != '\0')
		goto out;
	st = get_kv(l1, (size_t)(l2 - l1), "store");
	if (st && strcmp(st, store) == 0)
		id = get_kv(l2 + 1, (size_t)(end - l2 - 1), "process");
out:
	free(st);
	free(buf);
	return id;
}

bool lastpos_write(const char *dir, const char *store, const char *id, char **err)
{
	char *data = strdup(MAGIC), *name = file_name(store);
	bool ok;

	*err = NULL;
	if (!data || !name || !put_kv(&data, "store", store) || !put_kv(&data, "process", id)) {
		free(data);
		free(name);
		*err = strdup("out of memory");
		return false;
	}
	ok = recover_private_dir(dir, true, err) &&
	     recover_put_file(dir, name, data, strlen(data), err);
	free(data);
	free(name);
	return ok;
}
