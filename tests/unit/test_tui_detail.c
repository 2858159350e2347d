/* Unit tests: the detail pane's lines (escaping, wrapping, selectable
 * relations and fields, cursor and scrolling), without a terminal. */
#include "config.h"

#include <criterion/criterion.h>
#include <locale.h>
#include <string.h>

#include "record.h"
#include "store.h"
#include "text.h"
#include "tui/detail.h"
#include "tui_fixture.h"

static const size_t sizes[] = { 3, 4 };
static struct prm_model *m;
static struct detail d;

static void setup(void)
{
	cr_assert_not_null(setlocale(LC_ALL, "C.UTF-8"));
	m = fx_model(sizes, 2);
	detail_init(&d);
}

static void teardown(void)
{
	detail_free(&d);
}

TestSuite(detail, .init = setup, .fini = teardown);

static const struct dline *find_line(const char *needle)
{
	for (size_t i = 0; i < d.n; i++)
		if (strstr(d.lines[i].text, needle))
			return &d.lines[i];
	return NULL;
}

Test(detail, escapes_and_wraps)
{
	cr_assert(detail_build(&d, m, 0, NULL, 30, 0));
	cr_assert_str_eq(d.lines[0].text, "1.1 Evil ^[[31mred^[[0m name");
	cr_assert_eq(d.lines[0].kind, DL_TITLE);
	for (size_t i = 0; i < d.n; i++) {
		cr_assert(text_width(d.lines[i].text, strlen(d.lines[i].text)) <= 30,
		          "line %zu too wide: %s", i, d.lines[i].text);
		cr_assert_null(strchr(d.lines[i].text, '\x1b'));
	}
	cr_assert_not_null(find_line("(no record yet)"));
}

Test(detail, selectable_lines_and_cursor)
{
	const struct dline *l;

	cr_assert(detail_build(&d, m, 0, NULL, 60, 0));
	detail_set_height(&d, 100);
	l = detail_current(&d);
	cr_assert_not_null(l);
	cr_assert_eq(l->kind, DL_OUTCOME, "first selectable: outcome 1");
	cr_assert_str_eq(l->field, "outcome.1");
	detail_move(&d, 1);
	cr_assert_str_eq(detail_current(&d)->field, "outcome.2");
	detail_move(&d, 1);
	l = detail_current(&d);
	cr_assert_eq(l->kind, DL_RELATION);
	cr_assert_eq(l->target, 1, "relation to 1.2");
	detail_move(&d, 1);
	l = detail_current(&d);
	cr_assert_eq(l->kind, DL_RELATION, "then the incoming relations");
	cr_assert_eq(l->target, 1, "1.2 supports this one");
	cr_assert_not_null(find_line("Related from"));
	cr_assert_not_null(find_line("< 1.2 Process number 2 of category 1 supports this"));
	cr_assert(detail_select_field(&d, "owner"));
	cr_assert(detail_select_field(&d, "review"));
	cr_assert_str_eq(detail_current(&d)->field, "review");
	detail_last(&d);
	cr_assert_eq(detail_current(&d)->kind, DL_FIELD);
	detail_first(&d);
	cr_assert_str_eq(detail_current(&d)->field, "outcome.1");
	cr_assert_not(detail_select_field(&d, "outcome.9"));
}

Test(detail, record_values_shown_escaped)
{
	struct field_value fv[3] = {
		{ "outcome.2", "F", 3, 1000, "bob", 0, "", 0 },
		{ "owner", "Zo\xc3\xab \x1b]0;pwned\x07", 5, 2000, "bob", 0, "", 0 },
		{ "status", "implemented", 4, 1500, "amy", 0, "", 0 },
	};
	struct record r = { "1.2", fv, 3, 5, 2000, "bob" };

	cr_assert(detail_build(&d, m, 1, &r, 60, 0));
	cr_assert_not_null(find_line("[F] 2. Second outcome."));
	cr_assert_not_null(find_line("[-] 1. First outcome."));
	cr_assert_not_null(find_line("Owner:         Zo\xc3\xab ^[]0;pwned^G"));
	cr_assert_not_null(find_line("Status:        implemented"));
	cr_assert_not_null(find_line("Last change:   bob, "));
	/* ASCII mode for a non-UTF-8 locale */
	cr_assert(detail_build(&d, m, 2, &r, 60, TEXT_ASCII));
	cr_assert(detail_build(&d, m, 1, &r, 60, TEXT_ASCII));
	cr_assert_not_null(find_line("Owner:         Zo? ^[]0;pwned^G"));
}

