// The sandbox's client: asks the server what the chosen person sees, draws it, and sends what they do.
// Everything Cadence shows was rendered on the server from the Block Kit it sent; this script only places it and
// turns clicks, forms and typing into acts (the server signs them as Slack requests to the real app).

import { element, formValues, showErrors } from "./dom.js";

const root = document.getElementById("sandbox");
const view = { user: null, open: "home", modalHtml: null, state: null };

async function call(path, body) {
  const response = await fetch(path, body === undefined ? {} : {
    method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body),
  });
  const data = await response.json();
  if (!response.ok) throw new Error(data.refusal || `The sandbox answered ${response.status}.`);
  return data;
}

async function act(name, fields = {}) {
  setBusy(true);
  try {
    draw(await call("/api/act", { act: name, user: view.user, ...fields }));
  } catch (error) {
    notice(error.message);
  } finally {
    setBusy(false);
  }
}

function setBusy(busy) {
  root.toggleAttribute("data-busy", busy);
}

function notice(text) {
  const bar = root.querySelector("[data-testid=notice]");
  bar.textContent = text || "";
  bar.hidden = !text;
}

function frame(team, people) {
  const picker = element("select", { "data-testid": "person-picker", class: "picker" });
  for (const person of people) {
    picker.append(element("option", { value: person.id }, `${person.name} — ${person.role}`));
  }
  picker.addEventListener("change", () => choose(picker.value));
  const moments = element("select", { "data-testid": "time-target", class: "picker" });
  const forward = element("button", { "data-testid": "time-forward", class: "tool" }, "Move time");
  forward.addEventListener("click", () => act("time", { moment: moments.value }));
  root.append(element("div", { class: "app" },
    element("div", { class: "topbar sandbox-bar" },
      element("span", { class: "brand" }, `Cadence sandbox · ${team}`),
      element("label", {}, "You are ", picker),
      element("span", { "data-testid": "clock", class: "clock" }),
      moments, forward),
    element("nav", { class: "sidebar" },
      element("div", { class: "workspace" }, element("span", {}, team), element("small", {}, "sandbox")),
      element("div", { class: "nav", "data-testid": "sidebar" })),
    element("main", { class: "panels sandbox-main" },
      element("div", { class: "notice", "data-testid": "notice", hidden: "" }),
      element("div", { class: "stage" }),
      composer()),
    element("div", { class: "modal-back", hidden: "" })));
}

function composer() {
  const box = element("textarea", { "data-testid": "composer", rows: "1", placeholder: "Message, or a command: /shoutout @first.last own-it what they did · /pulse · /promise · /cadence help" });
  const send = element("button", { "data-testid": "send", class: "tool send" }, "Send");
  const post = () => {
    const text = box.value.trim();
    if (!text) return;
    box.value = "";
    act(text.startsWith("/") ? "command" : "say", { channel: view.open, text });
  };
  send.addEventListener("click", post);
  box.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey) {
      event.preventDefault();
      post();
    }
  });
  return element("div", { class: "composer" }, box, send);
}

function draw(state) {
  view.state = state;
  root.querySelector("[data-testid=clock]").textContent = state.now;
  const moments = root.querySelector("[data-testid=time-target]");
  if (!moments.options.length) {
    for (const [key, label] of Object.entries(state.moments)) moments.append(element("option", { value: key }, label));
    moments.value = "monday";
  }
  notice(state.notice);
  drawSidebar(state);
  drawStage(state);
  drawModal(state);
}

function drawSidebar(state) {
  const nav = root.querySelector("[data-testid=sidebar]");
  const link = (id, name, icon) => {
    const item = element("a", { href: "#", "data-testid": "nav", "data-name": name, class: id === view.open ? "on" : "" },
      element("span", { class: "hash" }, icon), name);
    item.addEventListener("click", (event) => {
      event.preventDefault();
      open(id);
    });
    return item;
  };
  const section = (title, links) => element("div", { class: "nav-section" }, element("div", { class: "nav-title" }, title), ...links);
  const channels = state.conversations.filter((c) => c.kind === "channel").map((c) => link(c.id, c.name, "#"));
  const dms = state.conversations.filter((c) => c.kind === "dm").map((c) => link(c.id, c.name, "✉"));
  nav.replaceChildren(section("Channels", channels), section("Direct messages", dms), section("Apps", [link("home", "Home", "⌂")]));
}

