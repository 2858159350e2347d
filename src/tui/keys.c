/* keys.c - the key table, key names and the help made from them. */
#include "config.h"
#include "tui/keys.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

static const struct keybinding bindings[] = {
	{ 'j', REQ_MOVE_DOWN }, { TK_DOWN, REQ_MOVE_DOWN },
	{ 'k', REQ_MOVE_UP }, { TK_UP, REQ_MOVE_UP },
	{ TK_PGDN, REQ_PAGE_DOWN }, { ' ', REQ_PAGE_DOWN }, { TK_CTRL('f'), REQ_PAGE_DOWN },
	{ TK_PGUP, REQ_PAGE_UP }, { TK_CTRL('b'), REQ_PAGE_UP },
	{ 'g', REQ_FIRST }, { TK_HOME, REQ_FIRST },
	{ 'G', REQ_LAST }, { TK_END, REQ_LAST },
	{ TK_ENTER, REQ_ENTER }, { 'l', REQ_ENTER }, { TK_RIGHT, REQ_ENTER },
	{ 'h', REQ_BACK }, { TK_LEFT, REQ_BACK },
	{ '<', REQ_JUMP_BACK }, { TK_BACKSPACE, REQ_JUMP_BACK },
	{ TK_TAB, REQ_NEXT_PANE }, { TK_BTAB, REQ_NEXT_PANE },
	{ '/', REQ_SEARCH },
	{ 'n', REQ_FIND_NEXT },
	{ 'N', REQ_FIND_PREV },
	{ ':', REQ_GOTO },
	{ 'F', REQ_FILTER },
	{ 'O', REQ_OVERVIEW },
	{ 't', REQ_MARK },
	{ 'T', REQ_MARK_CLEAR },
	{ 'e', REQ_EDIT },
	{ 'E', REQ_EDIT_EXTERNAL },
	{ 'X', REQ_DISCARD },
	{ 'u', REQ_UNDO },
	{ TK_CTRL('r'), REQ_REDO },
	{ 'L', REQ_HISTORY },
	{ 'w', REQ_EXPORT },
	{ '?', REQ_HELP }, { TK_F1, REQ_HELP },
	{ TK_CTRL('l'), REQ_REDRAW },
	{ 'q', REQ_QUIT },
	{ 'P', REQ_PROFILE },
	{ 'r', REQ_RATE },
};

static const char *const req_help[] = {
	[REQ_NONE] = "",
#define REQ_HELP_TEXT(name, help) [REQ_##name] = help,
	REQ_INFO(REQ_HELP_TEXT)
#undef REQ_HELP_TEXT
};

/* Names used both for display and for script tokens <Name>. */
static const struct { int key; const char *name; } key_names[] = {
	{ TK_UP, "Up" }, { TK_DOWN, "Down" }, { TK_LEFT, "Left" }, { TK_RIGHT, "Right" },
	{ TK_HOME, "Home" }, { TK_END, "End" }, { TK_PGUP, "PgUp" }, { TK_PGDN, "PgDn" },
	{ TK_BACKSPACE, "Backspace" }, { TK_DELETE, "Delete" }, { TK_ENTER, "Enter" },
	{ TK_BTAB, "S-Tab" }, { TK_RESIZE, "Resize" }, { TK_F1, "F1" },
	{ TK_TAB, "Tab" }, { TK_ESC, "Esc" }, { ' ', "Space" }, { '<', "LT" },
};

const struct keybinding *keys_bindings(size_t *n)
{
	*n = sizeof bindings / sizeof bindings[0];
	return bindings;
}

enum request keys_request(int key)
{
	if (key == '\r' || key == '\n')
		key = TK_ENTER;
	for (size_t i = 0; i < sizeof bindings / sizeof bindings[0]; i++)
		if (bindings[i].key == key)
			return bindings[i].req;
	return REQ_NONE;
}

const char *keys_request_help(enum request req)
{
	if ((int)req < 0 || req >= REQ_COUNT)
		return "";
	return req_help[req];
}

