import { plugin as PrefectDesign } from '@prefecthq/prefect-design'
import { plugin as PrefectUILibrary } from '@prefecthq/prefect-ui-library'
import { createApp } from 'vue'
import { router } from '@/router'
import { applyColorMode, storedColorMode } from '@/services/colorMode'

import '@prefecthq/vue-charts/vue-charts.css'
import '@prefecthq/prefect-design/prefect-design.css'
import '@prefecthq/prefect-ui-library/prefect-ui-library.css'
import '@/styles.css'

// Imported after the styles: import order decides the order of the CSS rules.
// eslint-disable-next-line import/order
import App from '@/App.vue'

const app = createApp(App)
app.use(router)
app.use(PrefectDesign)
app.use(PrefectUILibrary)
applyColorMode(storedColorMode())
app.mount('#app')
