// The browser suite: starts the packaged server on fresh databases, seeds them through the API, then drives the
// UI in Debian's headless Chromium through every page and the user actions, checking effects through the API.
// Prints a closing "N passed, N failed" line, writes a Surefire-style report and a screenshot of every page
// under target/, and exits non-zero on any failure.
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'
import { apiClient } from './api.mjs'
import { actions } from './actions.mjs'
import { pages } from './pages.mjs'
import { seed } from './seed.mjs'
import { startServer } from './server.mjs'

const here = dirname(fileURLToPath(import.meta.url))
const root = resolve(process.env.BATON_ROOT ?? join(here, '..', '..'))
const reportDir = resolve(process.env.BATON_UI_REPORT_DIR ?? join(here, 'target'))
const shotDir = join(reportDir, 'screenshots')
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const only = process.env.BATON_UI_ONLY ? new RegExp(process.env.BATON_UI_ONLY) : null
const FIRST_LOAD_BUDGET = 2.5 * 1024 * 1024
const AUTH_STRING = 'admin:ui-suite-secret'

mkdirSync(shotDir, { recursive: true })

const results = []

async function test(name, fn) {
  if (only && !only.test(name)) {
    return
  }
  const started = Date.now()
  try {
    await fn()
    results.push({ name, ok: true, ms: Date.now() - started })
    console.log(`  ok    ${name} (${Date.now() - started} ms)`)
  } catch (error) {
    results.push({ name, ok: false, ms: Date.now() - started, error: String(error?.stack ?? error) })
    console.log(`  FAIL  ${name}: ${String(error?.message ?? error).split('\n')[0]}`)
  }
}

function origin(page) {
  try {
    return new URL(page.url()).origin
  } catch {
    return ''
  }
}

/** Watches a page for console errors, uncaught exceptions and API answers of 400 and more. */
function watch(page) {
  const problems = []
  let allowed = []
  page.on('console', (message) => {
    // Pictures the data points at elsewhere (block type logos) cannot load in an offline build; that is no
    // fault of the page.
    const source = message.location()?.url ?? ''
    if (message.type() === 'error' && !(source.startsWith('http') && !source.startsWith(origin(page)))) {
      problems.push(`console error: ${message.text()}`)
    }
  })
  page.on('pageerror', error => problems.push(`page error: ${error.message}`))
  page.on('response', (response) => {
    const url = response.url()
    if (response.status() >= 400 && (url.includes('/api/') || url.includes('/ui-settings'))
      && !allowed.some(pattern => pattern.test(`${response.request().method()} ${url}`))) {
      problems.push(`${response.status()} from ${response.request().method()} ${url}`)
    }
  })
  return {
    // Expected failures (a 404 from a uniqueness check, a failed login) also log a console error.
    allow(patterns) {
      allowed = patterns
    },
    take() {
      const taken = problems.splice(0)
      return allowed.length ? taken.filter(p => !(p.startsWith('console error: Failed to load resource'))) : taken
    },
  }
}

async function screenshot(page, name) {
  await page.screenshot({ path: join(shotDir, `${name}.png`), fullPage: false })
}

async function settle(page) {
  await page.waitForLoadState('networkidle', { timeout: 10_000 }).catch(() => {})
}

function context(browser, server) {
  return browser.newContext({ baseURL: server.url, viewport: { width: 1440, height: 900 } })
}

async function checkPage(page, watcher, { name, path, expect, tab, allow = [] }, prefix) {
  watcher.allow(allow)
  if (path) {
    await page.goto(path)
  }
  if (tab) {
    await page.locator('.p-tab, [role=tab]').filter({ hasText: new RegExp(`^\\s*${tab}\\s*$`) }).first().click()
  }
  for (const text of [].concat(expect)) {
    await page.getByText(text, { exact: false }).first().waitFor({ timeout: 20_000 })
  }
  await settle(page)
  await screenshot(page, `${prefix}${name}`)
  const problems = watcher.take()
  if (problems.length) {
    throw new Error(problems.join('\n'))
  }
}

async function firstLoadTransfer(browser, server) {
  const ctx = await context(browser, server)
  const page = await ctx.newPage()
  const cdp = await ctx.newCDPSession(page)
  await cdp.send('Network.enable')
  let bytes = 0
  cdp.on('Network.loadingFinished', (event) => {
    bytes += event.encodedDataLength
  })
  await page.goto('/dashboard')
  await page.getByText('Flow Runs', { exact: false }).first().waitFor({ timeout: 30_000 })
  await settle(page)
  await ctx.close()
  return bytes
}

