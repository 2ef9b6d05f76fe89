"""The dashboard (issue 16): server-rendered pages in the service's own FastAPI app, with the same API keys, roles
and confidentiality rules as the REST API, and nothing fetched from another host (plotly.js and the world map are
served by the app). See docs/dashboard.md.

    mount(app)   adds the pages under /dashboard (create_app calls it)
"""

from __future__ import annotations

from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.responses import RedirectResponse


def mount(app: FastAPI) -> None:
    """Add the dashboard's routes to APP (the service's app: app.state.service must exist)."""
    from chokepoints.service.dashboard.pages import PREFIX, router
    from chokepoints.service.dashboard.session import LoginRequired

    @app.exception_handler(LoginRequired)
    async def _login(request: Request, _e: LoginRequired):
        if request.method == "GET" and not request.url.path.endswith("/status"):
            target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
            return RedirectResponse(f"{PREFIX}/login?next={quote(target, safe='')}", status_code=303)
        return RedirectResponse(f"{PREFIX}/login", status_code=303) if request.method == "POST" else \
            _unauthorised()

    @app.get(PREFIX, include_in_schema=False)
    def _home():
        return RedirectResponse(PREFIX + "/", status_code=307)

    app.include_router(router)
    from chokepoints.service.dashboard.runs import Details

    # registered now, so every run finished from the start keeps its figures without being computed twice
    app.state.dashboard_details = Details(app.state.service)


def _unauthorised():
    from fastapi.responses import JSONResponse

    return JSONResponse({"detail": "sign in first"}, status_code=401)


__all__ = ["mount"]
