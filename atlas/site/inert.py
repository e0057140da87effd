"""Data is never code: the one place where text from data/ is turned into output.

Every string under data/ may come from a stranger's pull request, and every output of the
Atlas is a language of its own: HTML, Markdown read by the site's build, Jinja read by
mkdocs-macros, CSV read by spreadsheets, wiki markup, JSON inside a <script> element. The rule:

- **HTML**: data reaches a page only through `html()` (or `prose()`, which adds <code> for
  backticks *after* escaping). Bidirectional controls and invisible characters are shown as
  visible `[U+202E]` marks (Trojan Source, CVE-2021-42574), never passed through raw.
- **Markdown**: data never reaches the Markdown source of a page. Renderers put their HTML in
  `block()` / `inline()`, which return an opaque token; Markdown carries the token, and
  `restore()` (run by the mkdocs hook in `on_page_content`, after Markdown and before the search
  index and the theme read the page) swaps each token for its HTML. So `[x](javascript:...)`,
  `**`, `|`, a fence or an indented block in data stays text, and no raw HTML gets re-wrapped
  in `<p>`. pymdownx.snippets never sees a data line either (`--8<--` would include a file).
- **Jinja**: pages generated from data carry `render_macros: false` (`generated_page()`), so
  mkdocs-macros renders neither their body nor their title; macro output on hand-written pages is
  never rendered again by Jinja. Nav titles are escaped HTML and are not templates.
- **Exports**: `csv_writer()` guards formula-leading cells (OWASP CSV injection, via defusedcsv),
  `md_cell()`, `mediawiki_text()` and `confluence_text()` escape every markup character.
  JSON and YAML stay raw data; JSON inside a page goes through `json_script()`.
- **Feeds**: Atom text constructs are `type="text"` (never HTML) and pass through `feed_text()`.

tests/test_injection.py walks the JSON Schemas, puts payloads of every class into every string
field of a copy of data/, builds the site once and checks every output: a new field or output is
covered without editing the test.
"""

from __future__ import annotations

import itertools
import json
import re
import secrets
import unicodedata
from html import escape

from defusedcsv import csv as defusedcsv

# --- characters that hide or reorder text --------------------------------------------------------

#: Bidirectional controls (Trojan Source, CVE-2021-42574) and invisible characters. The schemas
#: refuse them in ids and names; in prose they are shown as visible marks.
HIDDEN_CHARACTERS = "\u061c\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2060\u2066\u2067\u2068\u2069\ufeff\u00ad"
_HIDDEN = re.compile(f"[{HIDDEN_CHARACTERS}]")


def code_point(ch: str) -> str:
    """`U+202E RIGHT-TO-LEFT OVERRIDE`: a character named so a person can see it."""
    return f"U+{ord(ch):04X} {unicodedata.name(ch, 'UNNAMED')}"


def visible(text: str) -> str:
    """Text with every hidden character replaced by a visible `[U+XXXX]` mark."""
    return _HIDDEN.sub(lambda m: f"[U+{ord(m.group()):04X}]", text)


def one_line(text: str) -> str:
    """Runs of white space (newlines included) folded to one space: for cells and single-line outputs."""
    return " ".join(text.split())


# --- HTML ---------------------------------------------------------------------------------------


def html(text: object) -> str:
    """Text from data as HTML text or attribute value: escaped (quotes too) and hidden characters shown."""
    return escape(visible(str(text)), quote=True)


def prose(text: str) -> str:
    """Escaped text in which `backticks` become <code>: escaping first keeps it safe."""
    return re.sub(r"`([^`]+)`", r"<code>\1</code>", html(text))


def json_script(data: object) -> str:
    """JSON to place inside a <script type="application/json"> element: `<`, `>`, `&` and the
    JavaScript line separators written as \\u escapes, so no `</script>` or `<!--` from data can
    end or change the element (what Django's json_script does)."""
    text = json.dumps(data, separators=(",", ":"), ensure_ascii=False)
    for ch in "<>&\u2028\u2029":
        text = text.replace(ch, f"\\u{ord(ch):04x}")
    return text


# --- Markdown bypass: HTML travels through Markdown as an opaque token ---------------------------

#: Per process and unguessable, so data cannot contain a token and pull another block in.
_NONCE = secrets.token_hex(6)
_BLOCK = f"atlasblock{_NONCE}n"
_INLINE = f"atlasinline{_NONCE}n"
_counter = itertools.count()
_stash: dict[str, str] = {}
_TOKEN = re.compile(f"(?:<p>)?({_BLOCK}\\d+)(?:</p>)?|({_INLINE}\\d+)")


class UnrestoredToken(RuntimeError):
    """A token reached the output: some Markdown construct changed it, and a block would be lost."""


def block(fragment: str) -> str:
    """Trusted HTML (built with html()) as a token for its own line of Markdown; restore() puts it back
    in place of the paragraph Markdown wraps it in, so it is never Markdown and never nested in <p>."""
    token = f"{_BLOCK}{next(_counter)}"
    _stash[token] = fragment
    return token


def inline(fragment: str) -> str:
    """Trusted HTML as a token inside a line of Markdown (a heading, a tab's label, a sentence)."""
    token = f"{_INLINE}{next(_counter)}"
    _stash[token] = fragment
    return token


def restore(page_html: str) -> str:
    """The page's HTML with every token replaced by its fragment (each used once)."""

    def put_back(match: re.Match) -> str:
        token = match.group(1) or match.group(2)
        if token not in _stash:
            raise UnrestoredToken(f"token {token} has no fragment (used twice, or from another build)")
        return _stash.pop(token)

    out = _TOKEN.sub(put_back, page_html)
    if _NONCE in out:
        raise UnrestoredToken(f"a token was changed by Markdown and not restored: {out[out.index(_NONCE) - 20 :][:80]!r}")
    return out


