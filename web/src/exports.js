// Export links always carry the current filters, so a download is exactly what the map shows.
import { apiUrl, filterParams } from "./api.js";

const EXPORT_LIMIT = 100000;

export function updateExports(view) {
  for (const link of document.querySelectorAll("a.export")) {
    const format = link.dataset.format;
    link.href = apiUrl("api/events", { format, ...filterParams(view), limit: EXPORT_LIMIT });
    link.setAttribute("download", "");
    link.setAttribute("rel", "nofollow");
  }
}
