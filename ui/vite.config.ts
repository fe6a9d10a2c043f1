// Vite build for the Samspor UI: Preact + TypeScript, DKFDS styles, output in
// ui/dist with hashed file names under /assets/ (the server embeds ui/dist).
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

const dkfdsDist = fileURLToPath(new URL('./node_modules/dkfds/dist/', import.meta.url));

/**
 * Keep only the woff2 sources in DKFDS's @font-face rules.
 *
 * dkfds.min.css lists eot, woff, woff2 and ttf for IBM Plex Sans; Vite copies
 * every file a url() names (18 files, 1.4 MB). Every browser we support reads
 * woff2, so the others are dead weight in the binary. @font-face rules with
 * only local() sources (the "system" family) are left alone. The build fails
 * if a DKFDS update changes the CSS so that no rule matches, instead of
 * silently shipping all formats again.
 */
function dkfdsWoff2Only(): Plugin {
  const dkfdsCss = /[\\/]dkfds[\\/]dist[\\/]css[\\/][^\\/]+\.css$/;
  return {
    name: 'samspor:dkfds-woff2-only',
    enforce: 'pre',
    transform(code, id) {
      if (!dkfdsCss.test(id.split('?')[0] ?? '')) return null;
      let trimmed = 0;
      const out = code.replace(/@font-face\s*\{[^}]*\}/g, (rule) =>
        rule.replace(/src\s*:([^;}]*)/, (decl, list: string) => {
          // Split before each source: url() values here contain no commas.
          const sources = list.split(/,(?=\s*(?:url|local)\()/);
          const woff2 = sources.filter((s) => /format\(\s*["']woff2["']\s*\)/.test(s));
          if (woff2.length === 0) return decl;
          trimmed++;
          return `src:${woff2.join(',')}`;
        }),
      );
      if (trimmed === 0) {
        this.error(`no @font-face with a woff2 source in ${id}: has dkfds changed its CSS?`);
      }
      return { code: out, map: null };
    },
  };
}

export default defineConfig({
  base: '/',
  // Preact's automatic JSX runtime, compiled by Vite's built-in Oxc transform
  // (no Babel, no @preact/preset-vite).
  oxc: {
    jsx: { runtime: 'automatic', importSource: 'preact' },
  },
  resolve: {
    // dkfds's package.json "exports" only exposes its JS; reach the CSS (and
    // the fonts and icons it references) through the file system.
    alias: [{ find: /^dkfds\/dist\/(.*)$/, replacement: `${dkfdsDist}$1` }],
  },
  plugins: [dkfdsWoff2Only()],
  build: {
    outDir: 'dist',
    assetsDir: 'assets',
    emptyOutDir: true,
    sourcemap: false,
    // Icons below 4 KiB are inlined into the CSS as data: URLs (Vite's default);
    // the server's Content-Security-Policy must allow img-src data:.
    assetsInlineLimit: 4096,
    reportCompressedSize: false,
  },
  server: {
    // `npm run dev` proxies the API to a locally running `samspor serve`.
    proxy: {
      '/api': 'http://127.0.0.1:8080',
      '/healthz': 'http://127.0.0.1:8080',
    },
  },
});
