"""Targeted cases for SK0803 informal-interface (§8 Design Patterns & Principles),
beyond its documentation's examples."""
from tests.rules.checking import flagged_rules


def test_WHEN_base_class_methods_raise_not_implemented_THEN_informal_interface_flagged():
    source = """
        class Notifier:
            \"\"\"Sends a message somewhere.\"\"\"

            def send(self, text: str) -> None:
                \"\"\"Deliver the text.\"\"\"
                raise NotImplementedError()

            def describe(self) -> str:
                return type(self).__name__
    """

    actual = flagged_rules("SK0803", source)

    assert ["SK0803"] == actual


def test_WHEN_abc_has_no_abstract_method_but_unimplemented_ones_THEN_informal_interface_flagged():
    source = """
        import abc

        class Notifier(abc.ABC):
            def send(self, text):
                raise NotImplementedError

        class Pager(metaclass=abc.ABCMeta):
            def page(self, text):
                raise NotImplementedError
    """

    actual = flagged_rules("SK0803", source)

    assert ["SK0803", "SK0803"] == actual


def test_WHEN_abc_uses_abstractmethod_THEN_informal_interface_accepts_it():
    source = """
        from abc import ABC, abstractmethod

        class Notifier(ABC):
            @abstractmethod
            def send(self, text: str) -> None:
                \"\"\"Deliver the text.\"\"\"

            def flush(self) -> None:
                raise NotImplementedError("this notifier does not buffer")
    """

    actual = flagged_rules("SK0803", source)

    assert [] == actual


def test_WHEN_subclass_or_hook_or_test_double_raises_not_implemented_THEN_informal_interface_accepts_it():
    production = """
        class ReadOnlyStore(Store):
            def write(self, key, value):
                raise NotImplementedError("read-only store")

        class Plugin:
            def on_start(self):
                pass
    """
    test_module = """
        class FakeClock:
            def sleep(self, seconds):
                raise NotImplementedError("tests must not sleep")
    """

    actual = flagged_rules("SK0803", production) + flagged_rules("SK0803", test_module, path="tests/test_clock.py")

    assert [] == actual
