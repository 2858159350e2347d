/* lineedit.c - one-line UTF-8 editor. */
#include "config.h"
#include "tui/lineedit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "tui/keys.h"

/* alias: another code for the same key (terminals differ), not in help. */
static const struct { int key; enum le_op op; bool alias; } le_bindings[] = {
	{ TK_ENTER, LE_OP_COMMIT, false }, { '\r', LE_OP_COMMIT, true },
	{ '\n', LE_OP_COMMIT, true },
	{ TK_ESC, LE_OP_CANCEL, false },
	{ TK_LEFT, LE_OP_LEFT, false }, { TK_CTRL('b'), LE_OP_LEFT, false },
	{ TK_RIGHT, LE_OP_RIGHT, false }, { TK_CTRL('f'), LE_OP_RIGHT, false },
	{ TK_HOME, LE_OP_HOME, false }, { TK_CTRL('a'), LE_OP_HOME, false },
	{ TK_END, LE_OP_END, false }, { TK_CTRL('e'), LE_OP_END, false },
	{ TK_BACKSPACE, LE_OP_BACKSPACE, false }, { 0x7F, LE_OP_BACKSPACE, true },
	{ TK_CTRL('h'), LE_OP_BACKSPACE, true },
	{ TK_DELETE, LE_OP_DELETE, false }, { TK_CTRL('d'), LE_OP_DELETE, false },
	{ TK_CTRL('k'), LE_OP_KILL_END, false },
	{ TK_CTRL('u'), LE_OP_KILL_START, false },
	{ TK_CTRL('w'), LE_OP_KILL_WORD, false }, { TK_META(0x7F), LE_OP_KILL_WORD, false },
	{ TK_META(0x08), LE_OP_KILL_WORD, true },
	{ TK_META('b'), LE_OP_WORD_LEFT, false }, 
	{ TK_META('f'), LE_OP_WORD_RIGHT, false },
	{ TK_META('d'), LE_OP_KILL_WORD_FWD, false },
	{ TK_TAB, LE_OP_NEXT_CHOICE, false }, { TK_DOWN, LE_OP_NEXT_CHOICE, false },
	{ TK_BTAB, LE_OP_PREV_CHOICE, false }, { TK_UP, LE_OP_PREV_CHOICE, false },
};

static const char *const le_op_help[] = {
	[LE_OP_NONE] = "",
#define LE_OP_HELP(name, help) [LE_OP_##name] = help,
	LE_OP_INFO(LE_OP_HELP)
#undef LE_OP_HELP
};

enum le_op le_op_of(int key)
{
	for (size_t i = 0; i < sizeof le_bindings / sizeof le_bindings[0]; i++)
		if (le_bindings[i].key == key)
			return le_bindings[i].op;
	return LE_OP_NONE;
}

char **le_help_lines(int keycol, size_t *n)
{
	char **lines = calloc(LE_OP_COUNT, sizeof *lines);
	size_t k = 0;

	*n = 0;
	if (!lines)
		return NULL;
	for (int op = 1; op < LE_OP_COUNT; op++) {
		char keys[128] = "", name[32];
		size_t len;

		for (size_t i = 0; i < sizeof le_bindings / sizeof le_bindings[0]; i++) {
			if ((int)le_bindings[i].op != op || le_bindings[i].alias)
				continue;
			len = strlen(keys);
			snprintf(keys + len, sizeof keys - len, "%s%s", len ? ", " : "",
			         keys_name(le_bindings[i].key, name, sizeof name));
		}
		lines[k] = text_printf("%-*s %s", keycol, keys, le_op_help[op]);
		if (!lines[k])
			break;
		k++;
	}
	*n = k;
	return lines;
}

static bool reserve(struct lineedit *le, size_t more)
{
	if (le->len + more + 1 <= le->cap)
		return true;
	size_t cap = le->cap ? le->cap : 32;
	while (le->len + more + 1 > cap)
		cap *= 2;
	char *p = realloc(le->buf, cap);
	if (!p)
		return false;
	le->buf = p;
	le->cap = cap;
	return true;
}

