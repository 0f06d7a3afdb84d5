"""Views of the results JSON an LMS imports: Canvas's and Moodle's gradebooks, and who is who in their downloads.
May import: what grade/ may (checks, exercises, messages); this package is part of grade/.
"""
