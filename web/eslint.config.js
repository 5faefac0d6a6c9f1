// ESLint (flat config): typescript-eslint's type-aware recommended rules over the app,
// its tests and the build scripts, and the rules of hooks (Preact's hooks follow React's
// rules: same call order on every render, complete effect dependencies).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'e2e/screenshots/'] },
  js.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    files: ['**/*.{js,mjs}'],
    languageOptions: {
      globals: {
        // Node.js
        process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly',
        clearTimeout: 'readonly', fetch: 'readonly', Buffer: 'readonly',
        // e2e/run.mjs: the functions it gives page.evaluate / waitForFunction run in the browser
        document: 'readonly', localStorage: 'readonly',
      },
    },
  },
);
