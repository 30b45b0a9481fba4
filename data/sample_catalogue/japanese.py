"""Japanese dates and values: era years (Shōwa 30) and their kanji legends."""

from __future__ import annotations

ERAS = (("昭和", 1926), ("平成", 1989), ("令和", 2019))
KANJI_DIGITS = "〇一二三四五六七八九"
YEN_KANJI = {1: "一円", 5: "五円", 10: "十円", 50: "五十円", 100: "百円",
             500: "五百円", 1000: "千円", 5000: "五千円", 10000: "一万円"}


def _kanji_number(n: int) -> str:
    if n == 1:
        return "元"
    tens, units = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else KANJI_DIGITS[tens] + "十")
    return head + (KANJI_DIGITS[units] if units else "")


def _japanese_eras(year: int) -> list[tuple[str, int]]:
    """``(era, year of the era)`` for a Gregorian year: both eras in a year of succession."""
    eras = [(name, start) for name, start in ERAS if start <= year]
    forms = [(name, year - start + 1) for name, start in eras[-2:]]
    return forms if eras[-1][1] == year else forms[-1:]


def written_years(issuer: str, year: int) -> list[int]:
    """The year as written on the piece, as the integer ``year`` of an issue (the document types
    it ``integer``): the year of the Japanese era (Showa 64 and Heisei 1 both in 1989),
    the Gregorian year elsewhere."""
    if issuer != "japon":
        return [year]
    return [era_year for _, era_year in _japanese_eras(year)]


def era_legend(year: int) -> str:
    """The date as a Japanese legend writes it (``平成元年``), in the latest era of the year."""
    era, era_year = _japanese_eras(year)[-1]
    return f"{era}{_kanji_number(era_year)}年"
