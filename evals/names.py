"""Name check: the names an English line of the news pairs gives, found in its own Korean line.

    PYTHONPATH=$PWD python -m evals.names [--half dev|test|all] [--misses]

For every English line N, the question analyser's names (`rag.question.analyse`) are looked for in Korean
line N by the answerer's matcher (`rag.answer.mentions.Matcher`: as written, by sound, by surname and title)
and, as a rough check of false finds, in Korean line N + 997 (a line of another story). The countries it names
(`Question.countries`, too broad to be names) are counted apart, found by their Korean names
(`rag.countries.named_in`); an unrelated line often names the same country (미국). The lines are split in
two halves by a hash of their number (`sha1("line-N")`, odd: test), so that transcription rules are chosen on
one half and reported on the other. A translation may leave a name out or say it otherwise (U.S. → 미 국무부,
Afghanistan → 아프간), so the found share stays well below 1; it measures the matcher, not the translation.
"""

from __future__ import annotations

import argparse
import hashlib
import re

from . import news

UNRELATED_OFFSET = 997


def half_of(number: int) -> str:
    """The half line `number` (1-based) falls in: "dev" or "test", by a hash of its number."""
    return "test" if int(hashlib.sha1(f"line-{number - 1}".encode()).hexdigest(), 16) % 2 else "dev"


def name_check(half: str = "dev", misses: list | None = None) -> dict:
    """{"names", "found", "unrelated"}: the English lines' Latin-letter names, how many are found in their
    own Korean line and how many in an unrelated one, and the same for the countries they name ("countries",
    "countries_found", "countries_unrelated"). `misses`, when given, collects (name, Korean line)."""
    from rag.answer.mentions import Matcher, words_of
    from rag.countries import named_in
    from rag.question import analyse

    english, korean = news.read_lines(news.EN_FILE), news.read_lines(news.KO_FILE)
    words = {}  # each Korean line is read twice: as its own English line's and as an unrelated one

    def words_in(text: str) -> set[str]:
        if text not in words:
            words[text] = words_of(text)
        return words[text]

    counts = {"names": 0, "found": 0, "unrelated": 0, "countries": 0, "countries_found": 0, "countries_unrelated": 0}
    for number, (line, own) in enumerate(zip(english, korean), start=1):
        if half != "all" and half_of(number) != half:
            continue
        question = analyse(line)
        matcher = Matcher(question)
        other = korean[(number - 1 + UNRELATED_OFFSET) % len(korean)]
        latin_names = [n for n in question.names if re.search(r"[A-Za-z]", n)]
        for kind, prefix, things, found_in in (
                ("names", "", latin_names, lambda name, text: matcher.name(name, text, words_in(text))),
                ("countries", "countries_", question.countries, named_in)):
            for thing in things:
                counts[kind] += 1
                found = found_in(thing, own)
                counts[prefix + "found"] += found
                counts[prefix + "unrelated"] += found_in(thing, other)
                if not found and misses is not None:
                    misses.append((thing, own))
    return counts


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--half", choices=("dev", "test", "all"), default="dev")
    parser.add_argument("--misses", action="store_true", help="print each name not found in its own line")
    args = parser.parse_args(argv)
    misses: list = []
    counts = name_check(args.half, misses if args.misses else None)
    for name, line in misses:
        print(f"{name} | {line[:100]}")
    for kind, found, unrelated in (("names", "found", "unrelated"),
                                   ("countries", "countries_found", "countries_unrelated")):
        n = counts[kind]
        print(f"{args.half}: {n} {kind}, found in their own line {counts[found]} ({counts[found] / n:.3f}), "
              f"in an unrelated line {counts[unrelated]} ({counts[unrelated] / n:.4f})")


if __name__ == "__main__":
    main()
