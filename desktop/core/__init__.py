"""Qt-free application state: the hub, the selection, the session's commands, the task runner."""
