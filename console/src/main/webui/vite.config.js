import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

// The console is served by Quarkus (Quinoa) from dist/; in `vite` dev mode the API is forwarded to the console's port.
export default defineConfig({
  plugins: [svelte()],
  build: {
    outDir: 'dist',
    // No inline script or style anywhere: the Content-Security-Policy allows only the app's own files.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
  server: { proxy: { '/api': 'http://localhost:8080' } },
});
