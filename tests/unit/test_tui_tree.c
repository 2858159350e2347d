/* Unit tests: the workbench's tree state (expand/collapse, parent, g/G,
 * paging, scrolling), without a terminal. Search: test_tui_find.c. */
#include "config.h"

#include <criterion/criterion.h>

#include "tui/tree.h"
#include "tui_fixture.h"

static const size_t sizes[] = { 3, 4, 0 };
static struct prm_model *m;
static struct tree t;

static void setup(void)
{
	m = fx_model(sizes, 3);
	cr_assert(tree_init(&t, m));
}

static void teardown(void)
{
	tree_free(&t);
	/* The fixture model is left to the process exit (tests are short). */
}

TestSuite(tree, .init = setup, .fini = teardown);

Test(tree, initial_rows_all_open)
{
	/* model + 3 categories + 7 processes */
	cr_assert_eq(t.n_rows, 11);
	cr_assert_eq(t.rows[0].kind, TREE_MODEL);
	cr_assert_eq(t.rows[1].kind, TREE_CATEGORY);
	/* cursor starts on the first process */
	cr_assert_eq(t.cursor, 2);
	cr_assert_eq(tree_process(&t), 0);
	cr_assert(t.rows[4].last, "1.3 is the last of its category");
	cr_assert(t.rows[10].last, "the empty category is last");
}

Test(tree, move_clamps)
{
	tree_move(&t, -100);
	cr_assert_eq(t.cursor, 0);
	tree_move(&t, 100);
	cr_assert_eq(t.cursor, 10);
	tree_first(&t);
	cr_assert_eq(t.cursor, 0);
	tree_last(&t);
	cr_assert_eq(t.cursor, t.n_rows - 1);
}

Test(tree, collapse_and_parent)
{
	tree_move(&t, 1);                   /* 1.2 */
	cr_assert_eq(tree_process(&t), 1);
	cr_assert(tree_back(&t));           /* to its category */
	cr_assert_eq(tree_current(&t)->kind, TREE_CATEGORY);
	cr_assert_eq(t.cursor, 1);
	cr_assert(tree_back(&t));           /* collapse it */
	cr_assert_not(t.open[0]);
	cr_assert_eq(t.n_rows, 8);
	cr_assert_eq(t.cursor, 1, "cursor stays on the category");
	cr_assert(tree_back(&t));           /* closed category: to the model */
	cr_assert_eq(t.cursor, 0);
	cr_assert_not(tree_back(&t), "nothing above the model");
}

Test(tree, enter_expands_then_moves_then_opens)
{
	tree_first(&t);
	tree_move(&t, 1);
	tree_back(&t);                      /* close category 1 */
	cr_assert_eq(tree_enter(&t), TREE_EXPANDED);
	cr_assert(t.open[0]);
	cr_assert_eq(tree_enter(&t), TREE_MOVED);
	cr_assert_eq(tree_process(&t), 0);
	cr_assert_eq(tree_enter(&t), TREE_OPEN_PROCESS);
}

Test(tree, collapse_keeps_cursor_on_category_of_hidden_process)
{
	/* Cursor on 2.3, close category 2 from elsewhere: tree_goto re-opens. */
	cr_assert(tree_goto_process(&t, 5));
	cr_assert_eq(tree_process(&t), 5);
	t.cursor = 5;                       /* row of category 2 */
	cr_assert_eq(tree_current(&t)->kind, TREE_CATEGORY);
	tree_back(&t);
	cr_assert_not(t.open[1]);
	cr_assert(tree_goto_process(&t, 5));
	cr_assert(t.open[1], "going to a process opens its category");
	cr_assert_eq(tree_process(&t), 5);
}

Test(tree, scrolling_keeps_cursor_visible)
{
	tree_set_height(&t, 3);
	tree_first(&t);
	for (int i = 0; i < 10; i++) {
		tree_move(&t, 1);
		cr_assert(t.cursor >= t.top && t.cursor < t.top + 3,
		          "cursor %zu outside view at %zu", t.cursor, t.top);
	}
	cr_assert_eq(t.top, 8, "last page shows the last 3 rows");
	tree_first(&t);
	cr_assert_eq(t.top, 0);
}

