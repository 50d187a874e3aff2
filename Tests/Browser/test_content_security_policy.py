"""The theme's Content-Security-Policy in Chromium: in force on the site's pages, so script that reached a page by
any other way than the site's own files does not run, and what the policy moved out of the pages or lets in for
them still works: a space's colours, Pagefind's search. (Every journey also fails on anything the policy refuses:
harness.BrowserCase.tearDown.)"""

import re
import shutil
import subprocess
import sys
import urllib.request

import harness

# Script smuggled into a page the three ways Markdown or raw HTML could carry it.
SMUGGLE = """
var inline = document.createElement('script');
inline.textContent = 'window.smuggled.push("inline script")';
document.body.appendChild(inline);
var handler = document.createElement('button');
handler.setAttribute('onclick', 'window.smuggled.push("event handler")');
document.body.appendChild(handler);
handler.click();
var link = document.createElement('a');
link.href = 'javascript:window.smuggled.push("javascript: link")';
link.textContent = 'the full text';
document.body.appendChild(link);
link.click();
"""


class TestContentSecurityPolicy(harness.JavaScriptOn):
    def test_script_smuggled_into_a_page_does_not_run(self):
        self.open("/en/")
        self.browser.execute_script("window.smuggled = [];" + SMUGGLE)
        # A javascript: link runs in a task of its own: give it the time to, were it allowed.
        self.assertFalse(self.holds_within(1, lambda: self.browser.execute_script("return window.smuggled.length")),
                         self.browser.execute_script("return window.smuggled"))
        refused = self.policy_refusals()
        self.assertGreaterEqual(len(refused), 3, refused)
        self.assertTrue(all("script-src" in message for message in refused), refused)

    def test_a_space_takes_its_colours_from_its_charters_stylesheet(self):
        charter = (harness.REPO / "content" / "data-policy" / "_index.en.md").read_text()
        primary = re.search(r'(?m)^  primary: "(#[0-9a-fA-F]{6})"', charter).group(1)
        self.open("/en/data-policy/")
        shown = self.browser.execute_script("return getComputedStyle(document.documentElement).getPropertyValue('--color-primary')")
        self.assertEqual(shown.strip().lower(), primary.lower())

    def test_pagefind_searches_under_the_policy(self):
        # The journeys' site is built without search: index a copy and serve it as any static host would.
        found = subprocess.run([sys.executable, "-c", "import pagefind_bin; print(pagefind_bin.get_executable())"],
                               capture_output=True, text=True)
        if found.returncode != 0:
            self.skipTest("Pagefind is not installed (pip install pagefind-bin)")
        site = self.stack.folder / "searchable"
        shutil.copytree(self.stack.site, site)
        subprocess.run([found.stdout.strip(), "--site", site, "--silent"], check=True)
        port = harness.free_port()
        server = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1", "--directory", site],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.addCleanup(server.wait)
        self.addCleanup(server.terminate)
        origin = f"http://127.0.0.1:{port}"
        self.wait_until(lambda: self.answers(origin + "/en/"), "the static server did not start")
        self.browser.get(origin + "/en/")
        self.wait_until(lambda: self.find_all("#search input"), "the search box did not appear")
        self.find("#search input").send_keys("budget")
        self.wait_until(lambda: self.find_all(".pagefind-ui__result"), "the search found nothing")

    @staticmethod
    def answers(url):
        try:
            with urllib.request.urlopen(url, timeout=1):
                return True
        except OSError:
            return False
