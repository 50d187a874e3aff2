"""A stack whose petitions are signed with credentials (docs/ISSUER.md): the example content with its petitions
switched to `eligibility: credential`, a real OpenID Connect provider (PyPI's oidc-provider-mock, from the venv), a
real `collector issuer serve` for the roll, and the site's own collector; all on loopback ports."""

import json
import re
import sqlite3
import subprocess
import sys
import time
import urllib.request
from contextlib import closing
from pathlib import Path

import harness

ROLL = "adults-fr"
CLIENT_ID = "consult-browser-tests"


def wait_for(url, what, process, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{what} stopped at start (exit {process.returncode})")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{what} did not answer {url} within {seconds} s")


class CredentialStack(harness.Stack):
    """The site, its collector and browsers as `harness.Stack` makes them, plus the provider and the issuer, started
    before the site is built, since the site publishes the issuer's address and key."""

    def build(self):
        self.provider_port, self.issuer_port = harness.free_port(), harness.free_port()
        self.provider_origin = f"http://127.0.0.1:{self.provider_port}"
        self.issuer_origin = f"http://127.0.0.1:{self.issuer_port}"
        provider = Path(sys.executable).parent / "oidc-provider-mock"
        self.provider = subprocess.Popen([provider, "--host", "127.0.0.1", "--port", str(self.provider_port)],
                                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_for(self.provider_origin + "/.well-known/openid-configuration", "oidc-provider-mock", self.provider)
        key = self.folder / "issuer.pem"
        self.issuer_key = subprocess.run([harness.BIN / "collector", "issuer", "key", "--out", key], capture_output=True,
                                         text=True, check=True).stdout.strip()
        secret = self.folder / "client-secret"
        secret.write_text("browser-tests-secret\n")
        secret.chmod(0o600)
        self.issuer_db = self.folder / "issuer.sqlite"
        self.issuer_log_path = self.folder / "issuer.log"
        self.issuer_log = open(self.issuer_log_path, "w")
        self.issuer = subprocess.Popen(
            [harness.BIN / "collector", "issuer", "serve", "--roll", ROLL, "--key", key, "--db", self.issuer_db,
             "--discovery", self.provider_origin + "/.well-known/openid-configuration", "--client-id", CLIENT_ID,
             "--client-secret-file", secret, "--public-url", self.issuer_origin, "--site", self.origin,
             "--scope", "openid profile", "--min-age", "18", "--host", "127.0.0.1", "--port", str(self.issuer_port)],
            stdout=self.issuer_log, stderr=self.issuer_log)
        wait_for(self.issuer_origin + "/healthz", "collector issuer serve", self.issuer)
        super().build()

    def prepare_content(self, content):
        config = content / "site.yaml"
        config.write_text(config.read_text() + f"credential_issuers:\n  {ROLL}:\n    url: {self.issuer_origin}/\n    key: {self.issuer_key}\n")
        index = content / "petitions" / "_index.en.md"
        index.write_text(re.sub(r"(?m)^filing: true$", f"filing: true\neligibility: credential\nroll: {ROLL}", index.read_text(), count=1))

    def set_claims(self, subject, claims):
        """Gives the provider's `subject` these claims, which its ID tokens then carry."""
        request = urllib.request.Request(f"{self.provider_origin}/users/{subject}", data=json.dumps(claims).encode(), method="PUT",
                                         headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request) as answer:
            assert answer.status == 204, answer.status

    def issuer_files_text(self):
        """Everything the issuer keeps or wrote: its database (every table and the WAL's bytes) and its log."""
        with closing(sqlite3.connect(f"file:{self.issuer_db}?mode=ro", uri=True)) as connection:
            rows = [repr(row) for table, in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
                    for row in connection.execute(f'SELECT * FROM "{table}"')]
        raw = b"".join(path.read_bytes() for path in self.issuer_db.parent.glob(self.issuer_db.name + "*"))
        return "\n".join(rows) + raw.decode("latin-1") + self.issuer_log_path.read_text()

    def stop(self):
        for process in ("issuer", "provider"):
            running = getattr(self, process, None)
            if running and running.poll() is None:
                running.terminate()
                running.wait(timeout=30)
        if getattr(self, "issuer_log", None):
            self.issuer_log.close()
        super().stop()


_stack = None


def stack():
    global _stack
    if _stack is None:
        import atexit
        _stack = CredentialStack()
        atexit.register(_stack.stop)
    return _stack
