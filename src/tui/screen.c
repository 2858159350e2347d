/* screen.c - curses set-up/tear-down, colours, drawing, input. */
#include "config.h"
#define _XOPEN_SOURCE_EXTENDED 1
#include "tui/screen.h"

#include <curses.h>
#include <term.h>
#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>
#include <wchar.h>

#include "fatal.h"
#include "text.h"
#include "tui/keys.h"

static SCREEN *scr;
static FILE *scr_out, *scr_in;
static bool is_script, colors;
static int saved_stderr = -1;
static FILE *held_stderr;
static attr_t attrs[SA_COUNT];
static int quick_errors;
/* Where the terminal cursor should be after the next refresh (y < 0:
 * hidden), and whether it is shown now. curs_set() writes to the terminal
 * at once, so it is only called at refresh and only on a change: hiding
 * and showing it again around every redraw would send ~18 bytes per
 * keystroke in the editor (and make the cursor flicker). */
static int cur_y = -1, cur_x;
static bool cur_shown;

/* For a fatal signal (fatal.h): the terminal's modes from before curses
 * started, and the bytes that leave curses mode (attributes off, cursor to
 * the last line and visible, keypad transmit off, alternate screen left),
 * prepared beforehand: the handler may only write() and tcsetattr(). Two
 * buffers, so that a signal during a rebuild (after a resize) sees a whole
 * one. */
static int tty_fd = -1;
static struct termios tty_orig;
static bool tty_saved;
static struct leave_seq { char b[512]; size_t n; } leave[2];
static struct leave_seq *volatile leave_now;
static int leave_rows;
static volatile sig_atomic_t curses_on;   /* not while $EDITOR has the terminal */
static int held_fd = -1;


static void hold_stderr(void)
{
	fflush(stderr);
	held_stderr = tmpfile();
	saved_stderr = dup(STDERR_FILENO);
	if (!held_stderr || saved_stderr < 0 ||
	    dup2(fileno(held_stderr), STDERR_FILENO) < 0) {
		if (held_stderr)
			fclose(held_stderr);
		held_stderr = NULL;
		if (saved_stderr >= 0)
			close(saved_stderr);
		saved_stderr = -1;
		return;
	}
	held_fd = fileno(held_stderr);
}

static void release_stderr(void)
{
	char buf[4096];
	size_t n;

	if (saved_stderr < 0)
		return;
	fflush(stderr);
	dup2(saved_stderr, STDERR_FILENO);
	close(saved_stderr);
	saved_stderr = -1;
	rewind(held_stderr);
	while ((n = fread(buf, 1, sizeof buf, held_stderr)) > 0)
		if (fwrite(buf, 1, n, stderr) != n)
			break;
	fclose(held_stderr);
	held_stderr = NULL;
	held_fd = -1;
}

/* Append capability name's string, without its padding ("$<5>": tputs
 * would turn it into delays or pad bytes, not wanted in a handler). */
static void leave_add(struct leave_seq *l, const char *cap)
{
	for (const char *p = cap; p && p != (const char *)-1 && *p; p++) {
		if (p[0] == '$' && p[1] == '<' && strchr(p, '>')) {
			p = strchr(p, '>');
			continue;
		}
		if (l->n + 1 < sizeof l->b)
			l->b[l->n++] = *p;
	}
}

/* Prepare the bytes that leave curses mode for the current size. */
static void leave_prepare(void)
{
	struct leave_seq *l = leave_now == &leave[0] ? &leave[1] : &leave[0];
	const char *cup = tigetstr("cup");

	l->n = 0;
	leave_add(l, tigetstr("sgr0"));
	leave_add(l, tigetstr("op"));
	if (cup && cup != (const char *)-1)
		leave_add(l, tiparm(cup, LINES > 0 ? LINES - 1 : 0, 0));
	leave_add(l, tigetstr("cnorm"));
	leave_add(l, tigetstr("rmkx"));
	leave_add(l, tigetstr("rmcup"));
	leave_now = l;
	leave_rows = LINES;
}

static void write_fd(int fd, const char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, p, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return;
		p += w;
		n -= (size_t)w;
	}
}

/* Runs in a signal handler (fatal.c): async-signal-safe calls only. Leaves
 * curses mode, puts the saved terminal modes back, and gives stderr back
 * to the terminal with what was held, so the fault's message and any
 * earlier one are seen. While $EDITOR has the terminal (in its own modes;
 * ours were restored by endwin) it is left alone. */
