"""The Neo4j Browser guide, built from ``cypher/browser/*.cypher`` each time it is served.

Each file is one slide: its first comment line is the title, the next comment lines the
explanation, ``// :param name => value`` lines its parameters, the rest the query. The
guide is made from the same files a test runs against the seeded graph, so it cannot
drift from what works.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path

from graph.store import CYPHER_DIR
from present.browser_style import grass

BROWSER_DIR = CYPHER_DIR / "browser"
STYLE_FILE = BROWSER_DIR / "style.grass"


@dataclass(frozen=True)
class GuideQuery:
    name: str
    title: str
    explanation: str
    params: dict[str, str]  # name -> Cypher literal, as Browser's :param takes it
    query: str

    @property
    def params_command(self) -> str:
        return ":params {" + ", ".join(f"{k}: {v}" for k, v in self.params.items()) + "}"


def parse(path: Path) -> GuideQuery:
    comments: list[str] = []
    params: dict[str, str] = {}
    body: list[str] = []
    for line in path.read_text().splitlines():
        stripped = line.strip()
        if stripped.startswith("// :param "):
            name, _, value = stripped.removeprefix("// :param ").partition("=>")
            params[name.strip()] = value.strip()
        elif stripped.startswith("//") and not body:
            comments.append(stripped.removeprefix("//").strip())
        elif stripped:
            body.append(line)
    return GuideQuery(path.stem, comments[0], " ".join(comments[1:]), params, "\n".join(body))


def guide_queries() -> list[GuideQuery]:
    return [parse(p) for p in sorted(BROWSER_DIR.glob("*.cypher"))]


def _pre(text: str) -> str:
    return f'<pre class="pre-scrollable code runnable">{html.escape(text)}</pre>'


def style_command() -> str:
    """``:style`` with the style file's rules inline: what Browser applies when it runs."""
    rules = [
        line.strip() for line in grass().splitlines() if line.startswith(("node", "relationship"))
    ]
    return ":style " + " ".join(rules)


def guide_html(style_url: str) -> str:
    """The guide as the HTML slide deck Neo4j Browser plays with ``:guide URL``."""
    slides = [
        '<slide class="row-fluid"><h3>Knowledge graph</h3>'
        '<p class="lead">Actors, firms, proposals and supply chains, each fact with its '
        "sources.</p><p>Every entity is an <code>:Entity</code> "
        "with a kind label (<code>:Firm</code>, <code>:Person</code>, <code>:Proposal</code>…). "
        "Every relationship carries <code>source_ids</code>, <code>evidence</code>, "
        "<code>confidences</code>, <code>bases</code> (stated or inferred) and "
        "<code>reasons</code>, one entry per source.</p><p>Colour the graph by kind:</p>"
        f'{_pre(style_command())}<p>(or download <a href="{html.escape(style_url)}">the style '
        "file</a> and drag it onto Browser's style panel)</p><p>Each slide sets its parameters first (click the "
        "<code>:params</code> block), then runs its query.</p></slide>"
    ]
    for q in guide_queries():
        params = _pre(q.params_command) if q.params else ""
        slides.append(
            f'<slide class="row-fluid"><h3>{html.escape(q.title)}</h3>'
            f'<p class="lead">{html.escape(q.explanation)}</p>{params}{_pre(q.query)}</slide>'
        )
    return (
        '<article class="guide"><carousel class="deck container-fluid">'
        + "".join(slides)
        + "</carousel></article>"
    )
