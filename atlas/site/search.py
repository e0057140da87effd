"""What the site's search index leaves out, and why. The index (Material's search plugin) is
fetched by every page when it loads, so it holds what people search for, framework, task
and fact names with their values and prose, and not what only makes it large:

- the code listings of task pages (two thirds of the index on their own): the framework and task
  are in the page's title, tabs and headings, and the code is one click away on the page;
- the matrices (sortable tables), each task's contract steps and each framework's list of task
  states and of changes: the same names are indexed on the framework and task pages, and a
  table's figures, paths and dates are not search terms;
- the detail, source host and verification date of each fact: its name and value stay indexed;
- the summary card at the top of each framework page and the home page's answers (figures and
  links computed from the data indexed elsewhere), and each framework's run command, pins and
  benchmark figures.

With these left out the index is about 180 KB instead of 953 KB (tests/test_search.py keeps it under a
third of the 569 KB it was when issue 17 was filed).

Material's search plugin (9.8) skips an element carrying `data-search-exclude` with a value (and
strips the attribute from the page), but it matches elements by tag name only: the first `</div>`
inside an excluded `<div>` ends the exclusion. So a block that holds divs (code tabs) is wrapped
in a `<section>`, a tag none of its contents use.
"""

from __future__ import annotations

#: The attribute that keeps an element's text out of the search index (with a value: the plugin then strips it from the page).
UNINDEXED = 'data-search-exclude="1"'


def unindexed(html: str) -> str:
    """Trusted HTML without a div inside, wrapped in a block the search index skips."""
    return f"<div {UNINDEXED}>{html}</div>"


def unindexed_markdown(markdown: str) -> str:
    """Markdown (code tabs, which hold divs) wrapped in a block the search index skips (md_in_html parses inside)."""
    return f'<section {UNINDEXED} markdown="1">\n\n{markdown}\n\n</section>'
