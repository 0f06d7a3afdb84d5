"""A second held-out blind census for issue 21: wrong attempts written without reading the checks."""
from collections import namedtuple

BlindAttempt = namedtuple("BlindAttempt", "item label edits mistakes")
