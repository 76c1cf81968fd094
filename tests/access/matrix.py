"""The access matrix: one table of (URL × role) → expected status, grown by every issue.

Each `rows_<area>.py` module beside this file defines:
- `build(world)`: add the objects its URLs need to the `world` dict (the cast is already there as
  `world["cast"]`, `world["provider_x"]`, `world["provider_y"]`). The world is built once for all the
  tests of the matrix, and every test's writes are rolled back, so each sees it as built;
- `ROWS`: a list of `Row`.

Anyone not named in a row's `expect` gets `otherwise` (404 by default: an object the user may not see
does not exist for them). Anonymous users are sent to the login page, unless a row's `anonymous` gives
the status a page open to everyone answers them with.
"""

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass, field

CAST = [
    "sw_a",
    "sw_b",
    "coordinator_x",
    "social_worker_x",
    "mentor_x",
    "coordinator_y",
    "social_worker_y",
    "mentor_y",
    "fund",
    "dpo",
    "nobody",
    "admin",
]


@dataclass(frozen=True)
class Row:
    url_name: str
    path: Callable[[dict], str]
    expect: dict[str, int]
    method: str = "get"
    data: Callable[[dict], dict] = field(default=lambda world: {})
    otherwise: int = 404
    label: str = ""
    anonymous: int | None = None

    @property
    def id(self) -> str:
        return f"{self.method.upper()} {self.url_name}{' ' + self.label if self.label else ''}"

    def expected(self, who: str) -> int:
        return self.expect.get(who, self.otherwise)


def row_modules():
    package = importlib.import_module("tests.access")
    for info in pkgutil.iter_modules(package.__path__):
        if info.name.startswith("rows_"):
            yield importlib.import_module(f"tests.access.{info.name}")


def all_rows() -> list[Row]:
    return [row for module in row_modules() for row in module.ROWS]


def everyone(status: int, *, but: dict[str, int] | None = None) -> dict[str, int]:
    """Every cast member gets `status`, except those in `but`."""
    return {who: status for who in CAST} | (but or {})


def only(status: int, *who: str) -> dict[str, int]:
    return dict.fromkeys(who, status)
