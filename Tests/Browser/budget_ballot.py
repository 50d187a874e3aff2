"""A budget ballot on the page, as the budget journeys fill it in."""


def swap_neighbours(code):
    """`code` with its first two different neighbouring symbols swapped: the mistake the check symbol must catch."""
    for at in range(len(code) - 1):
        if "-" not in code[at:at + 2] and code[at] != code[at + 1]:
            return code[:at] + code[at + 1] + code[at] + code[at + 2:]
    raise AssertionError(f"no two different neighbouring symbols in {code}")


class BudgetBallot:
    """Finds a ward budget, ticks its projects by the rule and types a code (test_budget, test_without_ed25519)."""

    def open_ballot(self, form):
        self.open(self.stack.page_of(form["id"]))
        return self.find(f'form[data-form-id="{form["id"]}"]')

    def ward_budget(self):
        """An open ward ballot whose projects cost more than its budget, so a participant has to choose."""
        forms = [f for f in self.open_forms("budget", "roll")
                 if f["id"].startswith("city-budget/") and f["constraints"].get("budget")
                 and sum(option.get("cost", 0) for option in f["options"]) > f["constraints"]["budget"]]
        self.assertTrue(forms, "no ward of the example city budget is voting now with more projects than money")
        return forms[0]

    def boxes(self, ballot):
        return sorted(self.find_all("input[name=choice]", ballot), key=lambda box: int(box.get_attribute("data-cost")))

    def set_choices(self, boxes, wanted):
        for box in boxes:
            if box.is_selected() != (box in wanted):
                self.click(self.find(f'label[for="{box.get_attribute("id")}"]'))

    def over_the_limit(self, form, boxes):
        """The cheapest choices whose total passes the limit: a ballot the rule refuses."""
        total, chosen = 0, []
        for box in boxes:
            chosen.append(box)
            total += int(box.get_attribute("data-cost"))
            if total > form["constraints"]["budget"]:
                return chosen
        self.fail(f"every project of {form['id']} together fits its budget: no way to break the rule")

    def within_the_rule(self, form, boxes):
        """The cheapest choices that meet the rule: within the budget and the number of projects, and at least
        the minimum share of the budget."""
        rule = form["constraints"]
        budget, most = rule.get("budget"), rule.get("max_choices") or len(boxes)
        least = max(rule.get("min_choices") or 1, 1)
        enough = (rule.get("min_budget_share") or 0) * (budget or 0)
        total, chosen = 0, []
        for box in boxes:
            cost = int(box.get_attribute("data-cost"))
            if len(chosen) >= least and total >= enough:
                break
            if (budget is None or total + cost <= budget) and len(chosen) < most:
                chosen.append(box)
                total += cost
        return chosen

    def type_code(self, ballot, code):
        field = self.find("input[name=code]", ballot)
        field.clear()
        field.send_keys(code)
