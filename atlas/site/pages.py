"""The pages generated from data (one per entry and task, and their indexes), as Markdown sources.

The hook (hooks/generated_pages.py) adds each page with `atlas.site.inert.generated_page` (escaped
title, never rendered by mkdocs-macros) and fills its body from here when mkdocs reads it; every
fragment from data travels as an atlas.site.inert token.
"""

from __future__ import annotations

from collections.abc import Callable

from atlas.core.catalog import Catalog
from atlas.site import bench_render, render, tasks_render

#: A page body from the catalog and the relative way back to the site root.
Body = Callable[[Catalog, str], str]


def framework(entry_id: str) -> Body:
    def body(catalog: Catalog, base: str) -> str:
        parts = [
            render.framework_page(catalog, entry_id, base),
            tasks_render.framework_snippets(catalog, entry_id, base),
            bench_render.framework_figures(catalog, entry_id, base),
        ]
        return "\n\n".join(p for p in parts if p)

    return body


def task(task_id: str) -> Body:
    return lambda catalog, base: tasks_render.task_page(catalog, task_id, base)


def sources(catalog: Catalog) -> dict[str, tuple[str, Body]]:
    """{source path under docs/: (title, body)} for every generated page."""
    out: dict[str, tuple[str, Body]] = {"frameworks/index.md": ("Frameworks", render.frameworks_index)}
    out |= {f"frameworks/{x.id}.md": (x.name, framework(x.id)) for x in catalog}
    out["tasks/index.md"] = ("Tasks", tasks_render.tasks_index)
    out |= {f"tasks/{t.id}.md": (t.title, task(t.id)) for t in catalog.tasks.values()}
    return out
