"""Answering a survey with a required question left empty, being told, then completing it."""

import harness


IDEA = "A crossing guard at the school gate."


class SurveyJourneys:
    def test_answer_a_survey_after_leaving_a_required_question_empty(self):
        form = self.open_forms("survey", "open")[0]
        required = [q["id"] for q in form["questions"] if q.get("required")]
        self.assertTrue(required, f"the survey {form['id']} has no required question to leave empty")
        self.open(self.stack.page_of(form["id"]))
        self.find("textarea", self.survey(form)).send_keys(IDEA)
        self.submit_unanswered(form, required[0])
        survey = self.survey(form)
        for question in required:
            first = self.find(f'fieldset[data-question="{question}"] input', survey)
            self.click(self.find(f'label[for="{first.get_attribute("id")}"]'))
        text = self.find("textarea", survey)
        if not text.get_attribute("value"):
            text.send_keys(IDEA)
        self.submit(survey)
        ballot = self.stack.stored(self.receipt_from_answer())["ballot"]
        for question in form["questions"]:
            self.assertIn(f'{question["id"]}:', ballot, "an answer is missing from the stored ballot")

    def survey(self, form):
        return self.find(f'form[data-form-id="{form["id"]}"]')


class TestSurveyWithJavaScript(SurveyJourneys, harness.JavaScriptOn):
    def submit_unanswered(self, form, question):
        # The script stops the post and says which question is missing, next to it, and moves focus there.
        self.click(self.find("button[type=submit]", self.survey(form)))
        self.assertTrue(self.find_all(f'form[data-form-id="{form["id"]}"]'), "the survey was posted with a required answer missing")
        fieldset = self.find(f'fieldset[data-question="{question}"]', self.survey(form))
        error = self.find("[data-error]", fieldset)
        self.assertTrue(error.is_displayed() and error.text, "no message next to the unanswered question")
        self.assertEqual(fieldset.get_attribute("aria-invalid"), "true")
        self.assertEqual(self.browser.switch_to.active_element, self.find("input", fieldset))


class TestSurveyWithoutJavaScript(SurveyJourneys, harness.JavaScriptOff):
    def submit_unanswered(self, form, question):
        # The collector refuses, in words, and links back to the survey.
        self.submit(self.survey(form))
        self.assertEqual(self.find("[role=alert]").text, "A required answer is missing.")
        self.back_to_form(form["id"])
