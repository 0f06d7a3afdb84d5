"""Translation as data: gettext catalogues (locale/<lang>/, read and written with Babel) and the notebooks built from them.
May import: exercises.
"""
