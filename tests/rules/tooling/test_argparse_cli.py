"""Targeted cases for SK0703 argparse-cli (§7 Dependencies & Tooling),
beyond its documentation's examples."""
from tests.rules.checking import lines_under


def test_WHEN_stdlib_parser_imported_THEN_argparse_cli_flags_each_import():
    source = """
        from argparse import ArgumentParser
        import getopt
        """

    expected = [2, 3]
    actual = lines_under("SK0703", source)

    assert expected == actual


def test_WHEN_arguments_read_from_sys_argv_THEN_argparse_cli_flags_the_first_only():
    source = """
        import sys

        def main():
            number = sys.argv[1]
            copies = int(sys.argv[2])
            return number, copies
        """

    expected = [5]
    actual = lines_under("SK0703", source)

    assert expected == actual


def test_WHEN_program_name_or_argument_slice_used_THEN_argparse_cli_accepts_them():
    source = """
        import os
        import sys

        import click

        @click.command()
        def cli():
            click.echo(os.path.basename(sys.argv[0]))

        if __name__ == "__main__":
            cli.main(args=sys.argv[1:])
        """

    expected = []
    actual = lines_under("SK0703", source)

    assert expected == actual