_ANCHOR = re.compile(r"[a-z0-9][a-z0-9-]*")


def slug(text: str) -> str:
    """`Web facts` -> `web-facts`: the id Markdown's table of contents would give an ASCII title."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def heading(level: int, title: str, anchor: str) -> str:
    """A Markdown heading (so it joins the page's table of contents) whose text is a token and whose
    id is given: a slug of a token would change with every build."""
    if not _ANCHOR.fullmatch(anchor):
        raise ValueError(f"heading anchor {anchor!r} is not a slug")
    return f"{'#' * level} {inline(html(title))} {{ #{anchor} }}"


_PLAIN_HEADING = re.compile(r"#{1,6} [A-Za-z0-9 ():,.'/-]+(?: \{ ?#[a-z0-9-]+ ?\})?")


def markdown(lines: list[str]) -> str:
    """Page source from a renderer's lines: Markdown headings stay Markdown (plain words written in
    code, or made by heading(), whose text is a token); every other non-blank line is HTML and
    travels as a block token."""
    out = []
    for line in lines:
        if line.startswith("#"):
            if _INLINE not in line and not _PLAIN_HEADING.fullmatch(line):
                raise ValueError(f"a Markdown heading may hold plain words only (use heading() for data): {line[:80]!r}")
            out.append(line)
        else:
            # a line that is already one block token stays as it is: wrapping it again would restore to a token
            out.append(line if re.fullmatch(f"{_BLOCK}\\d+", line) else block(line) if line.strip() else "")
    return "\n\n".join(x for x in out if x)


def restore_toc(items: list) -> None:
    """Tokens in the table of contents' titles (mkdocs AnchorLink objects), put back like the page's."""
    for item in items:
        item.title = _TOKEN.sub(lambda m: _stash.get(m.group(1) or m.group(2), m.group()), item.title)
        restore_toc(item.children)


def generated_page(title: str) -> str:
    """The Markdown file of a page generated from data: its title escaped for the theme (which writes
    titles as HTML), and `render_macros: false`, so mkdocs-macros never evaluates its title or body as
    a template. The body is filled in by the hook, as tokens."""
    return f"---\ntitle: {json.dumps(html(title))}\nrender_macros: false\n---\n"


# --- feeds --------------------------------------------------------------------------------------

#: What XML 1.0 cannot hold at all (control characters, lone surrogates, U+FFFE/U+FFFF): lxml refuses them.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def feed_text(text: object) -> str:
    """Text from data (or a commit subject) for an Atom text construct. Feeds carry it as type="text",
    which a reader shows and never parses as HTML, and the feed library (feedgen, on lxml) escapes `<`
    and `&`; here hidden characters become visible marks and characters XML cannot hold become marks
    too, folded to one line, so no value can stop the feed from being written."""
    return _NOT_XML.sub(lambda m: f"[U+{ord(m.group()):04X}]", one_line(visible(str(text))))


# --- exports ------------------------------------------------------------------------------------


def csv_writer(out):
    """A CSV writer whose cells a spreadsheet cannot run (OWASP, "CSV Injection"): defusedcsv, a
    maintained drop-in for the csv module, prefixes a cell starting with `=`, `+`, `-`, `@`, `|` or `%`
    with a single quote (plain numbers such as -3.5 stay numbers); a cell starting with a tab or a
    carriage return, which OWASP lists too and defusedcsv does not, is quoted the same way here."""
    writer = defusedcsv.writer(out, lineterminator="\n")

    class _Writer:
        def writerow(self, row: list[object]) -> None:
            writer.writerow(["'" + c if isinstance(c, str) and c[:1] in ("\t", "\r") else c for c in row])

    return _Writer()


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>|~&!#+\-.()=\"'$:])")


def md_cell(text: str) -> str:
    """Text as one GitHub-flavoured Markdown table cell: one line, every markup character backslash-escaped
    (pipes end cells; brackets, `!` and `<` make links, images and HTML)."""
    return _MD_SPECIAL.sub(r"\\\1", one_line(visible(text)))


#: Characters with a meaning anywhere in a line of wikitext (cells never start a line, so list
#: and heading markers are harmless): tags and entities, links, templates, cell separators,
#: bold/italic quotes, signatures (~~~) and magic words (__TOC__).
_MW_SPECIAL = re.compile(r"[&<>\[\]{}|!'~_=:]")


def mediawiki_text(text: str) -> str:
    """Text with every character that means something in a wikitext table row written as a numeric entity."""
    return _MW_SPECIAL.sub(lambda m: f"&#{ord(m.group())};", one_line(visible(text)))


_BIBTEX_SPECIAL = re.compile(r"[{}%&#$_~^\\]")


def bibtex_text(text: str) -> str:
    """Text inside a BibTeX brace group (a citation's title or note): every character with a meaning in
    TeX backslash-escaped, a backslash itself written as \\textbackslash{}, so no brace can end the field."""
    return _BIBTEX_SPECIAL.sub(lambda m: "\\textbackslash{}" if m.group() == "\\" else "\\" + m.group(), one_line(visible(text)))


_CONFLUENCE_SPECIAL = re.compile(r"([|\[\]{}*_+^~?!#()\-])")


def confluence_text(text: str) -> str:
    """Text for Confluence wiki markup: markup characters backslash-escaped (braces too, so no {macro}
    such as {html} can start). A backslash itself is written as the entity &#92;, since two
    backslashes are a line break there. `<` is left as it is: wiki markup shows HTML as text."""
    text = one_line(visible(text)).replace("\\", "&#92;")
    return _CONFLUENCE_SPECIAL.sub(r"\\\1", text) or " "
