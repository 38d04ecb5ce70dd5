// One lint config for every workspace (STYLE.md §14).
import js from '@eslint/js'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '.data/**', '**/*.d.ts', 'bench/results.json', '.tap/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', fetch: 'readonly', AbortController: 'readonly', structuredClone: 'readonly', TextEncoder: 'readonly', TextDecoder: 'readonly' } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      // Arrows point down (STYLE.md §2): libraries never import services.
      'no-restricted-imports': ['error', { patterns: [{ group: ['@obp/issuer*', '@obp/verifier*', '@obp/revocation*', '**/services/**'], message: 'services talk over HTTP and queues; move shared code into libs/' }] }]
    }
  },
  {
    // the console runs in the browser
    files: ['services/console/src/**/*.{ts,tsx}'],
    languageOptions: { globals: { window: 'readonly', document: 'readonly', localStorage: 'readonly', crypto: 'readonly', Blob: 'readonly', FormData: 'readonly', File: 'readonly', URLSearchParams: 'readonly' } }
  },
  {
    files: ['services/**/*.ts', 'test/**/*.ts', 'bench/**/*.{ts,mjs}', 'scripts/**/*.ts'],
    rules: { 'no-restricted-imports': 'off' }
  }
)