static void restore_on_fatal(void)
{
	const struct leave_seq *l = leave_now;

	if (curses_on) {
		if (l)
			write_fd(tty_fd, l->b, l->n);
		if (tty_saved)
			tcsetattr(tty_fd, TCSANOW, &tty_orig);
	}
	if (saved_stderr >= 0) {
		char buf[1024];
		ssize_t k;

		if (held_fd >= 0 && lseek(held_fd, 0, SEEK_SET) == 0)
			while ((k = read(held_fd, buf, sizeof buf)) > 0)
				write_fd(saved_stderr, buf, (size_t)k);
		dup2(saved_stderr, STDERR_FILENO);
	}
}

/* Flow control off (Ctrl-S would stop the display while keys still act,
 * Ctrl-Q start it again): keys only. ISIG stays, so Ctrl-C and Ctrl-\
 * still signal. Curses' program mode is updated so that coming back from
 * $EDITOR or Ctrl-Z keeps it off; endwin() restores the shell's modes. */
static void flow_control_off(void)
{
	struct termios t;

	if (tcgetattr(tty_fd, &t) != 0)
		return;
	t.c_iflag &= ~(tcflag_t)(IXON | IXOFF);
	if (tcsetattr(tty_fd, TCSANOW, &t) == 0)
		def_prog_mode();
}

static void set_attrs(void)
{
	const char *nc = getenv("NO_COLOR");

	colors = has_colors() && !(nc && nc[0]);
	if (colors) {
		start_color();
		use_default_colors();
		init_pair(1, COLOR_WHITE, COLOR_BLUE);    /* selection */
		init_pair(2, COLOR_CYAN, -1);             /* headings */
		init_pair(3, COLOR_YELLOW, -1);           /* labels, marks */
		init_pair(4, COLOR_BLACK, COLOR_CYAN);    /* status line */
		init_pair(5, COLOR_RED, -1);              /* errors */
		init_pair(6, COLOR_GREEN, -1);            /* tree marks */
	}
	attrs[SA_NORMAL] = A_NORMAL;
	attrs[SA_SELECTED] = colors ? (COLOR_PAIR(1) | A_BOLD) : (A_REVERSE | A_BOLD);
	attrs[SA_CURSOR_IDLE] = colors ? A_UNDERLINE | A_BOLD : A_UNDERLINE;
	attrs[SA_TITLE] = A_BOLD;
	attrs[SA_HEADING] = colors ? (COLOR_PAIR(2) | A_BOLD) : A_BOLD;
	attrs[SA_LABEL] = colors ? COLOR_PAIR(3) : A_NORMAL;
	attrs[SA_STATUS] = colors ? COLOR_PAIR(4) : A_REVERSE;
	attrs[SA_ERROR] = colors ? (COLOR_PAIR(5) | A_BOLD) : A_BOLD;
	attrs[SA_HINT] = colors ? A_NORMAL : A_NORMAL;
	attrs[SA_MARK] = colors ? (COLOR_PAIR(6) | A_BOLD) : A_BOLD;
	attrs[SA_BORDER] = A_NORMAL;
}

bool screen_open(bool script, const char *output, char **err)
{
	const char *term = getenv("TERM");
	char msg[512];

	*err = NULL;
	is_script = script;
	if (script) {
		if (!getenv("LINES"))
			setenv("LINES", "24", 1);
		if (!getenv("COLUMNS"))
			setenv("COLUMNS", "80", 1);
		if (!term || !term[0])
			term = "xterm";
		use_env(TRUE);
		scr_out = fopen(output ? output : "/dev/null", "w");
		scr_in = fopen("/dev/null", "r");
		if (!scr_out || !scr_in) {
			snprintf(msg, sizeof msg, "cannot open %s: %s",
			         output ? output : "/dev/null", strerror(errno));
			*err = strdup(msg);
			return false;
		}
	} else {
		if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
			*err = strdup("the workbench needs a terminal on standard input and "
			              "output (for scripts use the commands: prmwb --help)");
			return false;
		}
		if (!term || !term[0]) {
			*err = strdup("TERM is not set: set it to your terminal's type, "
			              "e.g. TERM=xterm-256color or TERM=vt100");
			return false;
		}
		scr_out = stdout;
		scr_in = stdin;
		tty_fd = fileno(stdout);
		tty_saved = tcgetattr(tty_fd, &tty_orig) == 0;
	}
	scr = newterm(term, scr_out, scr_in);
	if (!scr) {
		snprintf(msg, sizeof msg, "unknown terminal type TERM='%.100s': "
		         "try TERM=xterm-256color or TERM=vt100", term);
		*err = text_escape(msg, (size_t)-1, 0);
		return false;
	}
	set_term(scr);
	{
		/* A terminal that cannot place the cursor (TERM=dumb) cannot show
		 * the workbench: refuse it as an unknown one, before drawing. */
		const char *cup = tigetstr("cup");

		if (!cup || cup == (const char *)-1) {
			endwin();
			delscreen(scr);
			scr = NULL;
			if (script) {
				fclose(scr_out);
				fclose(scr_in);
			}
			snprintf(msg, sizeof msg, "terminal type TERM='%.100s' cannot move the "
			         "cursor: try TERM=xterm-256color or TERM=vt100", term);
			*err = text_escape(msg, (size_t)-1, 0);
			return false;
		}
	}
	if (!script)
		hold_stderr();
	set_escdelay(25);
	cbreak();
	noecho();
	nonl();
	intrflush(stdscr, FALSE);
	keypad(stdscr, TRUE);
	curs_set(0);
	cur_shown = false;
	cur_y = -1;
	set_attrs();
	if (!script) {
		flow_control_off();
		leave_prepare();
		curses_on = 1;
		fatal_set_restore(restore_on_fatal);
	}
	return true;
}

