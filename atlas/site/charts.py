"""Plotly figures drawn from the table model: a chart shows the same Table the page, the embed and
the downloads show, so a figure cannot disagree with its table. A row whose charted cell is
flagged (errors, behind, client-bound) keeps its flag in its label.

Each figure is declared as JSON beside an empty div (atlas.site.inert.json_script) and drawn by
docs/js/charts.js with the partial Plotly bundle, which only chart pages load.
"""

from __future__ import annotations

from atlas.site.inert import html as e
from atlas.site.inert import json_script
from atlas.site.table_model import Row, Table


def layout(title: str, x: str, y: str, **extra) -> dict:
    return {
        "title": {"text": title},
        "xaxis": {"title": {"text": x}},
        "yaxis": {"title": {"text": y}},
        "margin": {"l": 60, "r": 20, "t": 50, "b": 110},
        "height": 420,
        **extra,
    }


def _label(row: Row, cols: list[str]) -> str:
    flags = sorted({row.cells[c].flag for c in cols if row.cells[c].flag})
    return f"{row.name} ({', '.join(flags)})" if flags else row.name


def _charted(table: Table, cols: list[str]) -> list[Row]:
    return [r for r in table.rows if any(isinstance(r.cells[c].value, int | float) for c in cols)]


def bars(table: Table, cols: dict[str, str], title: str, y: str, **extra) -> dict:
    """One bar trace per column ({column id: trace name}), one bar per row with a figure."""
    rows = _charted(table, list(cols))
    data = [
        {"type": "bar", "name": name, "x": [_label(r, list(cols)) for r in rows], "y": [r.cells[c].value for r in rows]}
        for c, name in cols.items()
    ]
    return {"data": data, "layout": layout(title, "", y, barmode="group", showlegend=len(cols) > 1, **extra)}


def lines(table: Table, title: str, x: str, y: str, **extra) -> dict:
    """One line per row across the columns, at the x values the table's meta names (connections)."""
    cols = [c.id for c in table.columns]
    data = [
        {
            "type": "scatter",
            "mode": "lines+markers",
            "name": _label(r, cols),
            "x": [v for v, c in zip(table.meta["x"], cols, strict=True) if r.cells[c].value is not None],
            "y": [r.cells[c].value for c in cols if r.cells[c].value is not None],
        }
        for r in _charted(table, cols)
    ]
    return {"data": data, "layout": layout(title, x, y, **extra)}


def scatter(table: Table, x_col: str, y_col: str, title: str, x: str, y: str) -> dict:
    """Rows as labelled points: one column against another."""
    rows = [r for r in table.rows if r.cells[x_col].value is not None and r.cells[y_col].value is not None]
    data = [
        {
            "type": "scatter",
            "mode": "markers+text",
            "textposition": "top center",
            "name": table.title,
            "text": [_label(r, [x_col, y_col]) for r in rows],
            "x": [r.cells[x_col].value for r in rows],
            "y": [r.cells[y_col].value for r in rows],
        }
    ]
    return {"data": data, "layout": layout(title, x, y, showlegend=False)}


def chart(chart_id: str, figure: dict) -> str:
    """The div a chart is drawn in, and its figure as inert JSON. A named figure, not an img: Plotly puts
    focusable controls inside, and an img's children are hidden from assistive technology."""
    return (
        f'<div class="atlas-chart" id="{chart_id}" role="figure" aria-label="{e(figure["layout"]["title"]["text"])}"></div>\n'
        f'<script type="application/json" id="{chart_id}-data">{json_script(figure)}</script>'
    )
