"""OAuth helpers: scopes, tokens, the token store, the authorize URL."""

from __future__ import annotations

import pytest

from numista_frames.http.oauth import EXPIRY_MARGIN, Token, TokenStore, authorization_url, normalize_scope


def _token(user: int, grant: str, expires_at: float, scope: tuple[str, ...] = ("view_collection",)
           ) -> Token:
    return Token("secret-token", user, scope, expires_at, grant)


def test_normalize_scope__sorted_unique_checked() -> None:
    assert normalize_scope(["view_collection", "view_collection"]) == ("view_collection",)
    with pytest.raises(ValueError, match="scope"):
        normalize_scope("read_everything")
    with pytest.raises(ValueError):
        normalize_scope("")


def test_token__from_body_honours_expires_in_and_hides_the_secret() -> None:
    token = Token.from_body({"access_token": "abc", "token_type": "bearer", "expires_in": 7200,
                             "user_id": "42"}, scope=("view_collection",),
                            grant="client_credentials", now=100.0)
    assert (token.user_id, token.expires_at) == (42, 7300.0)
    assert token.valid(now=7300.0 - EXPIRY_MARGIN - 1) and not token.valid(now=7300.0 - EXPIRY_MARGIN)
    assert "abc" not in repr(token)
    with pytest.raises(ValueError, match="user_id"):
        Token.from_body({"access_token": "abc"}, scope=(), grant="x")


def test_token_store__finds_valid_tokens_by_scope_user_and_grant() -> None:
    now = [0.0]
    store = TokenStore(clock=lambda: now[0])
    store.add(_token(1, "client_credentials", 1000.0))
    store.add(_token(2, "authorization_code", 1000.0, ("edit_collection", "view_collection")))
    assert store.find(("view_collection",), 1).user_id == 1  # type: ignore[union-attr]
    assert store.find(("edit_collection",), 1) is None
    assert store.find(("edit_collection",), grant="authorization_code").user_id == 2  # type: ignore[union-attr]
    now[0] = 1000.0
    assert store.find(("view_collection",)) is None
    assert store.issued(2, "authorization_code") and not store.issued(1, "authorization_code")


def test_token_store__a_new_token_replaces_the_old_one_of_that_user_and_grant() -> None:
    store = TokenStore(clock=lambda: 0.0)
    store.add(_token(1, "client_credentials", 500.0))
    store.add(_token(1, "client_credentials", 900.0))
    assert store.find(("view_collection",), 1).expires_at == 900.0  # type: ignore[union-attr]


def test_authorization_url__carries_the_flow_parameters() -> None:
    url = authorization_url("KEY", redirect_uri="https://me.example/cb",
                            scope=["edit_collection", "view_collection"], state="s1", lang="fr")
    assert url == ("https://fr.numista.com/api/oauth_authorize.php?response_type=code&client_id=KEY"
                   "&redirect_uri=https%3A%2F%2Fme.example%2Fcb"
                   "&scope=edit_collection%2Cview_collection&state=s1")
    with pytest.raises(ValueError, match="lang"):
        authorization_url("KEY", redirect_uri="https://x", lang="de")
