"""The ground floor imports nothing above it: feature apps register with it instead."""

import ast
from pathlib import Path

import pytest

FEATURE_APPS = {"events", "news", "directory", "intranet", "demo"}
PORTAL = Path(__file__).resolve().parents[2] / "portal"


def imported_modules(path: Path):
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module


@pytest.mark.parametrize(
    "path",
    sorted(p for p in PORTAL.rglob("*.py") if "migrations" not in p.parts),
    ids=lambda p: str(p.relative_to(PORTAL)),
)
def test_no_portal_module_imports_a_feature_app(path):
    above = [name for name in imported_modules(path) if name.split(".")[0] in FEATURE_APPS]

    assert above == []
