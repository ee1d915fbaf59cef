"""Class 5: files the app writes cannot be read, redirected or forced over by someone else."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from tests.attack.conftest import is_root, one_clear_line

WRITERS = (("export", "{path}"), ("ics", "{path}"), ("brief", "--out", "{path}"))


def _run(cli, command, path, *extra):
    return cli(*[part.format(path=path) for part in command], *extra)


@pytest.mark.parametrize("command", WRITERS, ids=lambda c: c[0])
def test_an_existing_file_is_kept_without_force(cli, healthy, tmp_path, command):
    kept = int(cli("add", "Kept", "--due", "tomorrow").out)
    target = tmp_path / "out.txt"
    target.write_text("mine")
    one_clear_line(_run(cli, command, target))
    assert target.read_text() == "mine"
    assert _run(cli, command, target, "--force").code == 0
    assert target.read_text() != "mine" and stat.S_IMODE(target.stat().st_mode) == 0o600
    healthy({kept})


@pytest.mark.parametrize("command", WRITERS, ids=lambda c: c[0])
def test_the_old_predictable_temp_name_is_never_followed(cli, tmp_path, command):
    cli("add", "Secret", "--due", "tomorrow")
    target = tmp_path / "out.txt"
    # An attacker's link where the old code put its temp file.
    stolen = tmp_path / "attacker-reads-this"
    (tmp_path / f".{target.name}.tmp").symlink_to(stolen)
    assert _run(cli, command, target).code == 0
    assert not stolen.exists()
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp") and p.is_file()]


@pytest.mark.parametrize("command", WRITERS, ids=lambda c: c[0])
def test_devices_fifos_and_links_to_them_are_refused_even_with_force(cli, tmp_path, command):
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    link = tmp_path / "link-to-null"
    link.symlink_to("/dev/null")
    for target in (fifo, link, Path("/dev/null"), tmp_path):
        before = os.stat(target)
        one_clear_line(_run(cli, command, target, "--force"))
        after = os.stat(target)
        assert stat.S_IFMT(after.st_mode) == stat.S_IFMT(before.st_mode)


@pytest.mark.skipif(not is_root(), reason="replacing a device node needs root")
def test_as_root_dev_full_stays_a_device(cli):
    one_clear_line(cli("export", "/dev/full", "--force"))
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)


def test_brief_out_refused_changes_nothing(cli, data_dir, tmp_path):
    from tests.conftest import db_dump

    cli("concern", "Hot", "--heat", "4")
    target = tmp_path / "b.txt"
    target.write_text("old")
    before = db_dump(data_dir / "coach.db")
    one_clear_line(cli("brief", "--out", str(target), "--mark-sent"))
    assert db_dump(data_dir / "coach.db") == before
