"""Argument checks."""

from __future__ import annotations

import pytest

from numista_frames import checks as v


def test_positive_int__accepts_ints_and_digit_strings() -> None:
    assert v.positive_int(5, "x") == 5
    assert v.positive_int(" 42 ", "x") == 42


@pytest.mark.parametrize("bad", [0, -3, "-3", "abc", "", 1.5, None, True, [1]])
def test_positive_int__refuses_everything_else(bad: object) -> None:
    with pytest.raises((ValueError, TypeError), match="x must be a positive integer"):
        v.positive_int(bad, "x")


def test_positive_ints__one_or_many_order_kept_duplicates_dropped() -> None:
    assert v.positive_ints(7, "ids") == [7]
    assert v.positive_ints("7", "ids") == [7]
    assert v.positive_ints((3, "1", 3, 2), "ids") == [3, 1, 2]
    with pytest.raises(TypeError):
        v.positive_ints(3.0, "ids")


def test_check_range__numista_syntax_and_tuples() -> None:
    assert v.check_range("1800-1850", "year") == "1800-1850"
    assert v.check_range(1902, "year") == "1902"
    assert v.check_range((1800, 1850), "year") == "1800-1850"
    assert v.check_range("-100--44", "year") == "-100--44"
    assert v.check_range("9-11.5", "size", decimals=True) == "9-11.5"
    for bad in ("18OO", "1800-", (1900, 1800), "abc"):
        with pytest.raises(ValueError, match="year"):
            v.check_range(bad, "year")


def test_checks__vocabularies() -> None:
    assert v.check_currency("chf") == "CHF"
    with pytest.raises(ValueError):
        v.check_currency("EURO")
    assert v.check_grade("unc") == "unc"
    with pytest.raises(ValueError, match="g, vg, f, vf, xf, au, unc"):
        v.check_grade("ms65")
    with pytest.raises(ValueError):
        v.check_category("coins")
    with pytest.raises(ValueError):
        v.check_lang("de")
    assert v.check_publication_id("L106610") == "L106610"
    with pytest.raises(ValueError):
        v.check_publication_id("106610")


def test_item_body__normalises_and_refuses_before_sending() -> None:
    body = v.item_body({"type": "7", "issue": 9, "price": {"value": "12.5", "currency": "usd"},
                        "acquisition_date": "2024-02-29"}, require_type=True)
    assert body == {"type": 7, "issue": 9, "price": {"value": 12.5, "currency": "USD"},
                    "acquisition_date": "2024-02-29"}
    for bad in ({"type": 1, "acquisition_date": "29/02/2024"}, {"type": 1, "axis": 13},
                {"type": 1, "price": {"value": "cheap"}}, {"type": 1, "quantity": 0}):
        with pytest.raises((ValueError, TypeError)):
            v.item_body(bad, require_type=True)
    assert v.item_body({"grade": None}, require_type=False) == {"grade": None}


def test_search_params__needs_a_main_filter_and_checks_each() -> None:
    assert v.search_params(None, lang="fr", issuer=" canada ") == {"lang": "fr", "issuer": "canada"}
    with pytest.raises(ValueError, match="at least one of"):
        v.search_params(None, lang="en", category="coin")
    with pytest.raises(ValueError, match="number"):
        v.search_params("x", lang="en", catalogue=3, number=" ")
    with pytest.raises(TypeError, match="unknown search filter"):
        v.search_params("x", lang="en", country="fr")


def test_check_range__an_inverted_range_is_refused() -> None:
    for bad in ("1850-1800", "-44--100"):
        with pytest.raises(ValueError, match="from low to high"):
            v.check_range(bad, "year")
    with pytest.raises(ValueError, match="from low to high"):
        v.check_range("11-9", "size", decimals=True)