Test(detail, orphan_record_read_only_and_escaped)
{
	struct field_value fv[3] = {
		{ "outcome.7", "L", 3, 1000, "bob", 0, "", 0 },
		{ "owner", "amy", 5, 2000, "bob", 0, "", 0 },
		{ "x\x1b[2Jy", "v\x1b[31m", 4, 1500, "amy", 0, "", 0 },
	};
	struct record r = { "9.9\x1b[H", fv, 3, 5, 2000, "bob" };

	cr_assert(detail_build_orphan(&d, m, "9.9\x1b[H", &r, 60, 0));
	cr_assert(d.orphan);
	cr_assert_eq(d.process, (size_t)-1);
	cr_assert_str_eq(d.lines[0].text, "9.9^[[H (orphan record)");
	cr_assert_not_null(find_line("Process 9.9^[[H is not in model fixture."));
	cr_assert_not_null(find_line("Outcome 7:     L"));
	cr_assert_not_null(find_line("Owner:         amy"));
	cr_assert_not_null(find_line("x^[[2Jy:       v^[[31m"));
	cr_assert_not_null(find_line("Last change:   bob, "));
	cr_assert_null(detail_current(&d), "nothing to select: read-only");
	for (size_t i = 0; i < d.n; i++)
		cr_assert_null(strchr(d.lines[i].text, '\x1b'));
	/* a process again */
	cr_assert(detail_build(&d, m, 1, NULL, 60, 0));
	cr_assert_not(d.orphan);
}

Test(detail, orphan_fields_in_record_order_without_empty_ones)
{
	/* As the store lists them: by name. */
	struct field_value fv[7] = {
		{ "evidence", "ev", 1, 1000, "bob", 0, "", 0 },
		{ "notes", "", 2, 1000, "bob", 0, "", 0 },
		{ "outcome.10", "F", 3, 1000, "bob", 0, "", 0 },
		{ "outcome.2", "P", 4, 1000, "bob", 0, "", 0 },
		{ "owner", "amy", 5, 1000, "bob", 0, "", 0 },
		{ "status", "planned", 6, 1000, "bob", 0, "", 0 },
		{ "zz-newer", "z", 7, 1000, "bob", 0, "", 0 },
	};
	struct record r = { "9.9", fv, 7, 7, 1000, "bob" };
	const char *want[] = { "Owner:", "Status:", "Evidence:", "Outcome 2:", "Outcome 10:",
	                       "zz-newer:", "Last change:" };
	size_t k = 0;

	cr_assert(detail_build_orphan(&d, m, "9.9", &r, 60, 0));
	for (size_t i = 0; i < d.n; i++) {
		cr_assert_null(strstr(d.lines[i].text, "Notes:"), "an empty field is left out");
		if (k < 7 && strstr(d.lines[i].text, want[k]))
			k++;
	}
	cr_assert_eq(k, 7, "fields in record order (found %zu in order)", k);
}

Test(detail, rebuild_keeps_cursor_and_scroll_on_same_process)
{
	cr_assert(detail_build(&d, m, 1, NULL, 40, 0));
	detail_set_height(&d, 5);
	cr_assert(detail_select_field(&d, "notes"));
	size_t top = d.top;
	cr_assert(d.cursor >= d.top && d.cursor < d.top + 5);
	cr_assert(detail_build(&d, m, 1, NULL, 40, 0));
	cr_assert_str_eq(detail_current(&d)->field, "notes");
	cr_assert_eq(d.top, top);
	cr_assert(detail_build(&d, m, 2, NULL, 40, 0));
	cr_assert_eq(d.top, 0, "another process starts at the top");
	cr_assert_str_eq(detail_current(&d)->field, "outcome.1");
}

Test(detail, small_view_scrolls_through_text)
{
	cr_assert(detail_build(&d, m, 1, NULL, 20, 0));
	detail_set_height(&d, 3);
	size_t moves = 0;
	while (d.top + 3 < d.n && moves < 1000) {
		detail_move(&d, 1);
		moves++;
		cr_assert(d.cursor == (size_t)-1 || d.cursor >= d.top || true);
	}
	cr_assert(moves < 1000, "j reaches the end");
	cr_assert_eq(d.top + 3, d.n);
	detail_page(&d, -1);
	cr_assert_eq(d.top + 6, d.n);
	detail_page(&d, 1);
	detail_page(&d, 1);
	cr_assert_eq(d.top + 3, d.n, "page down clamps");
}

/* A resize through a small size: narrow and short, the cursor (outcome 1)
 * pushed the view down; back at a size where more fits, the view must
 * start at the top again (the cursor is in it), not where the small one
 * stood. */
Test(detail, layout_change_replaces_the_view)
{
	cr_assert(detail_build(&d, m, 1, NULL, 60, 0));
	detail_set_height(&d, 20);
	cr_assert_eq(d.top, 0);
	cr_assert_str_eq(detail_current(&d)->field, "outcome.1");
	detail_set_height(&d, 2);
	cr_assert(detail_build(&d, m, 1, NULL, 10, 0));
	cr_assert(d.top > 0, "the small view scrolled to the cursor");
	detail_set_height(&d, 20);
	cr_assert(detail_build(&d, m, 1, NULL, 60, 0));
	cr_assert_eq(d.top, 0, "back at a larger size: from the top");
	cr_assert_str_eq(detail_current(&d)->field, "outcome.1");
	/* Wider only (same height): also from the top. */
	detail_set_height(&d, 3);
	cr_assert(detail_build(&d, m, 1, NULL, 10, 0));
	size_t small_top = d.top;
	cr_assert(small_top > 0);
	cr_assert(detail_build(&d, m, 1, NULL, 60, 0));
	cr_assert(d.top < small_top, "a new width re-places the view: top %zu", d.top);
	cr_assert(d.cursor >= d.top && d.cursor < d.top + 3, "the cursor stays in view");
}
