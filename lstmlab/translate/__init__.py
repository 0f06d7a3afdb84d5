"""Translation as data: gettext catalogues (locale/<lang>/) and the translated notebooks built from them (`lstmlab translate`).
May import: exercises (Babel, nbformat and nbclient otherwise).
"""
