// Seeds a fresh server through the API with one of everything the UI shows.
const STATES = [
  ['SCHEDULED', 'Scheduled'], ['SCHEDULED', 'Late'], ['PENDING', 'Pending'], ['RUNNING', 'Running'],
  ['COMPLETED', 'Completed'], ['FAILED', 'Failed'], ['CANCELLED', 'Cancelled'], ['CRASHED', 'Crashed'],
  ['PAUSED', 'Paused'], ['CANCELLING', 'Cancelling'],
]

function ago(seconds) {
  return new Date(Date.now() - seconds * 1000).toISOString()
}

export async function seed(api) {
  const ids = { runs: {} }
  const flow = await api.post('/flows/', { name: 'etl-pipeline', tags: ['ui-test'] })
  const childFlow = await api.post('/flows/', { name: 'load-warehouse' })
  ids.flow = flow.id

  const pool = await api.post('/work_pools/', { name: 'ui-pool', type: 'process', description: 'Pool for the UI suite' })
  ids.workPool = pool.name
  await api.post(`/work_pools/${pool.name}/queues/`, { name: 'high-priority', priority: 1 })
  await api.post(`/work_pools/${pool.name}/workers/heartbeat`, { name: 'worker-ui-1', heartbeat_interval_seconds: 30 })
  await api.post(`/work_pools/${pool.name}/queues/`, { name: 'to-pause-later', priority: 5 })

  const deployment = await api.post('/deployments/', {
    name: 'nightly',
    flow_id: flow.id,
    work_pool_name: pool.name,
    work_queue_name: 'default',
    description: 'Runs the **ETL** every night.',
    tags: ['ui-test'],
    parameters: { rows: 100 },
    parameter_openapi_schema: {
      type: 'object',
      title: 'Parameters',
      properties: { rows: { type: 'integer', title: 'rows', default: 10, position: 0 } },
    },
    job_variables: { env: { MODE: 'test' } },
    schedules: [{ schedule: { interval: 3600, timezone: 'UTC' }, active: true }],
  })
  ids.deployment = deployment.id

  for (const [index, [type, name]] of STATES.entries()) {
    const run = await api.post('/flow_runs/', {
      flow_id: flow.id,
      deployment_id: deployment.id,
      name: `run-${name.toLowerCase()}`,
      tags: ['ui-test'],
      parameters: { rows: index },
      work_queue_name: 'default',
      state: {
        type,
        name,
        ...(type === 'SCHEDULED' ? { state_details: { scheduled_time: name === 'Late' ? ago(900) : new Date(Date.now() + 86_400_000).toISOString() } } : {}),
        ...(type === 'PAUSED' ? { state_details: { pause_timeout: new Date(Date.now() + 3_600_000).toISOString(), pause_reschedule: false } } : {}),
        ...(type === 'FAILED' ? { message: 'Flow run encountered an exception: ValueError' } : {}),
      },
    })
    ids.runs[name] = run.id
  }

  const completed = ids.runs.Completed
  const taskRuns = []
  for (const [index, name] of ['extract', 'transform', 'load-child'].entries()) {
    const taskRun = await api.post('/task_runs/', {
      flow_run_id: completed,
      task_key: `${name}-key`,
      dynamic_key: '0',
      name: `${name}-0`,
      tags: ['db'],
      state: { type: 'COMPLETED', name: 'Completed' },
    })
    taskRuns.push(taskRun)
  }
  ids.taskRun = taskRuns[0].id
  await api.post('/task_runs/', {
    flow_run_id: ids.runs.Failed,
    task_key: 'validate-key',
    dynamic_key: '0',
    name: 'validate-0',
    state: { type: 'FAILED', name: 'Failed' },
  })

  const subflow = await api.post('/flow_runs/', {
    flow_id: childFlow.id,
    name: 'child-of-completed',
    parent_task_run_id: taskRuns[2].id,
    state: { type: 'COMPLETED', name: 'Completed' },
  })
  ids.subflowRun = subflow.id

  const logs = []
  for (let i = 0; i < 12; i++) {
    logs.push({
      name: 'prefect.flow_runs',
      level: i % 5 === 4 ? 40 : 20,
      message: `Processing batch ${i}`,
      timestamp: ago(3000 - i),
      flow_run_id: completed,
      task_run_id: i % 2 ? taskRuns[0].id : null,
    })
  }
  logs.push({ name: 'prefect.flow_runs', level: 40, message: 'ValueError: bad row', timestamp: ago(1900), flow_run_id: ids.runs.Failed })
  await api.post('/logs/', logs)

  const artifacts = [
    { key: 'ui-markdown', type: 'markdown', data: '# Report\n\nAll **good**.', description: 'A markdown report' },
    { key: 'ui-table', type: 'table', data: JSON.stringify([{ city: 'Paris', rows: 3 }, { city: 'Lyon', rows: 5 }]), description: 'A table' },
    { key: 'ui-link', type: 'link', data: '[Prefect](https://www.prefect.io)', description: 'A link' },
    { key: 'ui-progress', type: 'progress', data: 42.5, description: 'Progress' },
    { key: 'ui-image', type: 'image', data: 'https://www.prefect.io/favicon.ico', description: 'An image' },
  ]
  for (const artifact of artifacts) {
    const created = await api.post('/artifacts/', { ...artifact, flow_run_id: completed, task_run_id: taskRuns[0].id })
    if (artifact.key === 'ui-table') {
      ids.artifact = created.id
      ids.artifactKey = artifact.key
    }
  }

  const secretType = await api.get('/block_types/slug/secret')
  const [secretSchema] = await api.post('/block_schemas/filter', { block_schemas: { block_type_id: { any_: [secretType.id] } } })
  const secret = await api.post('/block_documents/', {
    name: 'db-password',
    block_type_id: secretType.id,
    block_schema_id: secretSchema.id,
    data: { value: 'hunter2' },
  })
  ids.block = secret.id

  await api.post('/variables/', { name: 'environment', value: 'staging', tags: ['ui-test'] })
  await api.post('/variables/', { name: 'batch_size', value: 500 })

  const gcl = await api.post('/v2/concurrency_limits/', { name: 'database-connections', limit: 5 })
  ids.globalLimit = gcl.id
  const tagLimit = await api.post('/concurrency_limits/', { tag: 'db', concurrency_limit: 3 })
  ids.tagLimit = tagLimit.id

  const automation = await api.post('/automations/', {
    name: 'cancel-stuck-runs',
    description: 'Cancels failed runs tagged stuck',
    enabled: true,
    // Automations fire: only runs tagged "stuck" (none of the seeded ones) match, so the seeded states stay put.
    trigger: {
      type: 'event',
      match: { 'prefect.resource.id': 'prefect.flow-run.*' },
      match_related: { 'prefect.resource.role': 'tag', 'prefect.resource.id': 'prefect.tag.stuck' },
      after: [],
      expect: ['prefect.flow-run.Failed'],
      for_each: ['prefect.resource.id'],
      posture: 'Reactive',
      threshold: 1,
      within: 0,
    },
    actions: [{ type: 'cancel-flow-run' }],
  })
  ids.automation = automation.id

  const now = Date.now()
  const events = [0, 1, 2].map(i => ({
    id: crypto.randomUUID(),
    occurred: new Date(now - (i + 1) * 60_000).toISOString(),
    event: i === 2 ? 'prefect.flow-run.Failed' : 'prefect.flow-run.Completed',
    resource: { 'prefect.resource.id': `prefect.flow-run.${i === 2 ? ids.runs.Failed : completed}`, 'prefect.resource.name': 'run' },
    related: [{ 'prefect.resource.id': `prefect.flow.${flow.id}`, 'prefect.resource.role': 'flow', 'prefect.resource.name': flow.name }],
    payload: { intended: { from: 'RUNNING', to: i === 2 ? 'FAILED' : 'COMPLETED' } },
  }))
  await api.post('/events', events)
  ids.event = events[0]
  return ids
}
