"""The result of checking one answer: a status, points and a message in plain words."""
from dataclasses import dataclass

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

    @property
    def passed(self):
        return self.status == "passed"

    def __str__(self):
        return self.message

    def __repr__(self):
        return f"Verdict({self.item_id!r}, {self.status!r}, {self.points}/{self.max_points})"
