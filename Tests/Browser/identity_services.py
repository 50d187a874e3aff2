"""The services the example's petitions are signed and filed through (docs/ISSUER.md): a real OpenID Connect provider
(PyPI's oidc-provider-mock, from the venv) and a real `collector issuer serve` for the roll adults-fr, with the
example's demo keys (scripts/example-issuer.pem and example-filing.pem, whose public halves content/site.yaml
publishes); both on loopback ports."""

import csv
import json
import shutil
import sqlite3
import subprocess
import sys
import time
import urllib.request
from contextlib import closing

ROLL = "adults-fr"
CLIENT_ID = "consult-browser-tests"
# Where content/site.yaml says the roll's issuer is (scripts/example.sh runs it there); the tests' copy of the
# content points at the issuer they started instead.
EXAMPLE_ISSUER_URL = "http://127.0.0.1:8081/"


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


class IdentityServices:
    """The provider, started before the site is built, and the issuer, started once it is built: the site publishes
    the issuer's address, and the issuer takes the roll's voting codes, which `collector credentials` makes from the
    built site's manifest."""

    def __init__(self, repo, collector, folder, site_origin, provider_port, issuer_port):
        self.folder, self.collector, self.site_origin, self.issuer_port = folder, collector, site_origin, issuer_port
        self.provider_origin = f"http://127.0.0.1:{provider_port}"
        self.issuer_origin = f"http://127.0.0.1:{issuer_port}"
        self.provider = subprocess.Popen([sys.executable.rsplit("/", 1)[0] + "/oidc-provider-mock", "--host", "127.0.0.1",
                                          "--port", str(provider_port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.issuer, self.issuer_log = None, None
        wait_for(self.provider_origin + "/.well-known/openid-configuration", "oidc-provider-mock", self.provider)
        self.key, self.filing_key = folder / "issuer.pem", folder / "filing.pem"
        for demo, copy in (("example-issuer.pem", self.key), ("example-filing.pem", self.filing_key)):
            shutil.copy(repo / "scripts" / demo, copy)
            copy.chmod(0o600)
        self.secret = folder / "client-secret"
        self.secret.write_text("browser-tests-secret\n")
        self.secret.chmod(0o600)
        self.issuer_db = folder / "issuer.sqlite"
        self.issuer_log_path = folder / "issuer.log"
        self.codes = []

    def start_issuer(self, manifest):
        """The roll's voting cards (`collector credentials`), then the issuer, which takes them beside the provider."""
        cards = self.folder / "issuer-codes"
        run = subprocess.run([self.collector, "credentials", "--roll", ROLL, "--count", "10", "--out", cards, "--manifest", manifest,
                              "--site-url", self.site_origin + "/"], capture_output=True, text=True)
        if run.returncode != 0:
            raise RuntimeError(f"collector credentials --roll {ROLL} failed:\n{run.stderr}")
        with open(cards / "codes.csv", newline="") as codes:
            self.codes = [row["code"] for row in csv.DictReader(codes)]
        self.issuer_log = open(self.issuer_log_path, "w")
        self.issuer = subprocess.Popen(
            [self.collector, "issuer", "serve", "--roll", ROLL, "--key", self.key, "--db", self.issuer_db,
             "--discovery", self.provider_origin + "/.well-known/openid-configuration", "--client-id", CLIENT_ID,
             "--client-secret-file", self.secret, "--codes", cards / "roll.txt", "--public-url", self.issuer_origin,
             "--site", self.site_origin, "--scope", "openid profile", "--filing-key", self.filing_key, "--filing-scope", "openid profile",
             "--min-age", "18", "--host", "127.0.0.1", "--port", str(self.issuer_port)],
            stdout=self.issuer_log, stderr=self.issuer_log)
        wait_for(self.issuer_origin + "/healthz", "collector issuer serve", self.issuer)

    def code(self):
        """A voting code of the roll that no journey has typed yet."""
        return self.codes.pop(0)

    def point_content_here(self, config):
        """Makes the copy of the content's site.yaml name this issuer for the roll."""
        text = config.read_text()
        if EXAMPLE_ISSUER_URL not in text:
            raise RuntimeError(f"content/site.yaml no longer names the issuer {EXAMPLE_ISSUER_URL}: update identity_services.py")
        config.write_text(text.replace(EXAMPLE_ISSUER_URL, self.issuer_origin + "/"))

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
        for running in (self.issuer, self.provider):
            if running and running.poll() is None:
                running.terminate()
                running.wait(timeout=30)
        if self.issuer_log:
            self.issuer_log.close()
