"""The web application: routes, the open store, templates; pages live in ``web.pages``.

Browsing opens the store read-only and has no route that writes. With corrections on, the
store is opened writable and one route (POST /correct) writes, only for a browser that gave
the token printed at start, and only with this run's CSRF value.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path
from typing import Any

import jinja2
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from dateline import __version__
from dateline.errors import InputError
from dateline.store import Store
from dateline.store.corrections import default_user
from dateline.web.security import SESSION_COOKIE, Keys, Limits


def template_env() -> jinja2.Environment:
    """The Jinja environment of the pages: autoescaping on for every template."""
    return jinja2.Environment(
        loader=jinja2.PackageLoader("dateline.web", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )


@dataclass(slots=True)
class Site:
    """What every page needs: the store, the templates, whether and by whom it may write."""

    store: Store
    templates: Jinja2Templates
    corrections: bool
    user: str
    keys: Keys
    write_lock: threading.Lock = field(default_factory=threading.Lock)

    def reader(self) -> Store:
        """A cursor on the store for one request (DuckDB connections are not shared across
        threads; cursors are)."""
        return Store(self.store.con.cursor(), self.store.path, read_only=self.store.read_only)

    def page(
        self, request: Request, name: str, context: dict[str, Any], status: int = 200
    ) -> Response:
        """Render a page with what every page shows."""
        signed = self.corrections and self.keys.signed_in(request)
        common = {"corrections": self.corrections, "signed_in": signed, "user": self.user,
                  "csrf": self.keys.csrf if signed else "", "version": __version__,
                  "db": self.store.path.name}  # fmt: skip
        return self.templates.TemplateResponse(request, name, {**common, **context}, status)

    def error(self, request: Request, message: str, status: int = 400) -> Response:
        """A page that says what was wrong with the request."""
        return self.page(request, "error.html", {"message": message}, status)


def site_of(request: Request) -> Site:
    """The Site of the app serving ``request``."""
    site: Site = request.app.state.site
    return site


def create_app(
    db: Path, *, corrections: bool = False, user: str | None = None, keys: Keys | None = None,
    rate: float = 50.0,
) -> Starlette:  # fmt: skip
    """The web app over the store at ``db``; read-only unless ``corrections``.

    Raises:
        StoreError: the store is missing, locked or of another schema version.
    """
    from dateline.web.corrections import correct
    from dateline.web.pages.article import article_page, event_page
    from dateline.web.pages.charts import dyad_page, map_page
    from dateline.web.pages.events import download, events_page

    store = Store.open(db, read_only=not corrections)
    templates = Jinja2Templates(env=template_env())
    site = Site(store, templates, corrections, user or default_user(), keys or Keys())
    static = StaticFiles(directory=str(Path(str(files("dateline.web") / "static"))))
    routes = [
        Route("/", events_page),
        Route("/events.{fmt:str}", download),
        Route("/article/{article_id:path}", article_page),
        Route("/event/{event_id:str}", event_page),
        Route("/dyad", dyad_page),
        Route("/map", map_page),
        Route("/login", login),
        Mount("/static", static, name="static"),
    ]
    if corrections:
        routes.append(Route("/correct", correct, methods=["POST"]))
    app = Starlette(routes=routes, exception_handlers={InputError: _bad_input})
    app.state.site = site
    app.add_middleware(Limits, rate=rate, burst=max(20, int(rate * 4)))
    return app


def login(request: Request) -> Response:
    """Trade the token printed at start for a session cookie (corrections only)."""
    site = site_of(request)
    if not site.corrections:
        return site.error(request, "corrections are off: start with `dateline serve --corrections`",
                          404)  # fmt: skip
    if not site.keys.token_ok(request.query_params.get("token", "")):
        return site.error(request, "wrong or missing token: use the link printed at start", 403)
    response = RedirectResponse("/", status_code=303)
    response.set_cookie(SESSION_COOKIE, site.keys.session, httponly=True, samesite="strict")
    return response


async def _bad_input(request: Request, error: Exception) -> Response:
    return HTMLResponse(site_of(request).error(request, str(error)).body, status_code=400)
