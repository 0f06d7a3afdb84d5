"""Predict, then reveal: the StackExplorer hides its new shapes and counts until the learner has typed a guess; misses
are tallied per classic mistake, each with the lesson that covers it."""
from collections import Counter

from ..messages import msg

LESSONS = {  # classic mistake (its message key) -> the lesson that covers it
    "missing_batch": "03_shaping_data", "wrong_batch": "03_shaping_data", "wrong_timesteps": "02_through_time",
    "sequences_mixed": "04_stacking", "one_direction": "04_stacking", "bidirectional_once": "04_stacking",
    "wrong_features": "04_stacking", "wrong_units": "01_one_cell", "missing_bias": "01_one_cell",
    "missing_gates": "01_one_cell", "missing_recurrent": "01_one_cell", "per_step": "02_through_time",
    "gru_one_bias": "04_stacking", "wrong_last_axis": "04_stacking", "no_weights": "04_stacking",
}


def mistake_key(name):
    """The stable key of a mistake as grade() names it in the language in use ('missing bias' -> 'missing_bias')."""
    for key in LESSONS:
        if msg(f"explore.mistake.{key}") == name:
            return key
    return None


class Tally:
    """Misses per classic mistake over a session of predictions (Counter of keys; None: a miss with no name)."""

    def __init__(self):
        self.misses, self.guesses = Counter(), 0

    def add(self, marks):
        """Count one round of graded Marks (quiz_core.grade)."""
        self.guesses += 1
        for m in marks:
            if not m.ok:
                self.misses[mistake_key(m.mistake) if m.mistake else None] += 1

    def html(self):
        """The running tally: each classic mistake, how often, and the lesson that covers it."""
        if not self.misses:
            return f"<p class='lstmlab-tally'>{msg('explore.predict.no_misses', n=self.guesses)}</p>"
        items = []
        for key, n in self.misses.most_common():
            name = msg(f"explore.mistake.{key}") if key else msg("explore.predict.unnamed")
            lesson = msg("explore.predict.lesson", lesson=LESSONS[key]) if key else ""
            items.append(f"<li>{msg('explore.predict.miss', mistake=name, n=n)} {lesson}</li>")
        head = msg("explore.predict.tally", n=self.guesses)
        return f"<div class='lstmlab-tally'>{head}<ul>{''.join(items)}</ul></div>"
