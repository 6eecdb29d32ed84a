import { Api } from '@prefecthq/prefect-ui-library'

export class AdminApi extends Api {
  routePrefix = '/admin'

  async getSettings() {
    const { data } = await this.get('/settings')
    return data
  }

  async getVersion() {
    const { data } = await this.get('/version')
    return data
  }
}
