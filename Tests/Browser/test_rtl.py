"""Reading a page in Arabic: the document is right-to-left and its layout mirrors the English page's."""

import harness

PAGE = "city-budget/ward-1/projects/harbor-promenade-lights/"  # translated into Arabic, with a header and breadcrumbs


class RightToLeftJourneys:
    def rects(self, language):
        self.open(f"/{language}/{PAGE}")
        return self.browser.execute_script("""
            function rect(selector) { var r = document.querySelector(selector).getBoundingClientRect();
                                      return {left: r.left, right: r.right}; }
            var crumbs = document.querySelectorAll('.breadcrumbs li');
            var first = crumbs[0].getBoundingClientRect(), second = crumbs[1].getBoundingClientRect();
            return {dir: document.documentElement.dir, width: document.documentElement.clientWidth,
                    brand: rect('.brand'), languages: rect('.languages'),
                    firstCrumb: first.left, secondCrumb: second.left};""")

    def test_read_a_page_in_arabic(self):
        english, arabic = self.rects("en"), self.rects("ar")
        self.assertEqual(english["dir"], "ltr")
        self.assertEqual(arabic["dir"], "rtl")
        self.assertEqual(self.find("html").get_attribute("lang"), "ar")
        # The site's name starts the header's line and the language list ends it, whichever way the line runs.
        self.assertLess(english["brand"]["left"], english["languages"]["left"])
        self.assertGreater(arabic["brand"]["left"], arabic["languages"]["left"])
        # The brand hugs the start edge: the left one in English, the right one in Arabic, at the same distance.
        self.assertAlmostEqual(english["brand"]["left"], arabic["width"] - arabic["brand"]["right"], delta=2)
        # The breadcrumb trail reads from the start edge too.
        self.assertLess(english["firstCrumb"], english["secondCrumb"])
        self.assertGreater(arabic["firstCrumb"], arabic["secondCrumb"])


class TestRightToLeftWithJavaScript(RightToLeftJourneys, harness.JavaScriptOn):
    pass


class TestRightToLeftWithoutJavaScript(RightToLeftJourneys, harness.JavaScriptOff):
    def test_an_arabic_signature_without_javascript_is_answered_in_arabic_right_to_left(self):
        """The collector's answer page is the site's Arabic layout: its language, direction, skip link and header."""
        form = next(f for f in self.open_forms("petition", "open") if "ar" in f["title"])
        self.open(self.stack.page_of(form["id"], "ar"))
        sign = self.find(f'form[data-form-id="{form["id"]}"]')
        values = {"text": "أمينة حداد", "email": "amina@example.org"}
        for field in self.find_all("input:not([type=hidden])", sign):
            if field.get_attribute("type") != "checkbox":
                field.send_keys(values[field.get_attribute("type")])
            elif field.get_attribute("required"):
                self.click(field)
        self.submit(sign)
        self.receipt_from_answer()
        html = self.find("html")
        self.assertEqual((html.get_attribute("lang"), html.get_attribute("dir")), ("ar", "rtl"))
        self.assertTrue(self.find(".skip-link").get_attribute("href").endswith("#main"))
        self.assertEqual(self.find("main").get_attribute("id"), "main")
        # The site's stylesheet lays the header out as on the site's Arabic pages: the brand at the right edge,
        # the language list to its left.
        self.assertGreater(self.find(".brand").rect["x"], self.find(".languages").rect["x"])