bool screen_is_open(void)
{
	return scr != NULL;
}

void screen_close(void)
{
	if (!scr)
		return;
	fatal_set_restore(NULL);
	curses_on = 0;
	curs_set(1);
	endwin();
	delscreen(scr);
	scr = NULL;
	if (is_script) {
		fclose(scr_out);
		fclose(scr_in);
	}
	release_stderr();
}

void screen_size(int *rows, int *cols)
{
	getmaxyx(stdscr, *rows, *cols);
}

bool screen_has_colors(void)
{
	return colors;
}

void screen_erase(void)
{
	erase();
}

/* Length of a joiner or presentation selector at s, else 0: U+200D (ZWJ),
 * U+FE0E, U+FE0F. */
static size_t joiner_at(const char *s, size_t n)
{
	if (n >= 3 && (memcmp(s, "\xe2\x80\x8d", 3) == 0 || memcmp(s, "\xef\xb8\x8e", 3) == 0 ||
	               memcmp(s, "\xef\xb8\x8f", 3) == 0))
		return 3;
	return 0;
}

/* Add n bytes of s at the cursor, without joiners and presentation
 * selectors. curses gives every code point its wcwidth (👩‍💻: 2 + 0 + 2
 * cells) while a terminal may draw the joined sequence as one 2-cell
 * glyph (tmux does): its cursor then stands columns left of where curses
 * believes, and the cells curses later leaves alone as unchanged are not
 * what the terminal shows (stale cells after scrolling). Without the
 * joiner both draw two glyphs, 4 cells; the widths the workbench lays out
 * with (text_width: 0 for them) stay the same. */
static void add_cells(const char *s, size_t n)
{
	size_t start = 0, i = 0;

	while (i < n) {
		size_t j = joiner_at(s + i, n - i);

		if (!j) {
			i++;
			continue;
		}
		if (i > start)
			addnstr(s + start, (int)(i - start));
		i += j;
		start = i;
	}
	if (n > start)
		addnstr(s + start, (int)(n - start));
}

int screen_put(int y, int x, int width, const char *s, enum scr_attr a, bool fill)
{
	size_t len = strlen(s), n;
	int used = 0;

	if (width <= 0)
		return 0;
	n = text_fit(s, len, width, &used);
	attrset(attrs[a]);
	move(y, x);
	add_cells(s, n);
	if (fill)
		for (int i = used; i < width; i++)
			mvaddch(y, x + i, ' ');
	attrset(A_NORMAL);
	return used;
}

int screen_put_cut(int y, int x, int width, const char *s, enum scr_attr a,
                   const char *marker)
{
	size_t len = strlen(s);
	int used;

	if (width <= 0)
		return 0;
	if (text_width(s, len) <= width)
		return screen_put(y, x, width, s, a, true);
	text_fit(s, len, width - 1, &used);
	screen_put(y, x, used, s, a, false);
	/* A wide character that did not fit leaves a column: pad before the mark. */
	used += screen_put(y, x + used, width - 1 - used, "", a, true);
	return used + screen_put(y, x + used, 1, marker, a, false);
}

void screen_cursor(int y, int x)
{
	cur_y = y;
	cur_x = x;
}

void screen_refresh(void)
{
	bool show = cur_y >= 0;

	if (show != cur_shown) {
		curs_set(show ? 1 : 0);
		cur_shown = show;
	}
	/* A hidden cursor may stay where drawing left it: no cursor motion. */
	leaveok(stdscr, show ? FALSE : TRUE);
	if (show)
		move(cur_y, cur_x);
	if (curses_on && leave_rows != LINES)
		leave_prepare();
	refresh();
}

