"""The command line: every command against the fake API, dry runs, errors, help, the console script."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd
import pytest
import requests

import numista_frames as nf
from numista_frames.cli import app as cli
from numista_frames.testing import FakeNumista, sample_price_history

SOURCE = "Source: Numista (N# = type id)"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """``numista-frames ARGV`` in this process: exit status, stdout, stderr."""
    try:
        status = cli.main(list(argv))
    except SystemExit as exc:  # argparse: --help (0) and usage errors (2)
        status = int(exc.code or 0)
    out, err = capsys.readouterr()
    if status == 0:
        assert err == "", err  # no warning, no progress bar, nothing but the result
    return status, out, err


def assert_one_error_line(err: str) -> None:
    assert err.startswith("numista-frames") and ": error: " in err
    assert err.count("\n") == 1 and "Traceback" not in err


def _commands(commands: tuple[cli.Command, ...], prefix: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    for command in commands:
        yield (*prefix, command.name)
        yield from _commands(command.subcommands, (*prefix, command.name))


def _leaves(commands: tuple[cli.Command, ...]) -> Iterator[cli.Command]:
    for command in commands:
        yield from _leaves(command.subcommands) if command.subcommands else [command]


def test_commands__the_table_holds_every_command_and_each_runs_something() -> None:
    paths = {" ".join(path) for path in _commands(cli.COMMANDS)}
    assert paths >= {"search", "type", "issues", "prices", "history", "collection", "stats", "value",
                     "plot prices", "plot history", "plot collection", "plot value", "cache info",
                     "cache clear", "cache warm", "quota", "serve-fake", "demo"}
    assert all(leaf.run is not None and leaf.summary for leaf in _leaves(cli.COMMANDS))


# -- catalogue ---------------------------------------------------------------------------------


def test_search__prints_a_table_the_rows_the_requests_and_the_source(
        configured: FakeNumista, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "search", "dollar", "--max-results", "3")
    assert status == 0, err
    assert 'Dollar "Washington Quarter"' in out and "issuer_name" in out
    assert out.splitlines()[-1] == f"3 types (of 306 found) | 1 request spent | {SOURCE}"
    assert run(capsys, "search", "dollar", "--max-results", "3")[1].splitlines()[-1].startswith(
        "3 types (of 306 found) | answered from the cache (0 requests)")


def test_search__long_tables_are_cut_and_say_so(configured: FakeNumista,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "search", "dollar", "--max-rows", "6")
    assert status == 0
    assert len(out.splitlines()) == 1 + 6 + 1 + 1  # header, 6 rows, "...", footer
    assert "306 types | 6 shown (--max-rows 0 shows all" in out


def test_search__dry_run_counts_and_the_real_run_spends_the_rest(
        configured: FakeNumista, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "search", "dollar", "--dry-run")
    # 306 types at 100 a page: 4 requests; the first page is fetched to learn the total.
    assert status == 0
    assert out == ("would spend 4 requests (1 of them spent now to size the job; they are not "
                   "spent again)\n")
    assert configured.request_count() == 1
    assert run(capsys, "search", "dollar")[0] == 0
    assert configured.request_count() == 4


def test_search__out_parquet_reads_back_equal(configured: FakeNumista, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "sub" / "dollars.parquet"
    status, out, _ = run(capsys, "search", "dollar", "--issuer", "canada", "--out", str(path))
    assert status == 0
    written = pd.read_parquet(path)
    assert out.startswith(f"Wrote {len(written)} types to {path} | ")
    pd.testing.assert_frame_equal(written, nf.search_df("dollar", issuer="canada"))
    assert written.attrs["attribution"] == SOURCE
    assert set(written["issuer_code"]) == {"canada"}


def test_type__one_column_per_type_fields_down(configured: FakeNumista,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "type", "1031", "N#1172", "--columns", "title,composition")
    assert status == 0
    header, title, composition, footer = out.splitlines()
    assert header.split() == ["N#", "1031", "N#", "1172"]
    assert "Lincoln Wheat Ears Cent" in title and "Bronze" in composition
    assert footer == f"2 types | 2 requests spent | {SOURCE}"


def test_type__dry_run_spends_nothing(configured: FakeNumista,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "type", "1031", "1172", "--dry-run")[1] == "would spend 2 requests\n"
    assert configured.request_count() == 0
    run(capsys, "type", "1031")
    assert run(capsys, "type", "1031", "1172", "--dry-run")[1] == "would spend 1 request\n"
    assert configured.request_count() == 1


def test_type__json_out_holds_every_column(configured: FakeNumista, tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "type.json"
    assert run(capsys, "type", "1031", "--out", str(path))[0] == 0
    records = json.loads(path.read_text(encoding="utf-8"))
    assert len(records) == 1 and records[0]["id"] == 1031 and "obverse_description" in records[0]


def test_issues__table_and_csv(configured: FakeNumista, tmp_path: Path,
                               capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "issues", "1031")
    assert status == 0 and "mint_letter" in out and "mintage" in out
    assert out.splitlines()[-1].startswith("139 issues of 1 type | 40 shown")
    path = tmp_path / "issues.csv"
    assert run(capsys, "issues", "1031", "--out", str(path))[0] == 0
    issues = pd.read_csv(path)
    assert len(issues) == 139 and set(issues["type_id"]) == {1031}


def test_prices__a_grade_ladder_per_issue(configured: FakeNumista,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "prices", "1031", "--issue-id", "20002", "--issue-id", "20011")
    assert status == 0
    header, *rows, footer = out.splitlines()
    assert header.split()[-7:] == ["g", "vg", "f", "vf", "xf", "au", "unc"]
    assert [row.split()[1] for row in rows] == ["20002", "20011"]
    assert footer == f"13 estimates in EUR for 2 issues | 3 requests spent | {SOURCE}"


def test_prices__currency_and_parquet_read_back_equal(configured: FakeNumista, tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "prices.parquet"
    status, out, _ = run(capsys, "prices", "1172", "--currency", "usd", "--out", str(path))
    assert status == 0 and " in USD for " in out
    written = pd.read_parquet(path)
    assert set(written["currency"]) == {"USD"}
    pd.testing.assert_frame_equal(written, nf.prices_df(1172, currency="USD"))


def test_prices__dry_run_with_issues_cached_spends_nothing(configured: FakeNumista,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "issues", "1031")
    before = configured.request_count()
    assert run(capsys, "prices", "1031", "--dry-run")[1] == "would spend 139 requests\n"
    assert configured.request_count() == before


# -- price history -----------------------------------------------------------------------------


@pytest.fixture
def history(configured: FakeNumista) -> FakeNumista:
    nf.import_price_history(sample_price_history())
    return configured


def test_history__filters_and_costs_nothing(history: FakeNumista, tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "history", "1172", "--grade", "unc", "--since", "2026-01-01",
                         "--max-rows", "0")
    assert status == 0 and history.request_count() == 0
    rows = out.splitlines()[1:-1]
    assert rows and all(row.split()[:4] == ["1172", row.split()[1], "EUR", "unc"] for row in rows)
    assert all(row.split()[-3] >= "2026-01-01" for row in rows)
    assert f"observations in the local price history | {SOURCE}" in out
    path = tmp_path / "history.json"
    assert run(capsys, "history", "1172", "--grade", "unc", "--since", "2026-01-01",
               "--out", str(path))[0] == 0
    assert len(json.loads(path.read_text(encoding="utf-8"))) == len(rows)


# -- collections -------------------------------------------------------------------------------


def test_collection__table_and_filters(configured: FakeNumista,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "collection")
    assert status == 0 and "price_currency" in out
    assert out.splitlines()[-1].startswith("190 items (250 pieces) | 40 shown")
    status, out, _ = run(capsys, "collection", "--category", "banknote", "--max-rows", "0")
    items = nf.collection_df(category="banknote")
    assert status == 0 and out.splitlines()[-1].startswith(f"{len(items)} items")


def test_stats__totals_a_breakdown_and_the_long_csv(configured: FakeNumista, tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "stats", "--by", "decade")
    assert status == 0
    assert out.startswith("190 items, 250 pieces, 120 types; 18 items (22 pieces) for swap\n")
    assert "By decade:" in out and "decade" in out and "%" in out
    path = tmp_path / "stats.csv"
    assert run(capsys, "stats", "--out", str(path))[0] == 0
    written = pd.read_csv(path)
    expected = nf.collection_stats(nf.collection_df()).to_frame()
    assert written[["dimension", "pieces"]].values.tolist() == \
        expected[["dimension", "pieces"]].values.tolist()


def test_value__summary_and_the_most_valuable_items(configured: FakeNumista, tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "value", "--top", "3")
    assert status == 0, err
    lines = out.splitlines()
    assert lines[0].startswith("Estimated value ") and "value known for" in lines[0]
    assert "The 3 most valuable items:" in out
    values = [float(line.split()[-2].replace(",", "")) for line in lines[-4:-1]]
    assert values == sorted(values, reverse=True)
    assert lines[-1].startswith("190 items valued | ")
    path = tmp_path / "value.parquet"
    assert run(capsys, "value", "--out", str(path))[0] == 0
    written = pd.read_parquet(path)
    assert len(written) == 190 and written["value"].max() == values[0]


def test_value__max_requests_stops_before_spending(configured: FakeNumista,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys, "value", "--max-requests", "50")
    assert status == 1
    assert_one_error_line(err)
    assert "over --max-requests 50" in err
    assert not [r for r in configured.log if r.path.endswith("/prices")]  # counted, none fetched


def test_value__dry_run_counts_the_collection_then_stops(configured: FakeNumista,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "value", "--dry-run")
    assert status == 0
    assert out.startswith("would spend at least 2 requests")
    assert "what comes after the collection can be counted once it is cached" in out


# -- plots -------------------------------------------------------------------------------------


@pytest.mark.parametrize("argv", [
    ("plot", "prices", "1031"),
    ("plot", "history", "1172"),
    ("plot", "collection", "--by", "decade"),
    ("plot", "value"),
], ids=lambda argv: argv[1])
def test_plot__writes_a_chart(history: FakeNumista, tmp_path: Path, argv: tuple[str, ...],
                              capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / f"{argv[1]}.png"
    status, out, err = run(capsys, *argv, "--out", str(path))
    assert status == 0, err
    assert out.startswith(f"Wrote {path} (") and out.endswith(f"{SOURCE}\n")
    image = plt.imread(path)
    assert image.shape[0] > 400 and image.std() > 0.01


@pytest.mark.parametrize("suffix", [".svg", ".pdf"])
def test_plot__format_follows_the_extension(configured: FakeNumista, tmp_path: Path, suffix: str,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / f"c{suffix}"
    assert run(capsys, "plot", "collection", "--out", str(path))[0] == 0
    head = path.read_bytes()[:200]
    assert (b"<svg" in head) if suffix == ".svg" else head.startswith(b"%PDF")


def test_plot_history__with_no_history_says_where_it_comes_from(
        configured: FakeNumista, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys, "plot", "history", "1172", "--out", str(tmp_path / "h.png"))
    assert status == 1
    assert_one_error_line(err)
    assert "no price history of N# 1172" in err and "numista-frames prices" in err
    assert not (tmp_path / "h.png").exists()


def test_plot__dry_run_writes_nothing(configured: FakeNumista, tmp_path: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "p.png"
    assert run(capsys, "plot", "prices", "1031", "--out", str(path), "--dry-run")[1].startswith(
        "would spend 140 requests (1 of them spent now")
    assert not path.exists()


# -- caches and quota --------------------------------------------------------------------------


def test_cache__warm_info_clear(configured: FakeNumista, tmp_path: Path,
                                capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "cache", "warm", "1031", "--no-prices")
    assert status == 0
    assert out.splitlines()[-1] == f"Warmed 1 type | 2 requests spent | {SOURCE}"
    status, out, _ = run(capsys, "cache", "info")
    assert status == 0 and "http/issues" in out and "types" in out
    assert " cache entries (" in out.splitlines()[-1]
    path = tmp_path / "cache.csv"
    assert run(capsys, "cache", "info", "--out", str(path))[0] == 0
    assert len(pd.read_csv(path)) == len(nf.cache_info()) == 4
    status, out, _ = run(capsys, "cache", "clear", "--type-id", "1031", "--kind", "issues")
    assert status == 0 and out.startswith("Removed 2 cache entries")
    assert set(nf.cache_info()["kind"]) == {"types", "http/types"}
    assert run(capsys, "cache", "clear")[1].startswith("Removed 2 cache entries")


def test_quota__prints_used_and_remaining(monkeypatch: pytest.MonkeyPatch,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("NUMISTA_API_KEY", "some-key")
    assert cli.main(["quota"]) == 0
    assert "0 of 2000 requests used" in capsys.readouterr().out


def test_quota__without_a_key_says_how_to_set_one(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["quota"]) == 1
    assert "NUMISTA_API_KEY" in capsys.readouterr().err


# -- errors ------------------------------------------------------------------------------------


def test_offline__a_miss_exits_1_with_one_line(configured: FakeNumista,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "type", "1031", "--offline")
    assert status == 1 and out == ""
    assert_one_error_line(err)
    assert "offline mode is on" in err and configured.request_count() == 0
    run(capsys, "type", "1031")
    assert run(capsys, "type", "1031", "--offline")[0] == 0


def test_partial_result__names_the_failed_ids_and_exits_1(configured: FakeNumista,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "type", "1031", "5")
    assert status == 1
    assert out.splitlines()[-1].startswith("1 type | ")
    lines = err.splitlines()
    assert lines[0].startswith("numista-frames: warning: id 5 failed (the types): 404 ")
    assert lines[1] == "numista-frames: warning: 1 of the requests for this types frame failed"


@pytest.mark.parametrize("argv", [
    ("search", "dollar", "--no-such-option"),
    ("type", "abc"),
    ("type", "0"),
    ("issues",),
    ("search", "dollar", "--out", "dollars.txt"),
    ("plot", "prices", "1031", "--out", "p.parquet"),
    ("plot", "prices", "1031"),
    ("history", "--grade", "mint"),
    ("search", "dollar", "--lang", "de"),
    ("cache", "clear", "--older-than-days", "soon"),
    ("no-such-command",),
])
def test_usage_error__exit_2_one_line(argv: tuple[str, ...], capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, *argv)
    assert status == 2 and out == ""
    assert_one_error_line(err)
    assert "--help" in err


@pytest.mark.parametrize(("argv", "command"), [
    (("search", "dollar", "--no-such-option"), "search"),
    (("cache", "warm", "1031", "--bogus"), "cache warm"),
    (("plot", "prices", "1031", "--out", "p.png", "--nope"), "plot prices"),
    (("watch", "list", "extra"), "watch list"),
])
def test_usage_error__after_a_subcommand_points_at_its_own_help(
        argv: tuple[str, ...], command: str, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, *argv)
    assert status == 2 and out == ""
    assert_one_error_line(err)
    assert err.startswith(f"numista-frames {command}: error: ")
    assert err.rstrip().endswith(f"(see numista-frames {command} --help)")


PRICED = {"prices", "value", "plot prices", "plot value", "cache warm"}


@pytest.mark.parametrize("leaf", [" ".join(p) for p in _commands(cli.COMMANDS)
                                  if " ".join(p) not in {"plot", "cache", "watch"}])
def test_currency__offered_only_where_prices_are_fetched(leaf: str,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    out = run(capsys, *leaf.split(), "--help")[1]
    assert ("--currency CODE" in out and "ISO 4217 code of prices" in out) == (leaf in PRICED)


def test_currency__on_a_command_without_prices_says_where_it_applies(
        configured: FakeNumista, capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys, "search", "dollar", "--currency", "USD")
    assert status == 2 and "--currency applies to the commands that fetch prices: prices" in err
    assert configured.request_count() == 0


@pytest.mark.parametrize("out", ["{file}/x.csv", "{file}/sub/x.parquet", "{folder}"])
def test_out__an_unwritable_path_is_named_as_given_before_any_request(
        out: str, configured: FakeNumista, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a-file.csv").write_text("x")
    (tmp_path / "folder.csv").mkdir()
    given = out.format(file=tmp_path / "a-file.csv", folder=tmp_path / "folder.csv")
    status, _, err = run(capsys, "search", "dollar", "--out", given)
    assert status == 2 and f"cannot write {given!r}" in err and ".tmp" not in err
    assert_one_error_line(err)
    assert configured.request_count() == 0


def test_out__a_missing_folder_is_created(configured: FakeNumista, tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "new" / "deeper" / "dollars.csv"
    status, out, _ = run(capsys, "search", "dollar", "--max-results", "3", "--out", str(path))
    assert status == 0 and f"to {path}" in out and len(pd.read_csv(path)) == 3


def test_cache_warm__dry_run_counts_what_the_warm_up_spends(
        configured: FakeNumista, capsys: pytest.CaptureFixture[str]) -> None:
    nf.types_df(1172)  # partly cached already: the count is of the rest
    configured.clear_log()
    status, out, _ = run(capsys, "cache", "warm", "1031", "1172", "--dry-run")
    assert status == 0
    planned = int(out.split()[2])
    sized = int(out.split("(")[1].split()[0])  # issue lists fetched now to count the prices
    assert configured.request_count() == sized == 2
    assert run(capsys, "cache", "warm", "1031", "1172")[0] == 0
    assert configured.request_count() == planned
    assert run(capsys, "cache", "warm", "1031", "1172", "--dry-run")[1] == (
        "would spend 0 requests (the caches hold everything)\n")


@pytest.mark.parametrize("argv", [
    ("search", "--category", "coin"),                   # no query nor filter
    ("search", "dollar", "--page-size", "500"),
    ("prices", "1031", "--currency", "dollars"),
    ("history", "--since", "someday"),
    ("cache", "clear", "--kind", "coins"),
    ("type", "1031", "--columns", "title,nope"),
])
def test_bad_value__exit_2_one_line_before_any_request(configured: FakeNumista, argv: tuple[str, ...],
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, *argv)
    assert status == 2 and out == ""
    assert_one_error_line(err)
    if argv[0] != "type":
        assert configured.request_count() == 0


def test_numista_error__one_line_on_stderr_exit_1(monkeypatch: pytest.MonkeyPatch,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    def fail(self: object) -> None:
        raise nf.OfflineError("GET /issuers")

    monkeypatch.setattr(nf.Client, "quota", fail)
    assert cli.main(["quota"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("numista-frames: error: offline mode is on") and err.count("\n") == 1


def test_bad_setting__one_line_on_stderr_exit_2(monkeypatch: pytest.MonkeyPatch,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("NUMISTA_FRAMES_MAX_CONCURRENT", "99")
    assert cli.main(["quota"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("numista-frames: error: ") and err.count("\n") == 1
    assert "Traceback" not in err


@pytest.mark.parametrize("path", list(_commands(cli.COMMANDS)), ids=" ".join)
def test_help__every_command_exits_0_with_examples(path: tuple[str, ...],
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, *path, "--help")
    assert status == 0
    assert f"usage: numista-frames {' '.join(path)}" in out
    assert "examples:\n  numista-frames " in out


# -- the real console script, demo and fake server ------------------------------------------


def test_console_script__searches_the_api_it_is_pointed_at(fake: FakeNumista, cache_dir: Path) -> None:
    script = Path(sys.executable).parent / "numista-frames"
    env = {**os.environ, "NUMISTA_API_URL": fake.url, "NUMISTA_API_KEY": fake.api_key}
    result = subprocess.run([str(script), "search", "dollar", "--max-results", "3"], env=env,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert 'Dollar "Washington Quarter"' in result.stdout
    assert result.stdout.splitlines()[-1] == f"3 types (of 306 found) | 1 request spent | {SOURCE}"
    assert fake.request_count("/types") == 1


@pytest.mark.slow
def test_demo__runs_twice_second_time_from_cache(cache_dir: Path, tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    assert cli.main(["demo", "--out", str(out)]) == 0
    first = capsys.readouterr().out
    assert 'search_df("dollar")' in first and "Source: Numista" in first
    assert "value known for" in first and "completion" in first
    assert "This run spent 0 request(s)" not in first
    dollars = pd.read_parquet(out / "dollar.parquet")
    assert len(dollars) > 50 and dollars.attrs["attribution"].startswith("Source: Numista")
    assert len(pd.read_parquet(out / "prices.parquet")) > 0
    stats = pd.read_csv(out / "collection_stats.csv")
    assert {"dimension", "key", "pieces"} <= set(stats.columns)
    for png in ("price_history.png", "collection.png"):
        image = plt.imread(out / png)
        assert image.shape[0] > 400 and image.std() > 0.01
    assert cli.main(["demo", "--out", str(out)]) == 0
    second = capsys.readouterr().out
    assert "This run spent 0 request(s)" in second
    assert "Caches answered everything" in second


def test_serve_fake__prints_its_url_and_serves_until_interrupted(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen([sys.executable, "-m", "numista_frames.cli.app", "serve-fake", "--port", "0"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        assert "Fake Numista API" in line
        url = line.strip().rsplit(" ", 1)[-1]
        answer = requests.get(url + "/issuers", headers={"Numista-API-Key": "k"}, timeout=10)
        assert answer.status_code == 200 and answer.json()["count"] >= 20
        answer.close()
    finally:
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=10)
    assert proc.returncode == 0, err
