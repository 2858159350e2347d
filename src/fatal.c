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

static void damaged(const char *what)
{
	const char *path = store_path;

	restore_terminal();
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

void fatal_store_damaged(const char *what)
{
	damaged(what);
	_exit(2); /* not reached */
}