void screen_repaint(void)
{
	clearok(curscr, TRUE);
}

static int map_key(int k)
{
	switch (k) {
	case KEY_UP: return TK_UP;
	case KEY_DOWN: return TK_DOWN;
	case KEY_LEFT: return TK_LEFT;
	case KEY_RIGHT: return TK_RIGHT;
	case KEY_HOME: case KEY_A1: return TK_HOME;
	case KEY_END: case KEY_C1: return TK_END;
	case KEY_PPAGE: case KEY_A3: return TK_PGUP;
	case KEY_NPAGE: case KEY_C3: return TK_PGDN;
	case KEY_BACKSPACE: return TK_BACKSPACE;
	case KEY_DC: return TK_DELETE;
	case KEY_ENTER: return TK_ENTER;
	case KEY_BTAB: return TK_BTAB;
	case KEY_RESIZE: return TK_RESIZE;
	case KEY_F(1): return TK_F1;
	default: return TK_NONE;
	}
}

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

/* Input: curses decodes the terminal's function keys (keypad) and hands
 * over every other byte as it is (wgetch, not get_wch: get_wch waited for
 * Enter after one byte that is not UTF-8, Esc and q included); keys.c
 * assembles UTF-8, Alt-keys and what curses did not decode. */
static struct key_reader reader = { TK_NONE };

struct raw_source {
	bool first;         /* the wait for a key, not a unit inside one */
	bool gone;          /* the terminal is gone */
};

static int raw_unit(void *ctx, int wait_ms)
{
	struct raw_source *rs = ctx;
	bool first = rs->first;
	long t0 = now_ms();
	int c;

	rs->first = false;
	timeout(wait_ms);
	errno = 0;
	c = getch();
	if (c != ERR) {
		quick_errors = 0;
		if (c >= KEY_MIN) {
			int k = map_key(c);
			return k == TK_NONE ? TK_UNKNOWN : k;
		}
		return c & 0xFF;
	}
	/* ERR: a timeout, a signal, or the terminal is gone. A hang-up shows
	 * as POLLHUP; EOF as getch failing at once again and again. Inside a
	 * key (a short wait) it is only the end of what came. */
	if (!first || errno == EINTR)
		return TK_NONE;
	struct pollfd p = { fileno(scr_in), POLLIN, 0 };
	if (poll(&p, 1, 0) == 1 && (p.revents & (POLLHUP | POLLERR | POLLNVAL))) {
		rs->gone = true;
		return TK_NONE;
	}
	if (now_ms() - t0 < wait_ms / 2) {
		if (++quick_errors >= 5)
			rs->gone = true;
	} else {
		quick_errors = 0;
	}
	return TK_NONE;
}

int screen_getkey(int timeout_ms)
{
	struct raw_source rs = { true, false };
	int key = keys_read(&reader, raw_unit, &rs, timeout_ms);

	return rs.gone ? -1 : key;
}

void screen_suspend(void)
{
	def_prog_mode();
	curses_on = 0;
	endwin();
	if (saved_stderr >= 0)
		fflush(stderr);
}

void screen_resume(void)
{
	reset_prog_mode();
	curses_on = !is_script;
	clearok(curscr, TRUE);
	refresh();
}

int screen_stderr_fd(void)
{
	return saved_stderr >= 0 ? saved_stderr : STDERR_FILENO;
}

void screen_resize(int rows, int cols)
{
	resizeterm(rows, cols);
}

bool screen_dump(const char *path)
{
	FILE *f = fopen(path, "w");
	int rows, cols;
	wchar_t *w;
	bool ok = true;

	if (!f)
		return false;
	getmaxyx(stdscr, rows, cols);
	w = calloc((size_t)cols + 1, sizeof *w);
	if (!w) {
		fclose(f);
		return false;
	}
	for (int y = 0; y < rows; y++) {
		char mb[MB_LEN_MAX];
		mbstate_t st;
		int n = mvinnwstr(y, 0, w, cols);

		if (n == ERR)
			n = 0;
		while (n > 0 && w[n - 1] == L' ')
			n--;
		memset(&st, 0, sizeof st);
		for (int i = 0; i < n; i++) {
			size_t k = wcrtomb(mb, w[i], &st);
			if (k == (size_t)-1) {
				mb[0] = '?';
				k = 1;
			}
			fwrite(mb, 1, k, f);
		}
		fputc('\n', f);
	}
	free(w);
	if (fclose(f) != 0)
		ok = false;
	return ok;
}
