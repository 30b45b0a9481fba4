"""The catalogue loaders against the fake: schemas, truth, caches, batches, dry runs, quota."""

from __future__ import annotations

import io
import warnings
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pandas as pd
import pytest

import numista_frames as nf
from numista_frames.frames import schema
from numista_frames.testing import FakeNumista, load_sample_catalogue
from numista_frames.testing.extend import with_extra_types


def _assert_schema(frame: pd.DataFrame, resource: str) -> None:
    expected = schema.empty_frame(resource)
    assert list(frame.columns) == list(expected.columns)
    assert frame.dtypes.to_dict() == expected.dtypes.to_dict()


def _dollar_ids(n: int) -> list[int]:
    return [int(i) for i in nf.search_df("dollar", issuer="canada", max_results=n)["id"]]


# -- search --------------------------------------------------------------------------------------

def test_search_df__schema_truth_and_attrs(configured: FakeNumista) -> None:
    frame = nf.search_df("dollar")
    _assert_schema(frame, "search")
    truth = configured.catalogue.search({"q": "dollar", "count": "100"})["count"]
    assert len(frame) == truth and frame["id"].is_unique
    assert frame["title"].str.lower().str.contains("dollar").all()
    attrs = frame.attrs
    assert attrs["source"] == "Numista" and attrs["attribution"] == "Source: Numista (N# = type id)"
    assert attrs["endpoint"] == "GET /types" and attrs["params"]["q"] == "dollar"
    assert (attrs["lang"], attrs["from_cache"], attrs["total"]) == ("en", False, truth)
    assert attrs["requests_spent"] == -(-truth // 100) == configured.request_count("/types")
    assert pd.Timestamp(attrs["fetched_at"]).tzinfo is not None


def test_search_df__warm_repeat_spends_nothing(configured: FakeNumista) -> None:
    first = nf.search_df("dollar", issuer="australie")
    configured.clear_log()
    second = nf.search_df("dollar", issuer="australie")
    assert configured.request_count() == 0
    assert second.attrs["from_cache"] is True and second.attrs["requests_spent"] == 0
    pd.testing.assert_frame_equal(first, second, check_like=False)


def test_search_df__empty_result_has_the_full_schema(configured: FakeNumista) -> None:
    frame = nf.search_df("qqqzzzxxx")
    _assert_schema(frame, "search")
    assert frame.empty
    again = nf.search_df("qqqzzzxxx")  # from the frame cache: still typed
    _assert_schema(again, "search")


@pytest.mark.parametrize(("count", "requests"), [(100, 1), (101, 2)])
def test_search_df__page_boundaries(cache_dir: Path, count: int, requests: int) -> None:
    with FakeNumista(catalogue=with_extra_types(count, word="Zorkmid")) as api:
        nf.configure(api_url=api.url, api_key=api.api_key, cache_dir=cache_dir,
                     requests_per_second=None)
        frame = nf.search_df("zorkmid", progress=False)
        assert len(frame) == count and frame["id"].is_unique
        assert api.request_count("/types") == requests


def test_search_df__max_results(configured: FakeNumista) -> None:
    frame = nf.search_df("dollar", max_results=7)
    assert len(frame) == 7 and configured.request_count("/types") == 1


@pytest.mark.parametrize("lang", ["en", "es", "fr"])
def test_search_df__lang_translates_labels(configured: FakeNumista, lang: str) -> None:
    frame = nf.search_df("dollar", issuer="etats-unis", max_results=5, lang=lang)
    expected = configured.catalogue.get_issuers(lang)["issuers"]
    name = next(i["name"] for i in expected if i["code"] == "etats-unis")
    assert set(frame["issuer_name"]) == {name}
    assert frame.attrs["lang"] == lang


def test_search_df__bad_arguments_spend_nothing(configured: FakeNumista) -> None:
    for kwargs in ({}, {"q": "x", "page_size": 101}, {"q": "x", "lang": "de"},
                   {"q": "x", "max_results": 0}, {"q": "x", "year": "nineteen"}):
        with pytest.raises((ValueError, TypeError)):
            nf.search_df(**kwargs)
    assert configured.request_count() == 0


# -- types, issues, parts ----------------------------------------------------------------------------

@pytest.mark.parametrize("loader", ["types_df", "issues_df", "type_mints", "issue_references"])
def test_per_type_loaders__the_frame_normalised_in_parts_equals_the_one_made_at_once(
        loader: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The first answers are normalised while the last are in flight: rows, order and dtypes
    are those of the normaliser given every answer at once (a failed id among them)."""
    from numista_frames.frames import normalize as nz
    from numista_frames.frames.parts import InParts

    parts: list[int] = []
    add = InParts.add
    monkeypatch.setattr(InParts, "add", lambda self, part: (parts.append(len(part)),
                                                            add(self, part))[-1])

    catalogue = with_extra_types(60, word="Thaler", issues_per_type=2)
    with FakeNumista(catalogue=catalogue) as api:
        nf.configure(api_url=api.url, api_key=api.api_key, requests_per_second=None)
        ids = [int(i) for i in nf.search_df("Thaler", max_results=40)["id"]]
        ids.insert(7, 999_999_999)  # a 404 among the first
        client = nf.Client()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", nf.PartialResultWarning)
            if loader in ("types_df", "type_mints"):
                frame = (nf.types_df(ids, progress=False) if loader == "types_df"
                         else nf.type_parts_df(ids, part="mints", progress=False))
                fed = [n for n in parts if n]  # not the check of the part before any request
                bodies = [client.get_type(i) for i in ids if i != 999_999_999]
                whole = (nz.normalize_types(bodies, lang="en") if loader == "types_df"
                         else nz.normalize_type_parts(bodies, "mints"))
            else:
                frame = (nf.issues_df(ids, progress=False) if loader == "issues_df"
                         else nf.issue_parts_df(ids, part="references", progress=False))
                fed = [n for n in parts if n]  # not the check of the part before any request
                lists = {i: client.get_issues(i) for i in ids if i != 999_999_999}
                whole = (nz.normalize_issues(lists, lang="en") if loader == "issues_df"
                         else nz.normalize_issue_parts(lists, "references"))
    assert len(fed) == 2 and fed[0] > 0 and sum(fed) == 40, fed  # a first part, early
    assert len(frame) == {"types_df": 40, "issues_df": 80, "type_mints": 120}.get(loader, len(frame))
    pd.testing.assert_frame_equal(frame, whole)


def test_types_df__one_row_per_type_in_the_order_given(configured: FakeNumista) -> None:
    ids = _dollar_ids(6)
    frame = nf.types_df([*reversed(ids), str(ids[0])])
    _assert_schema(frame, "types")
    assert frame["id"].tolist() == list(reversed(ids))
    cat = load_sample_catalogue()
    assert frame["title"].tolist() == [cat.get_type(i)["title"] for i in reversed(ids)]


def test_types_df__unknown_id_ends_up_in_failures(configured: FakeNumista) -> None:
    ids = _dollar_ids(3)
    with pytest.warns(nf.PartialResultWarning, match="1 of the requests for this types frame"):
        frame = nf.types_df([*ids, 999_999_999])
    assert frame["id"].tolist() == ids
    failures = nf.failures(frame)
    assert failures["id"].tolist() == ["999999999"] and failures["error"].tolist() == ["NotFoundError"]
    assert frame.attrs["failures"][0]["error"] == "NotFoundError"  # plain records in attrs
    configured.clear_log()
    with pytest.warns(nf.PartialResultWarning):
        nf.types_df([*ids, 999_999_999])  # a partial frame is never cached: the rest is
    assert configured.request_count() == 1


def test_types_df__500s_after_retries_end_up_in_failures(configured: FakeNumista) -> None:
    ids = _dollar_ids(2)
    configured.inject(*["500"] * 3, path=f"/types/{ids[1]}")
    with pytest.warns(nf.PartialResultWarning):
        frame = nf.types_df(ids)
    assert frame["id"].tolist() == [ids[0]]
    assert nf.failures(frame)["error"].tolist() == ["ServerError"]


def test_issues_df__rows_equal_the_fake_truth(configured: FakeNumista) -> None:
    ids = _dollar_ids(4)
    frame = nf.issues_df(ids)
    _assert_schema(frame, "issues")
    cat = load_sample_catalogue()
    assert len(frame) == sum(len(cat.get_issues(i)) for i in ids)
    assert frame.groupby("type_id", sort=False).size().to_dict() == {
        i: len(cat.get_issues(i)) for i in ids}


def test_type_parts_df__long_tables_keyed_by_type(configured: FakeNumista) -> None:
    ids = _dollar_ids(5)
    mints = nf.type_parts_df(ids, part="mints")
    _assert_schema(mints, "type_mints")
    cat = load_sample_catalogue()
    assert len(mints) == sum(len(cat.get_type(i).get("mints", [])) for i in ids)
    configured.clear_log()
    nf.type_parts_df(ids, part="references")  # same requests as types: the HTTP cache answers
    assert configured.request_count() == 0
    with pytest.raises(ValueError, match="part"):
        nf.type_parts_df(ids, part="colours")


def test_issue_parts_df__marks_and_signatures(configured: FakeNumista) -> None:
    cat = load_sample_catalogue()
    with_marks = [t for t in cat.type_ids if any(i.get("marks") for i in cat.get_issues(t))][:3]
    with_signers = [t for t in cat.type_ids
                    if any(i.get("signatures") for i in cat.get_issues(t))][:3]
    marks = nf.issue_parts_df(with_marks, part="marks")
    _assert_schema(marks, "issue_marks")
    assert len(marks) == sum(len(i.get("marks", [])) for t in with_marks for i in cat.get_issues(t))
    signers = nf.issue_parts_df(with_signers, part="signatures")
    assert len(signers) == sum(len(i.get("signatures", []))
                               for t in with_signers for i in cat.get_issues(t)) > 0


# -- prices --------------------------------------------------------------------------------------

def test_prices_df__long_format_and_snapshots(configured: FakeNumista, cache_dir: Path) -> None:
    ids = _dollar_ids(3)
    configured.clear_log()
    frame = nf.prices_df(ids, currency="USD", progress=False)
    _assert_schema(frame, "prices")
    cat = load_sample_catalogue()
    issues = {i: cat.get_issues(i) for i in ids}
    expected_rows = sum(len(cat.get_prices(t, i["id"], "USD")["prices"])
                        for t in ids for i in issues[t])
    assert len(frame) == expected_rows
    assert set(frame["currency"]) == {"USD"}
    assert configured.request_count() == len(ids) + sum(len(v) for v in issues.values())
    assert frame.groupby(["type_id", "issue_id"])["price"].apply(
        lambda p: p.is_monotonic_increasing).all()
    files = list(nf.get_settings().history_path.rglob("part-*.parquet"))
    assert files
    history = pd.concat(pd.read_parquet(f) for f in files)
    assert len(history) == expected_rows
    configured.clear_log()
    again = nf.prices_df(ids, currency="USD")
    assert configured.request_count() == 0 and again.attrs["from_cache"] is True
    assert len(list(nf.get_settings().history_path.rglob("part-*.parquet"))) == len(files)


def test_prices_df__quota_stops_the_batch_and_keeps_what_was_fetched(cache_dir: Path) -> None:
    with FakeNumista(monthly_quota=8) as api:
        nf.configure(api_url=api.url, api_key=api.api_key, cache_dir=cache_dir,
                     requests_per_second=None, max_concurrent=1)
        tid = max(load_sample_catalogue().type_ids,
                  key=lambda t: len(load_sample_catalogue().get_issues(t)))
        with pytest.raises(nf.QuotaExceededError, match="were not fetched"):
            nf.prices_df(tid, progress=False)
        kept = sum(len(pd.read_parquet(f)) for f in nf.get_settings().history_path.rglob("*.parquet"))
        assert kept > 0, "observations fetched before the quota ran out are kept"
        answered_before = sum(r.status == 200 for r in api.log)
        api.monthly_quota = None  # a new month
        api.clear_log()
        nf.prices_df(tid, progress=False)
        total = 1 + len(load_sample_catalogue().get_issues(tid))
        assert api.request_count() == total - answered_before


# -- dry runs -------------------------------------------------------------------------------------

def test_dry_run__equals_the_real_spend(configured: FakeNumista) -> None:
    ids = _dollar_ids(4)
    configured.clear_log()
    cases = [lambda **k: nf.search_df("dollar", **k), lambda **k: nf.types_df(ids, **k),
             lambda **k: nf.issues_df(ids[:2], **k), lambda **k: nf.prices_df(ids[:2], **k),
             lambda **k: nf.issuers_df(**k), lambda **k: nf.collection_df(1, **k)]
    for call in cases:
        before = configured.request_count()
        planned = call(dry_run=True)
        real = call()
        assert isinstance(planned, int)
        assert configured.request_count() - before == planned, real.attrs["endpoint"]
        assert call(dry_run=True) == 0


def test_dry_run__partly_cached_counts_only_the_rest(configured: FakeNumista) -> None:
    ids = _dollar_ids(5)
    nf.types_df(ids[:2])
    assert nf.types_df(ids, dry_run=True) == 3


# -- offline, refresh -----------------------------------------------------------------------------

def test_offline__caches_answer_misses_raise_naming_what(configured: FakeNumista) -> None:
    ids = _dollar_ids(3)
    nf.types_df(ids)
    configured.clear_log()
    nf.configure(offline=True)
    assert nf.types_df(ids)["id"].tolist() == ids
    with pytest.raises(nf.OfflineError, match=r"/types/\d+/issues"):
        nf.issues_df(ids)
    assert configured.request_count() == 0


def test_refresh__bypasses_both_caches(configured: FakeNumista) -> None:
    ids = _dollar_ids(2)
    nf.types_df(ids)
    configured.clear_log()
    frame = nf.types_df(ids, refresh=True)
    assert configured.request_count() == 2 and frame.attrs["requests_spent"] == 2


# -- round trip -------------------------------------------------------------------------------------

def test_parquet__every_loader_frame_round_trips(configured: FakeNumista) -> None:
    ids = _dollar_ids(3)
    frames = [nf.search_df("dollar", max_results=20), nf.types_df(ids), nf.issues_df(ids),
              nf.prices_df(ids)]
    for frame in frames:
        buffer = io.BytesIO()
        frame.to_parquet(buffer)
        buffer.seek(0)
        pd.testing.assert_frame_equal(pd.read_parquet(buffer), frame)


def test_progress__no_warning_and_quiet_when_asked(configured: FakeNumista,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        nf.types_df(_dollar_ids(4), progress=False)
    assert capsys.readouterr().err == ""


# -- review follow-ups ----------------------------------------------------------------------------

def test_search_df__server_serving_smaller_pages_than_asked(cache_dir: Path) -> None:
    with FakeNumista(catalogue=with_extra_types(230, word="Zorkmid"), page_size_cap=50) as api:
        nf.configure(api_url=api.url, api_key=api.api_key, cache_dir=cache_dir,
                     requests_per_second=None)
        planned = nf.search_df("zorkmid", dry_run=True)
        frame = nf.search_df("zorkmid", progress=False)
        assert len(frame) == 230 and frame["id"].is_unique
        assert api.request_count("/types") == planned == 5


def test_dry_run__refresh_max_results_issue_ids_and_the_keys_user(configured: FakeNumista) -> None:
    ids = _dollar_ids(3)
    issue = load_sample_catalogue().get_issues(ids[0])[0]["id"]
    cases = [lambda **k: nf.search_df("dollar", max_results=130, **k),
             lambda **k: nf.search_df("dollar", refresh=True, **k),
             lambda **k: nf.prices_df(ids[0], issue_ids=[issue], **k),
             lambda **k: nf.prices_df([ids[1], 999_999_999], **k),
             lambda **k: nf.collections_df(**k)]
    for call in cases:
        before = configured.request_count()
        planned = call(dry_run=True)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", nf.PartialResultWarning)
            call()
        assert configured.request_count() - before == planned


def test_prices_df__issue_ids_narrow_exactly_and_strangers_are_failures(
        configured: FakeNumista) -> None:
    tid = _dollar_ids(1)[0]
    issue = load_sample_catalogue().get_issues(tid)[0]["id"]
    configured.clear_log()
    frame = nf.prices_df(tid, issue_ids=[issue])
    assert set(frame["issue_id"]) == {issue}
    assert configured.request_count() == 2  # the issue list, one price request
    with pytest.warns(nf.PartialResultWarning):
        partial = nf.prices_df(tid, issue_ids=[issue, 1])
    assert nf.failures(partial)["id"].tolist() == ["1"]


def test_concurrent_loaders__the_same_answer_is_fetched_once(configured: FakeNumista) -> None:
    ids = _dollar_ids(4)
    configured.clear_log()
    configured.latency = 0.02
    with ThreadPoolExecutor(4) as pool:
        frames = list(pool.map(lambda _: nf.issues_df(ids, progress=False), range(4)))
    assert configured.request_count() == len(ids)
    assert all(len(f) == len(frames[0]) for f in frames)


def test_collection_df__a_write_makes_the_cached_frame_stale(configured: FakeNumista) -> None:
    before = nf.collection_df(1)
    tid = int(before["type_id"].iloc[0])
    nf.Client().add_collected_item({"type": tid}, user_id=1)
    assert nf.collection_df(1, dry_run=True) == 1
    after = nf.collection_df(1)
    assert len(after) == len(before) + 1 and after.attrs["from_cache"] is False


def test_frame_expiry__a_lowered_setting_applies_to_stored_frames(configured: FakeNumista) -> None:
    ids = _dollar_ids(2)
    nf.types_df(ids)
    nf.configure(expire_catalogue=0)
    client = nf.http.client.default_client()
    nf.types_df(ids)
    # The frame was too old for the new setting: rebuilt from the raw answers (which keep the
    # expiry they were stored with; clear_cache(older_than=...) drops those).
    assert client.counts.cached == 2


def test_warm_repeat__no_http_cache_lookup_either(configured: FakeNumista) -> None:
    ids = _dollar_ids(3)
    nf.types_df(ids)
    client = nf.http.client.default_client()
    before = (client.counts.network, client.counts.cached)
    nf.types_df(ids)
    assert (client.counts.network, client.counts.cached) == before


def test_attrs__never_show_the_key_or_its_hash(configured: FakeNumista) -> None:
    frame = nf.collection_df(1)
    from numista_frames.http.ledger import key_id

    assert key_id(configured.api_key) not in repr(frame.attrs)


@pytest.mark.parametrize("lang", ["es", "fr"])
def test_types_and_issues__translated_labels(configured: FakeNumista, lang: str) -> None:
    ids = _dollar_ids(2)
    cat = load_sample_catalogue()
    types = nf.types_df(ids, lang=lang)
    assert types["issuer_name"].tolist() == [cat.get_type(i, lang)["issuer"]["name"] for i in ids]
    assert types["url"].str.startswith(f"https://{lang}.numista.com/").all()
    assert len(nf.issues_df(ids, lang=lang)) == sum(len(cat.get_issues(i)) for i in ids)


def test_validation__bytes_and_huge_ids_are_refused(configured: FakeNumista) -> None:
    for bad in (b"12", 10**30, [1, b"2"]):
        with pytest.raises((TypeError, ValueError)):
            nf.types_df(bad)
    assert configured.request_count() == 0


def test_partial_frames__merge_and_concat_like_any_frame(configured: FakeNumista) -> None:
    ids = _dollar_ids(2)
    with pytest.warns(nf.PartialResultWarning):
        frame = nf.prices_df([*ids, 999_999_999], progress=False)
    assert isinstance(frame.attrs["failures"], tuple) and len(nf.failures(frame)) == 1
    both = pd.concat([frame, frame])
    merged = frame.merge(frame[["issue_id"]].drop_duplicates(), on="issue_id")
    assert len(both) == 2 * len(frame) and len(merged) == len(frame)


@pytest.mark.parametrize("steps", [{}, {"prices": False}, {"issues": False},
                                   {"issues": False, "prices": False}])
def test_warm_cache__dry_run_equals_the_real_spend(configured: FakeNumista,
                                                   steps: dict[str, bool]) -> None:
    ids = _dollar_ids(3)
    nf.types_df(ids[0])
    configured.clear_log()
    planned = nf.warm_cache(ids, **steps, dry_run=True)
    summary = nf.warm_cache(ids, **steps)
    assert configured.request_count() == planned > 0
    assert int(summary["requests_spent"].sum()) <= planned  # sizing requests were spent before
    assert nf.warm_cache(ids, **steps, dry_run=True) == 0


def test_warm_cache__a_bad_currency_is_refused_before_any_request(configured: FakeNumista) -> None:
    with pytest.raises(ValueError, match="ISO 4217"):
        nf.warm_cache([1031], currency="dollars")
    assert configured.request_count() == 0
