"""The graph explorer page at ``/``: plain ES modules from ``web/static``, and its graph
libraries from ``web/node_modules`` (installed by the set-up; never a CDN): cytoscape, and
the fCoSE layout (with its two helper libraries), which places nodes with their labels."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI, HTTPException
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles

WEB = Path(__file__).resolve().parent.parent / "web"
MODULES = WEB / "node_modules"
#: The files served under /vendor/, by name: only these, never a path the request names.
VENDOR = {
    "cytoscape.esm.min.mjs": MODULES / "cytoscape" / "dist" / "cytoscape.esm.min.mjs",
    "layout-base.js": MODULES / "layout-base" / "layout-base.js",
    "cose-base.js": MODULES / "cose-base" / "cose-base.js",
    "cytoscape-fcose.js": MODULES / "cytoscape-fcose" / "cytoscape-fcose.js",
}
CYTOSCAPE = VENDOR["cytoscape.esm.min.mjs"]


def mount(app: FastAPI) -> None:
    app.mount("/static", StaticFiles(directory=WEB / "static"), name="static")

    @app.get("/", include_in_schema=False)
    async def page() -> FileResponse:
        return FileResponse(WEB / "static" / "index.html")

    @app.get("/review", include_in_schema=False)
    async def review_page() -> FileResponse:
        """The review view: a source's text, what its analysis found, accept and reject."""
        return FileResponse(WEB / "static" / "review.html")

    @app.get("/vendor/{name}", include_in_schema=False)
    async def vendor(name: str) -> FileResponse:
        path = VENDOR.get(name)
        if path is None:
            raise HTTPException(404, "no such file")
        if not path.exists():
            raise HTTPException(
                503, "the page's graph libraries are not installed: run `make install`"
            )
        return FileResponse(path, media_type="text/javascript")
