/* find.c - incremental search over processes. */
#include "config.h"
#include "tui/find.h"

#include "model.h"
#include "text.h"

bool find_match(const struct prm_model *m, char *const *rec_text, size_t p,
                const char *needle)
{
	const struct prm_process *pr = &m->processes[p];

	if (!needle[0])
		return false;
	return text_casestr(pr->id, needle) || text_casestr(pr->name, needle) ||
	       (pr->purpose && text_casestr(pr->purpose, needle)) ||
	       (rec_text && rec_text[p] && text_casestr(rec_text[p], needle));
}

size_t find_process(const struct prm_model *m, char *const *rec_text,
                    const char *needle, size_t from, int dir, bool include_from,
                    bool *wrapped)
{
	size_t n = m->n_processes;

	if (wrapped)
		*wrapped = false;
	if (n == 0 || !needle[0])
		return (size_t)-1;
	if (from >= n)
		from = dir > 0 ? n - 1 : 0;
	for (size_t step = include_from ? 0 : 1; step <= n; step++) {
		size_t p;

		if (dir > 0)
			p = (from + step) % n;
		else
			p = (from + n * 2 - step) % n;
		if (step > 0 && ((dir > 0 && p <= from) || (dir < 0 && p >= from)) && wrapped)
			*wrapped = true;
		if (find_match(m, rec_text, p, needle))
			return p;
	}
	return (size_t)-1;
}
