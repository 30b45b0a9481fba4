"""Market mode of the fake (testing/market.py): estimates move with a settable clock."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from numista_frames.testing import FakeNumista, Market, load_sample_catalogue

T0 = datetime(2026, 1, 1, tzinfo=UTC)


def _priced() -> tuple[int, int]:
    catalogue = load_sample_catalogue()
    for type_id in catalogue.type_ids:
        for issue in catalogue.get_issues(type_id):
            if catalogue.get_prices(type_id, issue["id"])["prices"]:
                return type_id, int(issue["id"])
    raise AssertionError("no priced issue")


def _get(api: FakeNumista, type_id: int, issue_id: int) -> dict[str, float]:
    import json
    import urllib.request

    request = urllib.request.Request(f"{api.url}/types/{type_id}/issues/{issue_id}/prices",
                                     headers={"Numista-API-Key": api.api_key})
    with urllib.request.urlopen(request) as answer:
        return {p["grade"]: p["price"] for p in json.load(answer)["prices"]}


def test_market__prices_move_only_when_the_clock_does() -> None:
    type_id, issue_id = _priced()
    market = Market(T0, rates={issue_id: 0.5})
    with FakeNumista(market=market) as api:
        first = _get(api, type_id, issue_id)
        assert _get(api, type_id, issue_id) == first
        market.advance(days=60)
        later = _get(api, type_id, issue_id)
    changes = market.changes(issue_ids=[issue_id])
    assert later != first and len(changes) > 5
    assert all(T0 < c.at <= T0 + timedelta(days=60) for c in changes)
    assert changes[0].type_id == type_id and changes[0].old_level == 1.0
    level = market.level(issue_id)
    grade = next(iter(first))
    assert later[grade] == pytest.approx(first[grade] * level, rel=1e-3, abs=1e-4)


def test_market__changes_are_drawn_once_and_do_not_depend_on_who_asks() -> None:
    a, b = Market(T0, seed=5), Market(T0, seed=5)
    ids = range(27000, 27400)
    a.set_time(T0 + timedelta(days=365))
    for day in range(0, 366, 30):  # b is asked along the way, a only at the end
        b.level(27001, T0 + timedelta(days=day))
    b.set_time(T0 + timedelta(days=365))
    assert a.changes(issue_ids=ids) == b.changes(issue_ids=ids)
    rates = [a.rate(i) for i in ids]
    assert 0.6 < rates.count(0.0) / len(rates) < 0.9  # most never change within a year
    assert rates.count(1 / 7) > 0 and rates.count(1 / 30) > rates.count(1 / 7)


def test_market__default_fake_is_unchanged() -> None:
    type_id, issue_id = _priced()
    with FakeNumista() as api:
        assert api.market is None
        assert _get(api, type_id, issue_id) == _get(api, type_id, issue_id)


def test_market__bad_arguments() -> None:
    with pytest.raises(ValueError, match="mix"):
        Market(T0, mix=())
    with pytest.raises(ValueError, match="forward"):
        Market(T0).advance(days=-1)
    with pytest.raises(TypeError, match="datetime"):
        Market("2026-01-01")  # type: ignore[arg-type]
