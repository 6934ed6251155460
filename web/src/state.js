// The whole view lives in the URL's query string, so any view can be shared as a link.
// unreported=1: the events not reported as news are shown too (news alone by default).
const KEYS = ["lang", "type", "actor", "admin1", "q", "unreported", "since", "until", "event", "doc", "lat", "lon", "z"];
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function readView(search = window.location.search) {
  const params = new URLSearchParams(search);
  const view = {};
  for (const key of KEYS) view[key] = params.get(key) || "";
  for (const key of ["since", "until"]) if (!DATE.test(view[key])) view[key] = "";
  if (view.unreported !== "1") view.unreported = "";
  for (const key of ["lat", "lon", "z"]) if (!Number.isFinite(Number.parseFloat(view[key]))) view[key] = "";
  return view;
}

export function writeView(view) {
  const params = new URLSearchParams();
  for (const key of KEYS) if (view[key] !== "" && view[key] !== null && view[key] !== undefined) params.set(key, view[key]);
  const query = params.toString();
  const url = `${window.location.pathname}${query ? `?${query}` : ""}${window.location.hash}`;
  if (url !== `${window.location.pathname}${window.location.search}${window.location.hash}`) {
    window.history.replaceState(null, "", url);
  }
}
