"""Image search into a frame: checks before sending, the paid-feature 403, matches."""

from __future__ import annotations

from pathlib import Path

import pytest

import numista_frames as nf
from numista_frames.testing import FakeNumista

JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 200
PNG = b"\x89PNG\r\n\x1a\n" + b"\x01" * 200


@pytest.fixture
def pictures(tmp_path: Path) -> tuple[Path, Path]:
    obverse, reverse = tmp_path / "obverse.jpg", tmp_path / "reverse.png"
    obverse.write_bytes(JPEG)
    reverse.write_bytes(PNG)
    return obverse, reverse


def test_image_search_df__one_row_per_picture_and_match(cache_dir: Path,
                                                        pictures: tuple[Path, Path]) -> None:
    with FakeNumista(image_search=True) as api:
        nf.configure(api_url=api.url, api_key=api.api_key, cache_dir=cache_dir,
                     requests_per_second=None)
        frame = nf.image_search_df([pictures[0], pictures], max_results=5, progress=False)
        assert api.request_count("/search_by_image") == 2
    assert frame.columns[0] == "image" and "similarity_distance" in frame.columns
    assert set(frame["image"]) == {str(pictures[0]), f"{pictures[0]} + {pictures[1]}"}
    for _, group in frame.groupby("image"):
        assert 1 <= len(group) <= 5
        assert group["similarity_distance"].is_monotonic_increasing
    assert frame.attrs["attribution"].startswith("Source: Numista")


def test_image_search_df__403_says_it_is_a_paid_feature(configured: FakeNumista,
                                                        pictures: tuple[Path, Path]) -> None:
    with pytest.raises(nf.AuthenticationError, match="paid Numista feature"):
        nf.image_search_df(pictures[0])


def test_image_search_df__bad_files_refused_before_sending(configured: FakeNumista,
                                                           tmp_path: Path) -> None:
    gif = tmp_path / "coin.jpg"
    gif.write_bytes(b"GIF89a" + b"\x00" * 50)
    empty = tmp_path / "empty.png"
    empty.write_bytes(b"")
    for bad in (gif, empty, tmp_path / "missing.jpg", [], [(gif, gif, gif)]):
        with pytest.raises((ValueError, TypeError)):
            nf.image_search_df(bad)
    assert configured.request_count() == 0
