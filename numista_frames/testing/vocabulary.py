"""Vocabularies and the error type shared by the fake Numista API's modules."""

from __future__ import annotations

from typing import Any

__all__ = ["CATEGORIES", "GRADES", "LANGS", "ApiError", "JsonDict"]

JsonDict = dict[str, Any]

#: Grades in Numista's order, worst first.
GRADES: tuple[str, ...] = ("g", "vg", "f", "vf", "xf", "au", "unc")
#: Languages accepted by the ``lang`` parameter.
LANGS: tuple[str, ...] = ("en", "es", "fr")
#: Catalogue categories.
CATEGORIES: tuple[str, ...] = ("coin", "banknote", "exonumia")


class ApiError(Exception):
    """An answer other than success, raised by the fake's pure code and served as JSON.

    Parameters
    ----------
    status : int
        The HTTP status code to answer with.
    message : str
        The ``error_message`` of the body.
    """

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def invalid(name: str) -> ApiError:
    """The 400 error Numista gives for a bad parameter.

    Parameters
    ----------
    name : str
        The parameter's name.

    Returns
    -------
    ApiError
        ``400 "Invalid value for parameter '<name>'"``.
    """
    return ApiError(400, f"Invalid value for parameter '{name}'")
