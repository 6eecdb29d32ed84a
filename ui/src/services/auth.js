// Basic-auth credentials as Prefect's UI keeps them: the auth string, base64-encoded, in localStorage.
export const AUTH_STORAGE_KEY = 'prefect-password'

export function storedCredentials() {
  return localStorage.getItem(AUTH_STORAGE_KEY)
}

export function storeCredentials(authString) {
  localStorage.setItem(AUTH_STORAGE_KEY, btoa(authString))
}

export function clearCredentials() {
  localStorage.removeItem(AUTH_STORAGE_KEY)
}

export function authorizationHeader() {
  const stored = storedCredentials()
  return stored ? `Basic ${stored}` : null
}
