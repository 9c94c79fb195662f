"""Write a course of N generated lessons, deterministic from a seed, for benchmarks and tests.

Each lesson looks like a real one: front matter with a learning path, concepts,
related lessons, key terms and a big idea; an introduction; 4-8 sections with
paragraphs, lists, a block quote, a subsection, a comparison table and sometimes a
code block (3-8 KB in all); and a quiz of 10-15 questions of all three kinds. The
text draws on a vocabulary of 20,000 words with a Zipf-like spread, so the
search index has the shape it would have on a real course.

    python benchmarks/make_course.py OUT --lessons 2116 --seed 1
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

TOPICS = [
    "reward modelling", "preference learning", "constitutional training", "red teaming",
    "interpretability", "sparse autoencoders", "goal misgeneralisation", "specification gaming",
    "scalable oversight", "debate", "AI control", "evaluations", "sandbagging", "deceptive alignment",
    "corrigibility", "value learning", "model organisms", "jailbreaks", "refusal training",
    "chain of thought", "situational awareness", "capability elicitation", "responsible scaling",
    "distribution shift", "mesa optimisation", "circuits", "probing", "activation steering",
    "reward hacking", "Goodhart's law", "honesty", "sycophancy", "power seeking", "shutdown problems",
]
ANGLES = [
    "An Introduction", "In Practice", "The Hard Cases", "A Worked Example", "Common Mistakes",
    "What the Papers Say", "Open Problems", "A Second Look", "Measuring It", "Failure Modes",
    "Design Choices", "History and Context", "Trade-offs", "Case Studies", "Limits",
]
HEADINGS = [
    "Why {t} matters", "The core idea of {t}", "How {t} works in training", "Where {t} breaks",
    "Measuring {t}", "A worked example of {t}", "Comparing approaches to {t}", "Open questions about {t}",
    "What practitioners do about {t}", "The history of {t}", "Common misreadings of {t}",
    "How {t} meets {u}", "Signals that {t} is failing", "Tools for {t}", "Limits of {t}",
]
MAX_BYTES = 7900  # a lesson file is 3-8 KB
AUDIENCES = ["Learners", "Creators", "Researchers", "Engineers", "Policy readers"]
BASE = """
model models training trained reward rewards preference preferences human humans rater raters feedback
objective objectives goal goals behaviour behaviours policy policies system systems agent agents data
dataset datasets evaluation evaluations test tests benchmark benchmarks signal signals proxy proxies
optimiser optimisation gradient loss weights network networks layer layers feature features circuit
circuits activation activations neuron neurons probe probes representation representations capability
capabilities safety risk risks harm harms misuse oversight supervisor supervisors judge judges debate
argument arguments answer answers question questions prompt prompts response responses output outputs
input inputs context contexts situation situations example examples failure failures case cases
deployment deployments monitor monitors monitoring control controls audit audits developer developers
lab labs researcher researchers paper papers result results method methods technique techniques
approach approaches problem problems solution solutions tradeoff tradeoffs cost costs budget scale
scaling threshold thresholds commitment commitments principle principles constitution rule rules
honest honesty helpful helpfulness harmless careful robust brittle hidden visible internal external
outer inner specified unspecified intended unintended learned latent explicit implicit narrow broad
general specific strong weak large small early late new old simple complex subtle obvious costly
cheap reliable unreliable measurable partial complete careful hasty literal faithful unfaithful
learn learns learning predict predicts prediction optimise optimises pursue pursues exploit exploits
generalise generalises generalisation misgeneralise fail fails break breaks measure measures
compare compares check checks detect detects catch catches hide hides report reports refuse refuses
comply complies follow follows ignore ignores rewrite rewrites critique critiques rank ranks rate
rates train trains deploy deploys evaluate evaluates inspect inspects steer steers patch patches
""".split()
FUNCTION_WORDS = """
the a an of to in on for with by from as at that this these those which when where while because
although however therefore instead often rarely usually sometimes always never already still even
only also both either each every most many few more less much very quite rather not no is are was
were be been being has have had do does did can could should would may might must will shall it its
they their them we our you your one two three first second third next last other another same such
""".split()
SYLLABLES = ["ba", "ko", "ri", "tan", "vel", "mor", "sil", "dra", "qua", "nex", "lum", "per", "zo",
             "tri", "gal", "fen", "hol", "cas", "ul", "ero", "ith", "pra", "sen", "vor", "mi", "dus"]


class Writer:
    """One random source, so the whole course follows from the seed."""

    def __init__(self, seed: int, vocabulary: int = 20000):
        self.rng = random.Random(seed)
        words = list(dict.fromkeys(FUNCTION_WORDS + BASE))
        seen = set(words)
        while len(words) < vocabulary:
            word = "".join(self.rng.choice(SYLLABLES) for _ in range(self.rng.randint(2, 4)))
            if word not in seen:
                seen.add(word)
                words.append(word)
        self.words = words
        # Zipf-like: the n-th word is drawn with weight 1/n, so a long tail of rare words.
        self.cumulative = []
        total = 0.0
        for rank in range(1, len(words) + 1):
            total += 1.0 / rank
            self.cumulative.append(total)

    def sentence(self, low: int = 8, high: int = 18) -> str:
        count = self.rng.randint(low, high)
        words = self.rng.choices(self.words, cum_weights=self.cumulative, k=count)
        for _ in range(self.rng.randint(0, 2)):  # some inline markup, as real lessons have
            at = self.rng.randrange(count)
            if words[at].isalpha():
                style = self.rng.choice(["**{}**", "*{}*", "`{}`", "[{}](https://example.org/{})"])
                words[at] = style.format(words[at], words[at])
        text = " ".join(words)
        return text[0].upper() + text[1:] + self.rng.choice(".....?!")

    def paragraph(self, low: int = 2, high: int = 4) -> str:
        return wrap(" ".join(self.sentence() for _ in range(self.rng.randint(low, high))))

    def phrase(self, low: int = 2, high: int = 5) -> str:
        count = self.rng.randint(low, high)
        return " ".join(self.rng.choices(self.words, cum_weights=self.cumulative, k=count))


def wrap(text: str, width: int = 90) -> str:
    lines, line = [], ""
    for word in text.split(" "):
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return "\n".join(lines + [line])


def toml_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def toml_list(items: list[str]) -> str:
    return "[" + ", ".join(toml_string(item) for item in items) + "]"


def lesson_id(number: int) -> str:
    topic = TOPICS[number % len(TOPICS)]
    return "-".join("".join(c for c in topic.lower() if c.isalnum() or c == " ").split()) + f"-{number + 1:04d}"


def lesson_title(number: int) -> str:
    topic = TOPICS[number % len(TOPICS)]
    return f"{topic[0].upper()}{topic[1:]}: {ANGLES[(number // len(TOPICS)) % len(ANGLES)]} ({number + 1})"


def make_lesson(w: Writer, number: int, total: int) -> tuple[str, str]:
    """The lesson's Markdown and its quiz's TOML."""
    rng = w.rng
    topic = TOPICS[number % len(TOPICS)]
    other = TOPICS[(number * 7 + 3) % len(TOPICS)]
    count = rng.randint(4, 8)
    templates = rng.sample(HEADINGS, count)
    titles = [template.format(t=topic, u=other) for template in templates]
    titles = [title[0].upper() + title[1:] for title in titles]
    terms: dict[str, str] = {}
    wanted = rng.randint(3, 6)
    while len(terms) < wanted:
        term = w.phrase(1, 3).title()
        terms[term] = wrap(w.sentence(10, 20), 10_000)
    concepts = list(dict.fromkeys([topic, other] + [w.phrase(1, 2) for _ in range(rng.randint(2, 6))]))
    picks = rng.sample(range(total), min(total, rng.randint(2, 5)))
    related = sorted({lesson_id(pick) for pick in picks if pick != number})[:4]
    path = titles[: rng.randint(3, count)]
    front = [
        "+++",
        f"id = {toml_string(lesson_id(number))}",
        f"title = {toml_string(lesson_title(number))}",
        f"subtitle = {toml_string(w.sentence(8, 14))}",
        f"audience = {toml_string(rng.choice(AUDIENCES))}",
        f"minutes = {rng.randint(10, 60)}",
        f"path = {toml_list(path)}",
        f"concepts = {toml_list(concepts)}",
        f"related = {toml_list(related)}",
        f"big_idea = {toml_string(w.sentence(20, 35))}",
        "",
        "[terms]",
        *(f"{toml_string(term)} = {toml_string(definition)}" for term, definition in terms.items()),
        "+++",
        "",
        w.paragraph(2, 4) + "\n" + wrap("This lesson connects " + ", ".join(concepts) + "."),
    ]
    table_at = rng.randrange(count)
    sections = []  # per section: what it must have, then what may go to keep under the size
    for index, title in enumerate(titles):
        kept = ["", f"## {title}", "", w.paragraph()]
        extra: list[str] = []
        roll = rng.random()
        if index == table_at:
            columns = ["Approach", "Signal", "Strength", "Weakness"]
            kept += ["", "| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
            for _ in range(rng.randint(3, 5)):
                kept.append("| " + " | ".join(w.phrase(1, 1) for _ in columns) + " |")
        elif roll < 0.35:
            marker = rng.choice(["-", "1."])
            kept.append("")
            for item in range(rng.randint(3, 5)):
                lead = f"{item + 1}." if marker == "1." else "-"
                kept.append(f"{lead} {w.sentence(6, 14)}")
        elif roll < 0.55:
            kept += ["", "> " + w.sentence(10, 20)]
        elif roll < 0.65:
            kept += ["", "```", *(w.phrase(3, 7) for _ in range(rng.randint(2, 5))), "```"]
        if rng.random() < 0.4:
            extra += ["", f"### {w.phrase(2, 4).capitalize()}", "", w.paragraph(1, 3)]
        if rng.random() < 0.5:
            extra += ["", w.paragraph(1, 3)]
        sections.append((kept, extra))
    size = lambda: len("\n".join(front + [line for k, e in sections for line in k + e]).encode())  # noqa: E731
    for number in reversed(range(len(sections))):
        if size() <= MAX_BYTES:
            break
        sections[number] = (sections[number][0], [])
    markdown = "\n".join(front + [line for kept, extra in sections for line in kept + extra]) + "\n"
    return markdown, make_quiz(w, titles)


def make_quiz(w: Writer, sections: list[str]) -> str:
    rng = w.rng
    kinds = ["single", "multiple", "true_false"]
    count = rng.randint(10, 15)
    plan = kinds + [rng.choice(kinds) for _ in range(count - 3)]
    rng.shuffle(plan)
    out = []
    for number, kind in enumerate(plan, 1):
        out += ["[[questions]]", f'id = "q{number}"', f'kind = "{kind}"',
                f"prompt = {toml_string(w.sentence(8, 16))}"]
        if kind == "true_false":
            out.append(f"answer = {'true' if rng.random() < 0.5 else 'false'}")
        else:
            choices = list(dict.fromkeys(w.phrase(2, 6).capitalize() for _ in range(rng.randint(3, 5))))
            while len(choices) < 2:
                choices.append(f"None of the above {len(choices)}")
            out.append(f"choices = {toml_list(choices)}")
            if kind == "single":
                out.append(f"answer = {toml_string(rng.choice(choices))}")
            else:
                out.append(f"answer = {toml_list(rng.sample(choices, rng.randint(1, len(choices))))}")
        out.append(f"explanation = {toml_string(w.sentence(10, 22))}")
        out.append(f"section = {toml_string(rng.choice(sections))}")
        out.append("")
    return "\n".join(out)


def make_course(out: Path | str, lessons: int, seed: int = 1) -> Path:
    """Write the course into ``out`` (created if need be) and return it."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    w = Writer(seed)
    ids = []
    for number in range(lessons):
        markdown, quiz = make_lesson(w, number, lessons)
        ids.append(lesson_id(number))
        (out / f"{ids[-1]}.md").write_text(markdown, encoding="utf-8")
        (out / f"{ids[-1]}.quiz.toml").write_text(quiz, encoding="utf-8")
    manifest = [
        "format_version = 1",
        f'id = "generated-{lessons}"',
        f'title = "A Generated Course of {lessons} Lessons"',
        f"description = {toml_string(f'Generated by benchmarks/make_course.py with seed {seed}.')}",
        "order = [",
        *(f"    {toml_string(i)}," for i in ids),
        "]",
    ]
    (out / "course.toml").write_text("\n".join(manifest) + "\n", encoding="utf-8")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", help="the folder to write the course into")
    parser.add_argument("--lessons", type=int, default=2116)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    make_course(args.out, args.lessons, args.seed)
    print(f"{args.lessons} lessons in {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
