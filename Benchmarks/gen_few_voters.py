"""A Pabulib file where Add1 needs thousands of increases: few voters, costs far above the budget per voter.

Usage: python3 Benchmarks/gen_few_voters.py OUT.pb [VOTERS] [PROJECTS] [BUDGET]   (default 40 25 400000), then
Benchmarks/equal-shares-vs-pabutools.sh OUT.pb"""

import random
import sys

out = sys.argv[1]
voters, projects, budget = (int(a) for a in (sys.argv[2:] + ["40", "25", "400000"][len(sys.argv) - 2:])[:3])
r = random.Random(7)
costs = [r.randint(1, 300) * budget // 400 for _ in range(projects)]
lines = ["META", "key;value", "description;Add1 benchmark: few voters, large budget", "country;Nowhere", "unit;Bench",
         "instance;1", f"num_projects;{projects}", f"num_votes;{voters}", f"budget;{budget}", "vote_type;approval",
         "rule;equalshares/add1", "PROJECTS", "project_id;cost"]
lines += [f"P{i};{cost}" for i, cost in enumerate(costs)]
lines += ["VOTES", "voter_id;vote"]
for v in range(voters):
    chosen = [f"P{i}" for i in range(projects) if r.randint(0, 3) == 0] or [f"P{r.randrange(projects)}"]
    lines.append(f"v{v};{','.join(chosen)}")
with open(out, "w") as f:
    f.write("\n".join(lines) + "\n")
