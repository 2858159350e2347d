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
