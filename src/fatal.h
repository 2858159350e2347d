/* fatal.h - what happens when the program is killed by a fault or by
 * Ctrl-\ (SIGSEGV, SIGBUS, SIGABRT, SIGFPE, SIGQUIT).
 *
 * The terminal is restored first (the workbench registers how), then the
 * process dies of the same signal, as htop does, so a core dump and the
 * shell's "Segmentation fault" still happen. One exception: a fault while
 * the store is being read or written means the store's file is damaged
 * (LMDB has no checksums and trusts its pages): then the message says so,
 * names the store and what to do, and the exit status is 2.
 *
 * Everything here is async-signal-safe where it runs in a handler. */
#ifndef PRMWB_FATAL_H
#define PRMWB_FATAL_H

#include <setjmp.h>
#include <stdbool.h>

/* Install the handlers (on an alternate stack, so a stack overflow is
 * caught too). Call once, early in main(). */
void fatal_init(void);

/* fn restores the terminal; it runs inside a signal handler, so it may only
 * call async-signal-safe functions (write, tcsetattr). NULL removes it. */
void fatal_set_restore(void (*fn)(void));

/* Bracket every access to a store's mapped data: a fault inside is
 * reported as a damaged store at path (borrowed until the matching leave).
 * Calls nest. */
void fatal_store_enter(const char *path);
void fatal_store_leave(void);
bool fatal_in_store(void);

/* A program that must save what the user typed before it ends (the
 * workbench) gives a jump buffer made by sigsetjmp(jb, 1): a fault inside
 * the store then jumps there (with the signal number) instead of ending
 * the process, and so does damage the program finds itself
 * (fatal_store_detected). After the jump the store must not be used again;
 * fatal_store_report() says what happened. NULL: end as described above. */
void fatal_set_store_jump(sigjmp_buf *jb);
/* Damage found without a fault (a call returned STORE_DAMAGED; what: the
 * store's reason): jumps if a jump buffer is set, else returns. */
void fatal_store_detected(const char *path, const char *what);
/* After the jump: the damage message, as fatal_store_damaged() writes it,
 * to standard error. */
void fatal_store_report(void);

/* Report the store entered last as damaged (what: a short reason, e.g.
 * LMDB's assertion text, or NULL), restore the terminal and _exit(2). For
 * faults found without a signal (LMDB's assertion callback). */
void fatal_store_damaged(const char *what) __attribute__((noreturn));

#endif
