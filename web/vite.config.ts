import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { fieldApp } from './field/build/field-plugin';

const webRoot = fileURLToPath(new URL('.', import.meta.url));
const api = 'http://127.0.0.1:3000';

export default defineConfig({
  root: webRoot,
  plugins: [react(), fieldApp()],
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 900,
    rollupOptions: {
      // Two single-page apps from one build: the hub console (index.html) and the field app /
      // public resident pages (field/index.html, moved to dist/field.html by fieldApp()).
      input: {
        main: fileURLToPath(new URL('./index.html', import.meta.url)),
        field: fileURLToPath(new URL('./field/index.html', import.meta.url)),
      },
    },
  },
  server: {
    proxy: {
      '/api': { target: api, changeOrigin: false },
      '/openapi.json': { target: api },
    },
  },
});
