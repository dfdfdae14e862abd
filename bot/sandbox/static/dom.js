// Small DOM helpers for the sandbox's client: building elements, reading a form, placing field errors.

export function element(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (name === "html") node.innerHTML = value; // HTML the server rendered (and escaped) from Block Kit
    else node.setAttribute(name, value);
  }
  node.append(...children);
  return node;
}

// Each live control carries its action_id in data-input and whether it gives one value or a list in data-kind.
export function formValues(modal) {
  const values = {};
  for (const control of modal.querySelectorAll("[data-input]")) {
    const many = control.dataset.kind === "list";
    let chosen;
    if (control.tagName === "SELECT") {
      chosen = many ? Array.from(control.selectedOptions, (o) => o.value) : control.value;
    } else if (control.classList.contains("bk-choices")) {
      const checked = Array.from(control.querySelectorAll("input:checked"), (i) => i.value);
      chosen = many ? checked : checked[0] ?? "";
    } else {
      chosen = control.value;
    }
    values[control.dataset.input] = chosen;
  }
  return values;
}

// Cadence's response_action errors, keyed by block_id, under the input they are about.
export function showErrors(container, errors) {
  for (const old of container.querySelectorAll("[data-testid=field-error]")) old.remove();
  for (const [blockId, message] of Object.entries(errors || {})) {
    const block = container.querySelector(`[data-block-id="${CSS.escape(blockId)}"]`) || container.querySelector(".modal-body");
    block.append(element("div", { "data-testid": "field-error", class: "bk-error" }, message));
  }
}
