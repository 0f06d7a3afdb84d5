"""Views of the results JSON: Canvas's and Moodle's import files, feedback pages to upload, the class summary.
May import: what grade/ may (checks, exercises, messages); this package is part of grade/.
"""
