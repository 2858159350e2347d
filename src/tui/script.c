/* script.c - reading scripted input. */
#include "config.h"
#include "tui/script.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "tui/keys.h"

bool script_open(struct script *s, const char *path, char **err)
{
	memset(s, 0, sizeof *s);
	s->f = fopen(path, "r");
	if (!s->f) {
		char msg[512];
		snprintf(msg, sizeof msg, "PRMWB_SCRIPT: cannot open %s: %s", path, strerror(errno));
		*err = strdup(msg);
		return false;
	}
	s->path = strdup(path);
	return true;
}

void script_close(struct script *s)
{
	if (s->f)
		fclose(s->f);
	free(s->line);
	free(s->path);
	memset(s, 0, sizeof *s);
}

static void error(struct script *s, struct script_step *st, const char *what)
{
	snprintf(s->msg, sizeof s->msg, "%s:%ld: %s", s->path ? s->path : "script",
	         s->lineno, what);
	st->op = SCRIPT_ERROR;
	st->arg = s->msg;
	s->pos = NULL;
}

/* The next key of the current line, or false at its end. */
static bool next_key(struct script *s, struct script_step *st)
{
	const char *p = s->pos;
	unsigned cp;
	size_t n;

	if (!s->typing)
		while (*p == ' ' || *p == '\t')
			p++;
	if (!*p) {
		s->pos = NULL;
		return false;
	}
	st->op = SCRIPT_KEY;
	if (!s->typing && *p == '<' && strchr(p, '>')) {
		const char *end = strchr(p, '>');
		char tok[32];
		size_t len = (size_t)(end - p) + 1;

		if (len < sizeof tok) {
			memcpy(tok, p, len);
			tok[len] = '\0';
			st->key = keys_parse(tok);
			if (st->key >= 0) {
				s->pos = end + 1;
				return true;
			}
		}
		char msg[64];
		snprintf(msg, sizeof msg, "unknown key name %.20s", p);
		error(s, st, msg);
		return true;
	}
	n = text_utf8_decode(p, strlen(p), &cp);
	if (n == 0) {
		error(s, st, "invalid UTF-8");
		return true;
	}
	st->key = (int)cp;
	s->pos = p + n;
	return true;
}

void script_next(struct script *s, struct script_step *st)
{
	memset(st, 0, sizeof *st);
	for (;;) {
		if (s->pos && next_key(s, st))
			return;
		ssize_t len = getline(&s->line, &s->cap, s->f);
		if (len < 0) {
			st->op = SCRIPT_END;
			return;
		}
		s->lineno++;
		while (len > 0 && (s->line[len - 1] == '\n' || s->line[len - 1] == '\r'))
			s->line[--len] = '\0';
		s->typing = false;
		if (len == 0 || s->line[0] == '#')
			continue;
		if (s->line[0] != ':') {
			s->pos = s->line;
			continue;
		}
		if (strncmp(s->line, ":type ", 6) == 0) {
			s->typing = true;
			s->pos = s->line + 6;
			continue;
		}
		if (strncmp(s->line, ":save-display ", 14) == 0) {
			st->op = SCRIPT_SAVE;
			st->arg = s->line + 14;
			return;
		}
		if (strncmp(s->line, ":bytes ", 7) == 0) {
			const char *p = s->line + 7;
			size_t n = 0;

			for (;;) {
				unsigned v;
				int used;

				while (*p == ' ')
					p++;
				if (!*p)
					break;
				if (n == sizeof s->bytes || sscanf(p, "%2x%n", &v, &used) != 1 ||
				    used != 2 || (p[2] && p[2] != ' ')) {
					error(s, st, "expected :bytes and bytes in hex (e.g. :bytes e9 71)");
					return;
				}
				s->bytes[n++] = (unsigned char)v;
				p += 2;
			}
			if (n == 0) {
				error(s, st, "expected :bytes and bytes in hex (e.g. :bytes e9 71)");
				return;
			}
			st->op = SCRIPT_BYTES;
			st->bytes = s->bytes;
			st->n_bytes = n;
			return;
		}
		if (strcmp(s->line, ":wait-idle") == 0) {
			st->op = SCRIPT_IDLE;
			return;
		}
		if (strncmp(s->line, ":resize ", 8) == 0) {
			if (sscanf(s->line + 8, "%dx%d", &st->cols, &st->rows) == 2 &&
			    st->cols > 0 && st->rows > 0 && st->cols < 1000 && st->rows < 1000) {
				st->op = SCRIPT_RESIZE;
				return;
			}
			error(s, st, "expected :resize COLSxROWS");
			return;
		}
		error(s, st, "unknown command (expected :type, :bytes, :save-display, :resize or "
		      ":wait-idle)");
		return;
	}
}
