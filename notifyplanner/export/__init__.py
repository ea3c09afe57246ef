"""Exporters: a Plan -> bytes; the caller decides where the bytes go (atomically)."""
