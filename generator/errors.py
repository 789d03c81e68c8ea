"""Problems found in the data, and the formats they are reported in."""

from __future__ import annotations

from dataclasses import dataclass

from .i18n import _, language, tr


@dataclass(frozen=True, order=True)
class DataError:
    """One problem: where it is (file, line, column, field), what is wrong and what is expected."""

    path: str
    line: int
    col: int
    field: str
    message: str
    severity: str = "error"  # "error" or "warning"

    def text(self) -> str:
        where = f"{self.path}:{self.line}:{self.col}"
        field = f" {self.field}:" if self.field else ""
        tag = f" {_('warning')}:" if self.severity == "warning" else ""
        return f"{where}:{tag}{field} {self.message}"

    def github(self) -> str:
        kind = "warning" if self.severity == "warning" else "error"
        body = f"{self.field}: {self.message}" if self.field else self.message
        body = body.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return f"::{kind} file={self.path},line={self.line},col={self.col}::{body}"


class BulletinError(Exception):
    """A problem the user fixes (in data/, a file named on the command line, an option): its
    message says what is wrong and what is expected. `main()` prints it, without a traceback,
    and exits with `exit_code`; nothing else is caught, so a bug still shows its traceback."""

    exit_code = 1


class DataErrors(BulletinError):
    """Raised when the data holds errors; carries every problem of the run."""

    def __init__(self, problems: list[DataError]):
        self.problems = sorted(problems)
        super().__init__("\n".join(p.text() for p in self.problems))

    def __str__(self) -> str:
        return (
            format_problems(self.problems)
            + "\n"
            + _("Nothing was changed: content/ and site/ are as they were.")
        )

    @property
    def errors(self) -> list[DataError]:
        return [p for p in self.problems if p.severity == "error"]


def field_path(loc: tuple) -> str:
    """('projects', 3, 'stage') -> 'projects[3].stage'."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def format_problems(problems: list[DataError], fmt: str = "text") -> str:
    problems = sorted(problems)
    lines = [p.github() if fmt == "github" else p.text() for p in problems]
    n_err = sum(p.severity == "error" for p in problems)
    n_warn = len(problems) - n_err
    if language() == "en":
        lines.append(
            f"{n_err} error{'s' if n_err != 1 else ''}, "
            f"{n_warn} warning{'s' if n_warn != 1 else ''}"
        )
    else:
        lines.append(tr("{errors} error(s), {warnings} warning(s)", errors=n_err, warnings=n_warn))
    return "\n".join(lines)
