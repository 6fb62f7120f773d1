"""POST /correct: an analyst's verdict on an event mention, stored in ``corrections``.

Only served with ``--corrections``; needs the session cookie (the start-up token) and this
run's CSRF value; one write at a time.
"""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from dateline.errors import InputError
from dateline.store.corrections import FIELDS, Correction, add_correction
from dateline.web.app import site_of


async def correct(request: Request) -> Response:
    """Store one correction and go back to the page it was made on."""
    site = site_of(request)
    if not site.keys.signed_in(request):
        return site.error(request, "corrections need the token printed at start: open its link",
                          403)  # fmt: skip
    form = await request.form()
    values = {k: v for k, v in form.items() if isinstance(v, str)}
    if not site.keys.csrf_ok(request, values.get("csrf", "")):
        return site.error(request, "this form is stale or came from another site; reload", 403)
    correction = Correction(
        mention_id=values.get("mention_id", ""), verdict=values.get("verdict", ""),
        note=values.get("note"), **{name: values.get(name) for name in FIELDS},
    )  # fmt: skip

    def write() -> None:
        # off the event loop, on this request's own cursor; the lock keeps writers in line
        with site.write_lock:
            add_correction(site.reader(), correction, site.user)

    try:
        await run_in_threadpool(write)
    except InputError as error:
        return site.error(request, str(error))
    back = values.get("back", "/")
    if not back.startswith("/") or back.startswith("//"):
        back = "/"
    return RedirectResponse(back, status_code=303)
