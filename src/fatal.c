/* fatal.c - restore the terminal on faults; a fault inside the store is a
 * damaged store (exit 2), anything else dies of its signal. */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stddef.h>
#include <string.h>
#include <unistd.h>

#include "fatal.h"

static void (*volatile restore_fn)(void);
static volatile sig_atomic_t store_depth;
static const char *volatile store_path;

/* 64 KiB: enough for write() and the restore function after a stack
 * overflow; SIGSTKSZ is not a constant in newer glibc. */
static char alt_stack[64 * 1024];

/* Where a store fault goes when the program saves its user's work first;
 * what the damage was and where, for fatal_store_report(). */
static sigjmp_buf *volatile store_jump;
static const char *volatile jump_what;
static char jump_path[4096];
static char jump_reason[256];

static const int fatal_signals[] = { SIGSEGV, SIGBUS, SIGABRT, SIGFPE, SIGQUIT };

static void put(const char *s)
{
	size_t n = strlen(s);

	while (n > 0) {
		ssize_t w = write(STDERR_FILENO, s, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return;
		s += w;
		n -= (size_t)w;
	}
}

static const char *signal_name(int sig)
{
	switch (sig) {
	case SIGSEGV: return "SIGSEGV";
	case SIGBUS:  return "SIGBUS";
	case SIGABRT: return "SIGABRT";
	case SIGFPE:  return "SIGFPE";
	case SIGQUIT: return "SIGQUIT";
	default:      return "a signal";
	}
}

static void restore_terminal(void)
{
	void (*fn)(void) = restore_fn;

	restore_fn = NULL; /* once: a fault inside it must not loop */
	if (fn)
		fn();
}

static void copy(char *dst, size_t size, const char *src)
{
	size_t n = 0;

	while (src && src[n] && n + 1 < size) {
		dst[n] = src[n];
		n++;
	}
	dst[n] = '\0';
}

static void message(const char *path, const char *what)
{
	put("prmwb: the store ");
	if (path) {
		put("in ");
		put(path);
		put(" ");
	}
	put("is damaged");
	if (what) {
		put(" (");
		put(what);
		put(")");
	}
	put(": run 'prmwb verify' for details; restore it from a copy made with "
	    "'mdb_copy -c' (see prmwb(1), BACKUP)\n");
}

/* Jump to the program's rescue point, if it set one (no return then). */
static void jump(const char *path, const char *what)
{
	sigjmp_buf *jb = store_jump;

	if (!jb)
		return;
	store_jump = NULL;
	store_depth = 0;
	copy(jump_path, sizeof jump_path, path);
	copy(jump_reason, sizeof jump_reason, what);
	jump_what = jump_reason;
	siglongjmp(*jb, 1);
}

static void damaged(const char *what)
{
	const char *path = store_path;

	jump(path, what);
	restore_terminal();
	message(path, what);
	_exit(2);
}

static void on_fatal(int sig)
{
	/* SIGQUIT is the user's Ctrl-\ even inside the store: not damage. */
	if (store_depth > 0 && sig != SIGQUIT)
		damaged(signal_name(sig));
	restore_terminal();
	/* The handler was reset on entry (SA_RESETHAND); the signal is blocked
	 * until we return, so raising it now kills us right after: with the
	 * default action, and a core dump where the user allows one. A fault
	 * also recurs by itself when the faulting instruction runs again. */
	raise(sig);
}

void fatal_init(void)
{
	stack_t ss;
	struct sigaction sa;

	memset(&ss, 0, sizeof ss);
	ss.ss_sp = alt_stack;
	ss.ss_size = sizeof alt_stack;
	sigaltstack(&ss, NULL);

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_fatal;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = SA_RESETHAND | SA_ONSTACK;
	for (size_t i = 0; i < sizeof fatal_signals / sizeof fatal_signals[0]; i++)
		sigaction(fatal_signals[i], &sa, NULL);
}

void fatal_set_restore(void (*fn)(void))
{
	restore_fn = fn;
}

void fatal_store_enter(const char *path)
{
	if (store_depth++ == 0)
		store_path = path;
}

void fatal_store_leave(void)
{
	if (store_depth > 0 && --store_depth == 0)
		store_path = NULL;
}

bool fatal_in_store(void)
{
	return store_depth > 0;
}

void fatal_set_store_jump(sigjmp_buf *jb)
{
	store_jump = jb;
}

void fatal_store_detected(const char *path, const char *what)
{
	jump(path, what);
}

void fatal_store_report(void)
{
	message(jump_path[0] ? jump_path : NULL, jump_what);
}

void fatal_store_damaged(const char *what)
{
	damaged(what);
	_exit(2); /* not reached */
}
