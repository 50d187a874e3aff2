"""Choosing a language on the root page, and switching language on a deep page to land on the same page."""

import harness


class LanguageJourneys:
    def test_choose_a_language_from_the_root_page(self):
        # #choose keeps the list even when the script would go straight to the browser's language.
        self.open("/#choose")
        self.find('.language-choice a[hreflang="fr"]').click()
        self.wait_until(lambda: self.find("html").get_attribute("lang") == "fr", "the French home page did not open")
        self.assertTrue(self.browser.current_url.endswith("/fr/"), self.browser.current_url)
        self.assertEqual(self.find('.languages a[aria-current]').get_attribute("hreflang"), "fr")

    def test_switch_language_on_a_deep_page(self):
        # A project page three sections deep that has a French translation.
        self.open("/en/city-budget/ward-1/projects/harbor-promenade-lights/")
        french = self.find('link[rel=alternate][hreflang="fr"]').get_attribute("href")
        depth = len(self.find_all(".breadcrumbs li"))
        self.find('.languages a[hreflang="fr"]').click()
        self.wait_until(lambda: self.find("html").get_attribute("lang") == "fr", "the French page did not open")
        self.assertEqual(self.find("link[rel=canonical]").get_attribute("href"), french)
        self.assertEqual(len(self.find_all(".breadcrumbs li")), depth)


class TestLanguagesWithJavaScript(LanguageJourneys, harness.JavaScriptOn):
    def test_root_page_goes_to_the_browsers_language(self):
        # The browser asks for en-US; the site has en.
        self.open("/")
        self.wait_until(lambda: self.browser.current_url.endswith("/en/"), "the root page did not go to /en/")


class TestLanguagesWithoutJavaScript(LanguageJourneys, harness.JavaScriptOff):
    def test_root_page_lists_every_language(self):
        self.open("/")
        self.assertEqual({a.get_attribute("hreflang") for a in self.find_all(".language-choice a")},
                         {"en", "fr", "es", "ar", "zh", "vi", "ko", "pl"})
