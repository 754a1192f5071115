"""Long work (import, re-extraction, export) goes through one task runner.

The protocol is tiny: ``submit(name, work, on_done)``; ``work`` gets a :class:`TaskContext` to report
progress and to ask whether it was cancelled. Tests and the command line use :class:`SyncTaskRunner`; the
app plugs in a worker-thread runner that delivers progress and results on the GUI thread.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol


@dataclass
class TaskContext:
    name: str
    report_progress: Callable[[int, int, str], None] = lambda done, total, label: None
    _cancel: threading.Event = field(default_factory=threading.Event)

    def progress(self, done: int, total: int, label: str = "") -> None:
        self.report_progress(done, total, label)

    def cancel(self) -> None:
        self._cancel.set()

    def cancelled(self) -> bool:
        return self._cancel.is_set()


Work = Callable[[TaskContext], Any]
Done = Callable[[Any, BaseException | None], None]  # (result, error)


class TaskHandle(Protocol):
    def cancel(self) -> None: ...


class TaskRunner(Protocol):
    def submit(self, name: str, work: Work, on_done: Done,
               on_progress: Callable[[int, int, str], None] | None = None) -> TaskHandle: ...


class SyncTaskRunner:
    """Runs the work at once on the calling thread."""

    def submit(self, name: str, work: Work, on_done: Done,
               on_progress: Callable[[int, int, str], None] | None = None) -> TaskContext:
        context = TaskContext(name, on_progress or (lambda done, total, label: None))
        try:
            result = work(context)
        except Exception as error:  # noqa: BLE001 - handed to on_done, as the threaded runner does
            on_done(None, error)
        else:
            on_done(result, None)
        return context
