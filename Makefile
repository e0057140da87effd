# The two commands a fresh machine needs: `make serve` and `make test`.
# Each installs what it lacks (uv, then the locked site environment) and is quick when all
# is there already. Later test suites add their Debian packages to APT_PACKAGES.

UV_VERSION := 0.13.8
UV := python3 -m uv
export NO_MKDOCS_2_WARNING := 1
export UV_LINK_MODE := copy
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := 1

# Debian packages the test suite starts for real (PostgreSQL, Redis, RabbitMQ), and the browser
# the browser tests drive (Playwright uses Debian's chromium; it never downloads one).
APT_PACKAGES := postgresql redis-server rabbitmq-server wrk nginx-light chromium
# The partial Plotly bundle for the benchmark charts, from npm (only chart pages load it).
PLOTLY_NPM := plotly.js-basic-dist-min@4.1.1
PLOTLY_JS := .cache/npm/node_modules/plotly.js-basic-dist-min/plotly-basic.min.js
# axe-core, the accessibility engine the browser tests inject into every page type (tests/browser/test_accessibility.py).
AXE_NPM := axe-core@4.14.1
AXE_JS := .cache/axe/node_modules/axe-core/axe.min.js
# Lighthouse for `make lighthouse` only (13.x needs Node >= 22.19); its own prefix, so npm keeps Plotly.
LIGHTHOUSE_NPM := lighthouse@12.8.2
LIGHTHOUSE := .cache/lighthouse/node_modules/.bin/lighthouse
RUNS := 3

.PHONY: serve dev build test lint env check refresh system-packages bench release weight lighthouse assets

## Build the site (strict) and serve it on http://127.0.0.1:8000, with filtered embeds and downloads.
serve: build
	$(UV) run --frozen python -m atlas serve --port 8000

## Live-reloading preview for writing pages (no query-string filtering of embeds).
dev: env $(PLOTLY_JS)
	$(UV) run --frozen mkdocs serve --strict --dev-addr 127.0.0.1:8000

## Build the static site into site/ with every warning fatal.
build: env $(PLOTLY_JS)
	$(UV) run --frozen mkdocs build --strict

## Everything CI runs: ruff, the data lint, then the whole test suite (which builds the site).
test: env system-packages $(PLOTLY_JS) $(AXE_JS)
	$(UV) run --frozen ruff check .
	$(UV) run --frozen ruff format --check .
	$(UV) run --frozen lint-imports
	$(UV) run --frozen python -m atlas lint
	$(UV) run --frozen pytest

## Bytes each page type transfers (HTML, CSS, JS, fonts, images, other) against its budget; exit 1 above it.
weight: build system-packages
	$(UV) run --frozen python -m atlas weight

## Lighthouse scores per page type, the median of RUNS runs (not part of the tests: scores vary between runs).
lighthouse: build system-packages $(LIGHTHOUSE)
	$(UV) run --frozen python scripts/lighthouse.py --runs $(RUNS) --lighthouse $(LIGHTHOUSE)

## Validate data/ and print problems as file:line: field: message.
check: env
	$(UV) run --frozen python -m atlas check

## Lint data/ and snippets/ as a pull request sees it (ARGS=--strict: stale facts fail too).
lint: env
	$(UV) run --frozen python -m atlas lint $(ARGS)

## Update metadata-derived facts from the package index (use ARGS=--check to only list).
refresh: env
	$(UV) run --frozen python -m atlas refresh $(ARGS)

## Install the Debian packages above if any is missing (Debian does not start them: the tests do).
system-packages:
	@missing=$$(for p in $(APT_PACKAGES); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "Installing Debian packages: $$missing"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi

## The full benchmark run (over two hours on 2 cores; ARGS="--shard 1/4" measures a quarter, `python -m atlas bench merge` joins them).
bench: env system-packages
	$(UV) run --frozen python -m atlas bench --progress $(ARGS)

## Deploy a release into the local gh-pages branch with mike (strict build first): make release VERSION=2026.11
release: env $(PLOTLY_JS)
	@echo "$(VERSION)" | grep -Eq '^[0-9]{4}\.(0[1-9]|1[0-2])$$' || { echo "usage: make release VERSION=YYYY.MM (e.g. 2026.11)" >&2; exit 2; }
	$(UV) run --frozen mkdocs build --strict
	$(UV) run --frozen mike deploy --update-aliases $(VERSION) latest
	$(UV) run --frozen mike set-default latest

## Install the npm Plotly bundle the chart pages load and axe-core for the tests (build, dev, test and release do it when missing).
assets: $(PLOTLY_JS) $(AXE_JS)

$(PLOTLY_JS):
	npm install --silent --no-audit --no-fund --no-save --prefix .cache/npm $(PLOTLY_NPM)

$(AXE_JS):
	npm install --silent --no-audit --no-fund --no-save --prefix .cache/axe $(AXE_NPM)

$(LIGHTHOUSE):
	npm install --silent --no-audit --no-fund --no-save --prefix .cache/lighthouse $(LIGHTHOUSE_NPM)

env:
	@python3 -m uv --version >/dev/null 2>&1 || python3 -m pip install --quiet --disable-pip-version-check "uv==$(UV_VERSION)"
	@$(UV) sync --frozen --quiet
