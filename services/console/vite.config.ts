// Built into dist/ and served by the issuer service at /console/ (services/issuer/src/console/static.ts).
import { defineConfig } from 'vite'
import react from '@vitejs/plugin-react'

export default defineConfig({
  base: '/console/',
  plugins: [react()],
  // no inline script anywhere (strict CSP): keep Vite's module preload helper in the bundle, not in index.html
  build: { outDir: 'dist', emptyOutDir: true, modulePreload: { polyfill: false }, assetsInlineLimit: 0 }
})
