"""The register's errors: each one line a person can act on, naming the file or the case."""

from __future__ import annotations


class RegisterError(Exception):
    """A problem with the register, as one line a person can act on."""


class NotARegisterError(RegisterError):
    """The file is not a notifyplanner register (foreign, damaged, or from a newer program)."""


class UnknownCaseError(RegisterError):
    pass


class ConflictError(RegisterError):
    """The case changed since the caller read it; reload, look, and try again."""


class RetentionError(RegisterError):
    """Deleting before the retention period ends, without an override."""


__all__ = ["ConflictError", "NotARegisterError", "RegisterError", "RetentionError", "UnknownCaseError"]
