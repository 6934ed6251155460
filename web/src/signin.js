// When the server requires a token for reading (MARSAD_API_READ_TOKEN), ask for it once: the
// server answers with an HttpOnly cookie that every later request, export links included, carries.
import { el } from "./dom.js";
import { t } from "./i18n.js";

export function askForToken(container) {
  const input = el("input", { id: "token-input", type: "password", autocomplete: "current-password", required: true });
  const message = el("p", { className: "token-message", role: "alert" });
  const form = el("form", { id: "token-form", className: "token-form" }, [
    el("p", { text: t("token_needed") }),
    el("label", {}, [el("span", { text: t("token_label") }), input]),
    el("button", { type: "submit", text: t("token_submit") }),
    message,
  ]);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    message.textContent = "";
    try {
      const response = await fetch("api/session", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ token: input.value }),
      });
      if (response.ok) {
        window.location.reload();
        return;
      }
      message.textContent = t(response.status === 401 ? "token_wrong" : "load_error");
    } catch {
      message.textContent = t("load_error");
    }
  });
  container.replaceChildren(form);
  input.focus();
}
