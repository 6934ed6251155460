// ACLED's precision codes in words.
import { t } from "./i18n.js";

export function timePrecision(code) {
  return [1, 2, 3].includes(code) ? `${code} — ${t(`tp_${code}`)}` : t("unknown");
}

export function geoPrecision(code) {
  return [1, 2, 3].includes(code) ? `${code} — ${t(`gp_${code}`)}` : t("unknown");
}