async function suite(browser, db, pageFilter) {
  console.log(`Baton UI on ${db}`)
  const server = await startServer({ root, db, logDir: reportDir })
  try {
    const api = apiClient(server.api)
    const ids = await seed(api)
    const ctx = await context(browser, server)
    const page = await ctx.newPage()
    const watcher = watch(page)
    for (const spec of pages(ids).filter(pageFilter)) {
      await test(`${db}: page ${spec.name}`, () => checkPage(page, watcher, spec, `${db}-`))
    }
    if (db === 'sqlite') {
      await test(`${db}: first page load transfers at most 2.5 MB`, async () => {
        const bytes = await firstLoadTransfer(browser, server)
        console.log(`        first load of /dashboard transferred ${(bytes / 1024 / 1024).toFixed(2)} MB`)
        if (bytes > FIRST_LOAD_BUDGET) {
          throw new Error(`first load transferred ${bytes} bytes`)
        }
      })
      for (const action of actions) {
        await test(`${db}: action ${action.name}`, async () => {
          watcher.allow(action.allow ?? [])
          await action.run({ page, api, ids })
          await settle(page)
          await screenshot(page, `${db}-action-${action.name.replace(/\W+/g, '-')}`)
          const problems = watcher.take()
          if (problems.length) {
            throw new Error(problems.join('\n'))
          }
        })
      }
    }
    await ctx.close()
  } finally {
    await server.stop()
  }
}

async function authSuite(browser) {
  console.log('Baton UI with basic auth')
  const server = await startServer({ root, db: 'sqlite', logDir: reportDir, env: { PREFECT_SERVER_API_AUTH_STRING: AUTH_STRING } })
  try {
    await test('auth: static files are open and the API needs credentials', async () => {
      const index = await fetch(`${server.url}/dashboard`, { headers: { Accept: 'text/html' } })
      const settings = await (await fetch(`${server.url}/ui-settings`)).json()
      const api = await fetch(`${server.api}/flows/filter`, { method: 'POST', body: '{}', headers: { 'Content-Type': 'application/json' } })
      if (index.status !== 200 || settings.auth !== 'BASIC' || api.status !== 401) {
        throw new Error(`index ${index.status}, auth ${settings.auth}, api ${api.status}`)
      }
    })
    const ctx = await context(browser, server)
    const page = await ctx.newPage()
    const watcher = watch(page)
    await test('auth: a wrong password is refused on the login page', async () => {
      watcher.allow([/\/api\/admin\/version/])
      await page.goto('/dashboard')
      await page.waitForURL(/\/login/)
      await page.getByPlaceholder('admin:pass').fill('admin:wrong')
      await page.getByRole('button', { name: 'Login' }).click()
      await page.getByText('Invalid password').waitFor()
      await screenshot(page, 'auth-login-refused')
      watcher.take()
    })
    await test('auth: logging in shows the dashboard and every API call carries the credentials', async () => {
      watcher.allow([])
      await page.getByPlaceholder('admin:pass').fill(AUTH_STRING)
      await page.getByRole('button', { name: 'Login' }).click()
      await page.waitForURL(/\/dashboard/)
      // This server holds no runs: the dashboard shows its empty state, fetched with the credentials.
      await page.getByText('Dashboard', { exact: true }).first().waitFor({ timeout: 20_000 })
      await settle(page)
      const stored = await page.evaluate(() => localStorage.getItem('prefect-password'))
      if (stored !== Buffer.from(AUTH_STRING).toString('base64')) {
        throw new Error(`stored credentials ${stored}`)
      }
      await screenshot(page, 'auth-dashboard')
      const problems = watcher.take()
      if (problems.length) {
        throw new Error(problems.join('\n'))
      }
    })
    await ctx.close()
  } finally {
    await server.stop()
  }
}

function report(elapsedMs) {
  const failed = results.filter(r => !r.ok)
  const escape = s => s.replace(/[\x00-\x08\x0b\x0c\x0e-\x1f]/g, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
  const cases = results.map(r => `  <testcase classname="baton.ui.browser" name="${escape(r.name)}" time="${(r.ms / 1000).toFixed(3)}">${
    r.ok ? '' : `<failure message="${escape(r.error.split('\n')[0])}">${escape(r.error)}</failure>`}</testcase>`)
  writeFileSync(join(reportDir, 'TEST-baton-ui-browser.xml'), `<?xml version="1.0" encoding="UTF-8"?>
<testsuite name="baton.ui.browser" tests="${results.length}" failures="${failed.length}" errors="0" skipped="0" time="${(elapsedMs / 1000).toFixed(3)}">
${cases.join('\n')}
</testsuite>
`)
  for (const f of failed) {
    console.log(`\nFAILED ${f.name}\n${f.error}`)
  }
  console.log(`\nBrowser tests: ${results.length - failed.length} passed, ${failed.length} failed (${Math.round(elapsedMs / 1000)} s; screenshots in ${shotDir})`)
  return failed.length
}

const started = Date.now()
const browser = await chromium.launch({
  executablePath: chromiumPath,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--no-first-run'],
})
let failures = 1
try {
  await suite(browser, 'sqlite', () => true)
  if (process.env.BATON_UI_SKIP_POSTGRES !== 'true') {
    await suite(browser, 'postgresql', spec => ['dashboard', 'runs', 'flow-run'].includes(spec.name))
  }
  await authSuite(browser)
} catch (error) {
  results.push({ name: 'suite', ok: false, ms: 0, error: String(error?.stack ?? error) })
} finally {
  await browser.close()
  failures = report(Date.now() - started)
}
process.exit(failures ? 1 : 0)
