/* view.c - the stack of views and the registry of views opened by a key
 * (see view.h). */
#include "config.h"
#include "tui/view.h"

#include <string.h>

#include "tui/app_int.h"

/* Views a key opens from the main view: add a new one here. */
static const struct view_ops *const registry[] = {
	&view_help_ops,
	&view_history_ops,
	&view_export_ops,
	&view_overview_ops,
	&view_filter_ops,
	&view_profile_ops,
};

const struct view_ops *view_for_request(enum request r)
{
	if (r == REQ_NONE)
		return NULL;
	for (size_t i = 0; i < sizeof registry / sizeof registry[0]; i++)
		if (registry[i]->open_req == r)
			return registry[i];
	return NULL;
}

bool view_push(struct app *a, const struct view_ops *ops, void *arg)
{
	struct view *v;

	if (a->n_views >= APP_MAX_VIEWS)
		return false;
	v = &a->views[a->n_views];
	memset(v, 0, sizeof *v);
	v->ops = ops;
	if (ops->open && !ops->open(a, v, arg)) {
		memset(v, 0, sizeof *v);
		return false;
	}
	a->n_views++;
	return true;
}

void view_pop(struct app *a)
{
	struct view *v;

	if (a->n_views <= 1)
		return;
	v = &a->views[--a->n_views];
	if (v->ops->close)
		v->ops->close(a, v);
	memset(v, 0, sizeof *v);
}

struct view *view_top(struct app *a)
{
	return &a->views[a->n_views ? a->n_views - 1 : 0];
}

struct view *view_below(struct app *a, const struct view *v)
{
	for (size_t i = 1; i < a->n_views; i++)
		if (&a->views[i] == v)
			return &a->views[i - 1];
	return NULL;
}

bool view_main_on_top(const struct app *a)
{
	return a->n_views <= 1;
}

void view_key(struct app *a, int key, enum request r)
{
	struct view *v = view_top(a);
	const struct view_ops *open;

	switch (v->ops->key(a, v, key, r)) {
	case VIEW_KEY_DONE:
		return;
	case VIEW_KEY_CLOSE:
		view_pop(a);
		return;
	case VIEW_KEY_PASS:
		break;
	}
	open = view_for_request(r);
	if (open && (view_main_on_top(a) || (open->from_any_view && view_top(a)->ops != open)))
		view_push(a, open, NULL);
}

bool view_busy(struct app *a)
{
	struct view *v = view_top(a);

	return v->ops->busy && v->ops->busy(a, v);
}

void view_work(struct app *a)
{
	struct view *v = view_top(a);

	if (v->ops->work)
		v->ops->work(a, v);
}

void view_draw(struct app *a)
{
	struct view *v = view_top(a);

	v->ops->draw(a, v);
}

void view_refresh_all(struct app *a)
{
	for (size_t i = 0; i < a->n_views; i++)
		if (a->views[i].ops->refresh)
			a->views[i].ops->refresh(a, &a->views[i]);
}

void view_layout_all(struct app *a)
{
	for (size_t i = 0; i < a->n_views; i++)
		if (a->views[i].ops->layout)
			a->views[i].ops->layout(a, &a->views[i]);
}

void view_close_all(struct app *a)
{
	while (a->n_views > 1)
		view_pop(a);
	if (a->n_views == 1) {
		if (a->views[0].ops->close)
			a->views[0].ops->close(a, &a->views[0]);
		a->n_views = 0;
	}
}