const char *keys_name(int key, char *buf, size_t size)
{
	if (TK_IS_META(key)) {
		char inner[24];
		int c = key & 0xFF;

		snprintf(buf, size, "M-%s", c == 0x7F || c == 0x08 ? "Backspace" :
		         keys_name(c, inner, sizeof inner));
		return buf;
	}
	if (TK_IS_BADBYTE(key)) {
		snprintf(buf, size, "\\x%02X", (unsigned)(key & 0xFF));
		return buf;
	}
	if (key == TK_UNKNOWN) {
		snprintf(buf, size, "(escape sequence)");
		return buf;
	}
	for (size_t i = 0; i < sizeof key_names / sizeof key_names[0]; i++)
		if (key_names[i].key == key && key != '<') {
			snprintf(buf, size, "%s", key_names[i].name);
			return buf;
		}
	if (key >= 1 && key < 32)
		snprintf(buf, size, "C-%c", key + 'a' - 1);
	else if (key >= 0x20 && key < 0x7f)
		snprintf(buf, size, "%c", key);
	else if (key < TK_BASE)
		snprintf(buf, size, "U+%04X", (unsigned)key);
	else
		snprintf(buf, size, "key-%d", key - TK_BASE);
	return buf;
}

int keys_parse(const char *tok)
{
	size_t len = strlen(tok);
	unsigned cp;

	if (len >= 3 && tok[0] == '<' && tok[len - 1] == '>') {
		const char *name = tok + 1;
		size_t n = len - 2;

		if (n == 3 && (name[0] == 'C' || name[0] == 'c') && name[1] == '-' &&
		    name[2] >= 'a' && name[2] <= 'z')
			return TK_CTRL(name[2]);
		if (n == 3 && name[0] == 'M' && name[1] == '-' && name[2] > 0x20 && name[2] < 0x7F)
			return TK_META(name[2]);
		if (n == 11 && strncmp(name, "M-Backspace", 11) == 0)
			return TK_META(0x7F);
		for (size_t i = 0; i < sizeof key_names / sizeof key_names[0]; i++)
			if (strlen(key_names[i].name) == n &&
			    strncmp(key_names[i].name, name, n) == 0)
				return key_names[i].key;
		return -1;
	}
	if (len > 0 && text_utf8_decode(tok, len, &cp) == len && cp >= 0x20)
		return (int)cp;
	return -1;
}

char **keys_help_lines(int keycol, size_t *n)
{
	char **lines = calloc(REQ_COUNT, sizeof *lines);
	size_t k = 0;

	*n = 0;
	if (!lines)
		return NULL;
	for (int r = 1; r < REQ_COUNT; r++) {
		char keys[128] = "", name[32];
		size_t len;

		for (size_t i = 0; i < sizeof bindings / sizeof bindings[0]; i++) {
			if ((int)bindings[i].req != r)
				continue;
			len = strlen(keys);
			snprintf(keys + len, sizeof keys - len, "%s%s", len ? ", " : "",
			         keys_name(bindings[i].key, name, sizeof name));
		}
		len = strlen(keys) + strlen(req_help[r]) + (size_t)keycol + 4;
		lines[k] = malloc(len);
		if (!lines[k])
			break;
		snprintf(lines[k], len, "%-*s %s", keycol, keys, req_help[r]);
		k++;
	}
	*n = k;
	return lines;
}

/* ---- keys from bytes -------------------------------------------------- */

void keys_reader_init(struct key_reader *r)
{
	r->pending = TK_NONE;
}

static int unit(struct key_reader *r, keys_source src, void *ctx, int wait_ms)
{
	int u = r->pending;

	if (u != TK_NONE) {
		r->pending = TK_NONE;
		return u;
	}
	return src(ctx, wait_ms);
}

/* The key a CSI (ESC [) or SS3 (ESC O) sequence stands for: the common
 * ones of xterm and vt100-likes, for terminals whose terminfo lacks them;
 * with other parameters (modifiers) it is unknown rather than a guess. */
