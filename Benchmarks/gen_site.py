#!/usr/bin/env python3
"""Generates one benchmark site twice: as a sitegen project and as a Hugo project.

Both projects get byte-identical Markdown files (same names, same front matter, same bodies), so the
only differences between the two builds are the site configuration and the templates.

    gen_site.py N OUT      ->  OUT/sitegen/content/...   and   OUT/hugo/{hugo.toml,content,layouts,...}

Output is deterministic (fixed seed): the same N always gives the same files, so timings from
different runs and machines compare.
"""
import json
import os
import random
import shutil
import sys

LANGUAGES = [("en", "English", "ltr"), ("fr", "Français", "ltr"), ("es", "Español", "ltr"), ("ar", "العربية", "rtl")]
SECTIONS = 20

# Small per-language vocabularies: enough variety that cmark/goldmark see realistic text (accents, Arabic
# script for the RTL language) without making the generator a corpus tool.
WORDS = {
    "en": "budget city park school street council vote proposal citizen library bike lane tree water energy "
          "housing market square bridge river museum youth senior health transport noise garden public open "
          "meeting project fund district neighbourhood safety light bench playground sport culture waste".split(),
    "fr": "budget ville parc école rue conseil vote proposition citoyen bibliothèque vélo piste arbre eau énergie "
          "logement marché place pont rivière musée jeunesse aînés santé transport bruit jardin public ouvert "
          "réunion projet fonds quartier sécurité éclairage banc aire sport culture déchets".split(),
    "es": "presupuesto ciudad parque escuela calle consejo voto propuesta ciudadano biblioteca bici carril árbol "
          "agua energía vivienda mercado plaza puente río museo juventud mayores salud transporte ruido jardín "
          "público abierto reunión proyecto fondo distrito barrio seguridad luz banco deporte cultura".split(),
    "ar": "ميزانية مدينة حديقة مدرسة شارع مجلس تصويت اقتراح مواطن مكتبة دراجة مسار شجرة ماء طاقة سكن سوق "
          "ساحة جسر نهر متحف شباب صحة نقل ضجيج عام مفتوح اجتماع مشروع صندوق حي أمان إضاءة مقعد رياضة ثقافة".split(),
}
TAGS = ["budget", "mobility", "housing", "climate", "parks", "schools", "health", "culture", "sport", "safety",
        "water", "energy", "waste", "transport", "cycling", "walking", "youth", "seniors", "libraries", "markets",
        "noise", "lighting", "trees", "rivers", "bridges", "museums", "festivals", "accessibility", "digital",
        "open-data", "participation", "elections", "taxes", "jobs", "training", "childcare", "food", "farming",
        "tourism", "heritage", "policing", "fire", "flooding", "heat", "air-quality", "recycling", "repair",
        "sharing", "volunteering", "neighbourhoods"]
HEADINGS = {"en": ["Context", "Proposal", "Costs", "Timeline", "Questions", "Next steps"],
            "fr": ["Contexte", "Proposition", "Coûts", "Calendrier", "Questions", "Prochaines étapes"],
            "es": ["Contexto", "Propuesta", "Costes", "Calendario", "Preguntas", "Próximos pasos"],
            "ar": ["السياق", "الاقتراح", "التكاليف", "الجدول الزمني", "أسئلة", "الخطوات التالية"]}
SECTION_TITLE = {"en": "Topic", "fr": "Thème", "es": "Tema", "ar": "موضوع"}
PAGE_TITLE = {"en": "Consultation", "fr": "Consultation", "es": "Consulta", "ar": "استشارة"}
LINK_TEXT = {"en": "see also", "fr": "voir aussi", "es": "ver también", "ar": "انظر أيضا"}


def q(text):
    """A YAML double-quoted scalar (JSON strings are valid YAML), so titles with `:` stay safe."""
    return json.dumps(text, ensure_ascii=False)


def sentence(rng, lang, low=6, high=16):
    words = [rng.choice(WORDS[lang]) for _ in range(rng.randint(low, high))]
    return words[0].capitalize() + " " + " ".join(words[1:]) + "."


def section_of(i):
    return i % SECTIONS + 1


def link_to(i, from_section):
    """Relative `.md` path from a page of `from_section` to page i: both tools resolve it per language."""
    s = section_of(i)
    return f"page-{i}.md" if s == from_section else f"../sec-{s}/page-{i}.md"


