// The filter controls: filled from /api/meta, kept in step with the view, reporting changes.
import { clear, el } from "./dom.js";
import { language, t, typeLabel } from "./i18n.js";
import { EVENT_TYPES } from "./types.js";

const TYPING_PAUSE_MS = 350;

export function createFilters(meta, onChange) {
  const type = document.getElementById("filter-type");
  const actor = document.getElementById("filter-actor");
  const actors = document.getElementById("actor-list");
  const admin1 = document.getElementById("filter-admin1");
  const text = document.getElementById("filter-text");
  const unreported = document.getElementById("filter-unreported");
  const types = meta.event_types && meta.event_types.length ? meta.event_types : EVENT_TYPES;
  const regions = [...(meta.admin1 || [])].filter(Boolean).sort();

  for (const name of [...(meta.actors || [])].filter(Boolean).sort()) actors.append(el("option", { value: name }));

  function fillSelects() {
    const chosenType = type.value;
    const chosenRegion = admin1.value;
    clear(type).append(el("option", { value: "", text: t("all_types") }));
    for (const name of types) type.append(el("option", { value: name, text: typeLabel(name) }));
    clear(admin1).append(el("option", { value: "", text: t("all_admin1") }));
    // the value stays the English (ACLED) name; in Arabic the option reads the Arabic name
    const arabic = language() === "ar" ? meta.admin1_ar || {} : {};
    for (const name of regions) admin1.append(el("option", { value: name, text: arabic[name] || name }));
    type.value = chosenType;
    admin1.value = chosenRegion;
  }

  type.addEventListener("change", () => onChange({ type: type.value }));
  admin1.addEventListener("change", () => onChange({ admin1: admin1.value }));
  unreported.addEventListener("change", () => onChange({ unreported: unreported.checked ? "1" : "" }));
  for (const [input, key] of [
    [actor, "actor"],
    [text, "q"],
  ]) {
    let timer = null;
    const report = () => {
      clearTimeout(timer);
      if (input.dataset.sent !== input.value.trim()) {
        input.dataset.sent = input.value.trim();
        onChange({ [key]: input.value.trim() });
      }
    };
    input.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(report, TYPING_PAUSE_MS);
    });
    input.addEventListener("change", report);
    input.addEventListener("keydown", (event) => event.key === "Enter" && report());
  }
  document.getElementById("filter-clear").addEventListener("click", () => {
    onChange({ type: "", actor: "", admin1: "", q: "", unreported: "", since: "", until: "" });
  });

  fillSelects();
  return {
    // Shows the view's filters in the controls (after loading a deep link or clearing).
    show(view) {
      fillSelects();
      // a region or type from an old link that the store no longer has still shows as chosen
      if (view.type && ![...type.options].some((option) => option.value === view.type)) {
        type.append(el("option", { value: view.type, text: typeLabel(view.type) }));
      }
      if (view.admin1 && ![...admin1.options].some((option) => option.value === view.admin1)) {
        admin1.append(el("option", { value: view.admin1, text: view.admin1 }));
      }
      type.value = view.type;
      admin1.value = view.admin1;
      actor.value = actor.dataset.sent = view.actor;
      text.value = text.dataset.sent = view.q;
      unreported.checked = view.unreported === "1";
    },
  };
}
