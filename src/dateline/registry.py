"""Stage name -> implementation, for built-in stages and plugins alike.

A plugin package registers a stage under the entry-point group ``dateline.stages.<slot>``,
for example ``[project.entry-points."dateline.stages.events"] mine = "pkg.mod:MyCoder"``.
A stage factory is called with the loaded spaCy ``Language`` and returns the callable.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from importlib.metadata import entry_points

from dateline.errors import SettingsError

BUILTIN_STAGES: Mapping[str, Mapping[str, str]] = {
    "actors": {"dictionary": "dateline.stages.actors:DictionaryActorFinder"},
    "places": {"gazetteer": "dateline.stages.places:GazetteerPlaceFinder"},
    "times": {"rules": "dateline.stages.dates:RuleTimeFinder"},
    "quotes": {"rules": "dateline.stages.quotes:RuleQuoteFinder"},
    "events": {
        "rules": "dateline.stages.events.rules:RuleEventCoder",
        "learned": "dateline.stages.events.learned:LearnedEventCoder",
        "combined": "dateline.stages.events.learned:CombinedEventCoder",
    },
}
DEFAULT_STAGES: Mapping[str, str] = {
    "actors": "dictionary",
    "places": "gazetteer",
    "times": "rules",
    "quotes": "rules",
    "events": "combined",
}


def stage_factory(slot: str, name: str) -> Callable[..., object]:
    """Find the factory for stage ``name`` in ``slot``, built-in or from an installed plugin.

    Raises:
        SettingsError: no such stage, or it cannot be imported.
    """
    plugins = {ep.name: ep.value for ep in entry_points(group=f"dateline.stages.{slot}")}
    available = {**BUILTIN_STAGES.get(slot, {}), **plugins}
    if name not in available:
        choices = ", ".join(sorted(available)) or "none"
        raise SettingsError(f"no {slot} stage called {name!r}; available: {choices}")
    module_name, _, attribute = available[name].partition(":")
    try:
        module = importlib.import_module(module_name)
        factory = getattr(module, attribute)
    except (ImportError, AttributeError) as error:
        raise SettingsError(f"{slot} stage {name!r} cannot be loaded: {error}") from error
    if not callable(factory):
        raise SettingsError(f"{slot} stage {name!r} ({available[name]}) is not callable")
    return factory  # type: ignore[no-any-return]
