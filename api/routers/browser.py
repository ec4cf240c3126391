"""Neo4j Browser material: the guide (``:guide http://127.0.0.1:8000/browser/guide.html``)
and the style file (its rules are also a ``:style`` block on the guide's first slide)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, PlainTextResponse

from present.browser_guide import guide_html
from present.browser_style import grass

router = APIRouter(prefix="/browser", tags=["neo4j browser"])


@router.get(
    "/guide.html",
    response_class=HTMLResponse,
    summary="A Neo4j Browser guide with ready queries over this graph",
)
async def guide(request: Request) -> HTMLResponse:
    return HTMLResponse(guide_html(str(request.url_for("style"))))


@router.get(
    "/style.grass",
    response_class=PlainTextResponse,
    summary="A Neo4j Browser style: a colour and caption per kind",
)
async def style() -> PlainTextResponse:
    return PlainTextResponse(grass(), media_type="text/plain")
