import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: { input: { main: resolve('electron/main.ts'), jobWorker: resolve('electron/jobs/worker.ts'), backupWorker: resolve('electron/backup/worker.ts') } },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload is CommonJS and bundles everything it uses (only 'electron' stays external).
      externalizeDeps: false,
      rollupOptions: {
        input: { preload: resolve('electron/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve('renderer'),
    // Relative asset URLs: the same build loads from file:// in Electron and under /<token>/ in browser mode.
    base: './',
    plugins: [react()],
    build: {
      outDir: resolve('out/renderer'),
      // Minified: the window parses one bundle before it can draw anything (5.3 MB unminified).
      minify: true,
      chunkSizeWarningLimit: 3000,
      rollupOptions: { input: resolve('renderer/index.html') },
    },
  },
});
