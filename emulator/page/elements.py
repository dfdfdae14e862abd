"""Block Kit composition objects and interactive elements as HTML. Controls are drawn disabled on the static page,
which shows what people saw and does not act; with `Lookup.interactive` they are live form controls (see
`emulator.page.controls`). Every button carries its action_id and value, so a page can be read or driven by them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from emulator.page import controls
from emulator.page.lookup import Lookup
from emulator.page.mrkdwn import esc, mrkdwn, plain_text

Element = dict[str, Any]


def unsupported(kind: str, type_name: object) -> str:
    return f'<span class="bk-unsupported">unsupported {kind}: {esc(str(type_name))}</span>'


def text_object(obj: Any, lookup: Lookup) -> str:
    if not obj:
        return ""
    if isinstance(obj, str):
        return plain_text(obj)
    if obj.get("type") == "mrkdwn":
        return mrkdwn(str(obj.get("text", "")), lookup)
    if obj.get("type") == "plain_text":
        return plain_text(str(obj.get("text", "")), with_emoji=obj.get("emoji", True) is not False)
    return unsupported("text", obj.get("type"))


def image_source(obj: Element, lookup: Lookup) -> str | None:
    """Where a picture can be shown from without the network: an uploaded file, or an inline data: URI."""
    slack_file = obj.get("slack_file") or {}
    if isinstance(slack_file, dict) and slack_file.get("id") in lookup.images:
        return lookup.images[slack_file["id"]]
    url = str(obj.get("image_url") or "")
    return url if url.startswith("data:image/") else None


def image(obj: Element, lookup: Lookup, css: str) -> str:
    alt = str(obj.get("alt_text", ""))
    source = image_source(obj, lookup)
    if source is None:
        return f'<span class="{css} image-missing" title="external image not embedded">{esc(alt) or "image"}</span>'
    return f'<img class="{css}" src="{esc(source)}" alt="{esc(alt)}">'


def button(el: Element, lookup: Lookup) -> str:
    style = el.get("style") if el.get("style") in ("primary", "danger") else "default"
    label = text_object(el.get("text"), lookup)
    data = f'data-action-id="{esc(str(el.get("action_id", "")))}" data-value="{esc(str(el.get("value", "")))}"'
    state = "" if lookup.interactive else " disabled"
    return f'<button type="button" class="bk-button bk-button-{style}" {data}{state}>{label}</button>'


def _option(option: Any, lookup: Lookup) -> str:
    return text_object(option.get("text"), lookup) if isinstance(option, dict) else ""


def _chosen(el: Element, lookup: Lookup) -> list[str]:
    """What a select shows as chosen, in whichever of Slack's initial_* forms the element uses."""
    options = el.get("initial_options") or ([el["initial_option"]] if el.get("initial_option") else [])
    users = el.get("initial_users") or ([el["initial_user"]] if el.get("initial_user") else [])
    channels = [
        *(el.get("initial_conversations") or el.get("initial_channels") or []),
        *[el[k] for k in ("initial_conversation", "initial_channel") if el.get(k)],
    ]
    return (
        [_option(o, lookup) for o in options]
        + [esc("@" + lookup.user_name(u)) for u in users]
        + [esc("#" + lookup.channel_name(c)) for c in channels]
    )


def select(el: Element, lookup: Lookup) -> str:
    chosen = _chosen(el, lookup)
    if chosen and str(el.get("type", "")).startswith("multi_"):
        shown = "".join(f'<span class="bk-chip">{c}</span>' for c in chosen)
    elif chosen:
        shown = chosen[0]
    else:
        shown = f'<span class="bk-placeholder">{text_object(el.get("placeholder"), lookup) or "Select"}</span>'
    return f'<span class="bk-select" role="combobox" aria-disabled="true">{shown}<span class="bk-caret">▾</span></span>'


def overflow(el: Element, lookup: Lookup) -> str:
    labels = ", ".join(str((o.get("text") or {}).get("text", "")) for o in el.get("options", []))
    return f'<button type="button" class="bk-overflow" disabled title="{esc(labels)}">⋯</button>'


def picker(el: Element, lookup: Lookup) -> str:
    icon, value = {
        "datepicker": ("📅", el.get("initial_date")),
        "timepicker": ("🕒", el.get("initial_time")),
        "datetimepicker": ("📅", el.get("initial_date_time")),
    }[el["type"]]
    hint = text_object(el.get("placeholder"), lookup)
    shown = esc(str(value)) if value else f'<span class="bk-placeholder">{hint}</span>'
    return f'<span class="bk-select bk-picker" aria-disabled="true"><span class="emoji">{icon}</span> {shown}</span>'


def choices(el: Element, lookup: Lookup) -> str:
    kind = "checkbox" if el["type"] == "checkboxes" else "radio"
    initial = el.get("initial_options") or ([el["initial_option"]] if el.get("initial_option") else [])
    chosen = {o.get("value") for o in initial if isinstance(o, dict)}
    rows = []
    for option in el.get("options", []):
        checked = " checked" if option.get("value") in chosen else ""
        note = option.get("description")
        detail = f'<span class="bk-choice-note">{text_object(note, lookup)}</span>' if note else ""
        rows.append(
            f'<label class="bk-choice"><input type="{kind}" disabled{checked}>'
            f"<span>{_option(option, lookup)}{detail}</span></label>"
        )
    return f'<div class="bk-choices">{"".join(rows)}</div>'


def text_input(el: Element, lookup: Lookup) -> str:
    hint = esc(str((el.get("placeholder") or {}).get("text", "")))
    value = str(el.get("initial_value", "") or el.get("initial_email", "") or el.get("initial_url", ""))
    if el.get("multiline"):
        return f'<textarea class="bk-text-input" disabled placeholder="{hint}">{esc(value)}</textarea>'
    return f'<input class="bk-text-input" disabled placeholder="{hint}" value="{esc(value)}">'


_SELECTS = ("static_select", "external_select", "users_select", "conversations_select", "channels_select")
_INPUTS = ("plain_text_input", "email_text_input", "url_text_input", "number_input", "rich_text_input")
ELEMENTS: dict[str, Callable[[Element, Lookup], str]] = {
    "button": button,
    "overflow": overflow,
    "datepicker": picker,
    "timepicker": picker,
    "datetimepicker": picker,
    "checkboxes": choices,
    "radio_buttons": choices,
    "image": lambda el, lookup: image(el, lookup, "bk-element-image"),
    "mrkdwn": lambda el, lookup: f'<span class="bk-text">{text_object(el, lookup)}</span>',
    "plain_text": lambda el, lookup: f'<span class="bk-text">{text_object(el, lookup)}</span>',
    **{name: select for base in _SELECTS for name in (base, "multi_" + base)},
    **{name: text_input for name in _INPUTS},
}


def element(el: Any, lookup: Lookup) -> str:
    """Any interactive or context element; a type this page does not know is shown, never dropped."""
    kind = el.get("type") if isinstance(el, dict) else None
    render = controls.CONTROLS.get(str(kind)) if lookup.interactive else None
    render = render or ELEMENTS.get(str(kind))
    return render(el, lookup) if render else unsupported("element", kind)