Test(tree, paging)
{
	tree_set_height(&t, 4);
	tree_first(&t);
	tree_page(&t, 1);
	cr_assert_eq(t.cursor, 4);
	cr_assert_eq(t.top, 4);
	tree_page(&t, 1);
	cr_assert_eq(t.cursor, 8);
	tree_page(&t, 1);
	cr_assert_eq(t.cursor, 10, "clamped to the last row");
	cr_assert_eq(t.top, 7, "no empty space below the last row");
	tree_page(&t, -1);
	cr_assert_eq(t.cursor, 6);
	cr_assert_eq(t.top, 3);
	tree_page(&t, -1);
	tree_page(&t, -1);
	cr_assert_eq(t.cursor, 0);
	cr_assert_eq(t.top, 0);
}

Test(tree, shrinking_height_scrolls)
{
	tree_set_height(&t, 20);
	tree_last(&t);
	cr_assert_eq(t.top, 0);
	tree_set_height(&t, 2);
	cr_assert(t.cursor >= t.top && t.cursor < t.top + 2);
}

Test(tree, orphan_group_last)
{
	/* model + 3 categories + 7 processes, then the group and 2 orphans */
	cr_assert(tree_set_orphans(&t, 2));
	cr_assert_eq(t.n_rows, 14);
	cr_assert_not(t.rows[10].last, "the empty category is no longer last");
	cr_assert_eq(t.rows[11].kind, TREE_ORPHANS);
	cr_assert(t.rows[11].last);
	cr_assert_eq(t.rows[12].kind, TREE_ORPHAN);
	cr_assert_eq(t.rows[12].index, 0);
	cr_assert_not(t.rows[12].last);
	cr_assert(t.rows[13].last);
	cr_assert_eq(tree_process(&t), 0, "the cursor stays on 1.1");
	tree_last(&t);
	cr_assert_eq(tree_orphan(&t), 1);
	cr_assert_eq(tree_process(&t), (size_t)-1);
	cr_assert_eq(tree_enter(&t), TREE_OPEN_PROCESS);
	/* h: to the group, h again closes it, Enter opens it again */
	cr_assert(tree_back(&t));
	cr_assert_eq(tree_current(&t)->kind, TREE_ORPHANS);
	cr_assert_eq(tree_orphan(&t), (size_t)-1);
	cr_assert(tree_back(&t));
	cr_assert_eq(t.n_rows, 12);
	cr_assert_eq(tree_current(&t)->kind, TREE_ORPHANS);
	cr_assert_eq(tree_enter(&t), TREE_EXPANDED);
	cr_assert_eq(t.n_rows, 14);
	cr_assert_eq(tree_enter(&t), TREE_MOVED);
	cr_assert_eq(tree_orphan(&t), 0);
	cr_assert(tree_back(&t));
	cr_assert(tree_back(&t));
	cr_assert(tree_back(&t), "from the closed group to the model row");
	cr_assert_eq(tree_current(&t)->kind, TREE_MODEL);
}

Test(tree, orphans_going_and_growing_keep_the_cursor)
{
	cr_assert(tree_set_orphans(&t, 3));
	tree_last(&t);
	cr_assert_eq(tree_orphan(&t), 2);
	cr_assert(tree_set_orphans(&t, 1));
	cr_assert_eq(tree_current(&t)->kind, TREE_ORPHANS, "its item is gone: on the group");
	tree_last(&t);
	cr_assert_eq(tree_orphan(&t), 0);
	cr_assert(tree_set_orphans(&t, 4));
	cr_assert_eq(tree_orphan(&t), 0);
	cr_assert(tree_set_orphans(&t, 0));
	cr_assert_eq(t.n_rows, 11);
	cr_assert_eq(tree_current(&t)->kind, TREE_CATEGORY);
	cr_assert(t.rows[10].last);
}
