"""The result of checking one answer: a status, points and a message in plain words."""
from dataclasses import dataclass, field

STATUSES = ("passed", "failed", "error", "timeout", "not_attempted")


@dataclass
class Verdict:
    """status is one of STATUSES; message explains it; mistake names the likely mistake, if any."""

    item_id: str
    status: str
    message: str
    points: int = 0
    max_points: int = 0
    mistake: str = None
    printed: bool = field(default=False, repr=False, compare=False)  # check() already printed the message

    @property
    def passed(self):
        return self.status == "passed"

    def __str__(self):
        return self.message

    def _ipython_display_(self):
        """In a notebook, `check(...)` on a cell's last line shows its message once, not a repr beside it."""
        if not self.printed:
            print(self.message)

    def __repr__(self):
        return f"Verdict({self.item_id!r}, {self.status!r}, {self.points}/{self.max_points})"
