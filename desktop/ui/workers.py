"""The app's task runner: work runs on a pool thread; progress and the result come back on the GUI thread.

It implements :class:`desktop.core.tasks.TaskRunner`, so the session does not know Qt is involved. The
worker thread only ever emits signals of a relay that lives on the GUI thread; queued connections carry
them across, so every callback (and every hub message it publishes) runs where the widgets live.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot

from desktop.core.tasks import Done, TaskContext, Work

log = logging.getLogger(__name__)


class _Relay(QObject):
    """Lives on the GUI thread; the worker emits, queued connections deliver here."""

    progress = Signal(int, int, str)
    finished = Signal(object, object)  # (result, error)

    def __init__(self, on_done: Done, on_progress: Callable[[int, int, str], None] | None,
                 forget: Callable[[_Relay], None]) -> None:
        super().__init__()
        self._on_done = on_done
        self._on_progress = on_progress
        self._forget = forget
        self.progress.connect(self._deliver_progress, Qt.ConnectionType.QueuedConnection)
        self.finished.connect(self._deliver_finished, Qt.ConnectionType.QueuedConnection)

    @Slot(int, int, str)
    def _deliver_progress(self, done: int, total: int, label: str) -> None:
        if self._on_progress is not None:
            self._on_progress(done, total, label)

    @Slot(object, object)
    def _deliver_finished(self, result: Any, error: BaseException | None) -> None:
        try:
            self._on_done(result, error)
        finally:
            self._forget(self)


class _Job(QRunnable):
    def __init__(self, work: Work, context: TaskContext, relay: _Relay) -> None:
        super().__init__()
        self.setAutoDelete(False)  # Python keeps it (see QtTaskRunner._running)
        self._work = work
        self._context = context
        self._relay = relay

    def run(self) -> None:  # on a pool thread
        try:
            result = self._work(self._context)
        except Exception as error:  # noqa: BLE001 - handed to on_done on the GUI thread
            log.exception("task %s failed", self._context.name)
            self._relay.finished.emit(None, error)
        else:
            self._relay.finished.emit(result, None)


class QtTaskRunner(QObject):
    """Runs each submitted task on its own pool thread (import and export are rare and long)."""

    def __init__(self, parent: QObject | None = None, *, max_threads: int = 2) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max_threads)
        self._running: dict[_Relay, tuple[TaskContext, _Job]] = {}

    def submit(self, name: str, work: Work, on_done: Done,
               on_progress: Callable[[int, int, str], None] | None = None) -> TaskContext:
        relay = _Relay(on_done, on_progress, self._forget)
        # The context's progress callback runs on the worker thread: it only emits a signal.
        context = TaskContext(name, relay.progress.emit)
        job = _Job(work, context, relay)
        self._running[relay] = (context, job)
        self._pool.start(job)
        return context

    def _forget(self, relay: _Relay) -> None:
        self._running.pop(relay, None)
        relay.deleteLater()

    @property
    def busy(self) -> bool:
        return bool(self._running)

    def cancel_all(self) -> None:
        for context, _job in list(self._running.values()):
            context.cancel()

    def wait(self, timeout_ms: int = -1) -> bool:
        """Block until the worker threads are idle (results still arrive through the event loop)."""
        return self._pool.waitForDone(timeout_ms)

    def shutdown(self, timeout_ms: int = 10_000) -> None:
        """Cancel what runs and wait for it, so the app never exits under a writing thread."""
        self.cancel_all()
        self._pool.waitForDone(timeout_ms)
