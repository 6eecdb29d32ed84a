// A small client for the Prefect API the server speaks, used to seed data and to check what the UI did.
export function apiClient(apiUrl, { authString } = {}) {
  const headers = { 'Content-Type': 'application/json' }
  if (authString) {
    headers.Authorization = `Basic ${Buffer.from(authString).toString('base64')}`
  }
  async function call(method, path, body) {
    const res = await fetch(`${apiUrl}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const text = await res.text()
    if (!res.ok) {
      throw new Error(`${method} ${path} answered ${res.status}: ${text.slice(0, 300)}`)
    }
    return text ? JSON.parse(text) : null
  }
  return {
    get: path => call('GET', path),
    post: (path, body = {}) => call('POST', path, body),
    patch: (path, body) => call('PATCH', path, body),
    put: (path, body) => call('PUT', path, body),
    delete: path => call('DELETE', path),
  }
}
