import { createWorkspaceRouteRecords, createWorkspaceRoutes, RouteGuardExecutioner } from '@prefecthq/prefect-ui-library'
import { createRouter, createWebHistory } from 'vue-router'
import { storedCredentials } from '@/services/auth'
import { loadUiSettings } from '@/services/uiSettings'

export const routes = {
  ...createWorkspaceRoutes(),
  root: () => ({ name: 'root' }),
  settings: () => ({ name: 'settings' }),
  login: (redirect) => ({ name: 'login', query: redirect ? { redirect } : undefined }),
}

// The library names every page's route and path; the app supplies the page components.
const workspaceRoutes = createWorkspaceRouteRecords({
  dashboard: () => import('@/pages/Dashboard.vue'),
  runs: () => import('@/pages/Runs.vue'),
  flowRun: () => import('@/pages/FlowRun.vue'),
  taskRun: () => import('@/pages/TaskRun.vue'),
  flows: () => import('@/pages/Flows.vue'),
  flow: () => import('@/pages/Flow.vue'),
  deployments: () => import('@/pages/Deployments.vue'),
  deployment: () => import('@/pages/Deployment.vue'),
  deploymentEdit: () => import('@/pages/DeploymentEdit.vue'),
  deploymentDuplicate: () => import('@/pages/DeploymentDuplicate.vue'),
  deploymentFlowRunCreate: () => import('@/pages/FlowRunCreate.vue'),
  blocks: () => import('@/pages/Blocks.vue'),
  blocksCatalog: () => import('@/pages/BlocksCatalog.vue'),
  blocksCatalogView: () => import('@/pages/BlocksCatalogView.vue'),
  blockCreate: () => import('@/pages/BlockCreate.vue'),
  block: () => import('@/pages/Block.vue'),
  blockEdit: () => import('@/pages/BlockEdit.vue'),
  concurrencyLimits: () => import('@/pages/ConcurrencyLimits.vue'),
  concurrencyLimit: () => import('@/pages/ConcurrencyLimit.vue'),
  concurrencyLimitsV2: () => import('@/pages/ConcurrencyLimits.vue'),
  concurrencyLimitV2: () => import('@/pages/ConcurrencyLimitV2.vue'),
  variables: () => import('@/pages/Variables.vue'),
  workPools: () => import('@/pages/WorkPools.vue'),
  workPool: () => import('@/pages/WorkPool.vue'),
  workPoolCreate: () => import('@/pages/WorkPoolCreate.vue'),
  workPoolEdit: () => import('@/pages/WorkPoolEdit.vue'),
  workPoolQueue: () => import('@/pages/WorkPoolQueue.vue'),
  workPoolQueueCreate: () => import('@/pages/WorkPoolQueueCreate.vue'),
  workPoolQueueEdit: () => import('@/pages/WorkPoolQueueEdit.vue'),
  artifacts: () => import('@/pages/Artifacts.vue'),
  artifact: () => import('@/pages/Artifact.vue'),
  artifactKey: () => import('@/pages/ArtifactKey.vue'),
  automations: () => import('@/pages/Automations.vue'),
  automation: () => import('@/pages/Automation.vue'),
  automationCreate: () => import('@/pages/AutomationCreate.vue'),
  automationEdit: () => import('@/pages/AutomationEdit.vue'),
  events: () => import('@/pages/Events.vue'),
  event: () => import('@/pages/Event.vue'),
})

const routeRecords = [
  {
    name: 'login',
    path: '/login',
    component: () => import('@/pages/Login.vue'),
  },
  {
    path: '/',
    component: () => import('@/components/AppShell.vue'),
    children: [
      { name: 'root', path: '', redirect: { name: 'workspace.dashboard' } },
      ...workspaceRoutes,
      { name: 'settings', path: 'settings', component: () => import('@/pages/Settings.vue') },
      { name: '404', path: ':pathMatch(.*)*', component: () => import('@/pages/NotFound.vue') },
    ],
  },
]

export const router = createRouter({
  history: createWebHistory(import.meta.env.BASE_URL),
  routes: routeRecords,
})

router.beforeEach(async (to, from) => {
  if (to.name !== 'login') {
    const settings = await loadUiSettings()
    if (settings.auth === 'BASIC' && !storedCredentials()) {
      return routes.login(to.fullPath)
    }
  }
  return RouteGuardExecutioner.before(to, from)
})

router.afterEach((to, from) => {
  if (to.fullPath !== from.fullPath) {
    document.title = 'Prefect'
  }
  return RouteGuardExecutioner.after(to, from)
})
