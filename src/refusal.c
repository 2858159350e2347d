/* refusal.c - see refusal.h. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "refusal.h"
#include "text.h"

void refusal_iso_time(int64_t t, char *buf, size_t size)
{
	time_t tt = (time_t)t;
	struct tm tm;

	if (t <= 0 || !gmtime_r(&tt, &tm) || !strftime(buf, size, "%Y-%m-%dT%H:%M:%SZ", &tm))
		snprintf(buf, size, "-");
}

/* "by USER at TIME, #REV" of the change info names. */
static char *who_when(const struct store_change *info)
{
	char when[32];

	refusal_iso_time(info->time, when, sizeof when);
	if (!info->user[0])
		return text_printf("never set");
	if (info->rev)
		return text_printf("by %s at %s, #%llu", info->user, when,
		                   (unsigned long long)info->rev);
	return text_printf("by %s at %s", info->user, when);
}

static char *named_notfound(const struct store_change *info, uint64_t seq)
{
	char when[32];
	unsigned long long n = (unsigned long long)seq, ref = (unsigned long long)info->ref;

	refusal_iso_time(info->time, when, sizeof when);
	switch (info->why) {
	case STORE_WHY_NOT_OWN:
		return text_printf("undo refused: #%llu (%s %s) was made by %s at %s; you can undo "
		                   "only your own changes", n, info->process, info->field,
		                   info->user, when);
	case STORE_WHY_NOT_A_CHANGE:
		if (!info->process[0])
			return text_printf("undo refused: #%llu is a baseline or a restore, not a change; "
			                   "the history is append-only: a baseline stays (create a newer "
			                   "one to supersede it)", n);
		return text_printf("undo refused: #%llu is itself an undo or redo (of #%llu), not a "
		                   "change; undo a change by its own number ('prmwb log' and the "
		                   "workbench's L show them)", n, ref);
	case STORE_WHY_UNDONE:
		if (info->ref)
			return text_printf("nothing to undo: #%llu (%s %s) was undone already, by #%llu",
			                   n, info->process, info->field, ref);
		return text_printf("nothing to undo: #%llu (%s %s) was undone already",
		                   n, info->process, info->field);
	default:
		return text_printf("undo refused: there is no history entry #%llu (the newest is "
		                   "#%llu)", n, ref);
	}
}

char *refusal_text(enum store_rc rc, const struct store_change *info,
                   const char *verb, uint64_t seq, const char *hint)
{
	char *who, *s;

	if (rc == STORE_NOTFOUND)
		return seq ? named_notfound(info, seq) : text_printf("nothing to %s", verb);
	if (rc != STORE_CONFLICT)
		return text_printf("%s failed: %s", verb, store_strerror(rc));
	who = who_when(info);
	if (!who)
		return NULL;
	if (info->needs_justification && strcmp(info->field, "justification") == 0)
		s = text_printf("%s refused: %s would be left with applicable 'no' and no "
		                "justification (the justification was %s%s); set the "
		                "justification first; nothing was changed", verb, info->process,
		                info->user[0] ? "cleared " : "", who);
	else if (info->needs_justification)
		s = text_printf("%s refused: it would clear the justification of %s while "
		                "applicable is 'no' (set %s); nothing was changed", verb,
		                info->process, who);
	else
		s = text_printf("%s refused: %s %s was changed since, %s; nothing was changed "
		                "(their work is kept)%s%s", verb, info->process, info->field, who,
		                hint && !seq ? ". " : "", hint && !seq ? hint : "");
	free(who);
	return s;
}

char *refusal_field_text(const struct store_change *c)
{
	char *who, *s;

	if (c->why == STORE_WHY_ORPHAN)
		return text_printf("%s %s (#%llu): the process is not in the model in use (its record "
		                   "is read-only)", c->process, c->field, (unsigned long long)c->ref);
	if (c->why == STORE_WHY_JUSTIFICATION)
		return text_printf("%s: applicable would be 'no' without a justification",
		                   c->process);
	who = who_when(c);
	if (!who)
		return NULL;
	s = text_printf("%s %s (#%llu): changed since, %s", c->process, c->field,
	                (unsigned long long)c->ref, who);
	free(who);
	return s;
}

char *refusal_set_text(enum store_rc rc, const struct store_set_report *rep, const char *verb)
{
	char *list = NULL, *s;
	size_t others;

	(void)rc;
	for (size_t i = 0; i < rep->n_refused; i++) {
		char *f = refusal_field_text(&rep->refused[i]);
		char *t = f ? text_printf("%s%s%s", list ? list : "", list ? "; " : "", f) : NULL;

		free(f);
		free(list);
		list = t;
		if (!list)
			return NULL;
	}
	others = rep->n_fields > rep->n_refused ? rep->n_fields - rep->n_refused : 0;
	if (others)
		s = text_printf("%s refused: change set #%llu (%zu fields) has %zu that cannot be %s: "
		                "%s; nothing was changed (their work is kept). 'prmwb %s --partial' "
		                "%s the other %zu field%s and lists the rest", verb,
		                (unsigned long long)rep->set, rep->n_fields, rep->n_refused,
		                strcmp(verb, "undo") == 0 ? "undone" : "redone", list ? list : "",
		                verb, strcmp(verb, "undo") == 0 ? "undoes" : "redoes", others,
		                others == 1 ? "" : "s");
	else
		s = text_printf("%s refused: change set #%llu (%zu fields) cannot be %s: %s; nothing "
		                "was changed (their work is kept)", verb, (unsigned long long)rep->set,
		                rep->n_fields, strcmp(verb, "undo") == 0 ? "undone" : "redone",
		                list ? list : "");
	free(list);
	return s;
}
