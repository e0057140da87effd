"""Lighthouse scores for each page type of the built site, the median of several runs.

Usage: `make lighthouse` (RUNS=3 by default), or
`.venv/bin/python scripts/lighthouse.py --runs 3 --lighthouse .cache/lighthouse/node_modules/.bin/lighthouse`.

Lighthouse 12.8.2 (npm; 13.x needs Node >= 22.19) drives Debian's chromium with the same
flags as the browser tests, against the site served by `python -m atlas serve`. Kept out of
the test suite on purpose: the performance score moves by tens of points between identical
runs on a shared machine, so the suite gates on bytes (`python -m atlas weight`) instead.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from atlas.harness.browser import CHROMIUM, CHROMIUM_ARGS, PAGE_TYPES  # noqa: E402
from atlas.harness.served import serving  # noqa: E402

CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


def run_once(lighthouse: Path, url: str, out: Path) -> dict:
    """One Lighthouse run; its report as parsed JSON."""
    cmd = [
        str(lighthouse),
        url,
        "--quiet",
        f"--chrome-flags={' '.join(CHROMIUM_ARGS)}",
        f"--only-categories={','.join(CATEGORIES)}",
        "--output=json",
        f"--output-path={out}",
    ]
    subprocess.run(cmd, check=True, env=os.environ | {"CHROME_PATH": str(CHROMIUM)}, timeout=300)
    report = json.loads(out.read_text())
    if report.get("runtimeError"):
        raise RuntimeError(f"{url}: {report['runtimeError']}")
    return report


def failing_audits(report: dict, category: str) -> list[str]:
    """Weighted audits of a category that did not score full marks, e.g. color-contrast."""
    audits = report["audits"]
    return sorted(
        ref["id"]
        for ref in report["categories"][category]["auditRefs"]
        if ref["weight"] > 0 and audits[ref["id"]]["score"] is not None and audits[ref["id"]]["score"] < 1
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per page type; the median is shown (default: %(default)s)")
    parser.add_argument("--dir", default=str(ROOT / "site"), help="the built site (default: %(default)s)")
    parser.add_argument("--lighthouse", default=str(ROOT / ".cache" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"))
    args = parser.parse_args()
    lighthouse = Path(args.lighthouse)
    if not lighthouse.exists():
        print(f"{lighthouse} is missing: `make lighthouse` installs it from npm", file=sys.stderr)
        return 2
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"Lighthouse scores, median of {args.runs} run(s) (all runs in brackets)")
    for name in ("page type", *CATEGORIES, "below 100 (a11y, best practices, SEO)"):
        table.add_column(name)
    with serving(Path(args.dir)) as url, tempfile.TemporaryDirectory(prefix="atlas-lighthouse-") as tmp:
        for kind in PAGE_TYPES:
            reports = [run_once(lighthouse, url + kind.path, Path(tmp) / f"{kind.name}-{i}.json") for i in range(args.runs)]
            cells = []
            for category in CATEGORIES:
                scores = [round(100 * r["categories"][category]["score"]) for r in reports]
                cells.append(f"{statistics.median(scores):g} ({', '.join(map(str, scores))})")
            notes = sorted({a for r in reports for c in CATEGORIES[1:] for a in failing_audits(r, c)})
            table.add_row(kind.name, *cells, ", ".join(notes) or "none")
            print(f"{kind.name}: {cells}", file=sys.stderr, flush=True)
    console = Console()
    console.width = max(console.width, 140)
    console.print(table)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
