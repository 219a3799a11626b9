"""Per-plan results worked out ahead of the command that needs them.

A command that reads many plans through the pool can work out each plan's figures as soon as the plan is
in (checking/validate.load_plans' `each`), between its own chunks, while the worker still reads: then the
sammanställning's end is a sum, not a second pass over every plan. The memo is looked up by the plan
object itself and the arguments, so a plan replaced since (the public edition) or other arguments are
worked out anew: it can make a command faster, never change what it says.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any, TypeVar

R = TypeVar("R")


class PlanMemo:
    def __init__(self) -> None:
        # (id of the plan, function, arguments) → (the plan, its result); the plan is kept, so its id
        # cannot be another plan's while the memo lives
        self._done: dict[tuple[int, Callable[..., Any], tuple[Hashable, ...]], tuple[Any, Any]] = {}

    def get(self, fn: Callable[..., R], checked: Any, *args: Hashable) -> R:
        """fn(checked, *args), worked out once per plan and arguments."""
        key = (id(checked), fn, args)
        hit = self._done.get(key)
        if hit is not None and hit[0] is checked:
            return hit[1]  # type: ignore[no-any-return]
        value = fn(checked, *args)
        self._done[key] = (checked, value)
        return value

    def __len__(self) -> int:
        return len(self._done)


def get(memo: PlanMemo | None, fn: Callable[..., R], checked: Any, *args: Hashable) -> R:
    """fn(checked, *args), from `memo` when there is one."""
    return memo.get(fn, checked, *args) if memo is not None else fn(checked, *args)
