"""Targeted cases for SK1203 open-without-with (§12 Meta Patterns),
beyond its documentation's examples."""
from tests.rules.checking import flagged_rules


def test_WHEN_file_opened_inline_or_closed_by_hand_THEN_open_without_with_flagged():
    source = """
        import json
        import sqlite3

        def load(path):
            return json.load(open(path))

        def first_line(path):
            return open(path).readline()

        def count_rows(db):
            conn = sqlite3.connect(db)
            total = conn.execute("select count(*) from rows").fetchone()[0]
            conn.close()
            return total
    """

    actual = flagged_rules("SK1203", source)

    assert ["SK1203", "SK1203", "SK1203"] == actual


def test_WHEN_test_writes_file_without_with_THEN_open_without_with_flagged():
    source = """
        import zipfile

        def test_WHEN_archive_read_THEN_names_listed(tmp_path):
            open(tmp_path / "a.txt", "w").write("x")
            archive = zipfile.ZipFile(tmp_path / "a.zip", "w")
            archive.close()
    """

    actual = flagged_rules("SK1203", source, path="tests/test_archive.py")

    assert ["SK1203", "SK1203"] == actual


def test_WHEN_resource_opened_in_with_or_closing_or_exit_stack_THEN_open_without_with_accepts_it():
    source = """
        import contextlib
        import sqlite3
        import tarfile

        def pack(folder, target):
            with tarfile.open(target, "w:gz") as tar, open("log.txt", "a") as log:
                tar.add(folder)
                log.write(folder)

        def count_rows(db):
            with contextlib.closing(sqlite3.connect(db)) as conn:
                return conn.execute("select 1").fetchone()

        def read_all(paths):
            with contextlib.ExitStack() as stack:
                files = [stack.enter_context(open(path)) for path in paths]
                return [handle.read() for handle in files]
    """

    actual = flagged_rules("SK1203", source)

    assert [] == actual


def test_WHEN_resource_returned_or_owned_by_object_THEN_open_without_with_accepts_it():
    source = """
        import gzip
        import socket

        def open_log(path, zipped):
            return gzip.open(path, "rt") if zipped else open(path)

        def opened(path):
            handle = open(path, "rb")
            handle.seek(16)
            return handle

        def read_later(path):
            handle = open(path)
            with handle:
                return handle.read()

        class Connection:
            def __init__(self, host, port):
                self._socket = socket.socket()
                self._socket.connect((host, port))

        OPENER = lambda path: open(path, encoding="utf-8")

        def touch(path):
            open(path, "a").close()

        def find_module(path):
            handle = open(path)
            return handle, path
    """

    actual = flagged_rules("SK1203", source)

    assert [] == actual
