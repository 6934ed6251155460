// Requests to the Marsad HTTP API (same origin, relative paths so a reverse-proxy prefix works).
export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

export async function getJson(path, params = {}) {
  const response = await fetch(apiUrl(path, params), { headers: { Accept: "application/json" } });
  if (!response.ok) throw new ApiError(response.status, `${path}: HTTP ${response.status}`);
  return response.json();
}

export function apiUrl(path, params = {}) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== "") query.set(key, String(value));
  }
  const text = query.toString();
  return `${path}${text ? `?${text}` : ""}`;
}

// The filter part of the view, as the API's query parameters (news alone unless the view asks for
// the events not reported as news too).
export function filterParams(view, { withDates = true } = {}) {
  const params = { event_type: view.type, actor: view.actor, admin1: view.admin1, q: view.q };
  if (view.unreported) params.reported = "all";
  if (withDates) Object.assign(params, { since: view.since, until: view.until });
  return params;
}
