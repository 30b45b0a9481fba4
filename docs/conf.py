"""Sphinx configuration: the Markdown pages (MyST) and an API reference generated from numpydoc docstrings.

Build with ``sphinx-build -W -b html docs docs/_build/html`` (warnings are errors).
"""

from __future__ import annotations

import numista_frames

project = "numista_frames"
author = "numista_frames developers"
copyright = "numista_frames developers; data: Numista"
release = version = numista_frames.__version__

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.autosummary",
    "numpydoc",
]
source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build", "generated/*.md", "**/.ipynb_checkpoints"]
myst_heading_anchors = 3
suppress_warnings = ["myst.header"]

autosummary_generate = True
autosummary_imported_members = True
autodoc_typehints = "none"  # numpydoc's Parameters sections carry the types
numpydoc_show_class_members = False
numpydoc_class_members_toctree = False
numpydoc_xref_param_type = False
# Names the docstrings use in prose that are not documented objects of this package.
nitpicky = False

html_theme = "pydata_sphinx_theme"
html_title = "numista_frames"
html_theme_options = {
    "navigation_with_keys": False,
    "footer_start": ["copyright"],
}
html_static_path: list[str] = []
