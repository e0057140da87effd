"""The claims page: every checked claim of the seed articles, its computed verdict and evidence.

Verdicts come from atlas.core.claims at build time; this module only lays them out. Quotes, readings
and evidence are data, so all of it goes through atlas.site.inert.
"""

from __future__ import annotations

import datetime as dt

from atlas.core.catalog import Article, Catalog
from atlas.core.claims import VERDICTS, Evidence, counts, evaluate
from atlas.site.inert import block, heading, prose
from atlas.site.inert import html as e
from atlas.site.render import entry_url


def verdict_badge(verdict: str) -> str:
    icon, words = VERDICTS[verdict]
    return f'<span class="atlas-verdict atlas-v-{verdict}"><span aria-hidden="true">{icon}</span> {words}</span>'


def _link(ev: Evidence, base: str) -> str:
    if not ev.href:
        return e(ev.text)
    href = ev.href if ev.href.startswith("https://") else base + ev.href
    return f'<a href="{e(href)}">{e(ev.text)}</a>'


def _summary(catalog: Catalog, today: dt.date | None) -> str:
    found = counts(catalog, today)
    items = "".join(f'<li data-verdict="{v}">{verdict_badge(v)}: <strong>{n}</strong></li>' for v, n in found.items())
    return f'<ul class="atlas-claim-counts" aria-label="Verdicts">{items}</ul>'


def _article(article: Article, catalog: Catalog, base: str, today: dt.date | None) -> str:
    title = article.title or f"Untitled article ({article.seed_file})"
    where = f' <a href="{e(article.url)}">The article</a>.' if article.url else ""
    rows = []
    for claim in article.claims:
        found = evaluate(claim, catalog, today)
        names = ", ".join(f'<a href="{entry_url(f, base)}">{e(catalog[f].name)}</a>' for f in claim.frameworks) or "—"
        notes = f'<p class="atlas-reading">{prose(claim.reading)}</p>' if claim.reading else ""
        if found.note:
            notes += f'<p class="atlas-reading">{e(found.note)}</p>'
        items = "".join(f"<li>{_link(ev, base)}</li>" for ev in found.evidence)
        rows.append(
            f'<tr id="claim-{e(claim.id)}" data-claim="{e(claim.id)}"><td><q>{e(claim.quote)}</q></td><td>{names}</td>'
            f'<td data-verdict="{found.verdict}">{verdict_badge(found.verdict)}</td><td>{notes}<ul>{items}</ul></td></tr>'
        )
    return "\n".join(
        [
            heading(2, title, article.id),
            "",
            block(
                f'<p class="atlas-seed">{prose(article.about)} Our copy: <code>seeds/{e(article.seed_file)}</code>.{where}</p>'
                '<div class="atlas-facts atlas-claims"><table><thead><tr><th scope="col">Claim</th>'
                '<th scope="col">Frameworks</th><th scope="col">Verdict</th><th scope="col">Evidence</th></tr></thead>'
                f"<tbody>{''.join(rows)}</tbody></table></div>"
            ),
            "",
        ]
    )


def claims_page(catalog: Catalog, base: str, today: dt.date | None = None) -> str:
    if not catalog.claims:
        return block("<p>No claims have been checked yet: add them under <code>data/claims/</code>.</p>")
    parts = [block(_summary(catalog, today)), ""]
    parts += [_article(a, catalog, base, today) for a in catalog.claims.values()]
    return "\n".join(parts)
