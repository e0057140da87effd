"""mkdocs-macros module: the data-driven parts of the hand-written pages.

Only pages that opt in (`render_macros: true` in their front matter; `render_by_default: false`
in mkdocs.yml) are templates, and pages generated from data never are. Each macro returns HTML as
atlas.site.inert tokens, so nothing from data is read as Markdown (atlas.site.inert says why).

Kept free of mkdocs imports (only the `env` the plugin hands over is used) so a move to
another static-site generator stays cheap. All HTML comes from the atlas renderers.
"""

from __future__ import annotations

from atlas.core.catalog import DATA_DIR, load_catalog_once
from atlas.site import bench_render, claims_render, explore_render, home, render, tasks_render
from atlas.site.history import read_history
from atlas.site.inert import block, inline
from atlas.site.tables import snapshot_date


def define_env(env) -> None:
    catalog = load_catalog_once()  # validates; a DataError here fails the build with file:line messages

    def base() -> str:
        return render.base_for(env.page.url if env.page else "")

    @env.macro
    def comparison_matrices() -> str:
        """Every entry as a row of the matrix for its kind."""
        return render.compare_page(catalog, base())

    @env.macro
    def side_by_side() -> str:
        """The picker: two or three entries' facts, code and figures side by side (docs/js/explore.js)."""
        return block(explore_render.side_by_side(catalog, base()))

    @env.macro
    def decision_guide() -> str:
        """The guide's questions; the browser ranks the frameworks against the answers."""
        return block(explore_render.decision_guide(catalog, base()))

    @env.macro
    def benchmarks_page() -> str:
        return bench_render.benchmarks_page(catalog, base())

    @env.macro
    def home_answers() -> str:
        """The questions people arrive with, answered from the data (atlas.site.home)."""
        return block(home.home_answers(catalog, base(), read_history(DATA_DIR).changes))

    @env.macro
    def full_run_time() -> str:
        """How long the newest run took, from its shards (the methodology page)."""
        return bench_render.full_run_time(catalog)

    @env.macro
    def claims_page() -> str:
        """Every checked claim of the seed articles with the verdict computed from the data."""
        return claims_render.claims_page(catalog, base())

    @env.macro
    def task_link(task_id: str) -> str:
        """A task's title, linked, with how many frameworks pass it: for guides."""
        return inline(tasks_render.task_link(catalog, task_id, base()))

    @env.macro
    def task_passing(task_id: str) -> str:
        """The frameworks whose snippet for the task passes its contract, linked."""
        return inline(tasks_render.task_passing(catalog, task_id, base()))

    @env.macro
    def entry_count() -> int:
        return len(catalog.entries)

    @env.macro
    def data_snapshot() -> str:
        """The newest date on which any fact was verified (also in every page's footer)."""
        return snapshot_date(catalog).isoformat()
