import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { precompress } from '../../scripts/vite-precompress.ts';

/**
 * The mobile hall, served by the server at `/`. In development `vite` serves
 * it on :5173 and passes `/api` to the server on :3000.
 */
export default defineConfig({
  plugins: [react(), precompress()],
  server: {
    port: 5173,
    proxy: { '/api': 'http://localhost:3000' },
  },
  preview: {
    proxy: { '/api': 'http://localhost:3000' },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The hall runs inside WeCom's and WeChat's built-in browsers, whose
    // engines lag behind the stores' browsers; aim a little lower than Vite's
    // default "baseline widely available".
    target: ['es2020', 'chrome87', 'safari14', 'firefox78', 'edge88'],
  },
});
