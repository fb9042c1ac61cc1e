"""The dependency rules of the design (docs/design.md §Layers), read from the imports.

Each test names every offending import with its file and line, so a violation says
where to look. Migrations are left out: they name apps by string, not by import.
"""

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

GROUND_FLOOR = {"organizations", "workdays", "audit", "notifications"}
# The registry of persons (ADR 0016): just above the ground floor, below the kernel.
REGISTRY = {"people"}
KERNEL = {"matters"}
KINDS = {"permits", "agreements", "conferences", "ngo_aid", "abtc", "plans", "consular"}
ENGINE = {"workflows"}
READERS = {"reports"}
APPS = GROUND_FLOOR | REGISTRY | KERNEL | KINDS | ENGINE | READERS


@dataclass(frozen=True)
class Import:
    path: Path
    line: int
    module: str  # the full dotted module imported from
    names: tuple[str, ...]  # the names taken from it ("" for `import x.y`)

    @property
    def app(self) -> str:
        return self.path.relative_to(ROOT).parts[0]

    @property
    def target(self) -> str:
        return self.module.split(".")[0]

    def __str__(self):
        taken = f" ({', '.join(self.names)})" if any(self.names) else ""
        return f"{self.path.relative_to(ROOT)}:{self.line} imports {self.module}{taken}"


def _absolute(module: str | None, level: int, path: Path) -> str:
    if not level:
        return module or ""
    package = list(path.relative_to(ROOT).with_suffix("").parts)
    if path.name != "__init__.py":
        package = package[:-1]
    base = package[: len(package) - (level - 1)] if level > 1 else package
    return ".".join([*base, *([module] if module else [])])


def _imports() -> list[Import]:
    found = []
    for app in sorted(APPS):
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
            for node in ast.walk(tree):
                if isinstance(node, ast.Import):
                    found += [Import(path, node.lineno, alias.name, ("",)) for alias in node.names]
                elif isinstance(node, ast.ImportFrom):
                    module = _absolute(node.module, node.level, path)
                    names = tuple(alias.name for alias in node.names)
                    found.append(Import(path, node.lineno, module, names))
    return found


IMPORTS = _imports()


def _crossing(apps: set[str], forbidden: set[str]) -> list[str]:
    return [
        str(imp)
        for imp in IMPORTS
        if imp.app in apps and imp.target in forbidden and imp.target != imp.app
    ]


def _is_private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def test_the_walk_reads_the_project():
    # Guards the guard: an empty walk would pass every rule below.
    assert len(IMPORTS) > 500
    assert {imp.app for imp in IMPORTS} >= APPS - {"workdays"}


def test_no_module_imports_a_private_name_from_another_app():
    offenders = [
        str(imp)
        for imp in IMPORTS
        if imp.target in APPS
        and imp.target != imp.app
        and (
            any(_is_private(name) for name in imp.names)
            or any(_is_private(part) for part in imp.module.split(".")[1:])
        )
    ]
    assert offenders == []


def test_the_ground_floor_knows_no_kind_the_kernel_or_the_engine():
    assert _crossing(GROUND_FLOOR, REGISTRY | KERNEL | KINDS | ENGINE | READERS) == []


def test_the_registry_of_persons_stands_on_the_ground_floor_only():
    assert _crossing(REGISTRY, KERNEL | KINDS | ENGINE | READERS) == []


def test_the_kernel_knows_no_kind_and_no_engine():
    assert _crossing(KERNEL, KINDS | ENGINE | READERS) == []


@pytest.mark.parametrize("app", sorted(KINDS | READERS | KERNEL | REGISTRY))
def test_only_the_engine_and_config_import_workflows(app):
    assert _crossing({app}, ENGINE) == []


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_a_kind_never_imports_another_kind(kind):
    assert _crossing({kind}, KINDS - {kind}) == []
