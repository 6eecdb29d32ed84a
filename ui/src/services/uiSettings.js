import axios from 'axios'

// The server's /ui-settings, read once per page load; it sits at the UI's base path, not under /api.
let pending = null

export function serveBase() {
  return import.meta.env.BASE_URL.replace(/\/$/, '')
}

export function loadUiSettings() {
  if (!pending) {
    pending = axios.get(`${serveBase()}/ui-settings`).then(({ data }) => ({
      apiUrl: data.api_url,
      csrfEnabled: Boolean(data.csrf_enabled),
      auth: data.auth ?? null,
      flags: data.flags ?? [],
    })).catch((error) => {
      pending = null
      throw error
    })
  }
  return pending
}
