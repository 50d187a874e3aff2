"""Supporting proposals up to the limit, and starting a proposal that resembles existing ones."""

import harness

TOO_MANY = "Too many options are chosen."  # the collector's words (Sources/CollectorKit/Server/Messages.swift)


class ProposalJourneys:
    def supports_form(self):
        form = self.open_forms("supports", "open")[0]
        self.open(self.stack.page_of(form["id"]))
        return form, self.find(f'form[data-form-id="{form["id"]}"]')

    def tick(self, boxes):
        for box in boxes:
            self.click(self.find(f'label[for="{box.get_attribute("id")}"]'))

    def test_support_proposals_up_to_the_limit(self):
        form, supports = self.supports_form()
        limit = form["constraints"]["supports_per_participant"]
        boxes = self.find_all("input[name=choice]", supports)
        self.assertGreater(len(boxes), limit, f"{form['id']} lists no more proposals than its limit")
        self.go_past_the_limit(form, limit)
        supports = self.find(f'form[data-form-id="{form["id"]}"]')
        boxes = self.find_all("input[name=choice]", supports)
        self.tick([box for box in boxes[:limit] if not box.is_selected()])
        self.submit(supports)
        ballot = self.stack.stored(self.receipt_from_answer())["ballot"]
        self.assertEqual(len(ballot.split("choices=")[1].split("\n")[0].split(",")), limit)

    def test_start_a_proposal_that_resembles_existing_ones(self):
        form = self.open_forms("proposal", "open")[0]
        page = self.stack.page_of(form["id"])
        self.open(page)
        existing = self.find(".cards.proposals h3 a").text
        propose = self.find(f'form[data-form-id="{form["id"]}"]')
        # The same words as an existing title, in another order.
        title = " ".join(reversed(existing.split()))
        self.find("input[name=title]", propose).send_keys(title)
        self.see_similar(propose, existing)
        self.find("textarea[name=text]", propose).send_keys("Who depends on it, and what is missing.")
        self.submit(propose)
        self.assertIn("title:", self.stack.stored(self.receipt_from_answer())["ballot"])


class TestProposalsWithJavaScript(ProposalJourneys, harness.JavaScriptOn):
    def test_support_again_with_the_key_the_page_kept(self):
        form, _ = self.supports_form()

        def support(count):
            # Other proposals each time, so the later ballot visibly replaces the earlier choice.
            _, supports = self.supports_form()
            boxes = self.find_all("input[name=choice]", supports)
            self.tick([box for box in boxes if box.is_selected()])
            self.tick(boxes[-count:])
            self.submit(supports)
            return self.receipt_from_answer()

        self.check_signs_again_with_the_kept_key(form["id"], self.stack.page_of(form["id"]), lambda: support(1))

    def go_past_the_limit(self, form, limit):
        # The script disables the other boxes once the limit is reached.
        boxes = self.find_all("input[name=choice]")
        self.tick(boxes[:limit])
        self.assertTrue(all(not box.is_enabled() for box in boxes[limit:]), "boxes past the limit stay enabled")
        self.assertTrue(all(box.is_enabled() for box in boxes[:limit]))

    def see_similar(self, propose, existing):
        self.wait_until(lambda: existing in [a.text for a in self.find_all("[data-similar-list] a", propose)],
                        f"the form did not show the similar proposal {existing!r}")


class TestProposalsWithoutJavaScript(ProposalJourneys, harness.JavaScriptOff):
    def go_past_the_limit(self, form, limit):
        # Nothing stops a box on the page: the collector refuses one support too many, says why and links back.
        _, supports = self.supports_form()
        self.tick(self.find_all("input[name=choice]", supports)[:limit + 1])
        self.submit(supports)
        self.assertEqual(self.find("[role=alert]").text, TOO_MANY)
        self.back_to_form(form["id"])

    def see_similar(self, propose, existing):
        # Without the script there is no list of similar proposals: the form just posts.
        self.assertEqual(self.find("[data-similar-list]", propose).text, "")
