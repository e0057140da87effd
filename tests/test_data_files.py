"""The real data: every system the seed articles name has an entry, with what it builds on.

(Validity, sources and reasons are the schema's and the loader's job, tested through tests/data/bad.)"""

from __future__ import annotations

import pytest

from atlas.core.catalog import DATA_DIR, load_catalog

SEED_IDS = {
    "flask",
    "django",
    "djangorestframework",
    "fastapi",
    "tornado",
    "pyramid",
    "sanic",
    "bottle",
    "falcon",
    "cherrypy",
    "quart",
    "flask-restful",
    "hug",
    "channels",
    "dramatiq",
    "nameko",
}


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(DATA_DIR)


def test_every_seed_system_has_an_entry(catalog):
    assert SEED_IDS <= set(catalog.entries)


def test_builds_on_matches_what_the_projects_say(catalog):
    assert catalog["flask-restful"].builds_on == ["flask"]
    assert catalog["djangorestframework"].builds_on == ["django"]
    assert catalog["channels"].builds_on == ["django"]
