// The color mode (an accessibility palette) chosen on the settings page, kept per browser.
const STORAGE_KEY = 'prefect-color-mode'

export function storedColorMode() {
  return localStorage.getItem(STORAGE_KEY) ?? 'default'
}

export function applyColorMode(mode) {
  const value = mode ?? 'default'
  localStorage.setItem(STORAGE_KEY, value)
  for (const name of [...document.body.classList]) {
    if (name.startsWith('color-mode-')) {
      document.body.classList.remove(name)
    }
  }
  document.body.classList.add(`color-mode-${value}`)
}
