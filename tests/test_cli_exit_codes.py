"""One table maps every named failure to an exit code; every library error has one base."""

from __future__ import annotations

import inspect

import pytest

from newscrawl import errors
from newscrawl.cli.errors import exit_code_for
from newscrawl.runs.exit_codes import ExitCode


@pytest.mark.parametrize(("error", "code"), [
    (errors.LockHeld(__file__, {"pid": 1}), ExitCode.LOCKED),
    (errors.ArchiveError("locked"), ExitCode.ARCHIVE),
    (errors.RegistryError("bad toml"), ExitCode.CONFIG),
    (errors.UnknownNameError("no team"), ExitCode.CONFIG),
    (errors.NotFoundError("no story"), ExitCode.CONFIG),
    (errors.DatasetteMissingError("pip install"), ExitCode.FAILED),
    (errors.SettingError("--set DOWNLOAD_TIMEOUT='abc'"), ExitCode.CONFIG),
    (errors.ArchiveReadOnlyError("read-only folder"), ExitCode.ARCHIVE),
    (errors.QueryTooCostlyError("3,333 terms"), ExitCode.CONFIG),
    (errors.PageTooLargeError("50 MB"), ExitCode.FAILED),
    (errors.IngestError("line 2: not UTF-8"), ExitCode.FAILED),
    (OSError("port taken"), ExitCode.CONFIG),
    (RuntimeError("a bug"), ExitCode.FAILED),
])
def test_each_error_has_its_exit_code(error, code):
    assert exit_code_for(error) is code


def test_every_named_failure_derives_from_the_one_base():
    classes = [c for _, c in inspect.getmembers(errors, inspect.isclass) if c.__module__ == errors.__name__]
    assert len(classes) >= 15
    assert all(issubclass(c, errors.NewscrawlError) for c in classes)


def test_the_old_homes_of_the_errors_still_name_the_same_classes():
    from newscrawl.archive import ArchiveError
    from newscrawl.archive.queries import QueryError
    from newscrawl.dates import DateError
    from newscrawl.feeds import ListingError
    from newscrawl.pages import ParseError
    from newscrawl.sources import RegistryError

    assert (ArchiveError, QueryError, DateError, ListingError, ParseError, RegistryError) == (
        errors.ArchiveError, errors.QueryError, errors.DateError, errors.ListingError, errors.ParseError,
        errors.RegistryError)
    assert issubclass(errors.ListingError, ValueError)  # old ``except ValueError`` clauses still hold
