// The user actions of the suite; each checks its effect through the API.
async function eventually(check, what, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs
  let last
  while (Date.now() < deadline) {
    try {
      last = await check()
      if (last) {
        return last
      }
    } catch (error) {
      last = error
    }
    await new Promise(resolve => setTimeout(resolve, 250))
  }
  throw new Error(`${what} did not happen (last: ${last})`)
}

/** The input of the prefect-design field whose label reads exactly `label`. */
function field(scope, label) {
  const page = typeof scope.page === 'function' ? scope.page() : scope
  return scope.locator('.p-label')
    .filter({ has: page.locator('.p-label__label', { hasText: new RegExp(`^\\s*${label}\\s*$`) }) })
    .locator('input, textarea').first()
}

export const actions = [
  {
    name: 'create a variable',
    allow: [/\/name\//, /\/api\/v2\/concurrency_limits\/[^/]+$/],
    async run({ page, api }) {
      await page.goto('/variables')
      await page.locator('.page-heading button').first().click()
      const modal = page.getByRole('dialog')
      await field(modal, 'Name').fill('created_in_ui')
      await field(modal, 'Value').fill('"hello"')
      await modal.getByRole('button', { name: 'Create' }).click()
      await eventually(async () => (await api.post('/variables/filter', { variables: { name: { any_: ['created_in_ui'] } } })).length === 1, 'variable created')
    },
  },
  {
    name: 'create a concurrency limit',
    allow: [/\/name\//, /\/api\/v2\/concurrency_limits\/[^/]+$/],
    async run({ page, api }) {
      await page.goto('/concurrency-limits')
      await page.getByRole('button', { name: 'Add global concurrency limit' }).click()
      const modal = page.getByRole('dialog')
      await field(modal, 'Name').fill('created-in-ui')
      await field(modal, 'Concurrency Limit').fill('7')
      await modal.getByRole('button', { name: /^(Create|Add|Save)$/ }).click()
      await eventually(async () => (await api.post('/v2/concurrency_limits/filter', {})).some(l => l.name === 'created-in-ui' && l.limit === 7), 'limit created')
    },
  },
  {
    name: 'create a block',
    allow: [/\/name\//, /\/api\/v2\/concurrency_limits\/[^/]+$/],
    async run({ page, api }) {
      await page.goto('/blocks/catalog/secret/create')
      await field(page, 'Block Name').fill('created-in-ui')
      // The secret's value field is the form's only multi-line input.
      await page.locator('form textarea').first().fill('s3cr3t')
      await page.getByRole('button', { name: 'Create' }).click()
      await page.waitForURL(/\/blocks\/block\//)
      await eventually(async () => (await api.post('/block_documents/filter', {})).some(b => b.name === 'created-in-ui'), 'block created')
    },
  },
  {
    name: 'create an automation',
    async run({ page, api }) {
      await page.goto('/automations/create')
      await page.getByRole('button', { name: 'Next' }).click()
      await page.getByRole('button', { name: 'Next' }).click()
      await field(page, 'Automation Name').fill('created-in-ui')
      await page.getByRole('button', { name: 'Save' }).click()
      await page.waitForURL(/\/automations$/)
      await eventually(async () => (await api.post('/automations/filter', {})).some(a => a.name === 'created-in-ui'), 'automation created')
      // The wizard's default (any flow-run state -> cancel the run) really fires: switch it off so the actions
      // that follow keep the states they set.
      const created = (await api.post('/automations/filter', {})).find(a => a.name === 'created-in-ui')
      await api.patch(`/automations/${created.id}`, { enabled: false })
    },
  },
  {
    name: 'quick run a deployment',
    async run({ page, api, ids }) {
      const before = await api.post('/flow_runs/count', { deployments: { id: { any_: [ids.deployment] } } })
      await page.goto(`/deployments/deployment/${ids.deployment}`)
      await page.getByRole('button', { name: 'Run', exact: true }).click()
      await page.getByRole('button', { name: 'Quick run' }).click()
      const modal = page.getByRole('dialog')
      if (await modal.count()) {
        await modal.getByRole('button', { name: /^(Submit|Run)$/ }).click()
      }
      await eventually(async () => (await api.post('/flow_runs/count', { deployments: { id: { any_: [ids.deployment] } } })) === before + 1, 'flow run created')
    },
  },
  {
    name: 'cancel a flow run',
    async run({ page, api, ids }) {
      await page.goto(`/runs/flow-run/${ids.runs.Running}`)
      await page.getByRole('button', { name: 'Cancel' }).first().click()
      await page.getByRole('dialog').getByRole('button', { name: /^(Submit|Cancel Run|Confirm)$/ }).click()
      await eventually(async () => ['CANCELLING', 'CANCELLED'].includes((await api.get(`/flow_runs/${ids.runs.Running}`)).state.type), 'run cancelled')
    },
  },
  {
    name: 'change the state of a flow run',
    async run({ page, api, ids }) {
      await page.goto(`/runs/flow-run/${ids.runs.Failed}`)
      await page.locator('.page-heading').getByRole('button').last().click()
      await page.getByText('Change state').click()
      const modal = page.getByRole('dialog')
      await modal.locator('.p-select-button__control').first().click()
      await page.keyboard.press('ArrowDown')
      await page.locator('.state--completed').filter({ hasText: 'Completed' }).last().click()
      await modal.getByRole('button', { name: 'Change' }).click()
      await eventually(async () => (await api.get(`/flow_runs/${ids.runs.Failed}`)).state.type === 'COMPLETED', 'state changed')
    },
  },
  {
    name: 'pause a work pool',
    async run({ page, api, ids }) {
      await page.goto(`/work-pools/work-pool/${ids.workPool}`)
      await page.locator('.page-heading').getByRole('switch').or(page.locator('.page-heading .p-toggle')).first().click()
      await eventually(async () => (await api.get(`/work_pools/${ids.workPool}`)).status === 'PAUSED', 'pool paused')
    },
  },
  {
    name: 'toggle a schedule',
    async run({ page, api, ids }) {
      await page.goto(`/deployments/deployment/${ids.deployment}`)
      await page.locator('.deployment-schedule-toggle, .p-layout-well__well').getByRole('switch').or(page.locator('.p-layout-well__well .p-toggle')).first().click()
      await eventually(async () => (await api.get(`/deployments/${ids.deployment}`)).schedules.every(s => s.active === false), 'schedule paused')
    },
  },
]
