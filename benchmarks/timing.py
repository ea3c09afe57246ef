"""The one stopwatch the benchmark scripts share, so their figures are measured alike."""

from __future__ import annotations

import time
from collections.abc import Callable


def timed(fn: Callable[[], object], repeat: int = 5) -> list[float]:
    """Milliseconds each of ``repeat`` calls of ``fn`` took, in order (wall clock)."""
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        out.append((time.perf_counter() - start) * 1000)
    return out
