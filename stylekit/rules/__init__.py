"""The rule catalogue: one module per rule under a folder per guide section, discovered on first use."""
import importlib
import pkgutil
from functools import lru_cache
from typing import Dict, List, Tuple, Type

from stylekit.errors import UnknownPattern, UnknownRule
from stylekit.patterns import load_catalogue
from stylekit.rules.base import Rule
from stylekit.settings import Settings


@lru_cache(maxsize=1)
def all_rules() -> Tuple[Type[Rule], ...]:
    """Every rule class, sorted by id. Importing the modules registers them."""
    package_path = __path__
    for module in pkgutil.walk_packages(package_path, prefix=f"{__name__}."):
        importlib.import_module(module.name)
    catalogue = load_catalogue()
    seen: Dict[str, str] = {}
    for rule in Rule.registry:
        if rule.pattern not in catalogue.patterns:
            raise UnknownPattern(rule.id, rule.pattern)
        for key in (rule.id, rule.name):
            if key in seen and seen[key] != rule.__qualname__:
                raise ValueError(f"Two rules share the id or name {key}: {seen[key]} and {rule.__qualname__}")
            seen[key] = rule.__qualname__
    return tuple(sorted(Rule.registry, key=lambda rule: rule.id))


def find_rule(reference: str) -> Type[Rule]:
    """A rule by its id (case-insensitive) or its name."""
    wanted = reference.strip()
    for rule in all_rules():
        if wanted.upper() == rule.id or wanted == rule.name:
            return rule
    raise UnknownRule(reference)


def _matches(reference: str, rule: Type[Rule]) -> bool:
    """A reference may be a rule id or its prefix, a rule name, a pattern id, or a section id."""
    return (
        rule.id.startswith(reference.upper())
        or reference == rule.name
        or reference == rule.pattern
        or rule.pattern.startswith(f"{reference}.")
    )


@lru_cache(maxsize=32)
def enabled_rules(settings: Settings) -> Tuple[Type[Rule], ...]:
    chosen: List[Type[Rule]] = []
    for rule in all_rules():
        selected = settings.select is None or any(_matches(reference, rule) for reference in settings.select)
        ignored = any(_matches(reference, rule) for reference in settings.ignore)
        if selected and not ignored:
            chosen.append(rule)
    return tuple(chosen)