function drawStage(state) {
  const stage = root.querySelector(".stage");
  const panels = state.conversations.map((c) => {
    const panel = element("section", { "data-testid": "conversation", "data-name": c.name, "data-channel": c.id, class: "sbx-panel" },
      element("div", { class: "panel-head" }, element("span", { class: "panel-title" }, c.kind === "dm" ? c.name : `# ${c.name}`)),
      element("div", { class: "scroll" }, element("div", { class: "feed", html: c.html })));
    if (c.kind === "channel") addMessageTools(panel);
    return panel;
  });
  const home = element("section", { "data-testid": "home", class: "sbx-panel" },
    element("div", { class: "panel-head" }, element("span", { class: "panel-title" }, "Cadence · Home")),
    element("div", { class: "scroll home-scroll" }, element("div", { class: "home", html: state.home })));
  stage.replaceChildren(...panels, home);
  const known = view.open === "home" || state.conversations.some((c) => c.id === view.open);
  if (!known) view.open = "home";
  for (const panel of stage.children) panel.hidden = (panel.dataset.channel || "home") !== view.open;
  root.querySelector(".composer").hidden = view.open === "home";
}

function addMessageTools(panel) {
  for (const row of panel.querySelectorAll(".msg[data-ts]:not(.ephemeral)")) {
    const tools = element("div", { class: "msg-tools" },
      element("button", { "data-testid": "react", "data-emoji": "clap", title: "React with :clap:" }, "👏"),
      element("button", { "data-testid": "react", "data-emoji": "tada", title: "React with :tada:" }, "🎉"),
      element("button", { "data-testid": "recognise", title: "Message shortcut" }, "Recognise this"));
    row.append(tools);
  }
}

function drawModal(state) {
  const back = root.querySelector(".modal-back");
  const modal = state.modal;
  if (!modal) {
    back.hidden = true;
    back.replaceChildren();
    view.modalHtml = null;
    return;
  }
  const key = modal.id + modal.html;
  if (view.modalHtml !== key) {
    view.modalHtml = key;
    const submit = modal.submit ? [element("button", { "data-testid": "modal-submit", class: "tool primary" }, modal.submit)] : [];
    back.replaceChildren(element("div", { "data-testid": "modal", class: "modal", role: "dialog" },
      element("header", {}, modal.title),
      element("div", { class: "modal-body", html: modal.html }),
      element("footer", {}, element("button", { "data-testid": "modal-close", class: "tool" }, modal.close), ...submit)));
  }
  back.hidden = false;
  showErrors(back, state.errors);
}

function open(id) {
  view.open = id;
  if (id === "home") act("home");
  else drawStage(view.state);
  drawSidebar(view.state);
}

function choose(user) {
  view.user = user;
  view.open = "home";
  act("home");
}

root.addEventListener("click", (event) => {
  const target = event.target.closest("button");
  if (!target || root.hasAttribute("data-busy")) return;
  const row = target.closest(".msg[data-ts]");
  const channel = target.closest("[data-channel]")?.dataset.channel;
  if (target.dataset.actionId !== undefined) {
    const where = target.closest("[data-testid=modal]") ? "modal" : target.closest("[data-testid=home]") ? "home" : "message";
    act("click", { action_id: target.dataset.actionId, value: target.dataset.value, where, channel, ts: row?.dataset.ts });
  } else if (target.dataset.testid === "react") {
    act("react", { channel, ts: row.dataset.ts, emoji: target.dataset.emoji });
  } else if (target.dataset.testid === "recognise") {
    act("recognise", { channel, ts: row.dataset.ts });
  } else if (target.dataset.testid === "modal-submit") {
    act("submit", { values: formValues(root.querySelector("[data-testid=modal]")) });
  } else if (target.dataset.testid === "modal-close") {
    act("close");
  }
});

const { team, people } = await call("/api/people");
frame(team, people);
root.querySelector("[data-testid=person-picker]").value = people[0].id;
choose(people[0].id);
