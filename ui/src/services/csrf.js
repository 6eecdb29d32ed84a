import { randomId } from '@prefecthq/prefect-design'
import { Api } from '@prefecthq/prefect-ui-library'

// Fetches and refreshes the server's CSRF token; a server with CSRF protection off answers 422, which turns
// the headers off for the rest of the page's life.
export class CsrfTokenApi extends Api {
  clientId = randomId()
  enabled = true
  token = null
  refreshing = null

  async headers() {
    if (!this.enabled) {
      return {}
    }
    if (!this.token || Date.now() > this.token.expiration - 5000) {
      await this.refresh()
    }
    return this.enabled && this.token
      ? { 'Prefect-Csrf-Token': this.token.value, 'Prefect-Csrf-Client': this.clientId }
      : {}
  }

  refresh() {
    if (!this.refreshing) {
      this.refreshing = this.get(`/csrf-token?client=${this.clientId}`)
        .then(({ data }) => {
          this.token = { value: data.token, expiration: new Date(data.expiration).getTime() }
        })
        .catch((error) => {
          if (error.response?.status === 422) {
            this.enabled = false
            return
          }
          throw error
        })
        .finally(() => {
          this.refreshing = null
        })
    }
    return this.refreshing
  }
}

const UNSAFE_METHODS = ['post', 'put', 'patch', 'delete']

export function csrfInterceptor(csrfApi) {
  return async (config) => {
    if (UNSAFE_METHODS.includes(config.method?.toLowerCase())) {
      Object.assign(config.headers, await csrfApi.headers())
    }
    return config
  }
}
