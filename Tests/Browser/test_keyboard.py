"""The budget ballot and the petition form completed with the keyboard alone, with a visible focus at every step."""

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys

import harness

MAX_TABS = 300  # more than any page of the example site has focusable elements

# Whether the focused element shows a focus indicator: an outline or a box shadow that the page can see.
FOCUS_SHOWN = """
var element = document.activeElement, style = getComputedStyle(element);
var outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
return {shown: outline || style.boxShadow !== 'none',
        what: element.outerHTML.slice(0, 120)};"""


class KeyboardJourneys:
    def press(self, *keys):
        ActionChains(self.browser).send_keys(*keys).perform()

    def tab_to(self, target):
        """Presses TAB until `target` has the focus, checking the focus is visible on every element it crosses."""
        for _ in range(MAX_TABS):
            self.press(Keys.TAB)
            focus = self.browser.execute_script(FOCUS_SHOWN)
            self.assertTrue(focus["shown"], f"no visible focus on {focus['what']}")
            if self.browser.switch_to.active_element == target:
                return
        self.fail(f"TAB never reached {target.get_attribute('outerHTML')[:120]}")

    def test_budget_ballot_with_the_keyboard_alone(self):
        form = next(f for f in self.open_forms("budget", "roll")
                    if f["id"].startswith("city-budget/") and f["constraints"].get("budget"))
        self.open(self.stack.page_of(form["id"]))
        ballot = self.find(f'form[data-form-id="{form["id"]}"]')
        cheapest = min(self.find_all("input[name=choice]", ballot), key=lambda box: int(box.get_attribute("data-cost")))
        self.tab_to(cheapest)
        self.press(Keys.SPACE)
        self.assertTrue(cheapest.is_selected(), "SPACE did not tick the project")
        self.tab_to(self.find("input[name=code]", ballot))
        code = harness.voting_code(form["roll"])
        self.press(code)
        self.tab_to(self.find("button[type=submit]", ballot))
        self.submit(ballot, lambda: self.press(Keys.ENTER))
        self.check_code_kept(code, self.receipt_from_answer())

    def test_petition_with_the_keyboard_alone(self):
        form = self.open_forms("petition", "open")[0]
        self.open(self.stack.page_of(form["id"]))
        sign = self.find(f'form[data-form-id="{form["id"]}"]')
        for field in self.find_all("input:not([type=hidden])", sign):
            self.tab_to(field)
            kind = field.get_attribute("type")
            if kind == "checkbox":
                self.press(Keys.SPACE)
                self.assertTrue(field.is_selected(), "SPACE did not tick the box")
            else:
                self.press({"email": "keys@example.org"}.get(kind, "Keyboard User"))
        self.tab_to(self.find("button[type=submit]", sign))
        self.submit(sign, lambda: self.press(Keys.ENTER))
        self.assertEqual(self.stack.stored(self.receipt_from_answer())["form_id"], form["id"])


class TestKeyboardWithJavaScript(KeyboardJourneys, harness.JavaScriptOn):
    pass


class TestKeyboardWithoutJavaScript(KeyboardJourneys, harness.JavaScriptOff):
    pass
