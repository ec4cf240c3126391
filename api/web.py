"""The graph explorer page at ``/``: plain ES modules from ``web/static``, and the one
graph library from ``web/node_modules`` (installed by the set-up; never a CDN)."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI, HTTPException
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles

WEB = Path(__file__).resolve().parent.parent / "web"
CYTOSCAPE = WEB / "node_modules" / "cytoscape" / "dist" / "cytoscape.esm.min.mjs"


def mount(app: FastAPI) -> None:
    app.mount("/static", StaticFiles(directory=WEB / "static"), name="static")

    @app.get("/", include_in_schema=False)
    async def page() -> FileResponse:
        return FileResponse(WEB / "static" / "index.html")

    @app.get("/vendor/cytoscape.esm.min.mjs", include_in_schema=False)
    async def cytoscape() -> FileResponse:
        if not CYTOSCAPE.exists():
            raise HTTPException(
                503, "the page's graph library is not installed: run `make install`"
            )
        return FileResponse(CYTOSCAPE, media_type="text/javascript")
