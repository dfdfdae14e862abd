"""A modal's input elements as live HTML form controls, for a page a person acts in (the sandbox).

Each control carries the element's `action_id` in `data-input` and says in `data-kind` whether it gives one value or
a list, so a script can gather `{action_id: value}` for `emulator.forms.state_values` without knowing Block Kit."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from emulator.page.lookup import Lookup
from emulator.page.mrkdwn import emoji_glyphs, esc, mrkdwn, plain_text

Element = dict[str, Any]


def _text(obj: Any, lookup: Lookup) -> str:
    if not isinstance(obj, dict):
        return ""
    if obj.get("type") == "mrkdwn":
        return mrkdwn(str(obj.get("text", "")), lookup)
    return plain_text(str(obj.get("text", "")))


def _attrs(el: Element, *, many: bool) -> str:
    return f'data-input="{esc(str(el.get("action_id", "")))}" data-kind="{"list" if many else "one"}"'


def _initial(el: Element) -> set[str]:
    """The values a control starts with, in whichever of Slack's initial_* forms the element uses."""
    options = el.get("initial_options") or ([el["initial_option"]] if el.get("initial_option") else [])
    found = {str(o.get("value")) for o in options if isinstance(o, dict)}
    for key in ("initial_users", "initial_conversations", "initial_channels"):
        found.update(str(v) for v in el.get(key) or [])
    for key in ("initial_user", "initial_conversation", "initial_channel"):
        if el.get(key):
            found.add(str(el[key]))
    return found


def _options(el: Element) -> Iterator[tuple[str | None, Element]]:
    for option in el.get("options") or []:
        yield None, option
    for group in el.get("option_groups") or []:
        label = str((group.get("label") or {}).get("text", ""))
        for option in group.get("options") or []:
            yield label, option


def _option_tags(pairs: list[tuple[str, str]], chosen: set[str]) -> str:
    return "".join(
        f'<option value="{esc(value)}"{" selected" if value in chosen else ""}>{esc(emoji_glyphs(label))}</option>'
        for value, label in pairs
    )


def select(el: Element, lookup: Lookup) -> str:
    """Static, user and conversation menus, single or multi, as a native <select>."""
    kind = str(el.get("type", ""))
    many = kind.startswith("multi_")
    chosen = _initial(el)
    if kind.endswith("users_select"):
        pairs = sorted(((uid, name) for uid, name in lookup.users.items() if uid not in lookup.bots), key=_by_name)
        body = _option_tags(pairs, chosen)
    elif kind.endswith(("conversations_select", "channels_select")):
        pairs = sorted(((cid, "#" + name) for cid, name in lookup.channels.items()), key=_by_name)
        body = _option_tags(pairs, chosen)
    else:
        body = _static_options(el, chosen)
    empty = "" if many else '<option value="">Select…</option>'
    multiple = ' multiple size="5"' if many else ""
    return f'<select class="bk-select-live" {_attrs(el, many=many)}{multiple}>{empty}{body}</select>'


def _by_name(pair: tuple[str, str]) -> str:
    return pair[1].lower()


def _static_options(el: Element, chosen: set[str]) -> str:
    groups: dict[str | None, list[tuple[str, str]]] = {}
    for group, option in _options(el):
        groups.setdefault(group, []).append((str(option.get("value")), str((option.get("text") or {}).get("text"))))
    return "".join(
        _option_tags(pairs, chosen)
        if label is None
        else f'<optgroup label="{esc(label)}">{_option_tags(pairs, chosen)}</optgroup>'
        for label, pairs in groups.items()
    )


def choices(el: Element, lookup: Lookup) -> str:
    many = el["type"] == "checkboxes"
    chosen = _initial(el)
    rows = []
    for _, option in _options(el):
        value = str(option.get("value"))
        checked = " checked" if value in chosen else ""
        note = option.get("description")
        detail = f'<span class="bk-choice-note">{_text(note, lookup)}</span>' if note else ""
        rows.append(
            f'<label class="bk-choice"><input type="{"checkbox" if many else "radio"}" value="{esc(value)}"'
            f' name="{esc(str(el.get("action_id")))}"{checked}><span>{_text(option.get("text"), lookup)}{detail}</span>'
            "</label>"
        )
    return f'<div class="bk-choices" {_attrs(el, many=many)}>{"".join(rows)}</div>'


def text_input(el: Element, lookup: Lookup) -> str:
    hint = esc(str((el.get("placeholder") or {}).get("text", "")))
    value = esc(str(el.get("initial_value", "") or ""))
    if el.get("multiline"):
        return f'<textarea class="bk-text-input" {_attrs(el, many=False)} placeholder="{hint}">{value}</textarea>'
    kind = "number" if el["type"] == "number_input" else "text"
    return f'<input class="bk-text-input" type="{kind}" {_attrs(el, many=False)} placeholder="{hint}" value="{value}">'


def picker(el: Element, lookup: Lookup) -> str:
    kind, initial = ("date", el.get("initial_date")) if el["type"] == "datepicker" else ("time", el.get("initial_time"))
    value = esc(str(initial or ""))
    return f'<input class="bk-text-input bk-picker-live" type="{kind}" {_attrs(el, many=False)} value="{value}">'


_SELECTS = ("static_select", "users_select", "conversations_select", "channels_select")
CONTROLS: dict[str, Callable[[Element, Lookup], str]] = {
    **{name: select for base in _SELECTS for name in (base, "multi_" + base)},
    "checkboxes": choices,
    "radio_buttons": choices,
    "plain_text_input": text_input,
    "number_input": text_input,
    "datepicker": picker,
    "timepicker": picker,
}
