"""Every mail failure is one clear line (exit 2), loses nothing, and the next scan resumes."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from tests.conftest import FIXED_NOW, NETGUARD, REPO
from tests.mail import dovecot, seed
from tests.mail.conftest import suggestions
from tests.mail.test_scan import scan


def _one_line(result) -> str:
    assert result.code == 2, (result.code, result.out, result.err)
    lines = result.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("coach: "), result.err
    assert "Traceback" not in result.err
    return lines[0]


def _add(cli, server, *extra: str, port: int | None = None):
    return cli("mail", "add", "--host", "127.0.0.1", "--port", str(port or server.port),
               "--user", dovecot.USER, "--address", seed.ME, "--address", seed.ALIAS, *extra)


def test_a_wrong_password_is_one_line_and_the_next_scan_resumes(cli, seeded, tmp_path):
    secret = tmp_path / "secret"
    secret.write_text(dovecot.PASSWORD + "\n")
    assert _add(cli, seeded, "--security", "none", "--password-command",
                f"cat {secret}").code == 0
    secret.write_text("wrong\n")
    line = _one_line(cli("mail", "scan"))
    assert "refused the login for anna" in line and "app password" in line
    status = cli("mail", "status")
    assert "Last scan failed: The mail server refused the login" in status.out
    assert suggestions(cli) == []
    secret.write_text(dovecot.PASSWORD + "\n")
    assert scan(cli)["messages"] == len(seed.mailbox())
    assert "Last scan failed" not in cli("mail", "status").out


def test_a_wrong_password_at_setup_saves_nothing(cli, seeded):
    line = _one_line(_add(cli, seeded, "--security", "none", "--password-command",
                          "echo nope"))
    assert "refused the login" in line
    assert "Mail is off" in cli("mail", "status").out


def test_a_server_that_is_gone_is_one_line_and_nothing_is_lost(cli, account):
    scan(cli)
    before = suggestions(cli)
    account.stop()
    line = _one_line(cli("mail", "scan"))
    assert f"Cannot reach the mail server 127.0.0.1:{account.port}" in line
    assert suggestions(cli) == before
    account.start()
    again = scan(cli)
    assert again["messages"] == 0 and suggestions(cli) == before


def test_a_deleted_sent_folder_is_one_line_and_the_scan_resumes_once_it_is_back(
        cli, account):
    scan(cli)
    client = account.client()
    client.delete_folder("Sent")
    client.logout()
    line = _one_line(cli("mail", "scan"))
    assert "No Sent folder was found" in line
    client = account.client()
    client.create_folder("Gesendet")
    late = seed.Mail("Gesendet", "late", seed.ANNA, ["Tom Becker <tom@kunde-a.example>"],
                     "Offer", seed.at("11-26T12:00:00"),
                     body="Hi Tom,\n\nI'll call you tomorrow at 10am.\n")
    seed.seed(client, [late])
    client.logout()
    report = scan(cli)
    assert report["promises"] == 1  # found by its German name, scanned from the start


def test_tls_is_verified_and_an_untrusted_certificate_is_refused(cli):
    server = dovecot.configure(tls=True)
    try:
        server.start()
        secret = ("--password-command", f"echo {dovecot.PASSWORD}")
        line = _one_line(_add(cli, server, "--security", "imaps", *secret,
                              port=server.tls_port))
        assert "certificate" in line and "could not be verified" in line
        assert "Mail is off" in cli("mail", "status").out
        # Trusted (the test's own certificate authority), the same server is fine.
        trusted = {"SSL_CERT_FILE": str(server.cert)}
        ok = cli("mail", "add", "--host", "127.0.0.1", "--port", str(server.tls_port),
                 "--user", dovecot.USER, "--security", "imaps", *secret, env=trusted)
        assert ok.code == 0, ok.err
        assert "Sent folder: Sent" in ok.out
        assert cli("mail", "scan", env=trusted).code == 0
        # STARTTLS on the plain port is verified the same way.
        line = _one_line(_add(cli, server, "--security", "starttls", *secret))
        assert "could not be verified" in line
    finally:
        dovecot.remove(server)


def test_plain_text_is_refused_for_a_remote_host_before_any_connection(cli):
    # The test network guard would end the process with 97 on any attempt.
    line = _one_line(cli("mail", "add", "--host", "mail.example.com", "--user", "anna",
                         "--security", "none", "--password-command", "echo x"))
    assert "allowed only for a server on this computer" in line


@pytest.mark.parametrize("args, message", [
    (["--port", "0"], '"0" is not a port number'),
    (["--security", "ssl"], 'Unknown security "ssl"'),
    (["--address", "not-an-address"], '"not-an-address" is not an email address'),
])
def test_bad_account_options_are_one_line(cli, args, message):
    line = _one_line(cli("mail", "add", "--host", "127.0.0.1", "--user", "anna",
                         "--password-command", "echo x", *args))
    assert message in line


def test_scan_without_an_account_says_mail_is_off(cli):
    assert "Mail is off" in _one_line(cli("mail", "scan"))
    assert "Mail is off" in _one_line(cli("mail", "remove"))


def test_a_failing_password_command_is_one_line(cli, seeded):
    line = _one_line(_add(cli, seeded, "--security", "none", "--password-command",
                          "echo oops >&2; exit 3"))
    assert "password command failed (exit status 3): oops" in line


def test_no_keyring_says_what_to_do(cli, seeded, tmp_path):
    env = {"DBUS_SESSION_BUS_ADDRESS": f"unix:path={tmp_path}/no-bus", "HOME": str(tmp_path),
           "XDG_CONFIG_HOME": str(tmp_path / "config"), "XDG_DATA_HOME": str(tmp_path / "d")}
    result = cli("mail", "add", "--host", "127.0.0.1", "--port", str(seeded.port), "--user",
                 dovecot.USER, "--security", "none", input=dovecot.PASSWORD + "\n", env=env)
    line = _one_line(result)
    assert "No keyring is available" in line and "--password-command" in line
    assert "Mail is off" in cli("mail", "status", env=env).out


def _in_session(tmp_path, data_dir, script: str, unlock: bool) -> subprocess.CompletedProcess:
    """Run shell lines inside a private D-Bus session with a gnome-keyring of its own."""
    env = dict(os.environ, HOME=str(tmp_path), XDG_DATA_HOME=str(tmp_path / "share"),
               XDG_CONFIG_HOME=str(tmp_path / "config"), XDG_RUNTIME_DIR=str(tmp_path / "run"),
               COACH_DATA_DIR=str(data_dir), COACH_NOW=FIXED_NOW, COACH_LANG="en",
               PYTHONPATH=os.pathsep.join(filter(None, [str(NETGUARD),
                                                        os.environ.get("PYTHONPATH")])),
               COACH=f"{sys.executable} -m coach")
    (tmp_path / "run").mkdir(mode=0o700, exist_ok=True)
    start = ("printf 'keyring-test' | gnome-keyring-daemon --unlock --components=secrets"
             if unlock else "gnome-keyring-daemon --start --components=secrets </dev/null")
    return subprocess.run(["dbus-run-session", "--", "sh", "-c", f"{start} >/dev/null\n{script}"],
                          env=env, cwd=REPO, capture_output=True, text=True, timeout=120)


@pytest.mark.skipif(not shutil.which("gnome-keyring-daemon"), reason="needs gnome-keyring")
def test_the_password_lives_in_the_keyring_never_in_the_database(tmp_path, data_dir, seeded):
    add = (f"printf '%s\\n' '{dovecot.PASSWORD}' | $COACH mail add --host 127.0.0.1 "
           f"--port {seeded.port} --user {dovecot.USER} --security none "
           f"--address {seed.ME} || exit 11\n")
    proc = _in_session(tmp_path, data_dir, add + "$COACH mail status || exit 12\n"
                       "$COACH mail scan || exit 13\n$COACH mail remove || exit 14\n"
                       "$COACH mail status\n", unlock=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "password from the keyring" in proc.stdout
    assert "Mail scanned:" in proc.stdout
    raw = b"".join(p.read_bytes() for p in data_dir.iterdir() if p.is_file())
    assert dovecot.PASSWORD.encode() not in raw


@pytest.mark.skipif(not shutil.which("gnome-keyring-daemon"), reason="needs gnome-keyring")
def test_a_locked_keyring_is_one_clear_line(tmp_path, data_dir, seeded):
    add = (f"printf '%s\\n' '{dovecot.PASSWORD}' | $COACH mail add --host 127.0.0.1 "
           f"--port {seeded.port} --user {dovecot.USER} --security none\n"
           "echo exit=$?\n")
    proc = _in_session(tmp_path, data_dir, add, unlock=False)
    assert "exit=2" in proc.stdout, proc.stdout + proc.stderr
    lines = [line for line in proc.stderr.splitlines() if line.startswith("coach:")]
    assert len(lines) == 1 and "keyring is locked" in lines[0], proc.stderr
