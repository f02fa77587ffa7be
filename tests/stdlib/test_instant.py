"""clojure.instant: RFC 3339 timestamps as datetimes, validated like Clojure's."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

REQ = "(require '[clojure.instant :as i]) "


def test_read_instant_date_is_utc_and_matches_inst(run):
    value = run(REQ + '(i/read-instant-date "2020-01-02T03:04:05.123456789+01:30")')
    assert value == datetime(2020, 1, 2, 1, 34, 5, 123456, UTC)
    assert run(
        REQ + '(= #inst "1985-04-12T23:20:50.52Z" (i/read-instant-date "1985-04-12T23:20:50.52Z"))'
    )


def test_read_instant_calendar_keeps_the_offset(run):
    value = run(REQ + '(i/read-instant-calendar "2020-01-02T03:04:05-01:00")')
    assert value.utcoffset() == timedelta(hours=-1)
    assert value == datetime(2020, 1, 2, 3, 4, 5, tzinfo=timezone(timedelta(hours=-1)))


def test_defaults_and_leap_second(run):
    assert run(REQ + '(i/read-instant-timestamp "2020")') == datetime(2020, 1, 1, tzinfo=UTC)
    assert run(REQ + '(i/read-instant-date "2016-12-31T23:59:60Z")') == datetime(
        2017, 1, 1, tzinfo=UTC
    )


def test_parse_timestamp_parts(run):
    text = REQ + '(pr-str (i/parse-timestamp vector "1985-04-12T23:20:50.52-05:30"))'
    assert run(text) == "[1985 4 12 23 20 50 520000000 -1 5 30]"


@pytest.mark.parametrize(
    "text, message",
    [
        ("2021-02-29", "failed: (<= 1 days (days-in-month months (leap-year? years)))"),
        ("2020-13", "failed: (<= 1 months 12)"),
        ("2020-01-01T24:00", "failed: (<= 0 hours 23)"),
        ("2020-01-01T00:00:60", "failed: (<= 0 seconds (if (= minutes 59) 60 59))"),
        ("20x", "Unrecognized date/time syntax: 20x"),
    ],
)
def test_invalid_timestamps(run, text, message):
    expr = f'(try (i/read-instant-date "{text}") (catch Exception e (ex-message e)))'
    assert run(REQ + expr) == message


def test_as_data_reader(run):
    text = (
        REQ
        + "(require '[clojure.edn :as edn]) "
        + "(edn/read-string {:readers {'inst i/read-instant-calendar}} "
        + '"#inst \\"2020-01-01T00:00:00+02:00\\"")'
    )
    assert run(text).utcoffset() == timedelta(hours=2)
