"""Exception tree, status mapping, messages and redaction."""

from __future__ import annotations

import pickle

import pytest

from numista_frames import exceptions as e


@pytest.mark.parametrize(("status", "body", "cls"), [
    (400, b'{"error_message": "Invalid value for parameter \'issuer\'"}', e.BadRequestError),
    (401, b'{"error_message": "Invalid API key"}', e.AuthenticationError),
    (403, b'{"error_message": "Forbidden"}', e.AuthenticationError),
    (404, b'{"error_message": "Type not found"}', e.NotFoundError),
    (429, b'{"error_message": "Too many simultaneous requests"}', e.RateLimitError),
    (429, b'{"error_message": "Quota exceeded"}', e.QuotaExceededError),
    (500, b"<html>oops</html>", e.ServerError),
    (503, None, e.ServerError),
    (418, b"{}", e.APIError),
])
def test_error_for_status__picks_the_most_specific_class(status: int, body: bytes | None,
                                                         cls: type[e.APIError]) -> None:
    err = e.error_for_status(status, "https://api.numista.com/v3/types", body)
    assert type(err) is cls
    assert err.status_code == status
    assert isinstance(err, e.NumistaError)


def test_error_for_status__message_carries_api_text_url_and_hint() -> None:
    err = e.error_for_status(404, "https://x/v3/types/1", b'{"error_message": "Type not found"}')
    assert err.message == "Type not found"
    assert "404 from https://x/v3/types/1: Type not found" in str(err)
    quota = e.error_for_status(429, "https://x/v3/types", b'{"error_message": "Quota exceeded"}')
    assert "resets on the 1st" in str(quota) and "stays cached" in str(quota)


def test_quota_error__is_a_rate_limit_error() -> None:
    assert issubclass(e.QuotaExceededError, e.RateLimitError)
    assert issubclass(e.RateLimitError, e.APIError)


def test_redact_url__removes_secrets_keeps_the_rest() -> None:
    url = "https://x/v3/oauth_token?grant_type=authorization_code&code=c0de-xyz&client_secret=S3CRET-VALUE"
    assert e.redact_url(url) == "https://x/v3/oauth_token?grant_type=authorization_code"
    err = e.error_for_status(401, url, b"{}")
    assert "S3CRET-VALUE" not in str(err) + repr(err) and "c0de-xyz" not in str(err)


def test_api_error__survives_pickling() -> None:
    err = e.error_for_status(404, "https://x/v3/types/1", b'{"error_message": "nope"}')
    back = pickle.loads(pickle.dumps(err))
    assert type(back) is e.NotFoundError
    assert (back.status_code, back.url, back.message, str(back)) == (
        404, err.url, "nope", str(err))


def test_offline_error__says_how_to_fix() -> None:
    err = e.OfflineError("GET /types/1")
    assert "GET /types/1" in str(err) and "NUMISTA_FRAMES_OFFLINE=0" in str(err)
