"""A real Dovecot IMAP server for the mail tests, started from a config in a temp folder.

Dovecot refuses to run its login processes as root, so as root the server uses the
packaged `dovecot` and `dovenull` users and owns its mail folder; as anyone else it runs
everything under the caller's own uid. Only 127.0.0.1 is listened on.
"""

from __future__ import annotations

import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

DOVECOT = shutil.which("dovecot") or "/usr/sbin/dovecot"
USER, PASSWORD = "anna", "s3cret-pass"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Dovecot:
    root: Path
    port: int
    tls_port: int | None = None
    cert: Path | None = None
    proc: subprocess.Popen | None = None
    users: dict[str, str] = field(default_factory=lambda: {USER: PASSWORD})

    @property
    def maildir(self) -> Path:
        return self.root / "mail" / USER / "Maildir"

    def start(self) -> None:
        self.proc = subprocess.Popen([DOVECOT, "-F", "-c", str(self.root / "dovecot.conf")],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError("dovecot exited: " + self.proc.stderr.read().decode()
                                   + self.log())
            if (_listening(self.port) and (self.tls_port is None or _listening(self.tls_port))
                    and self._auth_ready()):
                self.create_folders()
                return
            time.sleep(0.05)
        raise RuntimeError("dovecot did not start listening: " + self.log())

    def _auth_ready(self) -> bool:
        # The port opens before the auth process is up; a login then fails "temporarily".
        from imapclient import IMAPClient

        try:
            client = IMAPClient("127.0.0.1", port=self.port, ssl=False, timeout=5)
        except OSError:
            return False
        try:
            client.login(USER, PASSWORD)
            return True
        except Exception:  # noqa: BLE001 - not ready yet
            return False
        finally:
            try:
                client.logout()
            except Exception:  # noqa: BLE001 - logged in or not, it goes
                client.shutdown()

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if self.proc is not None and self.proc.stderr:
            self.proc.stderr.close()
        self.proc = None

    def log(self) -> str:
        path = self.root / "dovecot.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def client(self):
        """A plain IMAP client for seeding and inspecting the mailbox."""
        from imapclient import IMAPClient

        client = IMAPClient("127.0.0.1", port=self.port, ssl=False, timeout=10)
        client.login(USER, PASSWORD)
        return client

    def create_folders(self) -> None:
        # Created, not auto-created: a test deletes Sent and must find it gone.
        client = self.client()
        try:
            for name in ("Sent", "Drafts"):
                if not client.folder_exists(name):
                    client.create_folder(name)
        finally:
            client.logout()


def _listening(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.settimeout(0.2)
        return s.connect_ex(("127.0.0.1", port)) == 0


def _self_signed(folder: Path) -> tuple[Path, Path]:
    """A certificate for 127.0.0.1 that no client trusts: the TLS-error test needs one."""
    key, cert = folder / "key.pem", folder / "cert.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                    "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                    "-keyout", str(key), "-out", str(cert)],
                   check=True, capture_output=True)
    return key, cert


def configure(tls: bool = False) -> Dovecot:
    # Not under pytest's tmp_path: that sits in a 0700 folder the dovecot users cannot enter.
    root = Path(tempfile.mkdtemp(prefix="coach-dovecot-"))
    root.chmod(0o755)
    as_root = os.geteuid() == 0
    if as_root:
        mail_user = pwd.getpwnam("dovecot")
        uid, gid = mail_user.pw_uid, mail_user.pw_gid
        internal, login = "dovecot", "dovenull"
    else:
        me = pwd.getpwuid(os.geteuid())
        uid, gid = me.pw_uid, me.pw_gid
        internal = login = me.pw_name
    server = Dovecot(root=root, port=free_port())
    (root / "users").write_text(
        "".join(f"{u}:{{PLAIN}}{p}:{uid}:{gid}::{root}/mail/{u}\n"
                for u, p in server.users.items()))
    for u in server.users:
        (root / "mail" / u / "Maildir").mkdir(parents=True)
    ssl_lines = "ssl = no\n"
    tls_listener = "  inet_listener imaps {\n    port = 0\n  }\n"
    if tls:
        key, cert = _self_signed(root)
        server.tls_port, server.cert = free_port(), cert
        ssl_lines = f"ssl = yes\nssl_cert = <{cert}\nssl_key = <{key}\n"
        tls_listener = (f"  inet_listener imaps {{\n    address = 127.0.0.1\n"
                        f"    port = {server.tls_port}\n    ssl = yes\n  }}\n")
    (root / "dovecot.conf").write_text(f"""\
base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
protocols = imap
listen = 127.0.0.1
{ssl_lines}disable_plaintext_auth = no
auth_mechanisms = plain login
default_internal_user = {internal}
default_login_user = {login}
first_valid_uid = {uid}
last_valid_uid = {uid}
first_valid_gid = 0
mail_location = maildir:~/Maildir
mail_uid = {uid}
mail_gid = {gid}
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {root}/users
}}
userdb {{
  driver = passwd-file
  args = username_format=%u {root}/users
}}
namespace inbox {{
  inbox = yes
  separator = /
  mailbox Sent {{
    special_use = \\Sent
  }}
  mailbox Drafts {{
    special_use = \\Drafts
  }}
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {server.port}
  }}
{tls_listener}}}
service pop3-login {{
  inet_listener pop3 {{
    port = 0
  }}
  inet_listener pop3s {{
    port = 0
  }}
}}
service submission-login {{
  inet_listener submission {{
    port = 0
  }}
}}
service lmtp {{
  unix_listener lmtp {{
    mode = 0600
  }}
}}
""")
    # The store sets a private umask in this process: give the dovecot users their access.
    for path in root.rglob("*"):
        path.chmod(0o755 if path.is_dir() else 0o644)
    if as_root:
        for path in [root / "mail", *(root / "mail").rglob("*")]:
            os.chown(path, uid, gid)
    return server


def remove(server: Dovecot) -> None:
    server.stop()
    shutil.rmtree(server.root, ignore_errors=True)
