"""What several unit test modules share beyond tests/conftest.py's fixtures:
readers of what toastkit renders and stores, and of its catalogues. A test
module imports from here (or a conftest), never from another test module."""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from django.core import signing

import toastkit

#: A page that is only the region: ``{% toasts %}``.
PAGE = "{% load toastkit %}{% toasts %}"


def toasts_in(html: str) -> list[str]:
    """The server-rendered toasts (outside the <template> blueprint)."""
    visible = html.split("<template", 1)[0]
    return re.findall(r"<dialog open[^>]*>.*?</dialog>", visible, re.S)


#: Signs a messages cookie as Django's cookie storage does.
SIGNER = signing.get_cookie_signer(salt="django.contrib.messages")


def cookie_of(*messages: object) -> str:
    """A messages cookie holding ``messages`` as they are (stored forms)."""
    return SIGNER.sign_object(list(messages))


# Reading the HTML as a browser does: attributes and text unescaped, and
# any element that markup in a label or value would have made.


@dataclass
class Element:
    tag: str
    attrs: dict[str, str | None]
    #: The text inside it (unescaped), for the elements whose text is read.
    text: str = ""
    #: The elements inside it, for forms.
    children: list[Element] = field(default_factory=list)

    def fields(self) -> list[tuple[str | None, str | None]]:
        """A form's inputs as (name, value), in order."""
        return [
            (child.attrs.get("name"), child.attrs.get("value"))
            for child in self.children
            if child.tag == "input"
        ]


class Reader(HTMLParser):
    """Every start tag in order; a form's elements; the text of some elements."""

    TEXT_OF = ("button", "legend", "label", "strong", "div")

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[Element] = []
        self.form: Element | None = None
        self.open: list[Element] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, dict(attrs))
        self.elements.append(element)
        if self.form is not None:
            self.form.children.append(element)
        if tag == "form":
            self.form = element
        if tag in self.TEXT_OF:
            self.open.append(element)

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.form = None
        if self.open and self.open[-1].tag == tag:
            self.open.pop()

    def handle_data(self, data: str) -> None:
        for element in self.open:
            element.text += data


def read(html: str) -> list[Element]:
    reader = Reader()
    reader.feed(html)
    reader.close()
    return reader.elements


def action_forms(html: str) -> list[Element]:
    return [
        e for e in read(html) if e.tag == "form" and "data-toastkit-action" in e.attrs
    ]


def only(elements: list[Element], tag: str, attribute: str) -> Element:
    (element,) = [e for e in elements if e.tag == tag and attribute in e.attrs]
    return element


#: The catalogues of the package under test: the checkout's, or in the
#: packaging session the installed wheel's (the ones users get).
LOCALE = Path(toastkit.__file__).parent / "locale"
LANGUAGES = [
    "ar",
    "de",
    "es",
    "fa",
    "fr",
    "he",
    "hi",
    "it",
    "ja",
    "ko",
    "nl",
    "pl",
    "pt_BR",
    "ru",
    "tr",
    "uk",
    "zh_Hans",
]


@dataclass
class Entry:
    msgid: str = ""
    msgid_plural: str | None = None
    msgstrs: list[str] = field(default_factory=list)
    flags: set[str] = field(default_factory=set)

    @property
    def translated(self) -> bool:
        return bool(self.msgstrs) and all(self.msgstrs)


def parse_po(path: Path) -> dict[str, Entry]:
    """The entries of a .po file by msgid (the header is under ""); obsolete
    entries (#~) are left out."""
    entries: dict[str, Entry] = {}
    entry = Entry()
    target: str | None = None  # which field continuation lines extend
    index = 0

    def finish() -> None:
        nonlocal entry, target
        if target is not None:
            entries[entry.msgid] = entry
        entry, target = Entry(), None

    for raw in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        line = raw.strip()
        if not line:
            finish()
        elif line.startswith("#,"):
            if target is not None and target.startswith("msgstr"):
                finish()
            entry.flags.update(f.strip() for f in line[2:].split(","))
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            text = ast.literal_eval(line)
            if target == "msgid":
                entry.msgid += text
            elif target == "msgid_plural":
                entry.msgid_plural = (entry.msgid_plural or "") + text
            else:
                entry.msgstrs[index] += text
        else:
            keyword, _, value = line.partition(" ")
            text = ast.literal_eval(value)
            if keyword == "msgid":
                if target is not None:
                    finish()
                entry.msgid, target = text, "msgid"
            elif keyword == "msgid_plural":
                entry.msgid_plural, target = text, "msgid_plural"
            elif keyword.startswith("msgstr"):
                index = len(entry.msgstrs)
                entry.msgstrs.append(text)
                target = "msgstr"
            else:  # msgctxt is not used by toastkit
                raise AssertionError(f"{path}: unexpected line {raw!r}")
    return entries
