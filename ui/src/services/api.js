import { createApi } from '@prefecthq/prefect-ui-library'
import { createActions } from '@prefecthq/vue-compositions'
import { AdminApi } from '@/services/adminApi'
import { AutomationsApi } from '@/services/automations'
import { authorizationHeader, clearCredentials } from '@/services/auth'
import { CsrfTokenApi, csrfInterceptor } from '@/services/csrf'

export const prefectApiKey = Symbol('PrefectApi')

function withAuthorization(config) {
  const header = authorizationHeader()
  if (header) {
    config.headers.Authorization = header
  }
  return config
}

// Every API client the app uses shares one setup: stored basic-auth credentials on each request, CSRF
// headers on unsafe ones when the server asks for them, and a 401 sends the browser to the login page.
export function createPrefectApi(config, { csrfEnabled, onUnauthorized }) {
  const authHook = (instance) => {
    instance.interceptors.request.use(withAuthorization)
    instance.interceptors.response.use(undefined, (error) => {
      if (error.response?.status === 401) {
        clearCredentials()
        onUnauthorized?.()
      }
      return Promise.reject(error)
    })
  }
  const csrfApi = csrfEnabled ? new CsrfTokenApi(config, authHook) : null
  const setupHook = (instance) => {
    authHook(instance)
    if (csrfApi) {
      instance.interceptors.request.use(csrfInterceptor(csrfApi))
    }
  }
  return {
    ...createApi(config, setupHook),
    admin: createActions(new AdminApi(config, setupHook)),
    automationDefinitions: createActions(new AutomationsApi(config, setupHook)),
  }
}