static bool printable(unsigned cp)
{
	return cp >= 0x20 && cp != 0x7F && !(cp >= 0x80 && cp < 0xA0) &&
	       !(cp >= 0xD800 && cp <= 0xDFFF) && cp <= 0x10FFFF;
}

bool le_insert(struct lineedit *le, unsigned cp)
{
	char enc[4];
	size_t n;

	if (!printable(cp))
		return false;
	n = text_utf8_encode(cp, enc);
	if (!reserve(le, n))
		return false;
	memmove(le->buf + le->cur + n, le->buf + le->cur, le->len - le->cur + 1);
	memcpy(le->buf + le->cur, enc, n);
	le->len += n;
	le->cur += n;
	return true;
}

/* Append one code point at the end (no move of what follows: linear to
 * fill the editor, where inserting each at the cursor was quadratic). */
static bool append(struct lineedit *le, unsigned cp)
{
	if (!reserve(le, 4))
		return false;
	le->len += text_utf8_encode(cp, le->buf + le->len);
	le->buf[le->len] = '\0';
	return true;
}

bool le_set(struct lineedit *le, const char *text)
{
	size_t tl = text ? strlen(text) : 0, i = 0;

	le->len = le->cur = le->scroll = 0;
	/* Room for all of it at once: a valid text keeps its length; each
	 * invalid byte becomes U+FFFD (3 bytes). */
	if (!reserve(le, tl))
		return false;
	le->buf[0] = '\0';
	while (i < tl) {
		unsigned cp;
		size_t n = text_utf8_decode(text + i, tl - i, &cp);

		if (n == 0 || !printable(cp)) {
			cp = 0xFFFD;
			n = n ? n : 1;
		}
		if (!append(le, cp))
			return false;
		i += n;
	}
	le->cur = le->len;
	return true;
}

bool le_init(struct lineedit *le, const char *text)
{
	memset(le, 0, sizeof *le);
	le->choice = -1;
	return le_set(le, text);
}

void le_free(struct lineedit *le)
{
	free(le->buf);
	memset(le, 0, sizeof *le);
}

void le_set_choices(struct lineedit *le, const char *const *choices)
{
	le->choices = choices;
	le->choice = -1;
	for (long i = 0; choices && choices[i]; i++)
		if (strcmp(choices[i], le->buf) == 0)
			le->choice = i;
}

static size_t prev_char(const struct lineedit *le, size_t at)
{
	if (at == 0)
		return 0;
	at--;
	while (at > 0 && ((unsigned char)le->buf[at] & 0xC0) == 0x80)
		at--;
	return at;
}

static size_t next_char(const struct lineedit *le, size_t at)
{
	if (at >= le->len)
		return le->len;
	at++;
	while (at < le->len && ((unsigned char)le->buf[at] & 0xC0) == 0x80)
		at++;
	return at;
}

static void delete_range(struct lineedit *le, size_t from, size_t to)
{
	memmove(le->buf + from, le->buf + to, le->len - to + 1);
	le->len -= to - from;
	le->cur = from;
}

/* Like readline: spaces before the cursor, then the word. */
static size_t word_start(const struct lineedit *le)
{
	size_t at = le->cur;

	while (at > 0 && le->buf[at - 1] == ' ')
		at--;
	while (at > 0 && le->buf[at - 1] != ' ')
		at = prev_char(le, at);
	return at;
}

/* Spaces after the cursor, then the word. */
static size_t word_end(const struct lineedit *le)
{
	size_t at = le->cur;

	while (at < le->len && le->buf[at] == ' ')
		at++;
	while (at < le->len && le->buf[at] != ' ')
		at = next_char(le, at);
	return at;
}

static enum le_result cycle(struct lineedit *le, int dir)
{
	long n = 0;

	if (!le->choices)
		return LE_IGNORED;
	while (le->choices[n])
		n++;
	if (n == 0)
		return LE_IGNORED;
	if (le->choice < 0)
		le->choice = dir > 0 ? 0 : n - 1;
	else
		le->choice = (le->choice + dir + n) % n;
	le_set(le, le->choices[le->choice]);
	return LE_CHANGED;
}

