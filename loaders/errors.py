"""The loader's own error: every rejected input raises this, naming file and problem."""
from __future__ import annotations


class LoaderError(Exception):
    """A document that cannot be loaded.

    ``str(err)`` is one line: ``FILE[:LINE]: PROBLEM (hint: …)``, what the CLI prints.
    """

    def __init__(self, file: str, problem: str, line: int | None = None,
                 column: int | None = None, hint: str | None = None):
        self.file, self.problem, self.line, self.column, self.hint = file, problem, line, column, hint
        super().__init__(self.message)

    @property
    def message(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        msg = f"{where}: {self.problem}"
        if self.hint:
            msg += f" (hint: {self.hint})"
        return msg
