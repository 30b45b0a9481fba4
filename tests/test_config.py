"""Settings: precedence, parsing, validation, and nothing touched at import."""

from __future__ import annotations

import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest

import numista_frames as nf
from numista_frames.settings import Settings


def test_settings__defaults_when_nothing_is_set(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NUMISTA_FRAMES_CACHE_DIR")
    s = Settings.resolve()
    assert s.api_key is None
    assert s.api_url == "https://api.numista.com/v3"
    assert (s.lang, s.currency, s.offline) == ("en", "EUR", False)
    assert s.max_concurrent == 8 and s.requests_per_second is None and s.monthly_quota == 2000
    assert s.expire_catalogue == timedelta(days=7) and s.expire_prices == timedelta(days=1)
    assert s.cache_dir.name == "numista-frames"


def test_settings__environment_beats_default_and_explicit_beats_environment() -> None:
    env = {"NUMISTA_API_KEY": "env-key", "NUMISTA_FRAMES_LANG": "fr",
           "NUMISTA_FRAMES_CURRENCY": "usd", "NUMISTA_FRAMES_OFFLINE": "1",
           "NUMISTA_API_URL": "http://127.0.0.1:9/v3/", "NUMISTA_FRAMES_CACHE_DIR": "/tmp/x",
           "NUMISTA_FRAMES_EXPIRE_PRICES": "60"}
    s = Settings.resolve(environ=env)
    assert (s.api_key, s.lang, s.currency, s.offline) == ("env-key", "fr", "USD", True)
    assert s.api_url == "http://127.0.0.1:9/v3" and s.cache_dir == Path("/tmp/x")
    assert s.expire_prices == timedelta(seconds=60)
    s = Settings.resolve({"lang": "es", "offline": False, "api_key": None}, environ=env)
    assert (s.lang, s.offline, s.api_key) == ("es", False, "env-key")


def test_settings__bad_environment_value_names_the_variable() -> None:
    with pytest.raises(ValueError, match="NUMISTA_FRAMES_OFFLINE"):
        Settings.resolve(environ={"NUMISTA_FRAMES_OFFLINE": "maybe"})
    with pytest.raises(ValueError, match="NUMISTA_FRAMES_MAX_CONCURRENT"):
        Settings.resolve(environ={"NUMISTA_FRAMES_MAX_CONCURRENT": "four"})


@pytest.mark.parametrize(("name", "value", "message"), [
    ("lang", "de", "lang must be one of"),
    ("currency", "EURO", "3-letter"),
    ("max_concurrent", 11, "from 1 to 10"),
    ("max_concurrent", 0, "from 1 to 10"),
    ("monthly_quota", 0, "monthly_quota"),
    ("requests_per_second", 0, "requests_per_second"),
    ("api_url", "ftp://x", "api_url"),
    ("expire_catalogue", timedelta(days=8), "at most 7 days"),
])
def test_settings__invalid_values_are_refused(name: str, value: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Settings.resolve({name: value})


def test_settings__unknown_name_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="unknown setting"):
        nf.configure(api_kye="x")


def test_settings__repr_never_shows_the_key() -> None:
    s = Settings.resolve({"api_key": "SECRET-KEY-123"})
    assert "SECRET-KEY-123" not in repr(s)
    assert "SECRET-KEY-123" not in repr(nf.Client(settings=s))


def test_configure__sets_process_default_and_keeps_earlier_values(tmp_path: Path) -> None:
    nf.configure(api_key="k1", lang="fr")
    nf.configure(currency="gbp", cache_dir=tmp_path)
    s = nf.get_settings()
    assert (s.api_key, s.lang, s.currency, s.cache_dir) == ("k1", "fr", "GBP", tmp_path)
    nf.reset_configuration()
    assert nf.get_settings().api_key is None


def test_configure__bad_value_changes_nothing() -> None:
    nf.configure(lang="es")
    with pytest.raises(ValueError):
        nf.configure(lang="xx", currency="USD")
    assert (nf.get_settings().lang, nf.get_settings().currency) == ("es", "EUR")


def test_configure__expiry_in_seconds_is_accepted() -> None:
    assert nf.configure(expire_user=90).expire_user == timedelta(seconds=90)


def test_import__touches_no_disk_and_reads_no_setting(tmp_path: Path) -> None:
    cache = tmp_path / "never-created"
    code = ("import numista_frames as nf; c = nf.Client(); "
            "import numista_frames.testing; print('ok')")
    env = {"NUMISTA_FRAMES_CACHE_DIR": str(cache), "NUMISTA_FRAMES_LANG": "invalid",
           "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    # An invalid setting in the environment must not break the import, only first use.
    out = subprocess.run([sys.executable, "-c", code.replace("c = nf.Client(); ", "")],
                         env=env, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "ok"
    assert not cache.exists()
    env["NUMISTA_FRAMES_LANG"] = "en"
    subprocess.run([sys.executable, "-c", code], env=env, check=True, capture_output=True)
    assert not cache.exists(), "building a Client must not create the cache dir"
