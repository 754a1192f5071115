"""One message bus. Views subscribe to message types; the session publishes. Qt-free and synchronous:
handlers run on the publishing thread, which in the app is always the GUI thread."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from typing import TypeVar

from desktop.core.messages import Message

M = TypeVar("M", bound=Message)


class Hub:
    def __init__(self) -> None:
        self._handlers: dict[type[Message], list[Callable[[Message], None]]] = defaultdict(list)
        self.log: list[Message] | None = None  # set to a list to record traffic (tests, debugging)

    def subscribe(self, message_type: type[M], handler: Callable[[M], None]) -> Callable[[], None]:
        """Call ``handler`` for every message of ``message_type``; returns a function that unsubscribes."""
        self._handlers[message_type].append(handler)  # type: ignore[arg-type]
        return lambda: self._handlers[message_type].remove(handler)  # type: ignore[arg-type]

    def publish(self, message: Message) -> None:
        if self.log is not None:
            self.log.append(message)
        for handler in list(self._handlers[type(message)]):
            handler(message)
