"""Lazy exports (a package names its public objects; each module loads on first use) and moved-module aliases."""
import importlib
import importlib.abc
import importlib.util
import sys


def lazy_exports(package, names, namespace):
    """Return (__getattr__, __dir__) for `package`, loading names[attr] (a submodule) on first access."""

    def __getattr__(attr):
        if attr in names:
            value = getattr(importlib.import_module(f".{names[attr]}", package), attr)
            namespace[attr] = value  # cached: later lookups skip __getattr__
            return value
        raise AttributeError(f"module {package!r} has no attribute {attr!r}")

    def __dir__():
        return sorted(set(namespace) | set(names))

    return __getattr__, __dir__


class _Alias(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Import `package.old` as the module now at `package.new`: the very same module object, loaded on first use."""

    def __init__(self, package, moved):
        self.moved = {f"{package}.{old}": f"{package}.{new}" for old, new in moved.items()}
        self.specs = {}  # alias name -> the real module's own spec

    def find_spec(self, fullname, path=None, target=None):
        if fullname not in self.moved:
            return None
        return importlib.util.spec_from_loader(fullname, self)

    def create_module(self, spec):
        module = importlib.import_module(self.moved[spec.name])
        self.specs[spec.name] = module.__spec__  # the import system is about to overwrite it with the alias's
        return module

    def exec_module(self, module):
        module.__spec__ = self.specs[module.__spec__.name]


def alias_moved_modules(package, moved):
    """Let `import package.old` (and `from package import old`) keep working after old.py moved to new."""
    sys.meta_path.append(_Alias(package, moved))
