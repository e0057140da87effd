"""The real data: every file valid, every seed system present, every fact sourced or explained."""

from __future__ import annotations

import datetime as dt

import pytest

from atlas.catalog import DATA_DIR, facts_for_kind, load_catalog

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


def test_every_fact_of_its_kind_is_sourced_or_explained(catalog):
    for entry in catalog:
        expected = {spec.id for spec in facts_for_kind(entry.kind)}
        assert set(entry.facts) == expected, entry.id
        for fact in entry.facts.values():
            if fact.known:
                assert fact.source and fact.source.startswith("https://"), (entry.id, fact.id)
            else:
                assert fact.reason, (entry.id, fact.id)
            assert fact.verified <= dt.date.today(), (entry.id, fact.id)


def test_no_seed_article_is_cited_as_a_source(catalog):
    # The seed articles are claims to check; their hosts must never appear as sources.
    seeds = DATA_DIR.parent.parent / "shared" / "seeds"
    hosts = set()
    if seeds.is_dir():
        for text in (p.read_text(errors="ignore") for p in seeds.glob("*.txt")):
            hosts.update(w.split("/")[2] for w in text.split() if w.startswith("https://") and w.count("/") >= 2)
    for entry in catalog:
        for fact in entry.facts.values():
            assert not any(fact.source and h in fact.source for h in hosts), (entry.id, fact.id, fact.source)
