/* keys.h - keys, the requests they stand for, and the help made from them.
 *
 * A key is an int: a Unicode code point for characters (control keys are
 * their C0 code, Ctrl-R = 0x12), or TK_* for function keys. The curses layer
 * (screen.c) maps its KEY_* codes to TK_*, and script mode parses names like
 * "<Enter>" into the same ints, so both feed one dispatcher. No curses here.
 *
 * As in tig, requests come from one table (REQ_INFO); the bindings and the
 * help screen are made from it, so help cannot drift from the code. */
#ifndef PRMWB_TUI_KEYS_H
#define PRMWB_TUI_KEYS_H

#include <stddef.h>

#define TK_BASE 0x200000   /* above every code point */
enum tui_key {
	TK_UP = TK_BASE, TK_DOWN, TK_LEFT, TK_RIGHT, TK_HOME, TK_END,
	TK_PGUP, TK_PGDN, TK_BACKSPACE, TK_DELETE, TK_ENTER, TK_BTAB,
	TK_RESIZE, TK_F1, TK_NONE,
};
#define TK_CTRL(c) ((c) & 0x1f)
#define TK_ESC 27
#define TK_TAB 9

/* name, help text */
#define REQ_INFO(_) \
	_(MOVE_DOWN,  "Move down one line") \
	_(MOVE_UP,    "Move up one line") \
	_(PAGE_DOWN,  "Move down one page") \
	_(PAGE_UP,    "Move up one page") \
	_(FIRST,      "Go to the first line") \
	_(LAST,       "Go to the last line") \
	_(ENTER,      "Expand category, open process, follow relation, edit field") \
	_(BACK,       "Collapse category, go to parent, back to the tree") \
	_(JUMP_BACK,  "Back to where the last followed relation was (jump history)") \
	_(NEXT_PANE,  "Switch between the tree and the detail pane") \
	_(SEARCH,     "Search ids, names, purposes and records (incremental)") \
	_(FIND_NEXT,  "Next search match") \
	_(FIND_PREV,  "Previous search match") \
	_(EDIT,       "Edit the field selected on the right (at first Owner)") \
	_(EDIT_EXTERNAL, "Edit notes/evidence/justification in $VISUAL/$EDITOR") \
	_(DISCARD,    "Discard your text kept after E could not save it") \
	_(UNDO,       "Undo your last change") \
	_(REDO,       "Redo the change you undid last") \
	_(HISTORY,    "History of this process (again: of the whole store)") \
	_(HELP,       "Show this help") \
	_(REDRAW,     "Redraw the screen") \
	_(QUIT,       "Quit (in help, history: back; warns over unsaved text)")

enum request {
	REQ_NONE = 0,
#define REQ_ENUM(name, help) REQ_##name,
	REQ_INFO(REQ_ENUM)
#undef REQ_ENUM
	REQ_COUNT
};

struct keybinding {
	int key;
	enum request req;
};

/* The bindings, in help order; n gets the count. */
const struct keybinding *keys_bindings(size_t *n);

/* Request bound to key, or REQ_NONE. */
enum request keys_request(int key);

/* Help text of a request ("" for REQ_NONE). */
const char *keys_request_help(enum request req);

/* Human name of a key ("j", "C-r", "Enter", "PgDn") into buf. */
const char *keys_name(int key, char *buf, size_t size);

/* Parse one script token: "<Enter>", "<C-r>", "<Esc>", or a single UTF-8
 * character. Returns the key, or -1 if it is not one. */
int keys_parse(const char *token);

/* Help lines "KEYS  what it does", one per request (keys joined with ", ",
 * padded to keycol columns). Caller frees each and the array. */
char **keys_help_lines(int keycol, size_t *n);

#endif
