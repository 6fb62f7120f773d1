"""The web view's article or event page as one self-contained HTML file (``dateline show
--html``): the same templates, with the style sheet and script inlined."""

from __future__ import annotations

from importlib.resources import files
from typing import Any

from dateline import __version__
from dateline.query.articles import article_view
from dateline.store import Store
from dateline.store.corrections import latest_corrections
from dateline.web.app import template_env
from dateline.web.pages.article import article_context, event_context


def standalone_page(store: Store, kind: str, any_id: str) -> str | None:
    """The page of an article (``kind`` "article") or merged event ("event"); None when the
    store has no such thing."""
    context: dict[str, Any] | None
    if kind == "event":
        context, name = event_context(store, any_id), "event.html"
    else:
        view = article_view(store, any_id)
        judged = latest_corrections(store, article_id=any_id) if view else {}
        context, name = (article_context(view, judged) if view else None), "article.html"
    if context is None:
        return None
    static = files("dateline.web") / "static"
    common = {"corrections": False, "signed_in": False, "user": "", "csrf": "",
              "version": __version__, "db": store.path.name,
              "inline_css": (static / "app.css").read_text(encoding="utf-8"),
              "inline_js": (static / "app.js").read_text(encoding="utf-8")}  # fmt: skip
    return template_env().get_template(name).render({**common, **context})
