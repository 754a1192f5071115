"""Pure functions over text with character offsets: no I/O beyond shipped resources, no Qt, no SQL."""
