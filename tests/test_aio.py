"""The asyncio face: same code, same caches and limits, safe under gather."""

from __future__ import annotations

import asyncio

import pandas as pd
import pytest

import numista_frames as nf
from numista_frames.testing import FakeNumista


def test_aio__gather_many_loaders(configured: FakeNumista) -> None:
    async def main() -> list[pd.DataFrame]:
        ids = (await nf.aio.search_df("dollar", issuer="canada", max_results=4))["id"].tolist()
        return await asyncio.gather(nf.aio.types_df(ids), nf.aio.issues_df(ids),
                                    nf.aio.issuers_df(), *[nf.aio.types_df(i) for i in ids])

    configured.latency = 0.01
    frames = asyncio.run(main())
    assert len(frames[0]) == 4 and len(frames[2]) >= 20
    assert configured.request_count("/types/") == 8, "each type and issue list fetched once"
    assert 1 < configured.max_in_flight <= nf.get_settings().max_concurrent
    configured.clear_log()
    again = asyncio.run(main())
    assert configured.request_count() == 0
    pd.testing.assert_frame_equal(again[0], frames[0])


def test_aio__bad_arguments_raise_before_any_request(configured: FakeNumista) -> None:
    with pytest.raises(ValueError):
        asyncio.run(nf.aio.types_df([-1]))
    assert configured.request_count() == 0