enum le_result le_key(struct lineedit *le, int key)
{
	size_t at;

	switch (le_op_of(key)) {
	case LE_OP_COMMIT:
		return LE_COMMIT;
	case LE_OP_CANCEL:
		return LE_CANCEL;
	case LE_OP_HOME:
		le->cur = 0;
		return LE_MOVED;
	case LE_OP_END:
		le->cur = le->len;
		return LE_MOVED;
	case LE_OP_LEFT:
		le->cur = prev_char(le, le->cur);
		return LE_MOVED;
	case LE_OP_RIGHT:
		le->cur = next_char(le, le->cur);
		return LE_MOVED;
	case LE_OP_BACKSPACE:
		if (le->cur == 0)
			return LE_MOVED;
		delete_range(le, prev_char(le, le->cur), le->cur);
		return LE_CHANGED;
	case LE_OP_DELETE:
		if (le->cur == le->len)
			return LE_MOVED;
		at = le->cur;
		delete_range(le, at, next_char(le, at));
		return LE_CHANGED;
	case LE_OP_KILL_END:
		le->len = le->cur;
		le->buf[le->len] = '\0';
		return LE_CHANGED;
	case LE_OP_KILL_START:
		delete_range(le, 0, le->cur);
		return LE_CHANGED;
	case LE_OP_KILL_WORD:
		delete_range(le, word_start(le), le->cur);
		return LE_CHANGED;
	case LE_OP_WORD_LEFT:
		le->cur = word_start(le);
		return LE_MOVED;
	case LE_OP_WORD_RIGHT:
		le->cur = word_end(le);
		return LE_MOVED;
	case LE_OP_KILL_WORD_FWD:
		at = le->cur;
		delete_range(le, at, word_end(le));
		return LE_CHANGED;
	case LE_OP_NEXT_CHOICE:
		return cycle(le, +1);
	case LE_OP_PREV_CHOICE:
		return cycle(le, -1);
	case LE_OP_NONE: case LE_OP_COUNT:
		break;
	}
	if (key >= 0 && key < TK_BASE && le_insert(le, (unsigned)key))
		return LE_CHANGED;
	return LE_IGNORED;
}

void le_view(struct lineedit *le, int width, size_t *off, size_t *n, int *col)
{
	size_t lo = le->cur;
	int w = 0;

	if (width < 1)
		width = 1;
	/* The leftmost start that still shows the cursor, keeping one column
	 * free for it after the last character: found walking back from the
	 * cursor, so the cost is the width, not the length of the text. */
	while (lo > 0) {
		size_t p = prev_char(le, lo);
		unsigned cp;
		int cw = text_utf8_decode(le->buf + p, lo - p, &cp) ? text_cp_width(cp) : 1;

		if (w + cw > width - 1)
			break;
		w += cw;
		lo = p;
	}
	if (le->scroll > le->cur || le->scroll > le->len)
		le->scroll = le->cur;
	if (le->scroll < lo)
		le->scroll = lo;
	/* Wider than before (a resize, text deleted): text hidden on the left
	 * comes back into the room on the right rather than leave it empty. */
	if (le->scroll > 0) {
		int used;
		size_t rest = le->len - le->scroll;

		if (text_fit(le->buf + le->scroll, rest, width - 1, &used) == rest) {
			while (le->scroll > 0) {
				size_t p = prev_char(le, le->scroll);
				unsigned cp;
				int cw = text_utf8_decode(le->buf + p, le->scroll - p, &cp) ?
				         text_cp_width(cp) : 1;

				if (used + cw > width - 1)
					break;
				used += cw;
				le->scroll = p;
			}
		}
	}
	*off = le->scroll;
	*n = text_fit(le->buf + le->scroll, le->len - le->scroll, width, NULL);
	*col = text_width(le->buf + le->scroll, le->cur - le->scroll);
}