def page(rng, i, n, lang):
    sec = section_of(i)
    date = f"{rng.randint(2019, 2024)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    title = f"{PAGE_TITLE[lang]} {i}: {' '.join(rng.choice(WORDS[lang]) for _ in range(3))}"
    tags = sorted(rng.sample(TAGS, rng.randint(2, 5)))
    front = (f"---\ntitle: {q(title)}\ndate: {date}\ndescription: {q(sentence(rng, lang))}\n"
             f"tags: [{', '.join(tags)}]\n---\n\n")
    body = [sentence(rng, lang, 20, 40) + " " + sentence(rng, lang), ""]
    for h in rng.sample(HEADINGS[lang], rng.randint(2, 4)):
        body += [f"## {h}", "", " ".join(sentence(rng, lang) for _ in range(rng.randint(2, 5))), ""]
        if rng.random() < 0.5:
            body += [" ".join(sentence(rng, lang) for _ in range(rng.randint(2, 4))), ""]
    body += [f"- {sentence(rng, lang, 3, 8)}" for _ in range(rng.randint(3, 6))] + [""]
    body += ["| # | " + " | ".join(rng.sample(WORDS[lang], 3)) + " |", "|---|:---|---:|---|"]
    body += [f"| {r} | {rng.choice(WORDS[lang])} | {rng.randint(100, 99999)} | {rng.choice(WORDS[lang])} |"
             for r in range(1, rng.randint(3, 6))] + [""]
    # 3-5 links: pages of the same and other sections, sometimes the section itself.
    links = [f"[{LINK_TEXT[lang]} {j}]({link_to(j, sec)})" for j in rng.sample(range(n), min(n, rng.randint(2, 4)))]
    if rng.random() < 0.5:
        other = rng.randint(1, SECTIONS)
        links.append(f"[{SECTION_TITLE[lang]} {other}]({'_index.md' if other == sec else f'../sec-{other}/_index.md'})")
    body += [sentence(rng, lang) + " " + ", ".join(links) + ".", ""]
    return front + "\n".join(body)


def section_index(rng, s, lang):
    title = f"{SECTION_TITLE[lang]} {s}"
    return (f"---\ntitle: {q(title)}\ndescription: {q(sentence(rng, lang))}\n---\n\n"
            f"{sentence(rng, lang, 20, 30)}\n\n[{LINK_TEXT[lang]}](../_index.md)\n")


def home(rng, lang):
    links = "\n".join(f"- [{SECTION_TITLE[lang]} {s}](sec-{s}/_index.md)" for s in range(1, SECTIONS + 1))
    return f"---\ntitle: Bench\ndescription: {q(sentence(rng, lang))}\n---\n\n{sentence(rng, lang, 20, 30)}\n\n{links}\n"


SITE_YAML = """title: {en: Bench, fr: Bench, es: Bench, ar: Bench}
base_url: https://bench.example.org/
default_language: en
languages:
  - {code: en, name: English}
  - {code: fr, name: Français}
  - {code: es, name: Español}
  - {code: ar, name: العربية, direction: rtl}
"""


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10000
    out = sys.argv[2] if len(sys.argv) > 2 else f".bench/site-{n}"
    hugo_template = os.path.join(os.path.dirname(os.path.abspath(__file__)), "hugo-site")
    rng = random.Random(20240601 + n)
    for tool in ("sitegen", "hugo"):
        shutil.rmtree(os.path.join(out, tool), ignore_errors=True)
    # Hugo's config, templates and CSS are static files kept beside this script; only content is generated.
    shutil.copytree(hugo_template, os.path.join(out, "hugo"))
    write(os.path.join(out, "sitegen", "content", "site.yaml"), SITE_YAML)

    def emit(relative, text):
        for tool in ("sitegen", "hugo"):
            write(os.path.join(out, tool, "content", relative), text)

    for lang, _, _ in LANGUAGES:
        emit(f"_index.{lang}.md", home(rng, lang))
        for s in range(1, SECTIONS + 1):
            emit(f"sec-{s}/_index.{lang}.md", section_index(rng, s, lang))
    for i in range(n):
        for lang, _, _ in LANGUAGES:
            emit(f"sec-{section_of(i)}/page-{i}.{lang}.md", page(rng, i, n, lang))
    print(f"generated {n} pages x {len(LANGUAGES)} languages in {out}/{{sitegen,hugo}}")


if __name__ == "__main__":
    main()
