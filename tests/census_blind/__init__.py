"""Blind census (issue 21): natural wrong attempts per graded item, written without reading the checker's rules."""
from collections import namedtuple

BlindAttempt = namedtuple("BlindAttempt", "item label edits mistakes")
