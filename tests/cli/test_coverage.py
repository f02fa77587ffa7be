"""`pyjank coverage`: the report against Clojure 1.11's public vars, and the bar it must
clear. Needs ../shared/data/clojure-1.11-publics.edn (CI has it there): without it this
fails rather than passing vacuously."""

from __future__ import annotations

import pytest

from pyjank.cli import coverage
from pyjank.cli.main import main

# The namespaces issue 7 requires, each of which must load.
REQUIRED = (
    "clojure.core clojure.string clojure.set clojure.walk clojure.edn clojure.test "
    "clojure.pprint clojure.repl clojure.data clojure.zip clojure.stacktrace "
    "clojure.template clojure.instant"
).split()


@pytest.fixture(scope="module")
def results(booted):
    assert coverage.PUBLICS.is_file(), (
        f"the list of Clojure's public vars is missing: {coverage.PUBLICS}"
    )
    return {cov.name: cov for cov in coverage.coverage()}


def test_report(results):
    text = coverage.report(list(results.values()))
    print("\n" + text)  # shown with -s or -rA: the coverage report itself
    core = results["clojure.core"]
    assert core.percent >= coverage.THRESHOLD, text
    assert text.splitlines()[-1].startswith(f"clojure.core: {core.percent:.1f}%")


def test_required_namespaces_are_present(results):
    assert [ns for ns in REQUIRED if not results[ns].loaded] == []


def test_absent_list_is_accurate(results):
    """Every absent entry names a listed var that pyjank indeed lacks, with a reason."""
    listed_absent = coverage._read_edn(coverage.ABSENT)
    for ns, entries in listed_absent.items():
        assert ns in results, f"absent.edn names an unknown namespace {ns}"
        cov = results[ns]
        known = set(cov.implemented) | set(cov.missing) | set(cov.absent)
        assert set(entries) <= known, f"absent.edn names vars Clojure lacks: {set(entries) - known}"
        assert cov.stale == [], f"{ns}: listed absent but now implemented: {cov.stale}"
        assert all(str(reason).strip() for reason in entries.values())


def test_cli(capsys, booted):
    assert main(["coverage"]) == 0
    out = capsys.readouterr().out
    assert "clojure.core" in out and "absent: gen-class" in out


def test_cli_without_the_list(capsys, tmp_path):
    assert main(["coverage", str(tmp_path / "nope.edn")]) == 2
    assert "no list of Clojure's public vars" in capsys.readouterr().err
