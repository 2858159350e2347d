/* Unit test: t on a category marks the processes of that category, and
 * looks at them only, not at every process of the model (issue 11: no key
 * may scan the whole model): tree_shows is wrapped at link time
 * (-Wl,--wrap) and counts the processes looked at. */
#include "config.h"

#include <criterion/criterion.h>
#include <string.h>

#include "tui/app_int.h"
#include "tui/marks.h"
#include "tui/tree.h"
#include "tui_fixture.h"

static unsigned long looked;
static struct prm_model *m;     /* left to the process exit, as test_tui_tree's */

bool __real_tree_shows(const struct tree *t, size_t p);
bool __wrap_tree_shows(const struct tree *t, size_t p);

bool __wrap_tree_shows(const struct tree *t, size_t p)
{
	looked++;
	return __real_tree_shows(t, p);
}

Test(marks_cost, t_on_a_category_looks_at_its_processes_only)
{
	static const size_t sizes[] = { 5, 500 };
	struct app a;

	m = fx_model(sizes, 2);
	memset(&a, 0, sizeof a);
	a.m = m;
	a.focus = FOCUS_TREE;
	cr_assert(tree_init(&a.tree, m));
	tree_first(&a.tree);
	tree_move(&a.tree, 1);          /* the first category's row */
	cr_assert_eq(tree_current(&a.tree)->kind, TREE_CATEGORY);
	looked = 0;
	marks_toggle(&a);
	cr_assert_eq(a.n_marked, 5);
	for (size_t p = 0; p < 5; p++)
		cr_assert(marks_is(&a, p));
	cr_assert_leq(looked, 2 * 5, "t on a category of 5 looked at %lu processes", looked);
	looked = 0;
	marks_toggle(&a);               /* all marked: unmarks them */
	cr_assert_eq(a.n_marked, 0);
	cr_assert_leq(looked, 2 * 5, "t again looked at %lu processes", looked);
	marks_free(&a);
	tree_free(&a.tree);
}
