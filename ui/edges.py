"""The edge of every slot that opens, imports, exports or recomputes.

Why: an exception raised in a Qt slot is printed and swallowed by PySide6, leaving the
window in whatever half-done state the slot reached, and the user sees nothing. Each such
slot is wrapped here: a failure is reported in one readable line (file and field where the
error names them), the incident that was open stays as it was, and the app carries on.
RecursionError is not expected here: input is refused before it can nest that deep
(notifyplanner.safe_read); a slot is not a safe place to continue from one.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtWidgets import QMessageBox, QWidget

from notifyplanner.safe_read import one_line

F = TypeVar("F", bound=Callable[..., Any])


def describe(exc: BaseException) -> str:
    """One line for the user: the error's own words (they name file and field), else its kind."""
    text = one_line(str(exc), 400)
    return text if text else type(exc).__name__


def at_edge(title: str, default: Any = None) -> Callable[[F], F]:
    """Report any exception from the wrapped method in a warning titled ``title``."""

    def wrap(method: F) -> F:
        @functools.wraps(method)
        def guarded(self: Any, *args: Any, **kwargs: Any) -> Any:
            try:
                return method(self, *args, **kwargs)
            except Exception as exc:
                parent = self if isinstance(self, QWidget) else getattr(self, "window", None)
                QMessageBox.warning(
                    parent if isinstance(parent, QWidget) else None,
                    title,
                    f"{describe(exc)}\n\nNothing was changed: the incident in this window is kept as it was.",
                )
                return default

        return guarded  # type: ignore[return-value]

    return wrap
