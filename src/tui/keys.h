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
	TK_UNKNOWN,         /* an escape sequence (a key) nobody knows */
};
#define TK_CTRL(c) ((c) & 0x1f)
#define TK_ESC 27
#define TK_TAB 9
/* Alt/Meta+c: the terminal sends Esc and c at once. */
#define TK_META(c) (0x400000 | (c))
#define TK_IS_META(k) (((k) & ~0xFF) == 0x400000)
/* A byte of input that is not UTF-8 (dropped, with a message). */
#define TK_BADBYTE(b) (0x300000 | (b))
#define TK_IS_BADBYTE(k) (((k) & ~0xFF) == 0x300000)

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
	_(JUMP_BACK,  "Go back to where the last jump (relation, id) came from") \
	_(NEXT_PANE,  "Switch between the tree and the detail pane") \
	_(SEARCH,     "Search ids, names, purposes and records (incremental)") \
	_(FIND_NEXT,  "Next search match") \
	_(FIND_PREV,  "Previous search match") \
	_(GOTO,       "Go to a process by id: type it (7.4 Enter) or : then the id") \
	_(FILTER,     "Filter: status, owner, level, below target, review (F: off)") \
	_(OVERVIEW,   "Overview of all records: counts; Enter lists the processes") \
	_(MARK,       "Mark/unmark (a category: all of it); e edits all marked") \
	_(MARK_CLEAR, "Clear all marks") \
	_(EDIT,       "Edit the field selected on the right (at first Owner)") \
	_(EDIT_EXTERNAL, "Edit notes/evidence/justification in $VISUAL/$EDITOR") \
	_(DISCARD,    "Discard your text kept after E could not save it") \
	_(UNDO,       "Undo your last change") \
	_(REDO,       "Redo the change you undid last") \
	_(HISTORY,    "History of this process (again: of the whole store)") \
	_(EXPORT,     "Export to a file: the process, profile, history or store") \
	_(HELP,       "Show this help") \
	_(REDRAW,     "Redraw the screen") \
	_(QUIT,       "Quit (in help, history: back; warns over unsaved text)") \
	_(PROFILE,    "Profile: processes x process attributes, rated with one key") \
	_(RATE,       "Rate the outcome or PA selected: then n/p/l/f, -/+ or x")

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

/* Parse one script token: "<Enter>", "<C-r>", "<Esc>", "<M-x>", or a single
 * UTF-8 character. Returns the key, or -1 if it is not one. */
int keys_parse(const char *token);

/* Keys from the bytes a terminal sends, assembled here rather than by
 * curses (whose get_wch waited for Enter after one byte that is not UTF-8,
 * taking Esc and q with it). The source gives one unit at a time: a byte
 * (0-255), a TK_* key the terminal layer already decoded (arrows from
 * terminfo), or TK_NONE if nothing came within wait_ms (-1: as long as it
 * takes, 0: only what is there).
 *
 * UTF-8 is checked as it comes: a sequence broken by another byte, or not
 * finished within KEYS_SEQ_WAIT_MS, is TK_BADBYTE(its first byte), and the
 * byte that broke it is read again as a key of its own, so Esc and q keep
 * working. Esc followed at once by a character is TK_META(c) (Alt-c);
 * common CSI/SS3 sequences curses did not decode are the keys they stand
 * for, others TK_UNKNOWN. */
#define KEYS_SEQ_WAIT_MS 100
typedef int (*keys_source)(void *ctx, int wait_ms);
struct key_reader {
	int pending;        /* a unit read ahead, or TK_NONE */
};
void keys_reader_init(struct key_reader *r);
/* The next key, waiting at most wait_ms for its first unit: TK_NONE if
 * none came. */
int keys_read(struct key_reader *r, keys_source src, void *ctx, int wait_ms);

/* Help lines "KEYS  what it does", one per request (keys joined with ", ",
 * padded to keycol columns). Caller frees each and the array. */
char **keys_help_lines(int keycol, size_t *n);

#endif
