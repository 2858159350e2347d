/* lineedit.h - a one-line UTF-8 text editor, independent of the terminal.
 *
 * Holds the text and a cursor (a byte offset, always on a character
 * boundary); moves by characters, measures by display columns (wide
 * characters count 2). Keys are the ints of keys.h. Emacs-style keys as in
 * readline: C-a/Home, C-e/End, C-b/Left, C-f/Right, C-k, C-u, C-w,
 * Backspace, C-d/Delete, and by words M-b, M-f, M-d, M-Backspace. For enumerated fields a list of choices can be set:
 * Tab/Down and S-Tab/Up cycle through them. */
#ifndef PRMWB_TUI_LINEEDIT_H
#define PRMWB_TUI_LINEEDIT_H

#include <stdbool.h>
#include <stddef.h>

struct lineedit {
	char *buf;          /* owned, NUL-terminated UTF-8 */
	size_t len, cap;
	size_t cur;         /* byte offset of the cursor */
	size_t scroll;      /* byte offset of the first character shown */
	const char *const *choices;   /* not owned; NULL-terminated, or NULL */
	long choice;        /* index of the shown choice, -1 if none */
};

enum le_result {
	LE_IGNORED = 0,     /* not an editing key */
	LE_MOVED,           /* cursor moved, text unchanged */
	LE_CHANGED,         /* text changed */
	LE_COMMIT,          /* Enter */
	LE_CANCEL,          /* Esc */
};

/* Start editing text (NULL = ""). Invalid UTF-8 and control characters are
 * replaced by U+FFFD: the editor never holds what it cannot show. The
 * cursor goes to the end. Returns false on out-of-memory. */
bool le_init(struct lineedit *le, const char *text);
void le_free(struct lineedit *le);
/* Replace the whole text; cursor to the end. */
bool le_set(struct lineedit *le, const char *text);
/* Offer choices (not copied; must outlive the editor). */
void le_set_choices(struct lineedit *le, const char *const *choices);

/* The editor's operations, with their help text. As the main keys
 * (keys.h), the bindings and the help are made from one table, so the help
 * cannot drift from what the keys do. */
#define LE_OP_INFO(_) \
	_(COMMIT,      "Save the value (in a search: stay at the match)") \
	_(CANCEL,      "Cancel, nothing is written (in a search: go back)") \
	_(LEFT,        "Cursor one character left") \
	_(RIGHT,       "Cursor one character right") \
	_(HOME,        "Cursor to the start") \
	_(END,         "Cursor to the end") \
	_(BACKSPACE,   "Delete the character before the cursor") \
	_(DELETE,      "Delete the character under the cursor") \
	_(KILL_END,    "Delete to the end") \
	_(KILL_START,  "Delete to the start") \
	_(KILL_WORD,   "Delete the word before the cursor") \
	_(WORD_LEFT,   "Cursor to the start of the word (Alt-b, or Esc b quickly)") \
	_(WORD_RIGHT,  "Cursor past the end of the word") \
	_(KILL_WORD_FWD, "Delete the word after the cursor") \
	_(NEXT_CHOICE, "Next choice (status, applicable, outcome ratings)") \
	_(PREV_CHOICE, "Previous choice")

enum le_op {
	LE_OP_NONE = 0,
#define LE_OP_ENUM(name, help) LE_OP_##name,
	LE_OP_INFO(LE_OP_ENUM)
#undef LE_OP_ENUM
	LE_OP_COUNT
};

/* Operation bound to key, or LE_OP_NONE (a character is then inserted). */
enum le_op le_op_of(int key);
/* Help lines "KEYS  what it does", one per operation, as keys_help_lines.
 * Caller frees each and the array. */
char **le_help_lines(int keycol, size_t *n);

enum le_result le_key(struct lineedit *le, int key);
/* Insert one code point at the cursor. */
bool le_insert(struct lineedit *le, unsigned cp);

/* Which part to show in width columns so the cursor stays visible: sets
 * *off and *n (bytes of buf) and *col (cursor column from the left). */
void le_view(struct lineedit *le, int width, size_t *off, size_t *n, int *col);

#endif
