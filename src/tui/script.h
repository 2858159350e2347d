/* script.h - scripted input for headless screen tests (as tig's
 * TIG_SCRIPT): the workbench reads keys from a file instead of the
 * keyboard, one step at a time, each only when it is idle (after a full
 * redraw), and can dump the virtual screen.
 *
 * Format, one command a line; blank lines and lines starting with '#' are
 * skipped:
 *   KEYS...              keys: each character is a key, <Name> is a named
 *                        key (<Enter> <Esc> <Tab> <S-Tab> <Up> <Down> <Left>
 *                        <Right> <Home> <End> <PgUp> <PgDn> <Backspace>
 *                        <Delete> <Space> <LT> <F1>) and <C-x> a control key;
 *                        spaces between keys are ignored
 *   :type TEXT           each character of TEXT (spaces included) is a key
 *   :bytes HH HH ...     bytes (hex) as a terminal sends them at once, made
 *                        into keys as the keyboard's are (keys_read: UTF-8,
 *                        Alt-keys, escape sequences, bytes that are not
 *                        UTF-8); a line ends what it holds (as a pause)
 *   :save-display FILE   write the screen to FILE
 *   :resize COLSxROWS    change the screen size (as a SIGWINCH would)
 *   :wait-idle           do what the workbench does when idle (poll the store)
 * At the end of the script the workbench quits. */
#ifndef PRMWB_TUI_SCRIPT_H
#define PRMWB_TUI_SCRIPT_H

#include <stdbool.h>
#include <stdio.h>

enum script_op { SCRIPT_KEY, SCRIPT_SAVE, SCRIPT_RESIZE, SCRIPT_IDLE, SCRIPT_BYTES, SCRIPT_END,
                 SCRIPT_ERROR };

struct script_step {
	enum script_op op;
	int key;            /* SCRIPT_KEY */
	const char *arg;    /* SCRIPT_SAVE: file (valid until the next call); SCRIPT_ERROR: message */
	int rows, cols;     /* SCRIPT_RESIZE */
	const unsigned char *bytes;   /* SCRIPT_BYTES (valid until the next call) */
	size_t n_bytes;
};

struct script {
	FILE *f;
	char *path;
	char *line;         /* current line (owned) */
	size_t cap;
	const char *pos;    /* next key in line, or NULL when the line is done */
	bool typing;        /* pos is in a :type line (every character is a key) */
	long lineno;
	char msg[512];
	unsigned char bytes[256];
};

bool script_open(struct script *s, const char *path, char **err);
void script_close(struct script *s);
/* The next step. */
void script_next(struct script *s, struct script_step *st);

#endif
