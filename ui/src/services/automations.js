import { Api, mapper } from '@prefecthq/prefect-ui-library'

// The library's automations client reads names and states only; the app's pages also need the trigger and
// actions, and to create and update automations.
export function mapAutomation(response) {
  return {
    id: response.id,
    name: response.name,
    description: response.description ?? '',
    enabled: response.enabled,
    trigger: mapper.map('AutomationTriggerResponse', response.trigger, 'AutomationTrigger'),
    actions: mapper.map('AutomationActionResponse', response.actions, 'AutomationAction'),
  }
}

export function automationRequest(automation) {
  return {
    name: automation.name,
    description: automation.description ?? '',
    enabled: automation.enabled ?? true,
    trigger: mapper.map('AutomationTrigger', automation.trigger, 'AutomationTriggerRequest'),
    actions: mapper.map('AutomationAction', automation.actions, 'AutomationActionRequest'),
  }
}

export class AutomationsApi extends Api {
  routePrefix = '/automations'

  async getAutomation(id) {
    const { data } = await this.get(`/${id}`)
    return data
  }

  async createAutomation(request) {
    const { data } = await this.post('/', request)
    return data
  }

  async updateAutomation(id, request) {
    await this.put(`/${id}`, request)
  }
}
