import { toValue, watchEffect } from 'vue'

export function usePageTitle(title) {
  watchEffect(() => {
    const value = toValue(title)
    document.title = value ? `${value} • Prefect` : 'Prefect'
  })
}
