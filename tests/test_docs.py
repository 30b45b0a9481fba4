"""The docs stay true: the generated schema page is current."""

from __future__ import annotations

import subprocess
import sys

from .conftest import REPO


def test_schemas_page__is_current() -> None:
    result = subprocess.run([sys.executable, str(REPO / "docs" / "make_schema_docs.py"), "--check"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
