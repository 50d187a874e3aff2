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
    pass
