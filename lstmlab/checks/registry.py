"""The registry: every graded item, collected from the item modules listed in ITEM_MODULES."""
import importlib

ITEM_MODULES = [
    # one module per lesson; each defines ITEMS, a list of Item (add a lesson with one line here)
    "lstmlab.checks.items_cell",
    "lstmlab.checks.items_layer",
    "lstmlab.checks.items_data",
    "lstmlab.checks.items_stack",
    "lstmlab.checks.items_stateful",
    "lstmlab.checks.items_training",
    "lstmlab.checks.items_forecast",
]

_ITEMS = {}


def all_items():
    """{id: Item} for every registered item, in course order."""
    if not _ITEMS:
        found = {}
        for name in ITEM_MODULES:
            for item in importlib.import_module(name).ITEMS:
                if item.id in found:
                    raise ValueError(f"two items share the id {item.id!r} ({name} and an earlier module)")
                found[item.id] = item
        _ITEMS.update(found)
    return dict(_ITEMS)


def get_item(item_id):
    """The Item with this id, or a clear error listing the ids that exist."""
    items = all_items()
    if item_id not in items:
        raise KeyError(f"no exercise item {item_id!r}; the items are: {', '.join(items)}")
    return items[item_id]
