"""The page shell every view shares: one Jinja environment, one stylesheet, one script, safe embedded JSON."""

from __future__ import annotations

import json
from importlib import resources

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

VIS = "vis-network-9.1.9"
STATIC = (f"{VIS}.min.js", f"{VIS}.min.css", f"{VIS}.LICENSE-MIT.txt", f"{VIS}.LICENSE-APACHE-2.0.txt",
          "kg-views.css", "kg-views.js")

# JSON inside <script> must not be able to close the element or start a comment, whatever the article says.
_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}

ENV = Environment(loader=PackageLoader("kg.render", "templates"), autoescape=True, undefined=StrictUndefined,
                  keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True)


def json_script(value) -> Markup:
    """Deterministic JSON that is inert inside <script type="application/json">."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for char, escape in _JSON_ESCAPES.items():  # str.replace: translate() is slow on a page-sized string
        text = text.replace(char, escape)
    return Markup(text)


ENV.filters["json_script"] = json_script


def render(template: str, root: str = "", current: str = "", **context) -> bytes:
    """A page from templates/<template>; `root` leads back to the export folder ("" or "../"), `current` is this page."""
    return ENV.get_template(template).render(root=root, current=current, vis=VIS, **context).encode("utf-8")


def static_files() -> dict[str, bytes]:
    """The assets written once to static/ beside the pages."""
    folder = resources.files("kg.render").joinpath("static")
    return {f"static/{name}": folder.joinpath(name).read_bytes() for name in STATIC}
