import vue from '@vitejs/plugin-vue'
import { fileURLToPath, URL } from 'node:url'
import { defineConfig } from 'vite'

// Asset URLs carry a placeholder that the server replaces with its serve base (PREFECT_UI_SERVE_BASE),
// so one bundle can be mounted at any path.
export const SERVE_BASE_PLACEHOLDER = '/PREFECT_UI_SERVE_BASE_REPLACE_PLACEHOLDER'

export default defineConfig({
  base: `${SERVE_BASE_PLACEHOLDER}/`,
  plugins: [vue()],
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
    dedupe: ['vue', 'vue-router', '@prefecthq/vue-compositions'],
  },
  build: {
    outDir: 'target/dist',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 4000,
    reportCompressedSize: false,
  },
  server: {
    proxy: {
      '/api': 'http://127.0.0.1:4200',
      '/ui-settings': 'http://127.0.0.1:4200',
    },
  },
})
