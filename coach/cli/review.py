"""review: the end-of-day review in a terminal (interactive on a TTY), or what it would ask."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable

from coach.cli.common import add_data_dir, store_for
from coach.i18n import _

ANSWER_WORDS = {"y": "yes", "j": "yes", "yes": "yes", "ja": "yes", "n": "no", "no": "no",
                "nein": "no", "?": "unsure", "u": "unsure", "": "unsure"}


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("review", help=_("the end-of-day review (interactive on a terminal)"))
    p.add_argument("--json", action="store_true", help=_("print what the review would ask"))
    add_data_dir(p)
    p.set_defaults(handler=cmd_review)


def cmd_review(args: argparse.Namespace) -> int:
    from coach.rhythm import review
    from coach.storage import settings
    from coach.timing import timeutil
    from coach.timing.dates import local_tz

    tz, now = local_tz(), timeutil.now()
    with store_for(args) as store:
        values = settings.get_all(store)
        day = review.current_day(store, now, tz, values)
        found = review.questions(store, day, now, tz, values)
        if args.json:
            json.dump(review.as_json(day, found), sys.stdout, ensure_ascii=False, indent=2)
            sys.stdout.write("\n")
            return 0
        if not (sys.stdin.isatty() and sys.stdout.isatty()):
            sys.stdout.write(review.render_text(day, found))
            return 0
        return Interview(store, day, now, tz).run(found)


class Interview:
    """The five questions, asked with input(); every answer acts through the core."""

    def __init__(self, store, day, now, tz, ask: Callable[[str], str] = input) -> None:
        self.store, self.day, self.now, self.tz, self._ask = store, day, now, tz, ask
        self.caught: dict[str, int] = {}

    def ask(self, prompt: str) -> str:
        try:
            return self._ask(prompt).strip()
        except EOFError:
            return ""

    def _catch(self, key: str) -> None:
        self.caught[key] = self.caught.get(key, 0) + 1

    def run(self, found) -> int:
        from coach.rhythm import review, streak
        from coach.storage import settings

        print(review.render_text(self.day, []).strip())
        for number, question in enumerate(found, 1):
            print(f"\n{number}. {question.text}\n   {question.hint}")
            getattr(self, f"_{question.key}")(question)
        streak.record(self.store, self.day.day, self.now, self.caught)
        days = set(settings.get_all(self.store).get("working_days") or (0, 1, 2, 3, 4))
        figures = streak.figures(self.store, self.now, self.tz, days)
        print("\n" + _("Review done. Review streak: {streak} (working days in a row); "
                        "this review caught {n}.").format(
            streak=figures["review_streak"], n=sum(self.caught.values())))
        return 0

    def _errors(self, action: Callable[[], None]) -> None:
        from coach.errors import CoachError

        try:
            action()
        except CoachError as exc:
            print(f"   {exc}")

    def _promises(self, question) -> None:
        from coach.rhythm import capture
        from coach.rules import promise_check as pc

        for item in question.items:
            print(f"   · {item['title']}")
        while line := self.ask("   > "):
            def add(line=line) -> None:
                parsed = capture.understand_promise(line, self.now, self.tz)
                answers = {}
                for key in pc.QUESTIONS:
                    answer = self.ask(f"     {_(pc.QUESTION_TEXT[key])} [y/n/?] ").lower()
                    answers[key] = ANSWER_WORDS.get(answer, "unsure")
                done = capture.record_promise(self.store, parsed, answers, self.now, self.tz)
                print("     " + pc.summary(done, self.now, self.tz).replace("\n", "\n     "))
                self._catch("promises")
            self._errors(add)

    def _replies(self, question) -> None:
        from coach.rhythm import capture

        for item in question.items:
            print(f"   · {item.get('who')} ({_(item.get('via', 'email'))})")
        while line := self.ask("   > "):
            def add(line=line) -> None:
                reply = capture.record_reply(self.store, line, self.now, self.tz)
                print("     " + _("Logged: {who}, reply by {when}.").format(
                    who=reply.who, when=self._when(reply.reply_by)))
                self._catch("replies")
            self._errors(add)

    def _concerns(self, question) -> None:
        from coach.ops import concerns

        for item in question.items:
            answer = self.ask(f"   {item['title']} ({_('heat')} {item['heat']}) [+/-/1-5] ")
            heat = item["heat"] + {"+": 1, "-": -1}.get(answer, 0)
            if answer.isdigit():
                heat = int(answer)
            if answer and heat != item["heat"]:
                def change(item=item, heat=heat) -> None:
                    concerns.heat(self.store, item["id"], heat, self.now,
                                  _("changed in the end-of-day review"))
                    self._catch("concerns")
                self._errors(change)

    def _briefing(self, question) -> None:
        for item in question.items:
            print("   · " + (item.get("change") or _("{title}, heat {heat}").format(
                title=item["title"], heat=item["heat"])))
        if self.ask("   " + _("[b] write the briefing now, Enter: not needed ")).lower() != "b":
            return
        from coach.briefing.render import render
        from coach.i18n import current_language
        from coach.ops import briefing

        lang = current_language()
        draft = briefing.draft(self.store, self.now, lang=lang)
        text = render(draft, "text").text
        print("\n" + text)
        sent = self.ask("   " + _("Mark it as sent? [y/N] ")).lower() in ("y", "j", "yes", "ja")
        # As `coach brief --mark-sent`: sent tells the manager about its concerns.
        briefing.keep(self.store, draft, text, lang, "text", sent=sent, now=self.now)
        self._catch("briefing")

    def _slips(self, question) -> None:
        # The same operations as `coach done` and `coach renegotiate` and the window's review.
        from coach.ops import drop, renegotiate
        from coach.ops.finish import finish_item
        from coach.timing.dates import WhenError, parse_when

        for item in question.items:
            answer = self.ask("   " + _("{title} (due {when}): [d]one, [n]ew date, "
                                        "[x] drop, Enter: leave it ").format(
                title=item["title"], when=self._when_text(item["due"]))).lower()
            commitment = self._item(item["id"])
            if answer == "d":
                self._errors(lambda c=commitment: finish_item(self.store, c, self.now))
                self._catch("slips")
            elif answer == "n":
                text = self.ask("     " + _("New date: "))
                try:
                    due = parse_when(text, self.now, self.tz)
                except WhenError as exc:
                    print(f"     {exc}")
                    continue

                def move(c=commitment, due=due) -> None:
                    reason = self.ask("     " + _("Reason (optional): ")) or None
                    done = renegotiate.renegotiate(self.store, c, due, self.now, reason,
                                                   self.tz)
                    print("\n     " + done.message + "\n")
                    self._catch("slips")
                self._errors(move)
            elif answer == "x":
                def let_go(c=commitment) -> None:
                    note = self.ask("     " + _("Note to the recipient (optional): ")) or None
                    message = drop.drop(self.store, c.id, self.now, note).detail
                    print("\n     " + message.replace("\n", "\n     ") + "\n")
                    self._catch("slips")
                self._errors(let_go)

    def _item(self, item_id: int):
        from coach.ops.items import require

        return require(self.store, item_id)

    def _when(self, moment) -> str:
        from coach.rules.promise_check import say_when

        return say_when(moment, self.now, self.tz)

    def _when_text(self, value: str | None) -> str:
        from datetime import datetime

        return self._when(datetime.fromisoformat(value)) if value else "—"
