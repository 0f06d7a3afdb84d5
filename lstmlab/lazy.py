"""Lazy exports: a package names its public objects, and each module loads on first use."""
import importlib


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