static int sequence_key(int intro, const char *params, int final)
{
	static const struct { int final; int key; } letters[] = {
		{ 'A', TK_UP }, { 'B', TK_DOWN }, { 'C', TK_RIGHT }, { 'D', TK_LEFT },
		{ 'H', TK_HOME }, { 'F', TK_END },
	};
	static const struct { const char *params; int key; } tilde[] = {
		{ "1", TK_HOME }, { "7", TK_HOME }, { "4", TK_END }, { "8", TK_END },
		{ "3", TK_DELETE }, { "5", TK_PGUP }, { "6", TK_PGDN },
	};

	if (final == '~' && intro == '[') {
		for (size_t i = 0; i < sizeof tilde / sizeof tilde[0]; i++)
			if (strcmp(params, tilde[i].params) == 0)
				return tilde[i].key;
		return TK_UNKNOWN;
	}
	if (params[0] && strcmp(params, "1") != 0)
		return TK_UNKNOWN;
	if (intro == '[' && final == 'Z')
		return TK_BTAB;
	if (intro == 'O' && final == 'P')
		return TK_F1;
	for (size_t i = 0; i < sizeof letters / sizeof letters[0]; i++)
		if (letters[i].final == final)
			return letters[i].key;
	return TK_UNKNOWN;
}

/* After Esc: what came with it at once. */
static int after_escape(struct key_reader *r, keys_source src, void *ctx)
{
	int c = unit(r, src, ctx, 0);
	char params[16];
	size_t n = 0;

	if (c == TK_NONE)
		return TK_ESC;                  /* Esc alone */
	if (c == TK_BACKSPACE)
		return TK_META(0x7F);           /* Backspace that curses decoded */
	if (c != '[' && c != 'O') {
		if ((c >= 0x20 && c <= 0x7F) || c == 0x08)
			return TK_META(c);      /* Alt-c */
		r->pending = c;                 /* Esc, then a key of its own */
		return TK_ESC;
	}
	int intro = c;
	for (;;) {
		c = unit(r, src, ctx, KEYS_SEQ_WAIT_MS);
		if (c == TK_NONE && n == 0)
			return TK_META(intro);  /* Alt-[ or Alt-O alone */
		if (c >= 0x40 && c <= 0x7E)
			break;                  /* the final byte */
		if (intro == '[' && c >= 0x20 && c <= 0x3F) {
			if (n + 1 < sizeof params)
				params[n++] = (char)c;
			continue;
		}
		/* Not a sequence after all: what broke it is a key of its own. */
		if (c != TK_NONE)
			r->pending = c;
		return TK_UNKNOWN;
	}
	params[n] = '\0';
	return sequence_key(intro, params, c);
}

int keys_read(struct key_reader *r, keys_source src, void *ctx, int wait_ms)
{
	int c = unit(r, src, ctx, wait_ms);
	unsigned char seq[4];
	size_t need, got;
	unsigned cp;

	if (c == TK_NONE || c < 0 || c > 0xFF)
		return c;                       /* nothing, or a key already */
	if (c == TK_ESC)
		return after_escape(r, src, ctx);
	if (c < 0x80)
		return c;
	if (c >= 0xC2 && c <= 0xDF)
		need = 2;
	else if (c >= 0xE0 && c <= 0xEF)
		need = 3;
	else if (c >= 0xF0 && c <= 0xF4)
		need = 4;
	else
		return TK_BADBYTE(c);           /* a stray continuation, C0/C1, F5-FF */
	seq[0] = (unsigned char)c;
	for (got = 1; got < need; got++) {
		int u = unit(r, src, ctx, KEYS_SEQ_WAIT_MS);

		if (u < 0x80 || u > 0xBF) {
			/* Broken off: the byte that broke it is read again. */
			if (u != TK_NONE)
				r->pending = u;
			return TK_BADBYTE(c);
		}
		seq[got] = (unsigned char)u;
	}
	/* Overlong forms, surrogates, past U+10FFFF. */
	if (text_utf8_decode((const char *)seq, need, &cp) != need)
		return TK_BADBYTE(c);
	return (int)cp;
}
